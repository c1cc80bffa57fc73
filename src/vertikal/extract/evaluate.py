"""Score proposals against a version's curated codings: precision, recall, F1 and status accuracy.

An item is present in the gold when its curated status is sole or shared, and proposed when the
extraction proposes sole or shared for it. Status accuracy counts, among the items both present and
proposed, those whose proposed status equals the curated one.

Honesty split: the items whose id's SHA-1 hex digest starts with 0-4 (about 30% of the codebook)
are held out of pattern tuning (:func:`held_out`); every figure is reported for the tuning items,
the held-out items and all items.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from vertikal.extract.model import Extraction
from vertikal.models import Coding, Item

HELD_OUT_DIGITS = "01234"
SPLIT_RULE = "held out of tuning: the items whose id's SHA-1 hex digest starts with 0-4"


def held_out(item_id: str) -> bool:
    """True for the items kept out of tuning: SHA-1 hex digest of the id starts with 0-4."""
    return hashlib.sha1(item_id.encode("utf-8")).hexdigest()[0] in HELD_OUT_DIGITS


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


@dataclass(frozen=True)
class Figures:
    """Counts and scores over a set of items (micro-averaged)."""

    items: int
    tp: int
    fp: int
    fn: int
    tn: int
    status_correct: int
    precision: float | None
    recall: float | None
    f1: float | None
    status_accuracy: float | None

    @classmethod
    def of(cls, rows: list[ItemScore]) -> Figures:
        count = {k: sum(1 for r in rows if r.outcome == k) for k in ("tp", "fp", "fn", "tn")}
        tp, fp, fn = count["tp"], count["fp"], count["fn"]
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = None if p is None or r is None else round(2 * p * r / (p + r), 4) if p + r else 0.0
        correct = sum(1 for x in rows if x.status_ok)
        return cls(len(rows), tp, fp, fn, count["tn"], correct, p, r, f1, _ratio(correct, tp))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ItemScore:
    """One item: the curated status, the proposed one, and what that makes it."""

    item: str
    held_out: bool
    gold: str
    proposed: str | None
    outcome: str  # tp, fp, fn or tn
    status_ok: bool | None
    cite_gold: tuple[str, ...]
    cite_proposed: tuple[str, ...]

    @property
    def f1(self) -> float | None:
        return {"tp": 1.0, "fp": 0.0, "fn": 0.0}.get(self.outcome)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["cite_gold"], out["cite_proposed"] = list(self.cite_gold), list(self.cite_proposed)
        p = {"tp": 1.0, "fp": 0.0}.get(self.outcome)
        r = {"tp": 1.0, "fn": 0.0}.get(self.outcome)
        out |= {"precision": p, "recall": r, "f1": self.f1}
        return out


@dataclass(frozen=True)
class Evaluation:
    """Per-item results and the figures for the tuning items, the held-out items and all items."""

    version: str
    source: str
    items: tuple[ItemScore, ...]
    overall: Figures
    tuning: Figures
    held_out: Figures

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "source": self.source,
            "split": SPLIT_RULE,
            "overall": self.overall.to_dict(),
            "tuning": self.tuning.to_dict(),
            "held_out": self.held_out.to_dict(),
            "items": [x.to_dict() for x in self.items],
        }


def _present(status: str | None) -> bool:
    return status in ("sole", "shared")


def evaluate(extraction: Extraction, gold: dict[str, Coding], items: list[Item], version: str) -> Evaluation:
    """Compare an extraction with the curated codings `gold` of `version`, item by item."""
    rows = []
    for item in items:
        coding = gold.get(item.id)
        if coding is None:
            continue
        prop = extraction.get(item.id)
        proposed = prop.status if prop is not None else None
        g, s = _present(coding.status), _present(proposed)
        outcome = "tp" if g and s else "fn" if g else "fp" if s else "tn"
        ok = (proposed == coding.status) if outcome == "tp" else None
        cites = tuple(prop.cite) if prop is not None else ()
        gold_cites = tuple(coding.cite)
        rows.append(
            ItemScore(item.id, held_out(item.id), coding.status, proposed, outcome, ok, gold_cites, cites)
        )
    return Evaluation(
        version,
        extraction.source,
        tuple(rows),
        Figures.of(rows),
        Figures.of([r for r in rows if not r.held_out]),
        Figures.of([r for r in rows if r.held_out]),
    )
