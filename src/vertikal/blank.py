"""A blank codings file for a blind second coding: every item to fill, no answers.

Every answer is the placeholder ``TODO``. The loader reports each remaining ``TODO`` (VK002, "still
TODO"), so `vertikal check` never mistakes an unfilled or half-filled blank for data. The version's
basis and the texts to read are filled in from the data: both coders code the same texts.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from vertikal._io import atomic_write
from vertikal.dataset import TODO, Dataset
from vertikal.models import Item
from vertikal.problems import VertikalError, display_path
from vertikal.writer import _flow

__all__ = ["TODO", "BlankError", "blank_text", "write_blank"]


class BlankError(VertikalError, FileExistsError):
    """The output file exists (and --force was not given) or is not a file."""


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(" ".join(text.split()), 100 - len(indent))]


def _item(item: Item) -> list[str]:
    names = " / ".join(t for t in (item.label.en, item.label.ru, item.label.kk) if t)
    lines = [f"  # {names} ({item.kind}, {item.domain})"]
    lines += _comment(item.definition.en, "  ")
    for lang in ("ru", "kk"):  # the definition in the other languages, where written
        text = item.definition.exact(lang)
        if text:
            lines += _comment(f"{lang}: {text}", "  ")
    lines += _comment("; ".join(f"{s} = {meaning}" for s, meaning in item.statuses.items()), "  ")
    if item.attributes:
        lines += _comment("attrs: " + "; ".join(f"{k}: {v}" for k, v in item.attributes.items()), "  ")
    lines += [
        f"  {item.id}:",
        f"    status: {TODO}  # one of: {', '.join(item.statuses)}",
        "    with: []",
        "    attrs: {}",
        "    cite: []",
        f"    paraphrase: {TODO}",
        f"    confidence: {TODO}  # high, medium or low",
        '    note: ""',
    ]
    return lines


def blank_text(ds: Dataset, version_id: str) -> str:
    """The YAML text of a blank codings file for one version, items in codebook order."""
    from vertikal.queries import _find_version

    v = _find_version(ds, version_id)
    from vertikal.references import find_url

    text = find_url(ds.references, v.text) if v.text else None  # the text's source, when it is registered
    sources = ds.coding_sources.get(v.id) or list(dict.fromkeys([*v.sources, *([text] if text else [])]))
    bodies = ", ".join(ds.codebook.bodies) if ds.codebook else ""
    head = [
        f"Blank codings of version {v.id} ({v.label.en}; in force {v.in_force}),",
        "for a blind second coding. Written by `vertikal blank`.",
        "Replace every TODO; until then `vertikal check` reports this file.",
        "Keys: status (one of the item's statuses); with (for shared: bodies' ids); attrs (the item's",
        "attributes); cite (provision ids such as art_44__para_3__subpara_2, in this version's",
        "numbering); paraphrase (one line in your own words); confidence (high, medium or low; low needs",
        "a note saying what is missing); note. See docs/coding-guide.md and docs/agreement.md.",
    ]
    lines = [f"# {line}" for line in head]
    lines += _comment(f"Bodies: {bodies}.", "")
    lines += [
        f"version: {v.id}",
        f"basis: {v.basis}",
        "sources:  # the texts to code from (ids in references.yaml)",
    ]
    lines += [f"  - {_flow(s)}" for s in sources]
    lines.append("codings:")
    for item in ds.items:
        lines += _item(item)
    return "\n".join(lines) + "\n"


def write_blank(ds: Dataset, version_id: str, out: Path, force: bool = False) -> dict[str, Any]:
    """Write the blank for `version_id` to `out`; refuse to replace an existing file unless `force`."""
    from vertikal.queries import resolve_version

    out = Path(out)
    version_id = resolve_version(ds, version_id)  # an id, a unique prefix or a year
    text = blank_text(ds, version_id)
    if out.is_dir():
        raise BlankError(f"{out}: is a directory; give the path of the codings file to write")
    if out.exists() and not force:
        raise BlankError(
            f"{out}: already exists; vertikal does not overwrite it (pass --force to replace it)"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, text)
    return {"version": version_id, "out": display_path(out), "items": len(ds.items), "todo": TODO}
