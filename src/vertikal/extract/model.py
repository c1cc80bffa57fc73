"""What extraction returns: proposals shaped like curated codings, plus a score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field

from vertikal.models import Coding, Ident

NOTE = "proposed by vertikal extract from {cite}; to be confirmed"


class Proposal(Coding):
    """A suggested coding of one item: the fields of :class:`vertikal.models.Coding`, the item and a score.

    `confidence` is always ``low`` and `note` says where the proposal comes from, so that an accepted
    proposal is a valid coding that a human still has to confirm. `score` (0..1) ranks proposals.
    """

    item: Ident
    score: float = Field(ge=0.0, le=1.0)

    def to_coding(self) -> Coding:
        return Coding.model_validate(self.model_dump(by_alias=True, exclude={"item", "score"}))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"item": self.item}
        out |= self.model_dump(by_alias=True, exclude={"item", "score"})
        out["score"] = self.score
        return out

    def __repr__(self) -> str:
        return f"Proposal({self.item}, {self.status}, {','.join(self.cite)}, {self.score:.2f})"


@dataclass(frozen=True)
class Extraction:
    """The proposals for one text, in codebook order."""

    source: str
    lang: str
    provisions: int
    clauses: int
    proposals: tuple[Proposal, ...]

    def get(self, item: str) -> Proposal | None:
        return next((p for p in self.proposals if p.item == item), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "lang": self.lang,
            "provisions": self.provisions,
            "clauses": self.clauses,
            "proposals": [p.to_dict() for p in self.proposals],
        }

    def __repr__(self) -> str:
        return f"Extraction({self.source}, {self.lang}, {len(self.proposals)} proposals)"
