"""Small factories: synthetic datasets built in memory or on disk from the real codebook."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import vertikal
from vertikal.dataset import Dataset
from vertikal.models import Coding, Manifest, Version

DATA = Path(vertikal.__file__).parent / "data"
LEGAL = "adilet-k950001000-ru"  # a source of the shipped registry of kind official_text


def version(vid: str, articles: list[str] | None = None) -> Version:
    return Version.model_validate(
        {
            "id": vid,
            "kind": "amendment",
            "label": {"en": vid, "ru": vid},
            "instrument": {"en": "Constitution", "ru": "Конституция"},
            "act": {"en": f"Act of {vid}"},
            "adopted": vid,
            "in_force": vid,
            "basis": "primary",
            "sources": [LEGAL],
            "articles": articles or ["1..200"],
        }
    )


def coding(status: str = "absent", **kw: Any) -> Coding:
    data: dict[str, Any] = {"status": status, "paraphrase": "synthetic", "confidence": "high"}
    if status != "absent":
        data["cite"] = ["art_1"]
    if status == "shared":
        data["with"] = ["parliament"]
    data.update(kw)
    return Coding.model_validate(data)


def dataset(versions: dict[str, dict[str, Coding]], root: Path = DATA) -> Dataset:
    """An in-memory dataset on the real codebook and measures: every item absent unless given."""
    base = vertikal.load(DATA)
    ds = Dataset(root=root, codebook=base.codebook, references=base.references)
    ds.manifest = Manifest.model_validate(
        {
            "schema": 1,
            "country": "ZZ",
            "name": {"en": "Testland", "ru": "Тестландия"},
            "versions": [version(v).model_dump(by_alias=True) for v in versions],
        }
    )
    for vid, given in versions.items():
        ds.codings[vid] = {it.id: given.get(it.id, coding()) for it in ds.items}
        ds.coding_sources[vid] = [LEGAL]
    return ds


def data_dir(tmp: Path) -> Path:
    """A private copy of the shipped data directory (to break or extend in a test)."""
    dest = tmp / "data"
    shutil.copytree(DATA, dest)
    return dest
