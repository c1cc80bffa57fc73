"""Issue 12, part 7: agreement between coders, and blank codings for a blind second coding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import vertikal
from tests.factory import DATA, data_dir
from vertikal import _yaml
from vertikal.agreement import (
    AgreementError,
    agreement,
    cite_agreement,
    cohen_kappa,
    compare,
    krippendorff_alpha,
    stats,
)
from vertikal.blank import blank_text, write_blank
from vertikal.cli.app import app
from vertikal.dataset import Dataset
from vertikal.problems import display_path

runner = CliRunner()
SHIPPED = vertikal.load()
UNITS = [(v.id, it.id) for v in SHIPPED.versions for it in SHIPPED.items]


def _pairs(table: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    return [pair for pair, n in table.items() for _ in range(n)]


def _copy(ds: Dataset, changes: dict[tuple[str, str], str] | None = None) -> Dataset:
    """A second copy of `ds` in memory, with the statuses in `changes` replaced."""
    codings = {vid: dict(c) for vid, c in ds.codings.items()}
    for (vid, item), status in (changes or {}).items():
        codings[vid][item] = codings[vid][item].model_copy(update={"status": status})
    return Dataset(root=Path("coder2"), codebook=ds.codebook, manifest=ds.manifest, codings=codings)


# -- the statistics against published worked examples -------------------------------------------


@pytest.mark.parametrize(
    ("table", "kappa"),
    [
        # Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by two readers.
        # p_o = 35/50 = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4.
        ({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}, 0.4),
        # Wikipedia, "Cohen's kappa", "same percentages but different numbers": both 60% agreement.
        ({("yes", "yes"): 45, ("yes", "no"): 15, ("no", "yes"): 25, ("no", "no"): 15}, 0.1304),
        ({("yes", "yes"): 25, ("yes", "no"): 35, ("no", "yes"): 5, ("no", "no"): 35}, 0.2593),
    ],
)
def test_cohen_kappa_reproduces_published_examples(table: dict[tuple[str, str], int], kappa: float) -> None:
    assert cohen_kappa(_pairs(table)) == pytest.approx(kappa, abs=5e-5)


@pytest.mark.parametrize(
    ("a", "b", "alpha"),
    [
        # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
        # Communication, section A: binary data, two observers, no missing data: alpha = 0.095.
        ("0100000010", "1110010000", 0.095),
        # Ibid., section B: nominal data, two observers, no missing data: alpha = 0.692.
        ("aabbdcccedda", "babbbccceddd", 0.692),
    ],
)
def test_krippendorff_alpha_reproduces_published_examples(a: str, b: str, alpha: float) -> None:
    assert krippendorff_alpha(list(zip(a, b, strict=True))) == pytest.approx(alpha, abs=5e-4)


def test_undefined_statistics_are_none_not_nan() -> None:
    same = [("sole", "sole")] * 4
    assert cohen_kappa(same) is None and krippendorff_alpha(same) is None
    assert stats(same, [([], [])] * 4)["undefined"] == "one_status"
    assert stats([], [])["undefined"] == "no_units"
    assert cohen_kappa([]) is None


def test_statuses_are_categories_read_from_the_data() -> None:
    """A status the code has never heard of (e.g. a future `unknown`) is one more category."""
    pairs = [("sole", "sole"), ("unknown", "unknown"), ("absent", "unknown"), ("shared", "shared")]
    s = stats(pairs, [([], [])] * 4)
    assert s["agreed"] == 3 and s["kappa"] is not None and s["alpha"] is not None
    a = _copy(SHIPPED)
    b = _copy(SHIPPED, {("2022-09-17", "veto"): "unknown"})
    result = compare(a, b)
    assert "unknown" in result["categories"]
    assert [(d["version"], d["item"]) for d in result["disagreements"]] == [("2022-09-17", "veto")]


def test_cited_articles_agreement_is_on_article_sets() -> None:
    result = cite_agreement(
        [
            (["art_44__para_1"], ["art_44__para_2__subpara_3"]),  # same article: Jaccard 1, same set
            (["art_1", "art_2"], ["art_2", "art_3"]),  # Jaccard 1/3
            (["art_5"], []),  # one side only: not compared
            ([], []),  # neither cites: left out
        ]
    )
    assert result == {"units": 2, "jaccard": pytest.approx(2 / 3), "same": 0.5, "one_side": 1}


# -- the two copies -------------------------------------------------------------------------------


def test_identical_copies_agree_perfectly() -> None:
    result = agreement(DATA, DATA)
    overall = result["overall"]
    assert overall["kappa"] == 1.0 and overall["alpha"] == 1.0 and overall["agreement"] == 1.0
    assert overall["units"] == len(UNITS)
    assert result["disagreements"] == [] and result["cite_differences"] == []
    assert overall["cites"]["same"] == 1.0 and overall["cites"]["jaccard"] == 1.0
    assert all(v["kappa"] == 1.0 and v["alpha"] == 1.0 for v in result["by_version"])
    assert all(i["kappa"] in (1.0, None) for i in result["by_item"])


@st.composite
def _changes(draw: st.DrawFn) -> dict[tuple[str, str], str]:
    units = draw(st.lists(st.sampled_from(UNITS), unique=True, max_size=25))
    out = {}
    for vid, item in units:
        current = SHIPPED.coding(vid, item).status
        others = [s for s in SHIPPED.item(item).statuses if s != current]
        out[(vid, item)] = draw(st.sampled_from(others))
    return out


@settings(max_examples=40, derandomize=True, deadline=None)
@given(_changes())
def test_k_changed_statuses_give_exactly_k_disagreements(changes: dict[tuple[str, str], str]) -> None:
    result = compare(SHIPPED, _copy(SHIPPED, changes))
    listed = {(d["version"], d["item"]) for d in result["disagreements"]}
    assert len(result["disagreements"]) == len(changes)
    assert listed == set(changes)
    for d in result["disagreements"]:
        assert d["b"]["status"] == changes[(d["version"], d["item"])]
        assert d["a"]["status"] == SHIPPED.coding(d["version"], d["item"]).status
    assert result["overall"]["agreed"] == len(UNITS) - len(changes)
    if changes:
        assert result["overall"]["kappa"] < 1.0 and result["overall"]["alpha"] < 1.0


def test_a_disagreement_shows_both_sides_status_citations_and_notes() -> None:
    result = compare(SHIPPED, _copy(SHIPPED, {("2022-09-17", "veto"): "shared"}))
    (d,) = result["disagreements"]
    original = SHIPPED.coding("2022-09-17", "veto")
    assert d["a"] == {
        "status": original.status,
        "with": list(original.with_),
        "cite": list(original.cite),
        "confidence": original.confidence,
        "note": original.note,
    }
    assert d["b"]["status"] == "shared" and d["label"]["en"]


def test_versions_and_items_in_one_copy_only_are_reported() -> None:
    assert SHIPPED.manifest is not None and SHIPPED.codebook is not None
    b = _copy(SHIPPED)
    b.manifest = SHIPPED.manifest.model_copy(update={"versions": SHIPPED.versions[1:]})
    b.codebook = SHIPPED.codebook.model_copy(update={"items": [i for i in SHIPPED.items if i.id != "veto"]})
    result = compare(SHIPPED, b)
    first = SHIPPED.versions[0].id
    assert result["only_in_a"] == {"versions": [first], "items": ["veto"]}
    assert result["only_in_b"] == {"versions": [], "items": []}
    assert first not in result["versions"]
    assert result["overall"]["units"] == (len(SHIPPED.versions) - 1) * (len(SHIPPED.items) - 1)
    assert result["overall"]["kappa"] == 1.0


def test_version_filter() -> None:
    result = compare(SHIPPED, _copy(SHIPPED), ["2022-09-17"])
    assert result["versions"] == ["2022-09-17"] and result["overall"]["units"] == len(SHIPPED.items)
    with pytest.raises(AgreementError, match="unknown version '1066-10-14'"):
        compare(SHIPPED, _copy(SHIPPED), ["1066-10-14"])


def test_json_equals_the_library() -> None:
    got = runner.invoke(app, ["agreement", str(DATA), str(DATA), "--version", "2017-03-10", "--json"])
    assert got.exit_code == 0, got.output
    assert json.loads(got.stdout) == agreement(DATA, DATA, ["2017-03-10"])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tables_render(tmp_path: Path, lang: str) -> None:
    b = data_dir(tmp_path)
    path = b / "codings" / "2022-09-17.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  veto:\n    status: sole", "  veto:\n    status: absent", 1), encoding="utf-8"
    )
    got = runner.invoke(app, ["agreement", str(DATA), str(b), "--lang", lang])
    assert got.exit_code == 0, got.output
    assert "veto" in got.stdout and "2022-09-17" in got.stdout
    assert ("Krippendorff" if lang == "en" else "Криппендорфа") in got.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agreement", "nowhere", str(DATA)], "nowhere: not a directory"),
        (["agreement", str(DATA), str(DATA), "--version", "1066-10-14"], "unknown version '1066-10-14'"),
        (["agreement", str(DATA), str(DATA), "--lang", "xx"], "unknown language 'xx'"),
    ],
)
def test_bad_input_is_one_line(args: list[str], message: str) -> None:
    got = runner.invoke(app, args)
    assert got.exit_code == 1 and message in got.stderr and "Traceback" not in got.stderr


def test_a_copy_with_problems_is_refused(broken: Any) -> None:
    bad = broken("VK009-unknown-article")
    got = runner.invoke(app, ["agreement", str(bad), str(bad)])
    assert got.exit_code == 1
    assert "the data has problems" in got.stderr and "VK009" in got.stderr
    assert len(got.stderr.strip().splitlines()) == 1


# -- blank codings --------------------------------------------------------------------------------


def test_blank_has_every_item_and_no_answers() -> None:
    doc = _yaml.parse(blank_text(SHIPPED, "2022-09-17"))
    codings = doc.value["codings"]
    assert list(codings) == [it.id for it in SHIPPED.items]
    for coding in codings.values():
        assert (
            coding["status"] == "TODO" and coding["paraphrase"] == "TODO" and coding["confidence"] == "TODO"
        )
        assert (
            coding["cite"] == [] and coding["with"] == [] and coding["attrs"] == {} and coding["note"] == ""
        )
    assert doc.value["version"] == "2022-09-17"
    assert doc.value["sources"] == SHIPPED.coding_sources["2022-09-17"]


def test_check_reports_a_blank_as_unfilled(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    write_blank(SHIPPED, "2022-09-17", root / "codings" / "2022-09-17.yaml", force=True)
    with pytest.raises(vertikal.DataError):
        vertikal.load(root)  # strict by default: a blank is refused
    ds = vertikal.load(root, strict=False)
    assert ds.errors and all(p.code == "VK002" and "still TODO" in p.message for p in ds.errors)
    assert len(ds.errors) == 3 * len(SHIPPED.items)  # status, paraphrase and confidence of every item
    lines = (root / "codings" / "2022-09-17.yaml").read_text(encoding="utf-8").splitlines()
    for p in ds.errors:  # each problem points at its TODO
        key = p.message.split(":")[0].split(".")[1]
        assert lines[p.line - 1].strip().startswith(f"{key}: TODO")
    got = runner.invoke(app, ["check", "--data", str(root)])
    assert got.exit_code == 1


def test_a_filled_blank_loads_clean(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    doc = _yaml.parse(blank_text(SHIPPED, "2022-09-17")).value
    for item_id, coding in doc["codings"].items():
        coding.update(SHIPPED.coding("2022-09-17", item_id).model_dump(by_alias=True, exclude_defaults=True))
    import yaml

    (root / "codings" / "2022-09-17.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
    )
    ds = vertikal.load(root)
    assert ds.errors == []
    assert compare(SHIPPED, ds)["disagreements"] == []


def test_blank_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "coder2" / "codings" / "2022-09-17.yaml"
    got = runner.invoke(app, ["blank", "2022-09-17", "--out", str(out), "--json"])
    assert got.exit_code == 0, got.output
    expected = {
        "version": "2022-09-17",
        "out": display_path(out),
        "items": len(SHIPPED.items),
        "todo": "TODO",
    }
    assert json.loads(got.stdout) == expected
    out.write_text("mine\n", encoding="utf-8")
    got = runner.invoke(app, ["blank", "2022-09-17", "--out", str(out)])
    assert got.exit_code == 1 and "already exists" in got.stderr and "--force" in got.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    got = runner.invoke(app, ["blank", "2022-09-17", "--out", str(out), "--force"])
    assert got.exit_code == 0 and "status: TODO" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["blank", "1066-10-14", "--out", "x.yaml"], "unknown version '1066-10-14'"),
        (["blank", "2022-09-17", "--out", "."], "is a directory"),
    ],
)
def test_blank_bad_input_is_one_line(args: list[str], message: str, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    got = runner.invoke(app, args)
    assert got.exit_code == 1 and message in got.stderr and "Traceback" not in got.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_a_todo_outside_the_codings_is_reported_as_such(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = root / "codings" / "2022-09-17.yaml"
    path.write_text(
        blank_text(SHIPPED, "2022-09-17").replace("basis: primary", "basis: TODO"), encoding="utf-8"
    )
    problems = [p for p in vertikal.load(root, strict=False).errors if "still TODO" in p.message]
    assert problems and problems[0].message.startswith("basis: still TODO")


@pytest.mark.parametrize(
    ("x", "lang", "pct", "coef"),
    [
        (0.958, "en", "95.8%", "0.958"),
        (1.0, "ru", "100 %", "1,000"),
        (-0.12, "en", "-12%", "-0.120"),
        (None, "ru", "—", "—"),
    ],
)
def test_figures_are_formatted_by_fmt(x: float | None, lang: str, pct: str, coef: str) -> None:
    from vertikal import fmt

    assert fmt.percent(x, lang) == pct and fmt.coefficient(x, lang) == coef
