"""The schemas of the legal order's instruments (``instruments.yaml``) and of their codings files.

An instrument is a legal act with versions in force over time: a Constitution, a constitutional law,
a law, a decree (with `force` when it had the force of a law or a constitutional law) or a referendum.
A Constitution's versions are the versions of ``versions.yaml`` (their dates, articles and codings
come from there); every other instrument's versions carry their own in-force date, article list and
codings (``codings/<instrument>/<version>.yaml``). docs/instruments.md explains the model.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from vertikal.models import Act, Coding, IsoDate, Labels, SourceRef, Strict

InstrumentKind = Literal["constitution", "constitutional_law", "law", "decree", "referendum"]
Force = Literal["constitutional_law", "law"]
VersionId = Annotated[str, StringConstraints(pattern=r"^[0-9a-z][0-9a-z_-]*$")]
HolderId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]

# The rank of an instrument in the legal order: higher governs (docs/instruments.md, the combination rule).
RANK = {"constitution": 4, "referendum": 4, "constitutional_law": 3, "law": 2, "decree": 1}


class Title(Strict):
    """An instrument's title: English and Russian; Kazakh only where the official title was seen."""

    en: str
    ru: str
    kk: str | None = None


class Repeal(Strict):
    """When and by what an instrument stopped being in force."""

    date: IsoDate
    act: Act
    approximate: bool = False  # the date is a bound, not the established day (say why in `note`)
    note: str = ""


class InstrumentVersion(Strict):
    """One wording of an instrument, in force from `in_force` until the next version or the repeal."""

    id: VersionId
    in_force: IsoDate | None = None  # a Constitution's version takes it from versions.yaml
    approximate: bool = False  # in_force is a lower bound or a placeholder, not the established day
    in_force_note: str = ""
    act: Act | None = None  # the amending act (None: the original wording)
    articles: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    read: bool = False  # whether the text of this version was read (only read versions are coded)
    note: str = ""


class Instrument(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    kind: InstrumentKind
    force: Force | None = None  # a decree having the force of a law or of a constitutional law
    title: Title
    number: str = ""
    adopted: IsoDate
    repealed: Repeal | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    versions: list[InstrumentVersion] = Field(min_length=1)
    note: str = ""

    @property
    def rank(self) -> int:
        return RANK[self.force] if self.kind == "decree" and self.force else RANK[self.kind]


class Holder(Strict):
    """Who holds powers: an office (the President) or a person-bound status (the First President)."""

    en: str
    ru: str
    kk: str | None = None
    note: str = ""


class InstrumentSet(Strict):
    """``instruments.yaml``."""

    schema_: int = Field(alias="schema")
    rule: Labels  # the combination rule in one sentence (docs/instruments.md argues it)
    instruments: list[Instrument]


class InstrumentCoding(Coding):
    """A coding in an instrument's codings file: one holder's status on one item, in its own numbering."""

    item: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    holder: HolderId = "president"


class InstrumentCodingFile(Strict):
    instrument: str
    version: VersionId
    sources: list[SourceRef] = Field(min_length=1)
    codings: list[InstrumentCoding]


class InstrumentCodingFileHead(Strict):
    """A codings file with its codings not yet validated (each is checked on its own)."""

    instrument: str
    version: VersionId
    sources: list[SourceRef] = Field(min_length=1)
    codings: list[dict[str, object]]
