"""Issue 11, parts 4 and 5: one way to cite, no Python repr, and every command readable at 80 columns.

Every command that runs offline (the README's, `make demo`'s, and the text commands on the
synthetic fixture texts) is run once at COLUMNS=80; the tests below read its output.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vertikal
from tests.conftest import EN_2022, FIXTURES
from tests.test_readme import CORPUS_EN, CORPUS_KK, FIXTURE_EN, FIXTURE_KK, MAKEFILE, _commands
from vertikal import fmt, queries
from vertikal.cli import render
from vertikal.cli.app import app

TEXTS = FIXTURES / "texts"
EN_TEXT, RU_TEXT = TEXTS / "testland-2000.en.txt", TEXTS / "testland-2010.ru.md"
BIN = Path(sys.executable).parent


def _demo() -> list[list[str]]:
    """The `vertikal` commands of the Makefile's demo target."""
    body = MAKEFILE.read_text(encoding="utf-8").split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    return [shlex.split(line.strip())[1:] for line in body.splitlines() if "/vertikal " in line]


EXTRA = [
    ["codebook"],
    ["versions"],
    ["powers", "1991-12-16"],
    ["powers", "2017-03-10"],
    ["power", "appoint_pm"],
    ["power", "term_limit"],
    ["matrix", "--transpose"],
    ["matrix", "--no-transpose"],
    ["matrix", "--domain", "government"],
    ["check", "--warnings"],
    ["check", "--errors-only"],
    ["measure", "volume", "2026-07-01"],
    ["compare", "2022-09-17", "2026-07-01"],
    ["compare", "1990-04-24", "2026-07-01"],
    ["akims"],
    ["timeline"],
    ["parse", str(EN_TEXT)],
    ["parse", str(RU_TEXT)],
    ["diff", str(EN_TEXT), str(RU_TEXT)],
    ["extract", str(EN_TEXT), "--lang", "en"],
    ["corpus", "list"],
    ["agreement", "data", "second"],
    ["agreement", "data", "second", "--lang", "ru"],
]


def _all_commands() -> list[list[str]]:
    out: list[list[str]] = []
    for args in [*_commands(), *_demo(), *EXTRA]:
        if args not in out:
            out.append(args)
    if EN_2022.is_file():  # the real text, when the shared corpus is beside the repository
        out.append(["extract", str(EN_2022), "--lang", "en"])
        out.append(["extract", "--evaluate", "2022-09-17", "--text", str(EN_2022)])
    return out


def _workspace(root: Path) -> Path:
    """The files the README's commands name, as `tests/test_readme.py` lays them out."""
    source = CORPUS_EN if CORPUS_EN.is_file() else FIXTURE_EN
    text = source.read_text(encoding="utf-8")
    (root / "new.txt").write_text(text, encoding="utf-8")
    (root / "my-copy.txt").write_text(text, encoding="utf-8")
    (root / "old.txt").write_text(
        text.replace("seven", "six").replace("Minister", "Ministers"), encoding="utf-8"
    )
    kk = CORPUS_KK if CORPUS_KK.is_file() else FIXTURE_KK
    (root / "my-copy.kk.md").write_text(kk.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(Path(vertikal.__file__).parent / "data", root / "data")
    shutil.copytree(root / "data", root / "second")  # a second coder, who disagrees on one coding
    second = root / "second" / "codings" / "2017-03-10.yaml"
    head, tail = second.read_text(encoding="utf-8").split("  appoint_ministers:\n    status: shared", 1)
    second.write_text(head + "  appoint_ministers:\n    status: sole" + tail, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each command's text output (stdout and stderr) at 80 columns, run in order in one directory."""
    work = _workspace(tmp_path_factory.mktemp("cwd"))
    found: dict[str, str] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(work)
        mp.setenv("VERTIKAL_CACHE", str(work / "cache"))
        mp.setenv("VERTIKAL_DATA", str(work / "data"))
        mp.setattr(render.console, "width", 80)
        runner = CliRunner()
        for args in _all_commands():
            if args[:2] == ["check", "--texts"] and not CORPUS_EN.is_file():
                continue  # the synthetic stand-ins lack articles that the codings cite
            result = runner.invoke(app, args, env={"COLUMNS": "80"})
            assert result.exit_code == 0, (args, result.output)
            found[" ".join(args)] = result.stdout + result.stderr
    return found


def _ids(ds: vertikal.Dataset) -> set[str]:
    """Every id a person may copy from the output: versions, items, citations, claims, measures
    (those with a digit, '_', '-' or '/', which a word of English text cannot be mistaken for)."""
    from vertikal.measures import definitions
    from vertikal.measures.claimset import evaluate_all

    assert ds.codebook is not None
    ids = {v.id for v in ds.versions} | {it.id for it in ds.items} | set(ds.codebook.domains)
    ids |= {c for codings in ds.codings.values() for coding in codings.values() for c in coding.cite}
    ids |= {c["id"] for c in evaluate_all(ds)["claims"]} | {d.id for d in definitions(ds)}
    return {i for i in ids if len(i) >= 4 and re.search(r"[0-9_/-]", i)}


TOKEN = re.compile(r"[A-Za-z0-9_\-/]+")


def splits(text: str, ids: set[str]) -> list[str]:
    """The ids begun on one line and finished on the next (where a wrapped cell goes on: at the
    same column or to the left of it), or cut short by '…'."""
    lines = text.splitlines()
    found = []
    for a, b in itertools.pairwise(lines):
        tails = [(m.start(), m.group()) for m in TOKEN.finditer(b)]
        for h in TOKEN.finditer(a):
            if h.group() not in ids:
                found += [h.group() + t for at, t in tails if at <= h.start() and h.group() + t in ids]
    prefixes = {i[:k] for i in ids for k in range(4, len(i))}
    found += [m.group(1) + "…" for m in re.finditer(r"([A-Za-z0-9_\-/]+)…", text) if m.group(1) in prefixes]
    return found


def test_the_split_detector_finds_what_rich_used_to_do() -> None:
    ids = {"1990-04-24", "art_44__subpara_3", "appoint_pm"}
    assert splits("│ 1990-04-2 │\n│ 4        │", ids) == ["1990-04-24"]
    assert splits("art_44__subpa\nra_3, more", ids) == ["art_44__subpara_3"]
    assert splits("1990-04…  x", ids) == ["1990-04…"]
    assert splits("1990-04-24 appoint_pm\nappoint_pm 1990-04-24", ids) == []


def test_no_command_splits_an_id_at_80_columns(outputs: dict[str, str], shipped: vertikal.Dataset) -> None:
    ids = _ids(shipped)
    for name, text in outputs.items():
        assert not splits(text, ids), (name, splits(text, ids))


def test_no_line_is_wider_than_80_columns(outputs: dict[str, str]) -> None:
    from rich.cells import cell_len

    for name, text in outputs.items():
        if name.startswith("check"):  # one problem per line, whole, so that it can be searched
            continue
        wide = [line for line in text.splitlines() if cell_len(line) > 80]
        # a long path or URL is left whole for the terminal to wrap, so that it can be copied
        wide = [line for line in wide if not any("/" in w and len(w) > 30 for w in line.split())]
        assert not wide, (name, wide[:3])


# Python's reprs of values: None, True, False (not a word that begins a sentence, "None in the
# text"), a list or dict of strings, an empty list or dict.
REPR = re.compile(r"\b(?:None|True|False)\b(?! [a-z])|\['|\{'|'\]|\[\]|\{\}")


def test_no_python_repr_in_the_terminal(outputs: dict[str, str]) -> None:
    for name, text in outputs.items():
        assert not REPR.search(text), (name, REPR.findall(text)[:5])


def _page_text(html: str, code: bool = True) -> str:
    """The words of a page; without scripts, styles and (`code=False`) code, such as a claim's check."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    if not code:
        html = re.sub(r"<code\b.*?</code>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", text.replace("&#39;", "'").replace("&amp;", "&"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from vertikal.web import create_app

    with TestClient(create_app(cache_dir=tmp_path_factory.mktemp("site"))) as client:
        yield client


def _paths(ds: vertikal.Dataset) -> list[str]:
    ids = [v.id for v in ds.versions]
    paths = ["/", "/versions", "/codebook", "/akims", "/claims", "/methods", "/downloads"]
    paths += [f"/versions/{v}" for v in ids] + [f"/powers/{it.id}" for it in ds.items]
    paths += [f"/compare?a={a}&b={b}" for a, b in itertools.pairwise(ids)]
    return [*paths, f"/compare?a={ids[0]}&b={ids[-1]}"]


def test_no_python_repr_on_the_web(site: Any, shipped: vertikal.Dataset) -> None:
    for path in _paths(shipped):
        for lang in ("en", "ru"):
            url = path + ("&" if "?" in path else "?") + f"lang={lang}"
            page = site.get(url)
            assert page.status_code == 200, url
            text = _page_text(page.text, code=False)
            assert not REPR.search(text), (url, REPR.findall(text)[:5])


@pytest.fixture(scope="module")
def reports(shipped: vertikal.Dataset) -> dict[str, dict[str, Any]]:
    from vertikal.report import render as render_report

    return {lang: render_report(shipped, lang) for lang in ("en", "ru")}


def test_no_python_repr_in_the_report(reports: dict[str, dict[str, Any]]) -> None:
    for lang, pieces in reports.items():
        for kind in ("html", "markdown"):
            text = _page_text(pieces[kind], code=False) if kind == "html" else pieces[kind]
            assert not REPR.search(text), (lang, kind, REPR.findall(text)[:5])


# -- one way to cite ---------------------------------------------------------------------


def _cli_cite(text: str, item: str) -> str:
    """The `cite` line of an item's block in the folded (80-column) output of `powers`."""
    lines = text.split(f"\n{item}  ", 1)[1].split("\n\n", 1)[0].splitlines()
    at = next(i for i, x in enumerate(lines) if x.strip().startswith("cite "))
    column = len(lines[at]) - len(lines[at].split("cite", 1)[1].lstrip())
    value = [lines[at][column:].strip()]
    for more in lines[at + 1 :]:  # a long value goes on under itself
        if more[:column].strip():
            break
        value.append(more.strip())
    return " ".join(value)


def _web_cite(html: str, item: str) -> str:
    row = html.split(f'id="item-{item}"', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
    return _page_text(cells[1]).strip().replace(" ; ", "; ")


@pytest.mark.parametrize(
    ("version", "item"), [("2017-03-10", "decree_force_of_law"), ("1991-12-16", "head_of_state")]
)
def test_cli_web_and_export_cite_alike(
    outputs: dict[str, str], site: Any, shipped: vertikal.Dataset, version: str, item: str
) -> None:
    expected = fmt.Names.of(shipped).cites(shipped.codings[version][item].cite, version)
    assert "art_" not in expected and "Art. " in expected
    assert _cli_cite(outputs[f"powers {version}"], item) == expected
    assert _web_cite(site.get(f"/versions/{version}").text, item) == expected
    from vertikal.export.rows import citations

    rows = [r["label_en"] for r in citations(shipped) if r["version"] == version and r["item"] == item]
    assert "; ".join(rows) == expected


def test_cli_web_and_report_cite_the_decree_coding_alike(
    outputs: dict[str, str], site: Any, shipped: vertikal.Dataset, reports: dict[str, dict[str, Any]]
) -> None:
    """`powers 2017-03-10`, its web page and the report's reform step show the same citations."""
    version, item = "2017-03-10", "decree_force_of_law"
    expected = "Art. 45(2); Art. 61(2)"
    assert fmt.Names.of(shipped).cites(shipped.codings[version][item].cite, version) == expected
    assert _cli_cite(outputs[f"powers {version}"], item) == expected
    assert _web_cite(site.get(f"/versions/{version}").text, item) == expected
    label = shipped.item(item).label.en
    step = _page_text(reports["en"]["html"]).split(f"2011-02-02 → {version}", 1)[1]
    change = step.split(label, 1)[1].split("]", 1)[0]
    assert change.split("[", 1)[1].strip() == f"{expected} → {expected}"
    ru = fmt.Names.of(shipped).cites(shipped.codings[version][item].cite, version, "ru")
    assert ru == "ст. 45 п. 2; ст. 61 п. 2"
    assert _web_cite(site.get(f"/versions/{version}?lang=ru").text, item) == ru
    step_ru = _page_text(reports["ru"]["html"]).split(f"2011-02-02 → {version}", 1)[1]
    assert f"[{ru} → {ru}]" in step_ru.replace("[ ", "[").replace(" ]", "]")


def test_attribute_changes_read_as_words(outputs: dict[str, str], site: Any) -> None:
    """'consultation: — → Mazhilis', never 'None → mazhilis' (the compare in the README)."""
    cli = " ".join(outputs["compare 2011-02-02 2017-03-10"].split())
    assert "consultation: — → Mazhilis" in cli
    assert "ministries: foreign affairs, defence, internal affairs, justice → foreign affairs" in cli
    web = _page_text(site.get("/compare?a=2011-02-02&b=2017-03-10").text)
    assert "consultation: — → Mazhilis" in web
    assert "consultation: — → Мажилис" in _page_text(
        site.get("/compare?a=2011-02-02&b=2017-03-10&lang=ru").text
    )


def test_bodies_are_shown_by_their_label(outputs: dict[str, str], shipped: vertikal.Dataset) -> None:
    row = queries.powers(shipped, "2017-03-10")["codings"]
    shared = next(r for r in row if r["item"] == "appoint_pm")
    assert shared["with"] == ["mazhilis", "party_factions"]
    assert "with        Mazhilis, party factions" in outputs["powers 2017-03-10"]


# -- make demo, as a whole process ---------------------------------------------------------


@pytest.mark.parametrize("args", [a for a in _demo() if a[0] in ("check", "versions", "matrix")])
def test_make_demo_reads_at_80_columns(args: list[str], shipped: vertikal.Dataset) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run(
        [str(BIN / "vertikal"), *args], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout + proc.stderr
    assert not splits(text, _ids(shipped))
    assert all(len(line) <= 80 for line in proc.stdout.splitlines())
