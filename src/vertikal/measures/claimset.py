"""The claims file (``data/claims.yaml``): claims from the literature with their sources and checks."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, StringConstraints, ValidationError

from vertikal import _yaml
from vertikal.dataset import Dataset
from vertikal.measures.claims import VERDICTS, PredicateError, evaluate_claim, parse, uses_measure
from vertikal.models import Ident, Labels, Strict
from vertikal.problems import VertikalError
from vertikal.queries import NotFound


def _article_id(text: str) -> str:
    from vertikal.refs import ArticleRef

    return ArticleRef.parse(text).id  # ValueError: the message says the expected form


class ClaimsError(VertikalError, ValueError):
    """The claims file is missing or invalid; names the file and line."""

    def __init__(self, file: object, line: int, message: str, code: str = "VK021") -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = str(file)
        self.line = line
        self.message = message
        self.code = code  # VK021, or the YAML reader's code for a file past its limits


class ClaimSource(Strict):
    """A source of the claim: a registered source id (references.yaml) and, for a legal text, its articles."""

    ref: Annotated[str, StringConstraints(min_length=1)]
    articles: list[Annotated[str, AfterValidator(_article_id)]] = []


class Passage(Strict):
    """Where the source says what the claim states, and what it is about (our own words)."""

    cite: str
    says: str
    read: bool = True  # False: the passage was not read here; the dimension follows the claim's wording


class Claim(Strict):
    id: str
    group: Literal["seed", "timeline", "scholars", "akims", "instruments"]
    text: Labels
    sources: list[ClaimSource]
    dimensions: list[Ident]  # [] for a dated fact that is about no dimension of concentration
    passage: Passage
    check: str | dict[Ident, str]  # one predicate, or one per dimension the source speaks to
    note: str = ""

    def predicates(self) -> list[str]:
        return list(self.check.values()) if isinstance(self.check, dict) else [self.check]


class ClaimsFile(Strict):
    schema_: int = 1
    claims: list[Claim]


def load_claims(ds: Dataset) -> list[Claim]:
    """The claims file, validated (kept on the dataset: the file does not change while it is loaded)."""
    key = ("claims",)
    if key not in ds.memo:
        ds.memo[key] = list(load_claims_file(ds)[0].claims)
    claims: list[Claim] = ds.memo[key]
    return list(claims)


def load_claims_file(ds: Dataset) -> tuple[ClaimsFile, _yaml.Doc]:
    """The validated claims file and its parsed document (for line numbers); ClaimsError if invalid."""
    path = ds.root / "claims.yaml"
    if not path.is_file():
        raise ClaimsError(path, 0, "no claims file")
    try:
        doc = _yaml.read(path)
    except _yaml.YamlError as exc:
        code = "VK021" if exc.code == "VK001" else exc.code
        raise ClaimsError(path, exc.line, exc.message, code) from None
    if isinstance(doc.value, dict) and "schema" in doc.value:
        doc.value["schema_"] = doc.value.pop("schema")
    try:
        parsed = ClaimsFile.model_validate(doc.value)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise ClaimsError(path, doc.line(loc), f"{'.'.join(map(str, loc))}: {err['msg']}") from None
    from vertikal.measures import dimensions

    known = {d.id for d in dimensions(ds)}
    seen: set[str] = set()
    for i, claim in enumerate(parsed.claims):
        line = doc.line(("claims", i, "check"))
        keys = list(claim.check) if isinstance(claim.check, dict) else []
        for dim in [*claim.dimensions, *keys]:
            if dim not in known:
                raise ClaimsError(
                    path,
                    doc.line(("claims", i, "dimensions")),
                    f"claim {claim.id}: unknown dimension {dim!r}; known: {', '.join(sorted(known))}",
                )
        if claim.id in seen:
            raise ClaimsError(path, doc.line(("claims", i, "id")), f"claim {claim.id!r} is listed twice")
        seen.add(claim.id)
        for key in keys:
            if key not in claim.dimensions:
                raise ClaimsError(
                    path, line, f"claim {claim.id}: check for {key!r}, not among its dimensions"
                )
        for predicate in claim.predicates():
            try:
                parse(predicate)
            except PredicateError as exc:
                raise ClaimsError(path, line, f"claim {claim.id}: {exc}") from None
            if uses_measure(predicate) and not claim.dimensions:
                raise ClaimsError(path, line, f"claim {claim.id}: reads a measure but names no dimension")
    return parsed, doc


def _joined(checks: dict[str, str]) -> str:
    """One line for a check given per dimension: 'powers: ...; personalization: ...'."""
    return "; ".join(f"{dim}: {predicate}" for dim, predicate in checks.items())


def _sources(ds: Dataset, sources: list[ClaimSource]) -> list[dict[str, Any]]:
    """The claim's sources as shown: each registered source's display form and URL, with its articles."""
    from vertikal import fmt
    from vertikal.references import describe

    out = []
    for s, row in zip(sources, describe(ds, [s.ref for s in sources]), strict=True):
        if s.articles:
            row = row | {"articles": list(s.articles), "cite": f"{row['cite']} {fmt.cites(s.articles)}"}
        out.append(row)
    return out


def summarise(verdicts: list[dict[str, Any]]) -> str:
    """One verdict for several measures: the one they all give, else `split`."""
    kinds = {v["verdict"] for v in verdicts}
    if len(kinds) == 1 and kinds <= set(VERDICTS):
        return str(kinds.pop())
    return "split"


def evaluate_all(ds: Dataset, only: str | None = None) -> dict[str, Any]:
    claims = load_claims(ds)
    if only is not None:
        claims = [c for c in claims if c.id == only]
        if not claims:
            raise NotFound(f"unknown claim {only!r}; run `vertikal claims` for the list")
    rows: list[dict[str, Any]] = []
    for claim in claims:
        verdicts = evaluate_claim(ds, claim.check, list(claim.dimensions))
        per_measure = any(v["measure"] is not None for v in verdicts)
        by_dimension = {
            dim: summarise(mine)
            for dim in claim.dimensions
            if (mine := [v for v in verdicts if v["dimension"] == dim])
        }
        rows.append(
            {
                "id": claim.id,
                "group": claim.group,
                "text": claim.text.model_dump(),
                "sources": _sources(ds, claim.sources),
                "dimensions": list(claim.dimensions),
                "passage": claim.passage.model_dump(),
                "check": claim.check if isinstance(claim.check, str) else _joined(claim.check),
                "checks": dict(claim.check) if isinstance(claim.check, dict) else {"*": claim.check},
                "note": claim.note,
                "verdict": summarise(verdicts),
                "by_dimension": by_dimension,
                "per_measure": per_measure,
                "verdicts": verdicts,
                "depends_on": sorted({d for v in verdicts for d in v["depends_on"]}),
                "uncertain": any(v["low_confidence"] for v in verdicts),
            }
        )
    counts: dict[str, int] = {}
    for r in rows:
        verdict = str(r["verdict"])
        counts[verdict] = counts.get(verdict, 0) + 1
    return {"claims": rows, "counts": counts}
