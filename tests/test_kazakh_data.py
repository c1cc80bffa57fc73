"""The data in Kazakh (issue 14, part 2): Kazakh labels and definitions, Russian definitions, the
fallback to English, and `vertikal check`'s warnings for a missing Kazakh (VK060) or Russian (VK061)
text, each with its file and line.
"""

from __future__ import annotations

import csv
import json
import re
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import vertikal
from tests.conftest import CORPUS
from tests.factory import data_dir
from vertikal import fmt, queries
from vertikal.blank import blank_text
from vertikal.cli.app import app
from vertikal.models import Definition, Item, Labels
from vertikal.untranslated import gaps

KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
KK_2022 = CORPUS / "kz-constitution-1995-rev2022-09.kk.md"
# short names that are the same word in Kazakh and Russian
SAME_IN_BOTH = {"Парламент", "Сенат", "Премьер-Министр", "Вице-Президент", "Конституция"}


def _all_labels(ds: vertikal.Dataset) -> list[tuple[str, Labels]]:
    assert ds.codebook is not None and ds.manifest is not None
    out = [(f"domain {k}", v) for k, v in ds.codebook.domains.items()]
    out += [(f"body {k}", v) for k, v in ds.codebook.bodies.items()]
    out += [(f"item {it.id}", it.label) for it in ds.items]
    out += [("country", ds.manifest.name)]
    for v in ds.versions:
        out += [(f"version {v.id} label", v.label), (f"version {v.id} instrument", v.instrument)]
        out += [(f"version {v.id} document {k}", d.title) for k, d in v.documents.items()]
    return out


# ---------------------------------------------------------------- the shipped data


def test_every_item_has_a_kazakh_label_and_definitions_in_three_languages(shipped: vertikal.Dataset) -> None:
    missing = [
        f"{it.id}: {lang} {what}"
        for it in shipped.items
        for what, texts, langs in (("label", it.label, ("kk",)), ("definition", it.definition, ("ru", "kk")))
        for lang in langs
        if texts.exact(lang) is None
    ]
    assert missing == []


def test_every_label_of_codebook_and_versions_has_kazakh(shipped: vertikal.Dataset) -> None:
    assert [name for name, lab in _all_labels(shipped) if lab.exact("kk") is None] == []


def test_the_kazakh_texts_are_kazakh_not_the_russian_copied(shipped: vertikal.Dataset) -> None:
    for it in shipped.items:
        assert it.definition.kk != it.definition.ru and it.definition.ru != it.definition.en, it.id
        assert KAZAKH_LETTERS.search(it.definition.kk or ""), it.id
        assert not KAZAKH_LETTERS.search(it.definition.ru or ""), it.id
    for name, lab in _all_labels(shipped):
        assert lab.kk != lab.ru or lab.kk in SAME_IN_BOTH, name


def test_the_shipped_data_has_no_missing_language(shipped: vertikal.Dataset) -> None:
    assert [str(p) for p in shipped.problems if p.code in ("VK060", "VK061")] == []


def test_measures_claims_and_akims_speak_kazakh(shipped: vertikal.Dataset) -> None:
    from vertikal import measures
    from vertikal.akims import akims
    from vertikal.measures.claimset import load_claims

    for d in measures.definitions(shipped):
        assert d.label.kk, d.id
        assert all(lab.kk for lab in d.subscales.values()), d.id
        assert all(c.label.kk for c in d.components), d.id
    for claim in load_claims(shipped):
        assert KAZAKH_LETTERS.search(claim.text.kk or ""), claim.id
    rules = akims(shipped)
    assert all(row["tier"]["label"]["kk"] for row in rules["tiers"])
    assert all(KAZAKH_LETTERS.search(e["title"]["kk"] or "") for e in rules["events"])


def test_the_combination_rule_and_the_instruments_read_in_kazakh(shipped: vertikal.Dataset) -> None:
    """The rule has its Kazakh text; an instrument has a Kazakh title only where its official Kazakh title
    was read (instruments.yaml says where). Four were not found in Kazakh: they keep the English title."""
    assert shipped.instruments is not None
    assert KAZAKH_LETTERS.search(shipped.instruments.rule.kk or "")
    titles = {i.id: i.title.kk for i in shipped.instruments.instruments}
    assert sorted(k for k, kk in titles.items() if not kk) == [
        "election_code_1993",
        "kazssr_presidency_law_1990",
        "kazssr_state_power_law_1990",
        "national_bank_law_1993",
    ]
    assert all(KAZAKH_LETTERS.search(kk) for kk in titles.values() if kk)
    # what `at` and `instruments` give to show (the tables pick the language with fmt.pick)
    at = CliRunner().invoke(app, ["at", "1994-01-01", "--json"])
    assert at.exit_code == 0, at.output
    assert json.loads(at.stdout)["rule"]["text"]["kk"] == shipped.instruments.rule.kk
    listed = CliRunner().invoke(app, ["instruments", "--json"])
    assert listed.exit_code == 0, listed.output
    shown = {r["id"]: fmt.pick(r["title"], "kk") for r in json.loads(listed.stdout)}
    assert shown["emergency_law_1993"] == titles["emergency_law_1993"]
    assert shown["national_bank_law_1993"] == "Law on the National Bank of the Republic of Kazakhstan"


@pytest.mark.skipif(not KK_2022.is_file(), reason="the Kazakh text of 2022 is not in ../shared/corpus")
def test_the_kazakh_names_of_bodies_are_those_of_the_official_kazakh_text(shipped: vertikal.Dataset) -> None:
    """Each body the 2022 text names is named in our data as the Kazakh text names it (its stem)."""
    assert shipped.codebook is not None
    text = KK_2022.read_text(encoding="utf-8").casefold()
    in_2022 = [
        "parliament", "senate", "mazhilis", "maslikhat", "prime_minister", "government",
        "supreme_judicial_council", "constitutional_court", "constitutional_council", "supreme_court",
        "assembly_of_people", "security_council",
    ]  # fmt: skip
    for body in in_2022:
        name = shipped.codebook.bodies[body].kk or ""
        assert name.casefold() in text, (body, name)


# ---------------------------------------------------------------- Labels and Definition


def test_labels_fall_back_to_english() -> None:
    lab = Labels(en="Veto", ru="Вето")
    assert (lab.get("en"), lab.get("ru"), lab.get("kk"), lab.get("de")) == ("Veto", "Вето", "Veto", "Veto")
    assert Labels(en="Veto", ru="Вето", kk="Вето құқығы").get("kk") == "Вето құқығы"
    assert Labels(en="Veto", ru="Вето", kk="  ").get("kk") == "Veto"  # blank is missing
    assert lab.exact("kk") is None and lab.model_dump() == {"en": "Veto", "ru": "Вето", "kk": None}


def test_a_plain_string_definition_is_read_as_english() -> None:
    d = Definition.model_validate("The President grants pardons.")
    assert d.model_dump() == {"en": "The President grants pardons.", "ru": None, "kk": None}
    assert d.get("ru") == d.get("kk") == "The President grants pardons."


@settings(derandomize=True, max_examples=200)
@given(
    en=st.text(min_size=1),
    ru=st.text(),
    kk=st.none() | st.text(),
    lang=st.sampled_from(["en", "ru", "kk", "de", ""]),
)
def test_get_is_the_language_when_written_else_english(en: str, ru: str, kk: str | None, lang: str) -> None:
    lab = Labels(en=en, ru=ru, kk=kk)
    own = {"en": en, "ru": ru, "kk": kk}.get(lang)
    expected = own if own is not None and own.strip() else en
    assert lab.get(lang) == expected
    assert lab.get(lang) in (en, ru, kk)


# ---------------------------------------------------------------- vertikal check: VK060, VK061


def _drop_kk(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_missing_kazakh_label_and_definition_are_warnings_with_file_and_line(mini: Path) -> None:
    _drop_kk(mini / "codebook.yaml", ", kk: Жарлықтар}", "}")
    _drop_kk(mini / "codebook.yaml", "      kk: Үкімет басшысын тағайындайды.\n", "")
    _drop_kk(
        mini / "versions.yaml", "name: {en: Testland, ru: Тестландия, kk: Тестландия}", "name: {en: X, ru: Y}"
    )
    problems = vertikal.load(mini).problems
    got = [(Path(p.file).name, p.line, p.code, p.severity) for p in problems]
    assert got == [
        ("codebook.yaml", 14, "VK060", "warning"),  # appoint_pm's definition: its block starts on line 14
        ("codebook.yaml", 23, "VK060", "warning"),  # decree's label (a line up: the kk line above is gone)
        ("versions.yaml", 3, "VK060", "warning"),  # the country's name
    ]
    assert "items[appoint_pm].definition: no Kazakh text (kk)" in problems[0].message
    assert "items[decree].label: no Kazakh text (kk)" in problems[1].message
    result = CliRunner().invoke(app, ["check", "--data", str(mini)])
    assert result.exit_code == 0, result.output  # warnings: the English text is shown meanwhile
    assert "3 warnings: VK060 ×3 (texts without Kazakh; the English is shown)" in result.stderr
    listed = CliRunner().invoke(app, ["check", "--warnings", "--data", str(mini)])
    assert listed.exit_code == 0, listed.output
    assert "codebook.yaml:23: VK060 missing-kazakh (warning)" in listed.stderr


def test_one_warning_per_missing_field(mini: Path) -> None:
    path = mini / "codebook.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r", kk: [^}]*\}", "}", text)  # every flow label
    text = re.sub(r"\n      kk: [^\n]*", "", text)  # appoint_pm's block definition
    path.write_text(text, encoding="utf-8")
    ds = vertikal.load(mini)
    kk = [p for p in ds.problems if p.code == "VK060"]
    # 2 domains + 1 body + 3 item labels + 3 definitions (one block, two flow)
    assert len(kk) == 9, [str(p) for p in kk]
    assert len({(p.line, p.message) for p in kk}) == 9
    assert ds.errors == []


def test_a_missing_russian_definition_is_vk061(mini: Path) -> None:
    _drop_kk(mini / "codebook.yaml", "      ru: Назначает главу правительства.\n", "")
    problems = vertikal.load(mini).problems
    assert [(p.code, p.line) for p in problems] == [("VK061", 14)]
    assert "items[appoint_pm].definition: no Russian text (ru)" in problems[0].message


def test_an_old_codebook_with_english_definitions_still_loads(mini: Path) -> None:
    path = mini / "codebook.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"definition: \{en: ([^,]*), ru: [^}]*\}", r"definition: \1", text)
    path.write_text(text, encoding="utf-8")
    ds = vertikal.load(mini)
    assert ds.errors == []
    assert ds.item("decree").definition.en == "Decrees with the force of law."
    assert sorted(p.code for p in ds.problems) == ["VK060", "VK060", "VK061", "VK061"]


def test_measures_claims_and_akims_missing_kazakh_are_named(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    _drop_kk(root / "measures" / "volume.yaml", ", kk: Өкілеттіктер көлемі}", "}")
    claims = (root / "claims.yaml").read_text(encoding="utf-8")
    line = next(
        i for i, t in enumerate(claims.splitlines(), 1) if t.strip().startswith("kk: 1995 жылғы Конс")
    )
    _drop_kk(root / "claims.yaml", "      kk: 1995 жылғы Конституция оны одан әрі күшейтті.\n", "")
    _drop_kk(root / "akims.yaml", "      kk: Облыс\n", "")
    _drop_kk(root / "decentralization.yaml", ", kk: халық тікелей сайлайды}", "}")
    _drop_kk(root / "findings.yaml", ', kk: "Шоғырлану, 1990–2007"}', "}")
    _drop_kk(root / "references.yaml", ", kk: Баспасөз}", "}")
    problems = [p for p in vertikal.load(root).problems if p.code == "VK060"]
    where = {(Path(p.file).name, p.message.split(":")[0]) for p in problems}
    assert where == {
        ("volume.yaml", "label"),
        ("claims.yaml", "claims[seed-1995-growth].text"),
        ("akims.yaml", "tiers[region].label"),
        ("decentralization.yaml", "scale[people].label"),
        ("findings.yaml", "findings[concentration].title"),
        ("references.yaml", "kinds.press.label"),
    }
    by_file = {Path(p.file).name: p.line for p in problems}
    assert by_file["volume.yaml"] == 5
    assert by_file["claims.yaml"] == line - 3  # the `text:` line, three above the dropped kk
    assert by_file["akims.yaml"] == 7
    assert by_file["findings.yaml"] == 15
    assert by_file["references.yaml"] == 38


def test_gaps_walks_every_labels_field() -> None:
    item = Item.model_validate(
        {
            "id": "x",
            "domain": "d",
            "kind": "power",
            "label": {"en": "X", "ru": "Х"},
            "definition": "English only",
            "statuses": {"sole": "yes"},
        }
    )
    assert list(gaps(item)) == [
        (("label",), "kk", "VK060"),
        (("definition",), "kk", "VK060"),
        (("definition",), "ru", "VK061"),
    ]


# ---------------------------------------------------------------- outputs carry the new fields


def test_codebook_json_has_definitions_in_three_languages(shipped: vertikal.Dataset) -> None:
    rows = queries.codebook(shipped)
    assert all(set(r["definition"]) == {"en", "ru", "kk"} for r in rows)
    assert all(set(r["label"]) == {"en", "ru", "kk"} for r in rows)
    assert all(set(r["domain_label"]) == {"en", "ru", "kk"} for r in rows)
    result = CliRunner().invoke(app, ["codebook", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(json.dumps(rows))
    power = CliRunner().invoke(app, ["power", "pardon", "--json"])
    assert json.loads(power.stdout)["item"]["definition"] == shipped.item("pardon").definition.model_dump()


def test_export_has_kazakh_columns(shipped: vertikal.Dataset, tmp_path: Path) -> None:
    from vertikal.export import export

    export(shipped, tmp_path / "out", "csv")
    with (tmp_path / "out" / "csv" / "codebook.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["label_kk"] and r["definition_ru"] and r["definition_kk"] for r in rows)
    assert all(r["definition"] == shipped.item(r["item"]).definition.en for r in rows)
    for table, column in (("versions", "label_kk"), ("claims", "text_kk"), ("events", "title_kk")):
        with (tmp_path / "out" / "csv" / f"{table}.csv").open(encoding="utf-8") as f:
            assert all(r[column] for r in csv.DictReader(f)), table


def test_blank_shows_the_item_in_three_languages(shipped: vertikal.Dataset) -> None:
    text = blank_text(shipped, "2026-07-01")
    assert "  # Pardon / Помилование / Кешірім жасау (power, representation)" in text
    assert "  # ru: Президенту принадлежит право помилования." in text
    assert "  # kk: Кешірім жасау құқығы Президентке тиесілі." in text


# ---------------------------------------------------------------- the explorer shows the page's language


def test_pages_show_the_definition_in_the_page_language_or_marked_english(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():  # starlette's notice about its test client's transport
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from vertikal.web import create_app

    root = data_dir(tmp_path)
    _drop_kk(root / "codebook.yaml", "      ru: Президенту принадлежит право помилования.\n", "")
    ds = vertikal.load(root)
    assert [p.code for p in ds.problems if p.code == "VK061"] == ["VK061"]
    app = create_app(root, cache_dir=tmp_path / "cache")
    with TestClient(app) as client:
        ru = client.get("/powers/appoint_pm?lang=ru").text
        assert ds.item("appoint_pm").definition.ru in ru
        assert ds.item("appoint_pm").definition.en not in ru
        pardon = client.get("/powers/pardon?lang=ru").text
        assert f'<span lang="en">{ds.item("pardon").definition.en}</span>' in pardon
        codebook = client.get("/codebook?lang=ru").text
        assert ds.item("veto").definition.ru in codebook
        assert client.get("/powers/pardon").text.count(ds.item("pardon").definition.en) == 1
        twin = client.get("/powers/pardon.json").json()["item"]["definition"]
        assert twin == {
            "en": ds.item("pardon").definition.en,
            "ru": None,
            "kk": ds.item("pardon").definition.kk,
        }
