"""Issue 12, part 5: a decentralization index that moves when the way akims are chosen moves.

Synthetic rules (Testland) for the behaviour, the shipped data for the 2021 change, broken
overlays for the problem codes, and Hypothesis (fixed seed) for the national series' invariants.
"""

from __future__ import annotations

import itertools
import json
import shutil
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import vertikal
from vertikal.akims import decentralization
from vertikal.akims.index import FILE, SCORED, IndexDef, read
from vertikal.akims.measures import RAI, breaks, series, tier_cell
from vertikal.akims.models import AkimsFile, Method, TierId
from vertikal.cli.app import app
from vertikal.dataset import default_root

FIXTURES = Path(__file__).parent / "fixtures"
AKIMS = FIXTURES / "akims"
LABEL = {"en": "x", "ru": "x"}
TIERS: tuple[str, ...] = typing.get_args(TierId)
INDEX: IndexDef = read(default_root() / FILE)


def build(
    periods: list[tuple[str, str, str, str]], units: dict[str, list[tuple[str, int]]], **kw: Any
) -> AkimsFile:
    """Rules from (tier, from, to, method) and counts per tier; `direct_shares` etc. passed through."""
    return AkimsFile.model_validate(
        {
            "tiers": [
                {"id": t, "label": LABEL, "units": [{"from": d, "count": n} for d, n in rows]}
                for t, rows in units.items()
            ],
            "periods": [
                {"tier": t, "from": a, "to": b, "method": m, "confidence": "high"} for t, a, b, m in periods
            ],
            **kw,
        }
    )


def by_year(data: AkimsFile) -> dict[int, dict[str, Any]]:
    return {r["year"]: r for r in series(data, INDEX)}


# -- the scale ------------------------------------------------------------------------------------
def test_every_method_sits_on_exactly_one_level_of_the_scale() -> None:
    placed = [m for lv in INDEX.scale for m in lv.methods]
    assert sorted(placed) == sorted(SCORED)
    methods = [
        "appointed_by_president",
        "appointed_by_higher_akim",
        "appointed_by_president_from_nominees",
        "elected_by_maslikhat",
        "elected_directly",
    ]
    assert [INDEX.score_of(m) for m in methods] == [0, 0.25, 0.5, 0.75, 1]
    assert INDEX.score_of("mixed_rollout") is None and INDEX.score_of("unknown") is None


def test_the_rai_recode_covers_every_method() -> None:
    assert set(RAI) == set(typing.get_args(Method))


def test_indirect_and_direct_election_differ_on_the_headline_but_not_on_rai() -> None:
    data = build(
        [
            ("rural", "1990-01-01", "2020-12-31", "elected_by_maslikhat"),
            ("rural", "2021-01-01", "2026-12-31", "elected_directly"),
        ],
        {"rural": [("1990-01-01", 100)]},
    )
    rows = by_year(data)
    assert rows[2020]["national"] == 0.75 and rows[2021]["national"] == 1.0
    assert rows[2020]["national_rai"] == rows[2021]["national_rai"] == 1.0


# -- rollouts: dated shares, not a majority rule --------------------------------------------------
ROLLOUT = [
    ("rural", "1990-01-01", "2021-07-24", "elected_by_maslikhat"),
    ("rural", "2021-07-25", "2026-12-31", "mixed_rollout"),
]


def rollout(count: int, **more: Any) -> AkimsFile:
    shares = [
        {"tier": "rural", "date": "2013-08-09", "directly_elected": 0, "total": 2457},  # before the rollout
        {"tier": "rural", "date": "2021-12-31", "directly_elected": count, "total": 2345},
        *more.pop("shares", []),
    ]
    return build(
        ROLLOUT, {"rural": [("2013-08-05", 2457), ("2021-01-01", 2345)]}, direct_shares=shares, **more
    )


def test_the_rural_rollout_shares_drive_the_rural_score() -> None:
    for count in (864, 1200, 2345):
        cell = tier_cell(rollout(count), INDEX, rollout(count).tiers[0], "2021-12-31")
        share = count / 2345
        assert cell["share"]["value"] == pytest.approx(share) and cell["share"]["basis"] == "reported"
        assert cell["directness"] == round(share * 1 + (1 - share) * 0.75, 4)
        assert cell["levels"] == {"people": round(share, 4), "assembly": round(1 - share, 4)}
    assert by_year(rollout(864))[2021]["national"] < by_year(rollout(1200))[2021]["national"]


def test_between_two_dated_counts_the_share_is_interpolated_and_bounded() -> None:
    data = rollout(864, shares=[{"tier": "rural", "date": "2023-12-31", "directly_elected": 1668}])
    cell = by_year(data)[2022]["tiers"]["rural"]
    sh = cell["share"]
    assert sh["basis"] == "interpolated" and (sh["from"], sh["to"]) == ("2021-12-31", "2023-12-31")
    assert 864 / 2345 < sh["value"] < 1668 / 2345 and sh["estimated_total"]  # 1668 of the recorded 2,345
    assert cell["low"] < cell["directness"] < cell["high"]
    later = by_year(data)[2024]["tiers"]["rural"]
    assert later["share"]["basis"] == "carried" and later["high"] == 1.0  # only a lower bound after it


def test_a_rollout_before_its_first_dated_count_is_unknown() -> None:
    data = build(ROLLOUT, {"rural": [("1990-01-01", 100)]}, direct_shares=[])
    row = by_year(data)[2021]
    assert row["tiers"]["rural"]["directness"] is None and row["national"] is None
    assert row["excluded"] == [{"tier": "rural", "reason": "unknown_share"}]
    assert (row["national_low"], row["national_high"]) == (0.75, 1.0)


# -- unknown years are unknown --------------------------------------------------------------------
GAP = [
    ("region", "1990-01-01", "2026-12-31", "appointed_by_president"),
    ("rural", "1990-01-01", "1991-12-31", "elected_by_local_soviet"),
    ("rural", "1992-01-01", "1994-12-31", "unknown"),
    ("rural", "1995-01-01", "2026-12-31", "appointed_by_higher_akim"),
]


def test_unknown_years_are_none_and_never_carried_forward() -> None:
    rows = by_year(build(GAP, {"region": [("1990-01-01", 14)], "rural": [("1990-01-01", 2000)]}))
    for y in (1992, 1993, 1994):
        assert rows[y]["tiers"]["rural"]["directness"] is None
        assert rows[y]["national"] is None  # the rural tier holds far more than 5% of the units
        assert rows[y]["national_low"] < rows[y]["national_high"]
    assert rows[1991]["national"] is not None and rows[1995]["national"] is not None


def test_the_chart_leaves_a_gap_for_unknown_years() -> None:
    from vertikal import charts
    from vertikal.report.context import strings

    result = {
        "years": series(build(GAP, {"region": [("1990-01-01", 14)], "rural": [("1990-01-01", 2000)]}), INDEX)
    }
    result["breaks"] = breaks(result["years"])
    result["tiers"] = ["region", "rural"]
    spec = charts.decentralization(result, {"rural": "Rural", "region": "Region"}, strings("en"), "en")
    values = [v for d in _datasets(spec) for v in d]
    rural = {v["year"]: v["value"] for v in values if v.get("series") == "Rural"}
    assert rural[1991] is not None and rural[1995] is not None
    assert all(rural[y] is None for y in (1992, 1993, 1994))  # unknown: no value, never carried forward
    lines = [m for m in _marks(spec) if m.get("type") == "line"]
    assert lines and all(m.get("invalid") == "break-paths-show-domains" for m in lines)  # a gap, not a join


def _marks(spec: Any) -> list[dict[str, Any]]:
    """Every mark definition in a spec, however deeply layered or faceted."""
    found: list[dict[str, Any]] = []
    if isinstance(spec, dict):
        mark = spec.get("mark")
        if isinstance(mark, dict):
            found.append(mark)
        for value in spec.values():
            found += _marks(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _marks(value)
    return found


def _datasets(spec: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Every inline data set of a spec (Altair gathers them under `datasets`)."""
    found = [v for v in spec.get("datasets", {}).values() if isinstance(v, list)]
    for layer in spec.get("layer", []):
        values = layer.get("data", {}).get("values")
        if isinstance(values, list):
            found.append(values)
    return found


# -- the national series: never a silent drop -----------------------------------------------------
DATES = [f"{y}-{m:02d}-01" for y in range(1990, 2027, 3) for m in (1, 7)]
METHODS = [*SCORED, "unknown", "mixed_rollout"]


@st.composite
def rules(draw: st.DrawFn) -> dict[str, Any]:
    tiers = draw(st.lists(st.sampled_from(TIERS), min_size=1, max_size=5, unique=True))
    periods, units, shares = [], {}, []
    for t in tiers:
        cuts = sorted(draw(st.sets(st.sampled_from(DATES[1:]), max_size=4)))
        starts = ["1990-01-01", *cuts]
        ends = [f"{int(c[:4]) - (c[5:7] == '01')}-{'12-31' if c[5:7] == '01' else '06-30'}" for c in cuts]
        for a, b in zip(starts, [*ends, "2026-12-31"], strict=True):
            periods.append((t, a, b, draw(st.sampled_from(METHODS))))
        counts = draw(st.lists(st.tuples(st.sampled_from(DATES), st.integers(1, 3000)), max_size=3))
        units[t] = sorted(dict(counts).items())
        for d in draw(st.sets(st.sampled_from(DATES), max_size=3)):
            shares.append({"tier": t, "date": d, "share": draw(st.floats(0, 1).map(lambda x: round(x, 3)))})
    return {"periods": periods, "units": units, "direct_shares": shares}


def _make(r: dict[str, Any]) -> AkimsFile:
    return build(r["periods"], r["units"], direct_shares=r["direct_shares"])


@settings(max_examples=120, derandomize=True, deadline=None)
@given(rules())
def test_the_national_score_moves_only_with_a_tier_score_or_at_a_recorded_break(r: dict[str, Any]) -> None:
    rows = series(_make(r), INDEX)
    broken = {b["year"] for b in breaks(rows)}
    for before, now in itertools.pairwise(rows):
        if before["national"] is None or now["national"] is None or now["year"] in broken:
            continue
        assert before["covered"] == now["covered"]
        moved = [
            t for t in now["covered"] if now["tiers"][t]["directness"] != before["tiers"][t]["directness"]
        ]
        if not moved:
            assert now["national"] == before["national"], (now["year"], r)


@settings(max_examples=120, derandomize=True, deadline=None)
@given(rules(), st.data())
def test_removing_a_tier_or_its_unit_counts_is_a_recorded_break(
    r: dict[str, Any], data: st.DataObject
) -> None:
    tier = data.draw(st.sampled_from(sorted(r["units"])))
    full = series(_make(r), INDEX)
    without_counts = series(_make({**r, "units": {**r["units"], tier: []}}), INDEX)
    found = breaks(without_counts)
    assert found and found[0]["year"] == 1990 and {"tier": tier, "reason": "no_units"} in found[0]["left"]
    for row in without_counts:
        assert {"tier": tier, "reason": "no_units"} in row["excluded"] and tier not in row["covered"]
    # a tier left out never moves the national point: with the tier gone from the data altogether, the
    # point is the same in every year (and the tiers left out are listed the same, apart from it)
    gone = {
        "periods": [p for p in r["periods"] if p[0] != tier],
        "units": {t: u for t, u in r["units"].items() if t != tier},
        "direct_shares": [s for s in r["direct_shares"] if s["tier"] != tier],
    }
    if not gone["units"]:
        return
    for a, b in zip(without_counts, series(_make(gone), INDEX), strict=True):
        assert [e for e in a["excluded"] if e["tier"] != tier] == b["excluded"]
        if a["national"] is not None and b["national"] is not None:
            assert a["national"] == b["national"]
    # and where the tier counts, each year it is out of the point is listed with its reason
    for row in full:
        assert (tier in row["covered"]) != any(e["tier"] == tier for e in row["excluded"])


# -- the shipped series ---------------------------------------------------------------------------
def test_the_national_index_changes_in_2021(shipped: vertikal.Dataset) -> None:
    rows = {r["year"]: r for r in decentralization(shipped)["years"]}
    assert rows[2020]["national"] is not None and rows[2021]["national"] is not None
    assert rows[2021]["national"] > rows[2020]["national"]
    assert rows[2021]["tiers"]["rural"]["directness"] > rows[2020]["tiers"]["rural"]["directness"]


def test_every_change_of_the_tiers_behind_the_shipped_series_is_a_break(shipped: vertikal.Dataset) -> None:
    result = decentralization(shipped)
    listed = {b["year"] for b in result["breaks"]}
    rows = result["years"]
    changed = {now["year"] for before, now in itertools.pairwise(rows) if before["covered"] != now["covered"]}
    assert changed <= listed and result["breaks"], result["breaks"]
    for r in rows:
        if any(c["directness"] is None for c in r["tiers"].values()) and r["national"] is not None:
            assert r["excluded"]  # a tier without a score is never dropped silently


def test_the_cli_json_equals_the_library_and_the_text_names_the_breaks(shipped: vertikal.Dataset) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["decentralization", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout) == decentralization(shipped)
    text = runner.invoke(app, ["decentralization"], env={"COLUMNS": "80"}).stdout
    first = decentralization(shipped)["breaks"][0]
    assert f"  {first['year']}: " in text and "Fixed weights" in text
    assert "None" not in text and "True" not in text


def test_the_claims_language_reads_the_headline(shipped: vertikal.Dataset) -> None:
    from vertikal.measures.claims import Evaluator, Unevaluable

    ctx = Evaluator(shipped, None)
    rows = {r["year"]: r for r in decentralization(shipped)["years"]}
    assert ctx.national(2021) == rows[2021]["national"]
    unknown = next(y for y, r in rows.items() if r["national"] is None)
    with pytest.raises(Unevaluable, match="unknown"):
        ctx.national(unknown)


# -- problems: one broken overlay per code ---------------------------------------------------------
CASES = {
    "VK036-unplaced-method": ("VK036", "decentralization.yaml", 27),
    "VK037-share-exceeds-units": ("VK037", "akims.yaml", 17),
    "VK038-tier-without-units": ("VK038", "akims.yaml", 4),
}


@pytest.fixture
def akim_data(tmp_path: Path) -> Callable[[str | None], Path]:
    def make(case: str | None) -> Path:
        dest = tmp_path / (case or "valid")
        shutil.copytree(FIXTURES / "mini", dest)
        shutil.copytree(AKIMS / "valid", dest, dirs_exist_ok=True)
        if case:
            shutil.copytree(AKIMS / "broken" / case, dest, dirs_exist_ok=True)
        return dest

    return make


def test_every_akims_overlay_has_a_case() -> None:
    assert {p.name for p in (AKIMS / "broken").iterdir()} == set(CASES)


def test_the_synthetic_rules_are_valid(akim_data: Callable[[str | None], Path]) -> None:
    assert vertikal.load(akim_data(None)).problems == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_index_problems_are_reported_with_file_and_line(
    case: str, akim_data: Callable[[str | None], Path]
) -> None:
    code, file, line = CASES[case]
    problems = [p for p in vertikal.load(akim_data(case), strict=False).problems if p.code == code]
    assert problems and all(p.file.endswith(file) and p.line == line for p in problems), problems


def test_a_bad_index_definition_stops_the_command_in_one_line(
    akim_data: Callable[[str | None], Path],
) -> None:
    root = akim_data("VK036-unplaced-method")
    result = CliRunner().invoke(app, ["decentralization", "--data", str(root)])
    assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr
    assert result.stderr.strip().count("\n") == 0 and "VK036" in result.stderr


def test_the_docs_table_places_every_method_where_the_index_does() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "decentralization.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = None if cells[1] == "—" else int(cells[1])
    assert set(rows) == set(typing.get_args(Method))
    for method, level in rows.items():
        found = INDEX.level_of(method)
        assert (None if found is None else found.level) == level, method
