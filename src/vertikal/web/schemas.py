"""The shapes of the JSON twins and of errors, for the OpenAPI schema (documentation only).

Responses are the library's stored results sent as they are; these models describe them so that
`/openapi.json` tells clients what they get and schemathesis can check that it is so.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["sole", "shared", "absent", "unknown"]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Labels(Open):
    en: str
    ru: str
    kk: str | None = Field(default=None, description="Kazakh, where written (null: show the English)")


class Definition(Open):
    """What a codebook item means; null where a language is not written (show the English)."""

    en: str
    ru: str | None = None
    kk: str | None = None


class ErrorDetail(BaseModel):
    status: int = Field(ge=400, le=599)
    code: Literal["bad_request", "not_found", "method_not_allowed", "invalid_parameter", "internal_error"]
    message: str


class ErrorBody(BaseModel):
    """Every error of the site, JSON or HTML, carries these three facts."""

    model_config = ConfigDict(extra="forbid")
    error: ErrorDetail


class SourceOut(Open):
    """A source as the registry describes it (references.yaml): display form and URL, plus its fields."""

    id: str
    kind: str | None
    cite: str
    url: str


class Citation(Open):
    id: str
    doc: str | None
    article: str
    paragraph: str | None
    subparagraph: str | None


class VersionRow(Open):
    id: str
    kind: str
    label: Labels
    act: dict[str, Any]
    adopted: str
    in_force: str
    basis: Literal["primary", "secondary"]
    sources: list[SourceOut]


class VersionListRow(VersionRow):
    until: str | None
    counts: dict[str, int]


class CodingRow(Open):
    item: str
    domain: str
    kind: str
    label: Labels
    status: Status
    with_: list[str] = Field(alias="with")
    attrs: dict[str, Any]
    cite: list[Citation]
    paraphrase: str
    sources: list[SourceOut]
    confidence: Literal["high", "medium", "low"]
    note: str


class Powers(Open):
    version: VersionRow
    domain: str | None
    codings: list[CodingRow]


class Score(Open):
    total: float
    max: float
    uncertain: bool


class ArticleText(Open):
    article: str
    text: str


class VersionPage(Open):
    powers: Powers
    scores: dict[str, Score]
    previous: str | None
    next: str | None
    text_available: bool
    texts: dict[str, list[ArticleText]] = Field(description="Cited article texts by item, if in the corpus")


class HistoryRow(Open):
    version: str
    in_force: str
    status: Status
    cite: list[Citation]
    change: str | None


class HistoryItem(Open):
    id: str
    domain: str
    kind: str
    label: Labels
    definition: Definition


class History(Open):
    item: HistoryItem
    versions: list[HistoryRow]


class TimelineRow(Open):
    version: str
    in_force: str
    label: Labels
    measures: dict[str, dict[str, Any]]


class Timeline(Open):
    measures: list[str]
    versions: list[TimelineRow]


class StepMeasure(Open):
    delta: float
    classification: Literal["concentration", "deconcentration", "mixed", "unchanged"]


class Step(Open):
    from_: str = Field(alias="from")
    to: str
    measures: dict[str, StepMeasure]
    changes: list[dict[str, Any]]


class Home(Open):
    timeline: Timeline
    steps: list[Step]
    legal: dict[str, Any] | None = Field(
        default=None,
        description="the legal order's events (legal.events) and what they tell: the periods of more than "
        "one holder, powers passed between holders, the end of a holder; null without instruments",
    )


class Change(Open):
    item: str
    label: Labels
    change: Literal["gained", "lost", "constrained", "loosened", "attrs"]
    effect: int


class CompareResult(Open):
    from_: str = Field(alias="from")
    to: str
    changes: list[Change]
    measures: dict[str, StepMeasure]


class DiffLine(Open):
    op: Literal[" ", "+", "-", "@"]
    text: str


class TextDiff(Open):
    item: str
    articles_from: list[str]
    articles_to: list[str]
    same: bool
    lines: list[DiffLine]


class DaySide(Open):
    day: str
    version: str = Field(description="the version in force that day, which the comparison uses")


class CompareDays(Open):
    a: DaySide | None
    b: DaySide | None


class ComparePage(Open):
    compare: CompareResult | None = Field(description="null when two days fall in the same version")
    text_diff: list[TextDiff] | None = Field(description="null when either text is not in the corpus")
    days: CompareDays | None = Field(
        default=None, description="present when a side was given as a day that is not a version id"
    )
    dates: dict[str, Any] | None = Field(
        default=None,
        description="two days: what changed across the legal order (the library's legal.compare_dates)",
    )


class AkimsPage(Open):
    rules: dict[str, Any] | None
    series: dict[str, Any] | None


class ClaimsPage(Open):
    claims: list[dict[str, Any]]
    counts: dict[str, int]


class MethodsPage(Open):
    measures: list[dict[str, Any]]
    dimensions: list[dict[str, Any]]
    ranges: dict[str, str]
    periods: dict[str, Any]


class SensitivityPage(Open):
    switches: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    measures: list[dict[str, Any]]


class CodebookItem(Open):
    id: str
    domain: str
    kind: str
    key: bool
    label: Labels
    definition: Definition


class CodebookPage(Open):
    domains: dict[str, Labels]
    items: list[CodebookItem]


class DownloadFile(Open):
    name: str
    url: str
    media_type: str
    bytes: int
    description: str


class DownloadsPage(Open):
    available: bool
    files: list[DownloadFile]


class AtPower(Open):
    holder: str
    item: str
    label: dict[str, str | None]
    kind: str
    status: Status
    instrument: str
    version: str
    cite: list[str]
    citation: str = Field(description="the citation as vertikal.fmt writes it, in English")
    also: list[dict[str, Any]] = Field(
        description="the other instruments' codings of the same holder and item"
    )


class AtPage(Open):
    """The powers in force on a day (the library's `legal.at`)."""

    date: str
    constitution_version: str | None
    holder: str | None
    holders: list[str]
    holding: list[str] = Field(description="Of `holders`, those with a sole or shared power that day")
    in_force: list[dict[str, Any]]
    rule: dict[str, Any]
    powers: list[AtPower]
