"""Issue 12, part 4: one function decides each verdict; the CLI, the web and the report show the same one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
from tests.html import start_tags
from vertikal.cli.app import app
from vertikal.measures.claimset import evaluate_all
from vertikal.report import render

Shown = dict[str, tuple[str, dict[str, str]]]


def _shown(html: str) -> Shown:
    """Per claim row (`<tr id="claim-...">`): its verdict and its verdict per dimension."""
    out: Shown = {}
    current = None
    for tag, attrs in start_tags(html):
        if tag == "tr":
            row = attrs.get("id") or ""
            current = row.removeprefix("claim-") if row.startswith("claim-") else None
            continue
        if current is None or "data-verdict" not in attrs:
            continue
        verdict = str(attrs["data-verdict"])
        if "data-dimension" in attrs:
            out[current][1][str(attrs["data-dimension"])] = verdict
        else:
            out[current] = (verdict, {})
    return out


@pytest.fixture(scope="module")
def library(shipped: vertikal.Dataset) -> Shown:
    return {c["id"]: (c["verdict"], c["by_dimension"]) for c in evaluate_all(shipped)["claims"]}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from vertikal.web import create_app

    with TestClient(create_app(cache_dir=tmp_path_factory.mktemp("web-cache"))) as c:
        yield c


def test_the_cli_shows_the_library_verdicts(library: Shown) -> None:
    result = CliRunner().invoke(app, ["claims", "--json"])
    assert result.exit_code == 0
    shown = {c["id"]: (c["verdict"], c["by_dimension"]) for c in json.loads(result.stdout)["claims"]}
    assert shown == library


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_web_shows_the_library_verdicts(client: object, library: Shown, lang: str) -> None:
    html = client.get("/claims", params={"lang": lang}).text  # type: ignore[attr-defined]
    assert _shown(html) == library


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_report_shows_the_library_verdicts(shipped: vertikal.Dataset, library: Shown, lang: str) -> None:
    pieces = render(shipped, lang)
    assert _shown(pieces["html"]) == library
    md = pieces["markdown"]
    for claim_id in library:
        assert f"| {claim_id}: " in md


def test_every_verdict_kind_is_shown_somewhere(library: Shown) -> None:
    kinds = {v for v, _ in library.values()}
    assert {"holds", "contradicted", "split", "depends on unknowns"} <= kinds


def test_the_cli_table_names_each_verdict(library: Shown, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["claims"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for claim_id, (verdict, _) in library.items():
        line = next(x for x in result.stdout.splitlines() if claim_id in x)
        assert verdict.split()[0] in line, (claim_id, line)
