"""The schema of ``data/akims.yaml``: tiers, selection rules per period, events, counts."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from vertikal.models import Confidence, Ident, IsoDate, Labels, SourceRef, Strict

Method = Literal[
    "appointed_by_president",
    "appointed_by_president_on_pm_proposal",
    "appointed_by_president_with_maslikhat_consent",
    "appointed_by_president_from_nominees",
    "appointed_by_higher_akim",
    "appointed_by_higher_akim_with_maslikhat_consent",
    "elected_by_maslikhat",
    "elected_by_local_soviet",
    "elected_directly",
    "mixed_rollout",
    "unknown",
]
TierId = Literal["region", "republican_city", "district", "rural", "city_district"]


class UnitCount(Strict):
    from_: IsoDate = Field(alias="from")
    count: int = Field(ge=0)
    sources: list[SourceRef] = []  # URLs (host rules apply) or ids of references.yaml
    note: str = ""


class Assembly(Strict):
    """The tier's representative assembly from a date: whether one exists and whether it is elected."""

    from_: IsoDate = Field(alias="from")
    exists: bool
    elected: bool | None = None
    sources: list[SourceRef] = []  # URLs (host rules apply) or ids of references.yaml
    note: str = ""


class Tier(Strict):
    id: TierId
    label: Labels
    units: list[UnitCount] = []
    assembly: list[Assembly] = []
    note: str = ""


class NoConfidence(Strict):
    possible: bool | None = None
    threshold: str = ""
    effect: str = ""


class Instrument(Strict):
    kind: Literal["constitution", "constitutional_law", "law", "decree", "soviet_law", "resolution", "other"]
    title: str
    article: str = ""
    date: IsoDate | None = None
    url: str = ""


class Rollout(Strict):
    """The two rules of a `mixed_rollout` period: the one units move to and the one the rest keep.

    Left out, `new` is direct election and `rest` the rule of the tier's preceding period.
    """

    new: Method = "elected_directly"
    rest: Method | None = None


class Period(Strict):
    tier: TierId
    from_: IsoDate = Field(alias="from")
    to: IsoDate
    method: Method
    elected_share: float | None = Field(default=None, ge=0, le=1)
    rollout: Rollout | None = None
    dismissal: str = "unknown"
    no_confidence: NoConfidence = NoConfidence()
    president_cancels_acts: bool | None = None
    term: str = ""
    instruments: list[Instrument] = []
    sources: list[SourceRef] = []  # URLs (host rules apply) or ids of references.yaml
    confidence: Confidence
    note: str = ""


class Event(Strict):
    id: Ident | str
    date: IsoDate
    kind: Literal["election", "reform", "address", "decree", "law", "statement", "appointment"]
    tiers: list[TierId] = []
    title: Labels
    counts: dict[str, Any] = {}
    sources: list[SourceRef] = []  # URLs (host rules apply) or ids of references.yaml
    confidence: Confidence = "medium"
    note: str = ""
    conflicts: str = ""


class DirectShare(Strict):
    """How far direct election of a tier's akims had got by a date: a count, a stated share, or both."""

    tier: TierId
    date: IsoDate
    directly_elected: int | None = Field(default=None, ge=0)
    total: int | None = Field(default=None, ge=0)
    share: float | None = Field(default=None, ge=0, le=1)  # a share the source states, when it gives no count
    sources: list[SourceRef] = []  # URLs (host rules apply) or ids of references.yaml
    note: str = ""

    @model_validator(mode="after")
    def _count_or_share(self) -> DirectShare:
        if self.directly_elected is None and self.share is None:
            raise ValueError("give directly_elected (a count of units) or share (a stated share), or both")
        return self


class AkimsFile(Strict):
    schema_: int = Field(default=1, alias="schema")
    tiers: list[Tier]
    periods: list[Period]
    events: list[Event] = []
    direct_shares: list[DirectShare] = []
