"""Rules on one coding beyond its schema: unknown codings and typed attributes (VK040-VK043).

`check.coding_file` calls `coding` for every coding of a file; problems are reported on the dataset.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from vertikal import attrs
from vertikal.models import Coding, Item

if TYPE_CHECKING:
    from vertikal.dataset import Dataset, Source

# A note that says no source read settles the coding (the wordings the coders use).
UNSETTLED = re.compile(
    r"\bno source read (?:in this session )?(?:states|says)\b|\bno source found on this point\b", re.I
)


@functools.lru_cache(maxsize=4096)  # notes repeat (copies of a version say the same)
def unsettled(note: str) -> bool:
    """Whether a note says that no source read settles the coding."""
    return bool(UNSETTLED.search(note))


def coding(ds: Dataset, src: Source, item: Item, item_id: str, c: Coding) -> None:
    if c.status == "unknown":
        if not c.note.strip():
            ds.problem(
                src,
                src.line("codings", item_id),
                "VK041",
                f"{item_id} is unknown: its note must say what is missing",
            )
        if c.with_ or c.attrs:
            what = "bodies (`with`)" if c.with_ else "attributes"
            ds.problem(
                src,
                src.line("codings", item_id),
                "VK043",
                f"{item_id} is unknown but names {what}; put the unverified lead in the note",
            )
    elif unsettled(c.note):
        ds.problem(
            src,
            src.line("codings", item_id),
            "VK042",
            f"{item_id} is coded {c.status} but its note says no source read settles it; code it unknown",
        )
    if not c.attrs:
        return
    bodies = set(ds.codebook.bodies) if ds.codebook else set()
    holders = set(ds.codebook.holders) if ds.codebook else set()
    for key, value in c.attrs.items():
        spec = item.attributes.get(key)
        if spec is None:
            allowed = ", ".join(item.attributes) or "none"
            ds.problem(
                src,
                src.line("codings", item_id, "attrs", key),
                "VK003",
                f"{item_id}: unknown attribute {key!r}; allowed: {allowed}",
            )
            continue
        why = attrs.problem(spec, value, bodies, holders)
        if why is not None:
            ds.problem(
                src,
                src.line("codings", item_id, "attrs", key),
                "VK040",
                f"{item_id}.{key} ({spec.type}): {why}",
            )
