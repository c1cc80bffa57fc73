"""The dated legal order (issue 13): the instruments, the powers on a date, and what did not change.

`tests/data/snapshot13/` holds our own results (`vertikal timeline/claims/compare --json`) taken on the
branch base before instruments existed: the per-version measures and the claims' verdicts must stay
the same, whatever the instruments add.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import vertikal
from vertikal import legal
from vertikal.cli.app import app
from vertikal.legal.api import _index
from vertikal.measures.claimset import evaluate_all
from vertikal.measures.compare import compare

SNAP = Path(__file__).parent / "data" / "snapshot13"
_CITATION_KEYS = {"cite", "citation", "evidence", "sources", "note", "paraphrase", "confidence"}


def _snap(name: str) -> Any:
    return json.loads((SNAP / name).read_text(encoding="utf-8"))


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


def _without_evidence(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_evidence(v) for k, v in value.items() if k not in _CITATION_KEYS}
    if isinstance(value, list):
        return [_without_evidence(v) for v in value]
    return value


# -- the per-version results did not move -----------------------------------------------------------


def test_the_per_version_measures_are_unchanged(shipped: vertikal.Dataset) -> None:
    from vertikal import measures

    assert _plain(measures.timeline(shipped)) == _snap("timeline.json")


def test_the_claims_verdicts_are_unchanged(shipped: vertikal.Dataset) -> None:
    before = {c["id"]: c for c in _snap("claims.json")["claims"]}
    now = {c["id"]: c for c in _plain(evaluate_all(shipped))["claims"]}
    assert set(now) >= set(before)
    for cid, old in before.items():
        new = now[cid]
        assert new["verdict"] == old["verdict"], cid
        pairs = [(v["measure"], v["dimension"], v["verdict"]) for v in new["verdicts"]]
        assert pairs == [(v["measure"], v["dimension"], v["verdict"]) for v in old["verdicts"]], cid


def test_every_step_between_versions_is_unchanged(shipped: vertikal.Dataset) -> None:
    before = _snap("compare.json")
    ids = [v.id for v in shipped.versions]
    assert len(before) == len(ids) - 1
    for a, b in itertools.pairwise(ids):
        now = _plain(compare(shipped, a, b))
        old = before[f"{a}..{b}"]
        assert now["measures"] == old["measures"], (a, b)
        assert _without_evidence(now["changes"]) == _without_evidence(old["changes"]), (a, b)


# -- the decisive facts -----------------------------------------------------------------------------


def _power(result: dict[str, Any], holder: str, item: str) -> dict[str, Any]:
    return next(p for p in result["powers"] if p["holder"] == holder and p["item"] == item)


def test_in_2020_the_first_president_chairs_the_security_council(shipped: vertikal.Dataset) -> None:
    day = legal.at(shipped, dt.date(2020, 6, 1))
    fp = _power(day, "first_president", "chair_security_council")
    assert (fp["status"], fp["instrument"], fp["version"]) == (
        "sole",
        "security_council_law_2018",
        "2018-07-12",
    )
    assert "art_1__para_2" in fp["cite"] and fp["citation"].startswith("Art. 1(2)")
    assert _power(day, "president", "chair_security_council")["status"] == "absent"
    assert day["constitution_version"] == "2019-03-23"
    assert day["holders"] == ["president", "first_president"]


def test_in_mid_2022_the_president_chairs_it(shipped: vertikal.Dataset) -> None:
    day = legal.at(shipped, "2022-07-01")
    pr = _power(day, "president", "chair_security_council")
    assert (pr["status"], pr["instrument"], pr["version"]) == (
        "sole",
        "security_council_law_2018",
        "2022-02-18",
    )
    assert _power(day, "first_president", "chair_security_council")["status"] == "absent"


def test_compare_dates_lists_the_shift(shipped: vertikal.Dataset) -> None:
    diff = legal.compare_dates(shipped, "2020-06-01", "2022-07-01")
    changed = {(r["holder"], r["item"]): r for r in diff["changed"]}
    pr = changed[("president", "chair_security_council")]
    assert (pr["from"]["status"], pr["to"]["status"]) == ("absent", "sole")
    fp = changed[("first_president", "chair_security_council")]
    assert (fp["from"]["status"], fp["to"]["status"]) == ("sole", "absent")


def test_the_first_presidents_status_ends_with_the_repeal(shipped: vertikal.Dataset) -> None:
    after = legal.at(shipped, "2024-01-01", holder="first_president")["powers"]
    assert {p["status"] for p in after} <= {"absent"}
    before = legal.at(shipped, "2022-12-01", holder="first_president")["powers"]
    assert _power({"powers": before}, "first_president", "lifetime_status")["status"] == "sole"


def test_the_constitution_outranks_and_its_codings_keep_their_meaning(shipped: vertikal.Dataset) -> None:
    """A Constitution's coding governs its item; the instruments' codings of it are shown under `also`."""
    day = legal.at(shipped, "2025-01-01")
    p = _power(day, "president", "dismiss_government")
    assert p["instrument"] == "constitution_1995" and p["version"] == "2023-01-01"
    assert p["status"] == shipped.coding("2023-01-01", "dismiss_government").status
    assert [a["instrument"] for a in p["also"]] == ["government_law_1995"]


def test_an_unknown_coding_gives_way_to_a_known_one() -> None:
    from vertikal.legal.state import _governs

    starts = {("a", "1"): "2000-01-01", ("b", "1"): "1990-01-01"}
    high_unknown = {"status": "unknown", "rank": 4, "instrument": "a", "version": "1"}
    low_known = {"status": "sole", "rank": 2, "instrument": "b", "version": "1"}
    assert _governs(low_known, starts) > _governs(high_unknown, starts)


# -- the model --------------------------------------------------------------------------------------


def test_a_version_not_read_shows_the_last_read_wording_as_unknown(shipped: vertikal.Dataset) -> None:
    """2020-06-01: the First President law's version of 2018 (119-VI) was not read. What the 2010
    wording gave him is unknown that day, not absent, and the note names the wording last read."""
    day = legal.at(shipped, "2020-06-01", holder="first_president")
    by_item = {p["item"]: p for p in day["powers"]}
    immunity = by_item["immunity_after_office"]
    assert (immunity["status"], immunity["instrument"], immunity["version"]) == (
        "unknown",
        "first_president_law_2000",
        "2018-01-02",
    )
    assert "2010-06-14" in immunity["note"] and "sole" in immunity["note"] and immunity["cite"] == []
    # a known coding of another instrument still governs over the unread version's unknown
    chair = by_item["chair_security_council"]
    assert chair["status"] == "sole" and chair["instrument"] == "security_council_law_2018"
    also = [(a["instrument"], a["status"]) for a in chair["also"]]
    assert also == [("first_president_law_2000", "unknown")]
    # on a day when the read 2010 wording is in force, nothing is unknown for him
    earlier = legal.at(shipped, "2011-01-01", holder="first_president")
    assert earlier["powers"] and all(p["status"] != "unknown" for p in earlier["powers"])


def test_there_are_instruments_and_ordered_events(shipped: vertikal.Dataset) -> None:
    rows = legal.instruments(shipped)
    assert len(rows) >= 8
    kinds = {r["kind"] for r in rows}
    assert {"constitution", "constitutional_law", "law", "decree"} <= kinds
    dates = [e["date"] for e in legal.events(shipped)]
    assert dates == sorted(dates)
    for r in rows:
        for v, nxt in itertools.pairwise(r["versions"]):
            assert v["until"] == nxt["in_force"]


def test_version_on(shipped: vertikal.Dataset) -> None:
    assert legal.version_on(shipped, dt.date(1989, 1, 1)) is None
    assert legal.version_on(shipped, "1999-01-01") == "1998-10-07"
    assert legal.version_on(shipped, "1995-09-04") == "1993-01-28"
    assert legal.version_on(shipped, "1995-09-05") == "1995-08-30"


@pytest.mark.parametrize("bad", ["2020-13-01", "yesterday", "2022-02-30"])
def test_a_bad_date_is_one_clear_error(shipped: vertikal.Dataset, bad: str) -> None:
    with pytest.raises(legal.BadDate, match="not a date"):
        legal.at(shipped, bad)


def test_an_unknown_holder_is_one_clear_error(shipped: vertikal.Dataset) -> None:
    with pytest.raises(legal.UnknownHolder, match="expected one of president, first_president"):
        legal.at(shipped, "2020-01-01", holder="king")


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.dates(min_value=dt.date(1985, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_the_indexed_lookup_equals_a_scan(day: dt.date) -> None:
    ds = vertikal.load()
    iso = day.isoformat()
    found = {f["instrument"]: f["version"] for f in legal.at(ds, day)["in_force"]}
    for inst in legal.instruments(ds):
        scan = [
            v["id"]
            for v in inst["versions"]
            if v["in_force"] is not None
            and v["in_force"] <= iso
            and (v["until"] is None or iso < v["until"])
            and (inst["repealed"] is None or iso < inst["repealed"]["date"])
        ]
        assert found.get(inst["id"]) == (scan[0] if scan else None), (inst["id"], iso)
    assert ("legal", "index") in ds.memo and _index(ds) is ds.memo[("legal", "index")]


def test_no_coding_of_1990_to_1993_is_held_without_a_citation(shipped: vertikal.Dataset) -> None:
    """Each sole or shared coding of 1990-1993 cites some instrument's article (else it is unknown)."""
    early = [v.id for v in shipped.versions if v.id < "1995"]
    uncited = [
        (vid, item)
        for vid in early
        for item, c in shipped.codings[vid].items()
        if c.status in ("sole", "shared") and not c.cite
    ]
    assert uncited == []


def test_every_instrument_coding_cites_an_article_of_a_read_version(shipped: vertikal.Dataset) -> None:
    read = {(i["id"], v["id"]): v["read"] for i in legal.instruments(shipped) for v in i["versions"]}
    assert shipped.instrument_codings
    for inst, versions in shipped.instrument_codings.items():
        for vid, codings in versions.items():
            assert read[(inst, vid)], (inst, vid)
            for c in codings:
                assert c.cite or c.status in ("absent", "unknown"), (inst, vid, c.item)


def test_timeline_by_date_has_a_row_per_event_date(shipped: vertikal.Dataset) -> None:
    series = legal.timeline_by_date(shipped, ["volume"])
    dates = [r["date"] for r in series["versions"]]
    assert dates == sorted(set(dates)) and "2018-07-12" in dates
    row = next(r for r in series["versions"] if r["date"] == "2022-02-18")
    assert row["version"] == "2019-03-23"
    assert row["measures"]["volume"]["total"] is not None
    union = row["holders"]["presidential_type"]
    assert "chair_security_council" in union["items"]
    assert union["held"] >= row["holders"]["president"]["held"]


# -- the command line --------------------------------------------------------------------------------

runner = CliRunner()


def test_at_json_is_the_library_result(shipped: vertikal.Dataset) -> None:
    result = runner.invoke(app, ["at", "2020-06-01", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _plain(legal.at(shipped, "2020-06-01"))


def test_at_table_names_the_instrument_and_the_rule() -> None:
    result = runner.invoke(app, ["at", "2020-06-01", "--holder", "first_president"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "Chairs the Security Council" in result.stdout
    assert "Art. 1(2)" in result.stdout
    assert "highest rank" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_at_bad_input_is_one_line() -> None:
    result = runner.invoke(app, ["at", "2020-02-30"])
    assert result.exit_code != 0
    assert "not a date" in result.output and "Traceback" not in result.output


def test_instruments_and_events_json_equal_the_library(shipped: vertikal.Dataset) -> None:
    for cmd, fn in (("instruments", legal.instruments), ("events", legal.events)):
        result = runner.invoke(app, [cmd, "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == _plain(fn(shipped))


def test_compare_accepts_dates(shipped: vertikal.Dataset) -> None:
    result = runner.invoke(app, ["compare", "2020-06-01", "2022-07-01", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _plain(legal.compare_dates(shipped, "2020-06-01", "2022-07-01"))
    table = runner.invoke(app, ["compare", "2020-06-01", "2022-07-01"], env={"COLUMNS": "80"})
    assert "Chairs the Security Council" in table.stdout


def test_compare_of_two_version_ids_keeps_its_meaning(shipped: vertikal.Dataset) -> None:
    result = runner.invoke(app, ["compare", "2019-03-23", "2022-06-08", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _plain(compare(shipped, "2019-03-23", "2022-06-08"))


def test_timeline_by_date_json(shipped: vertikal.Dataset) -> None:
    result = runner.invoke(app, ["timeline", "--by", "date", "--measure", "volume", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _plain(legal.timeline_by_date(shipped, ["volume"]))


# -- the story: claims and the report -----------------------------------------------------------------


def test_the_claims_on_the_dual_holding_and_its_end(shipped: vertikal.Dataset) -> None:
    verdicts = {c["id"]: c["verdict"] for c in evaluate_all(shipped)["claims"] if c["group"] == "instruments"}
    assert verdicts == {
        "dual-2019-security-council": "holds",
        "dual-2020-personal-power": "holds",
        "shift-2022-01-president-chairs-council": "holds",
        # the law on the First President stood until its repeal in 2023
        "end-2022-06-last-vestiges": "contradicted",
        "end-2022-12-no-constitutional-basis": "holds",
    }


def test_holder_status_cannot_be_evaluated_where_nothing_codes_it(shipped: vertikal.Dataset) -> None:
    from vertikal.measures.claims import evaluate

    result = evaluate(shipped, "holder_status('first_president', 'lifetime_status', 1995-01-01) == 'sole'")
    assert result["verdict"] == "cannot be evaluated"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_report_tells_the_dual_holding(shipped: vertikal.Dataset, lang: str) -> None:
    from vertikal import fmt
    from vertikal.report.instruments import section

    found = section(shipped, lang)
    assert found is not None and len(found["sentences"]) == 3
    dual, shift, end = found["sentences"]
    assert fmt.cite("art_1__para_2", lang) in dual and fmt.date_long("2020-06-01", lang) in dual
    assert fmt.date_long("2022-02-18", lang) in shift
    assert fmt.date_long("2022-06-08", lang) in end
