"""External validation: rank-correlate a country-year table the user brings with vertikal's series.

The table (CSV) has a year column and value columns. The map (YAML) says, for each column used, what
it is compared with: a measure (optionally one of its subscales) or a set of codebook items whose
status scores are summed, and a direction: +1 when higher values of the column mean more presidential
power, -1 when they mean less. Each year is aligned to the version in force on 1 July of that year.

For each pair it reports Spearman's rho (Pearson's r on average ranks, computed by polars) between
the oriented column and vertikal's series, the number of years, and the years whose ranks differ
most. No p-value is given: consecutive years under one version are not independent observations.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, model_validator

from vertikal import _yaml
from vertikal.dataset import Dataset
from vertikal.models import Ident, Strict
from vertikal.problems import VertikalError, display_path

__all__ = ["ValidateError", "align", "read_map", "read_table", "spearman", "validate"]

DAY = "07-01"  # a year is aligned to the version in force on 1 July
TOP = 5  # how many years of largest rank difference are listed
MISSING = frozenset({"", "na", "n/a", "nan", "."})


class ValidateError(VertikalError, ValueError):
    """A table or map that cannot be read; the message names the file and the line."""


class Pair(Strict):
    """One column of the table and what it is compared with."""

    column: Annotated[str, Field(min_length=1)]
    direction: Literal[1, -1]
    measure: str | None = None
    subscale: Ident | None = None
    items: list[Ident] = []
    scores: dict[str, float] | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Pair:
        if (self.measure is None) == (not self.items):
            raise ValueError("give either `measure` or `items` (not both)")
        if self.subscale is not None and self.measure is None:
            raise ValueError("`subscale` goes with `measure`")
        if self.scores is not None and not self.items:
            raise ValueError("`scores` goes with `items`")
        return self


class Map(Strict):
    year: Annotated[str, Field(min_length=1)] = "year"
    pairs: Annotated[list[Pair], Field(min_length=1)]


# -- reading the inputs --------------------------------------------------------------------------


def read_map(path: Path, ds: Dataset) -> Map:
    """The map, validated against the schema and against the dataset's measures and items."""
    from vertikal import measures

    name = display_path(path)
    try:
        doc = _yaml.read(path)
    except _yaml.YamlError as exc:
        raise ValidateError(f"{name}:{exc.line}: {exc.message}") from None
    except OSError as exc:
        raise ValidateError(f"{name}: cannot read ({exc.strerror})") from None
    if doc.duplicates:
        dup, line = doc.duplicates[0]
        raise ValidateError(f"{name}:{line}: duplicate key {'.'.join(map(str, dup))!r}")
    try:
        mapping = Map.model_validate(doc.value)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or "(top)"
        raise ValidateError(f"{name}:{doc.line(loc)}: {where}: {err['msg']}") from None
    defs = {d.id: d for d in measures.definitions(ds)}
    items = {it.id for it in ds.items}
    for i, pair in enumerate(mapping.pairs):
        if pair.measure is not None and pair.measure not in defs:
            line = doc.line(("pairs", i, "measure"))
            raise ValidateError(f"{name}:{line}: unknown measure {pair.measure!r}; known: {', '.join(defs)}")
        if (
            pair.measure is not None
            and pair.subscale is not None
            and pair.subscale not in defs[pair.measure].subscales
        ):
            known = ", ".join(defs[pair.measure].subscales) or "none"
            line = doc.line(("pairs", i, "subscale"))
            raise ValidateError(
                f"{name}:{line}: {pair.measure} has no subscale {pair.subscale!r}; known: {known}"
            )
        for j, item in enumerate(pair.items):
            if item not in items:
                line = doc.line(("pairs", i, "items", j))
                raise ValidateError(
                    f"{name}:{line}: unknown item {item!r}; run `vertikal codebook` for the list"
                )
    return mapping


def _number(text: str, where: str) -> float | None:
    if text.strip().lower() in MISSING:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidateError(f"{where}: {text!r} is not a number (leave the cell empty if unknown)") from None


def read_table(path: Path, year_col: str, columns: Sequence[str]) -> dict[int, dict[str, float | None]]:
    """{year: {column: value or None}} for the chosen columns; one-line errors naming file and line."""
    name = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidateError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ValidateError(f"{name}: cannot read ({exc.strerror})") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(), dialect)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise ValidateError(f"{name}:1: empty; expected a header row with a {year_col!r} column")
    header = [h.strip() for h in header]
    dups = sorted({h for h in header if header.count(h) > 1})
    if dups:
        raise ValidateError(f"{name}:1: column {dups[0]!r} appears twice")
    for col in (year_col, *columns):
        if col not in header:
            raise ValidateError(f"{name}:1: no column {col!r}; the columns are: {', '.join(header)}")
    index = {h: i for i, h in enumerate(header)}
    out: dict[int, dict[str, float | None]] = {}
    first_line: dict[int, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ValidateError(f"{name}:{line}: {len(row)} fields, but the header has {len(header)}")
        raw = row[index[year_col]].strip()
        if not (raw.isdigit() and len(raw) == 4):
            raise ValidateError(f"{name}:{line}: column {year_col!r}: {raw!r} is not a year (e.g. 1995)")
        year = int(raw)
        if year in out:
            raise ValidateError(
                f"{name}:{line}: year {year} appears twice (first on line {first_line[year]})"
            )
        first_line[year] = line
        out[year] = {c: _number(row[index[c]], f"{name}:{line}: column {c!r}") for c in columns}
    if not out:
        raise ValidateError(f"{name}: no rows after the header")
    return out


# -- aligning and correlating --------------------------------------------------------------------


def align(ds: Dataset, year: int) -> str | None:
    """The id of the version in force on 1 July of `year`, or None before the first version."""
    day = f"{year:04d}-{DAY}"
    found = None
    for v in ds.versions:  # ordered by entry into force (checked by the loader, VK010)
        if v.in_force <= day:
            found = v.id
    return found


def _scores(pair: Pair) -> dict[str, float]:
    """The status scores summed over a pair's items: its own, else the measures' default scores."""
    from vertikal.measures.defs import MeasureDef

    default: dict[str, float] = MeasureDef.model_fields["scores"].default
    return dict(pair.scores) if pair.scores is not None else dict(default)


def _series(ds: Dataset, pair: Pair, version_id: str) -> tuple[float | None, tuple[str, str] | None]:
    """vertikal's value for `pair` in one version, or None and the (item, status) `scores` lacks."""
    from vertikal import measures

    if pair.measure is not None:
        result = measures.score(ds, pair.measure, version_id)
        value = result["subscales"][pair.subscale] if pair.subscale else result["total"]
        return float(value), None
    scores = _scores(pair)
    total = 0.0
    for item in pair.items:
        status = ds.codings[version_id][item].status
        if status not in scores:
            return None, (item, status)
        total += scores[status]
    return total, None


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rho (average ranks for ties); None for fewer than 3 pairs or a constant series."""
    if len(x) < 3:
        return None
    import polars as pl

    df = pl.DataFrame({"x": list(map(float, x)), "y": list(map(float, y))})
    rho = df.select(pl.corr("x", "y", method="spearman")).item()
    return None if rho is None or rho != rho else float(rho)


def _ranks(values: Sequence[float]) -> list[float]:
    import polars as pl

    return [float(r) for r in pl.Series(list(map(float, values))).rank("average")]


def _pair_result(ds: Dataset, pair: Pair, table: dict[int, dict[str, float | None]]) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    for year in sorted(table):
        external = table[year][pair.column]
        vid = align(ds, year)
        if vid is None:
            skipped.append({"year": year, "why": "no_version", "version": None, "item": None, "status": None})
            continue
        if external is None:
            skipped.append({"year": year, "why": "no_value", "version": vid, "item": None, "status": None})
            continue
        value, unscored = _series(ds, pair, vid)
        if value is None:
            item, status = unscored or (None, None)
            skipped.append({"year": year, "why": "no_score", "version": vid, "item": item, "status": status})
            continue
        rows.append({"year": year, "version": vid, "external": external, "vertikal": value})
    oriented = [pair.direction * r["external"] for r in rows]
    ours = [r["vertikal"] for r in rows]
    rho = spearman(oriented, ours)
    if rows:
        for r, re_, rv in zip(rows, _ranks(oriented), _ranks(ours), strict=True):
            r.update(rank_external=re_, rank_vertikal=rv, rank_diff=rv - re_)
    worst = sorted((r for r in rows if r["rank_diff"]), key=lambda r: (-abs(r["rank_diff"]), r["year"]))
    undefined = None  # why rho is undefined: fewer than 3 years, or a series constant over them
    if rho is None:
        undefined = "few_years" if len(rows) < 3 else "constant"
    target: dict[str, Any] = (
        {"measure": pair.measure, "subscale": pair.subscale}
        if pair.measure is not None
        else {"items": list(pair.items), "scores": _scores(pair)}
    )
    return {
        "column": pair.column,
        "direction": pair.direction,
        "target": target,
        "n": len(rows),
        "rho": rho,
        "undefined": undefined,
        "most_disagree": worst[:TOP],
        "years": rows,
        "skipped": skipped,
    }


def validate(ds: Dataset, against: Path, map_path: Path) -> dict[str, Any]:
    """Every mapped pair of the table `against`, correlated with vertikal's series."""
    mapping = read_map(Path(map_path), ds)
    columns = list(dict.fromkeys(p.column for p in mapping.pairs))
    table = read_table(Path(against), mapping.year, columns)
    return {
        "against": display_path(Path(against)),
        "map": display_path(Path(map_path)),
        "year_column": mapping.year,
        "aligned_on": DAY,
        "pairs": [_pair_result(ds, pair, table) for pair in mapping.pairs],
    }
