"""Issue 11, item 10: ids people type. One resolver (`queries.resolve_id`) for the CLI and the web."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
from vertikal import queries
from vertikal.cli.app import app
from vertikal.measures.compare import compare

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1998-10-07", "1998-10-07"),  # an id
        ("1998", "1998-10-07"),  # a year in which one version took effect
        ("2007", "2007-05-21"),
        ("2022-09", "2022-09-17"),  # a unique prefix
        ("2000", "1998-10-07"),  # a year in which no version took effect: the one in force
        ("2020", "2019-03-23"),
        ("1992", "1991-12-16"),
        (" 2011 ", "2011-02-02"),
    ],
)
def test_issue11_versions_resolve(shipped: vertikal.Dataset, text: str, expected: str) -> None:
    assert queries.resolve_version(shipped, text) == expected


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("2022", ["2022-06-08", "2022-09-17"]),
        ("1990", ["1990-04-24", "1990-10-25", "1990-11-20"]),
        (
            "199",
            [
                "1990-04-24",
                "1990-10-25",
                "1990-11-20",
                "1991-12-16",
                "1993-01-28",
                "1995-08-30",
                "1998-10-07",
            ],
        ),
    ],
)
def test_issue11_an_ambiguous_prefix_lists_the_candidates(
    shipped: vertikal.Dataset, text: str, candidates: list[str]
) -> None:
    with pytest.raises(queries.Ambiguous) as err:
        queries.resolve_version(shipped, text)
    assert err.value.candidates == candidates
    assert ", ".join(candidates) in str(err.value)


def test_a_year_with_two_versions_in_force_is_ambiguous() -> None:
    """Adopted in 2000 but in force from 2001: the year 2001 saw two versions in force."""
    pairs = [("1999-01-01", "1999-01-01"), ("2000-12-20", "2001-03-01")]
    with pytest.raises(queries.Ambiguous) as err:
        queries.resolve_id(pairs, "2001")
    assert err.value.candidates == ["1999-01-01", "2000-12-20"]
    assert "versions in force in 2001" in str(err.value)


@pytest.mark.parametrize("text", ["1989", "2031", "1066-10-14", "", "x"])
def test_unknown_versions_list_the_known_ones(shipped: vertikal.Dataset, text: str) -> None:
    with pytest.raises(queries.NotFound, match="unknown version") as err:
        queries.resolve_version(shipped, text)
    assert not isinstance(err.value, queries.Ambiguous)
    assert "1995-08-30" in str(err.value)


def test_the_resolver_doctest() -> None:
    assert doctest.testmod(queries).failed == 0


def test_issue11_cli_takes_prefixes_and_years(shipped: vertikal.Dataset) -> None:
    result = runner.invoke(app, ["compare", "1998", "2007", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == compare(shipped, "1998-10-07", "2007-05-21")
    powers = runner.invoke(app, ["powers", "2007", "--json"])
    assert json.loads(powers.stdout) == queries.powers(shipped, "2007-05-21")
    measure = runner.invoke(app, ["measure", "volume", "2017", "--json"])
    assert json.loads(measure.stdout)["version"] == "2017-03-10"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "2007", "2007"], "both sides are the same version"),
        (["compare", "2007", "2007-05-21"], "'2007' and '2007-05-21' both name version 2007-05-21"),
        (["powers", "2022"], "ambiguous: versions whose id starts with 2022: 2022-06-08, 2022-09-17"),
        (["measure", "volume", "1990"], "1990-04-24, 1990-10-25, 1990-11-20"),
    ],
)
def test_issue11_cli_refusals_are_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_compare_of_a_version_with_itself_is_refused_by_the_library(shipped: vertikal.Dataset) -> None:
    with pytest.raises(queries.SameVersion):
        compare(shipped, "2007-05-21", "2007-05-21")


@pytest.mark.parametrize("how", ["env", "option"])
def test_issue11_a_data_directory_that_does_not_exist_says_so(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nonexistent"
    if how == "env":
        monkeypatch.setenv("VERTIKAL_DATA", str(missing))
        result = runner.invoke(app, ["versions"])
        assert f"VERTIKAL_DATA={missing}: the data directory does not exist" in result.stderr
    else:
        result = runner.invoke(app, ["versions", "--data", str(missing)])
        assert f"{missing}: the data directory does not exist" in result.stderr
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    with pytest.raises(vertikal.DataError, match="does not exist"):
        vertikal.load(missing)


def test_agreement_and_blank_take_prefixes_too(shipped: vertikal.Dataset, tmp_path: Path) -> None:
    from vertikal.agreement import AgreementError
    from vertikal.agreement import compare as agree
    from vertikal.blank import write_blank

    assert agree(shipped, shipped, ["2022-09", "1998"])["versions"] == ["1998-10-07", "2022-09-17"]
    with pytest.raises(AgreementError, match="ambiguous"):
        agree(shipped, shipped, ["2022"])
    done = write_blank(shipped, "2017", tmp_path / "blank.yaml")
    assert done["version"] == "2017-03-10"
