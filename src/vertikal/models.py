"""The schemas of vertikal's data files (pydantic), as frozen models."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

# `unknown`: no source read settles the coding; every item admits it and its note says what is missing.
Status = Literal["sole", "shared", "absent", "unknown"]
KnownStatus = Literal["sole", "shared", "absent"]
# The types an attribute may declare (see vertikal.attrs for what each accepts).
AttrType = Literal["integer", "boolean", "fraction", "holders", "bodies", "body", "choice", "text", "texts"]
Confidence = Literal["high", "medium", "low"]
Kind = Literal["power", "constraint", "check", "status"]
Basis = Literal["primary", "secondary"]
VersionKind = Literal["founding_law", "declaration", "law", "constitutional_law", "constitution", "amendment"]


def _real_date(value: str) -> str:
    _dt.date.fromisoformat(value)  # raises ValueError for 2022-02-30
    return value


IsoDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"),
    AfterValidator(_real_date),
]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Line = Annotated[str, StringConstraints(min_length=1, max_length=400)]
# A source: the id of a source registered in references.yaml (see `vertikal.references`). Kept loose here so
# that `vertikal check` can say what is wrong with a value (an unknown id, a bare URL) with its own codes.
SourceRef = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^\S+$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


LANGS = ("en", "ru", "kk")


class _Words(Strict):
    """Words in several languages; `get` falls back to English where a language is missing."""

    en: str

    def exact(self, lang: str) -> str | None:
        """The text in `lang`, or None when it is not written (no fallback)."""
        value = getattr(self, lang, None) if lang in LANGS else None
        return value if isinstance(value, str) and value.strip() else None

    def get(self, lang: str) -> str:
        """The text in `lang`, else the English text."""
        return self.exact(lang) or self.en


class Labels(_Words):
    """A short name in English and Russian, and in Kazakh where written (`vertikal check` warns, VK060)."""

    ru: str
    kk: str | None = None


class Definition(_Words):
    """What a codebook item means: English always; Russian and Kazakh where written (VK061, VK060).

    A plain string is read as the English definition (codebooks written before definitions had
    languages).
    """

    ru: str | None = None
    kk: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_english(cls, value: Any) -> Any:
        return {"en": value} if isinstance(value, str) else value


def _attr_shorthand(value: Any) -> Any:
    """A plain description is a free-text attribute: ``x: what`` means ``{type: text, about: what}``."""
    return {"type": "text", "about": value} if isinstance(value, str) else value


class AttrSpec(Strict):
    """What one attribute of an item holds: its type, what it means, and for `choice` the values allowed."""

    type: AttrType = "text"
    about: str
    values: list[str] = Field(default_factory=list)


class Item(Strict):
    """One codebook item. Its `statuses` are the known ones; every item also admits `unknown`."""

    id: Ident
    domain: Ident
    kind: Kind
    key: bool = False
    label: Labels
    definition: Definition
    statuses: dict[KnownStatus, str]
    attributes: dict[str, Annotated[AttrSpec, BeforeValidator(_attr_shorthand)]] = Field(default_factory=dict)
    maps: dict[str, list[str]] = Field(default_factory=dict)
    holders: list[Ident] = Field(
        default_factory=lambda: ["president"]
    )  # who the item applies to (codebook `holders`; docs/instruments.md)

    def admits(self, status: str) -> bool:
        return status == "unknown" or status in self.statuses

    @property
    def known(self) -> list[str]:
        """The known statuses the item admits, in the codebook's order."""
        return list(self.statuses)


class Codebook(Strict):
    schema_: int = Field(alias="schema")
    domains: dict[Ident, Labels]
    bodies: dict[Ident, Labels]
    holders: dict[Ident, Labels] = Field(
        default_factory=dict
    )  # named persons a provision can attach to (e.g. an exemption)
    items: list[Item]
    # items coded only in the codings of instruments other than the Constitution (outside the
    # per-version measures, which read `items` alone); docs/instruments.md
    instrument_items: list[Item] = Field(default_factory=list)


class Act(Strict):
    """The enacting or amending act."""

    en: str
    ru: str = ""
    number: str = ""
    date: IsoDate | None = None


class Document(Strict):
    """A further instrument that a composite version cites (prefix ``doc/art_N``)."""

    title: Labels
    articles: list[str]
    sources: list[SourceRef] = Field(default_factory=list)


class Version(Strict):
    """One point of the constitutional order."""

    id: IsoDate
    kind: VersionKind
    label: Labels
    short: Labels | None = Field(default=None, description="a shorter label, for charts")
    instrument: Labels
    act: Act
    adopted: IsoDate
    in_force: IsoDate
    basis: Basis
    sources: list[SourceRef] = Field(min_length=1)
    text: Url | None = None
    articles: list[str]
    documents: dict[Ident, Document] = Field(default_factory=dict)
    note: str = ""


class Manifest(Strict):
    schema_: int = Field(alias="schema")
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: Labels
    versions: list[Version]


class Release(Strict):
    """The dataset's own version and release date (``dataset.yaml``), for citing it."""

    schema_: int = Field(alias="schema")
    title: str = Field(min_length=1, max_length=200)
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){1,2}([.-]?[a-z0-9]+)?$")]
    released: IsoDate
    licence: str = Field(min_length=1)
    authors: list[Annotated[str, StringConstraints(min_length=1)]] = Field(min_length=1)
    note: str = ""


class Coding(Strict):
    """The status of one codebook item in one version, with its evidence."""

    status: Status
    with_: list[Ident] = Field(default_factory=list, alias="with")
    attrs: dict[str, Any] = Field(default_factory=dict)
    cite: list[str] = Field(default_factory=list)
    paraphrase: Line
    sources: list[SourceRef] = Field(default_factory=list)
    confidence: Confidence
    note: str = ""


class CodingFile(Strict):
    version: IsoDate
    basis: Basis
    sources: list[SourceRef] = Field(min_length=1)
    codings: dict[str, Coding]


class CodingFileHead(Strict):
    """A codings file with its codings not yet validated (each is checked on its own)."""

    version: IsoDate
    basis: Basis
    sources: list[SourceRef] = Field(min_length=1)
    codings: dict[str, dict[str, Any]]
