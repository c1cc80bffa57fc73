"""The read side of the explorer's database: lookups by id, each returning the library's stored result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from vertikal.fmt import Names
from vertikal.store import blob, open_readonly, read_meta
from vertikal.store import schema as t


class Store:
    """Read-only access; the small lists every page needs are read once, at start-up."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.engine = open_readonly(self.path)
        self.meta = read_meta(self.engine)
        self.country: dict[str, str] = blob(self.engine, "country")
        self.versions: list[dict[str, Any]] = blob(self.engine, "versions")
        self.codebook: list[dict[str, Any]] = blob(self.engine, "codebook")
        self.domains: dict[str, dict[str, str]] = blob(self.engine, "domains")
        # what citations and coded values name: bodies (absent from a database of an older vertikal)
        self.names = Names.from_json(blob(self.engine, "bodies") or {}, self.versions)
        self.version_ids = [v["id"] for v in self.versions]
        self.item_ids = {it["id"] for it in self.codebook}
        self.measure_ids: list[str] = blob(self.engine, "timeline")["measures"]
        self.measure_labels: dict[str, dict[str, str]] = {
            d["id"]: d["label"] for d in blob(self.engine, "methods")
        }

    def _one(self, stmt: Any) -> Any:
        with self.engine.connect() as conn:
            text = conn.execute(stmt).scalar()
        return None if text is None else json.loads(text)

    def blob(self, name: str) -> Any:
        return self._one(select(t.blobs.c.json).where(t.blobs.c.name == name))

    def powers(self, version_id: str) -> dict[str, Any] | None:
        return self._one(select(t.versions.c.powers_json).where(t.versions.c.id == version_id))  # type: ignore[no-any-return]

    def history(self, item_id: str) -> dict[str, Any] | None:
        return self._one(select(t.codebook.c.history_json).where(t.codebook.c.item == item_id))  # type: ignore[no-any-return]

    def compare(self, a: str, b: str) -> dict[str, Any] | None:
        stmt = select(t.compare_steps.c.result_json).where(
            t.compare_steps.c.from_version == a, t.compare_steps.c.to_version == b
        )
        return self._one(stmt)  # type: ignore[no-any-return]

    def scores(self, version_id: str) -> dict[str, dict[str, Any]]:
        """Every measure's total on one version (for the version page)."""
        stmt = select(
            t.measure_values.c.measure,
            t.measure_values.c.total,
            t.measure_values.c.max,
            t.measure_values.c.uncertain,
        ).where(t.measure_values.c.version == version_id)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        order = {m: i for i, m in enumerate(self.measure_ids)}
        rows = sorted(rows, key=lambda r: order.get(r[0], len(order)))
        return {r[0]: {"total": r[1], "max": r[2], "uncertain": bool(r[3])} for r in rows}

    def item(self, item_id: str) -> dict[str, Any] | None:
        for it in self.codebook:
            if it["id"] == item_id:
                return it
        return None

    def version(self, version_id: str) -> dict[str, Any] | None:
        for v in self.versions:
            if v["id"] == version_id:
                return v
        return None

    def neighbours(self, version_id: str) -> tuple[str | None, str | None]:
        i = self.version_ids.index(version_id)
        before = self.version_ids[i - 1] if i > 0 else None
        after = self.version_ids[i + 1] if i + 1 < len(self.version_ids) else None
        return before, after
