"""Write a version's codings back as YAML in the layout of the coding guide."""

from __future__ import annotations

from typing import Any

import yaml

from vertikal.models import CodingFile


def _flow(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9, sort_keys=False)
    text = text.strip()
    return text[: -len("...")].strip() if text.endswith("...") else text


def dump_coding_file(cf: CodingFile, header: str = "") -> str:
    """YAML text for `cf`; parsing it gives back an equal model."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += [f"version: {cf.version}", f"basis: {cf.basis}", "sources:"]
    lines += [f"  - {_flow(s)}" for s in cf.sources]
    lines.append("codings:")
    for item_id, c in cf.codings.items():
        lines.append(f"  {item_id}:")
        lines.append(f"    status: {c.status}")
        if c.with_:
            lines.append(f"    with: {_flow(list(c.with_))}")
        if c.attrs:
            lines.append(f"    attrs: {_flow(dict(c.attrs))}")
        if c.cite:
            lines.append(f"    cite: {_flow(list(c.cite))}")
        lines.append(f"    paraphrase: {_flow(c.paraphrase)}")
        if c.sources:
            lines.append("    sources:")
            lines += [f"      - {_flow(s)}" for s in c.sources]
        lines.append(f"    confidence: {c.confidence}")
        if c.note:
            lines.append(f"    note: {_flow(c.note)}")
    return "\n".join(lines) + "\n"
