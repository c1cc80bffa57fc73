"""The shipped dataset: valid, complete, cited; the loader round-trips it."""

from __future__ import annotations

from pathlib import Path

import pytest

import vertikal
from vertikal import _yaml
from vertikal.models import CodingFile
from vertikal.references import is_legal_text
from vertikal.writer import dump_coding_file

REQUIRED_POWERS = [
    "head_of_executive",
    "appoint_pm",
    "chairs_government",
    "dismiss_akims",
    "advisory_bodies",
    "state_programmes",
    "decree_force_of_law",
    "dissolve_legislature",
    "cancel_government_acts",
    "cancel_akim_acts",
    "appoint_regional_akims",
    "appoint_senators",
]
REQUIRED_VERSIONS = [
    "1990-04-24",
    "1990-10-25",
    "1991-12-16",
    "1993-01-28",
    "1995-08-30",
    "1998-10-07",
    "2007-05-21",
    "2011-02-02",
    "2017-03-10",
    "2019-03-23",
    "2022-06-08",
    "2022-09-17",
    "2026-07-01",
]


def test_shipped_data_has_no_errors(shipped: vertikal.Dataset) -> None:
    assert [str(p) for p in shipped.errors] == []


def test_warnings_are_only_uncited_codings_of_secondary_versions(shipped: vertikal.Dataset) -> None:
    secondary = {v.id for v in shipped.versions if v.basis == "secondary"}
    for p in shipped.warnings:
        assert p.code == "VK022"
        assert any(p.file.endswith(f"{vid}.yaml") for vid in secondary), str(p)


def test_codebook_size_and_domains(shipped: vertikal.Dataset) -> None:
    assert len(shipped.items) >= 45
    assert shipped.codebook is not None
    used = {it.domain for it in shipped.items}
    assert used == set(shipped.codebook.domains)
    for power in REQUIRED_POWERS:
        shipped.item(power)


def test_every_required_version_is_coded(shipped: vertikal.Dataset) -> None:
    ids = [v.id for v in shipped.versions]
    assert len(ids) >= 13
    for vid in REQUIRED_VERSIONS:
        assert vid in ids
        assert len(shipped.codings[vid]) == len(shipped.items)


def test_sole_and_shared_codings_cite_an_article(shipped: vertikal.Dataset) -> None:
    """Every sole or shared coding of a version read in its legal text cites an article.

    Versions coded from secondary sources (no legal text could be read) may leave a coding uncited
    only at low confidence, and each such coding is reported as a VK022 warning.
    """
    basis = {v.id: v.basis for v in shipped.versions}
    for vid, codings in shipped.codings.items():
        for item_id, c in codings.items():
            if c.status == "absent" or c.cite:
                continue
            assert basis[vid] == "secondary" and c.confidence == "low", f"{vid} {item_id}"


def test_confidence_from_1993_on(shipped: vertikal.Dataset) -> None:
    """From 1993 on, a version read in its legal text has at least 90% high or medium codings,
    each naming a legal text among its sources. Versions whose text could not be read are
    declared `basis: secondary` with a note saying so (issue 2's note lists them)."""
    for v in shipped.versions:
        if v.id < "1993":
            continue
        if v.basis == "secondary":
            assert "could not be read" in v.note, v.id
            continue
        codings = shipped.codings[v.id]
        confident = [(i, c) for i, c in codings.items() if c.confidence in ("high", "medium")]
        assert len(confident) / len(codings) >= 0.9, v.id
        for item_id, c in confident:
            assert any(is_legal_text(shipped, s) for s in shipped.sources_of(v.id, c)), f"{v.id} {item_id}"


@pytest.mark.parametrize(
    "path", sorted((Path(vertikal.__file__).parent / "data" / "codings").glob("*.yaml")), ids=lambda p: p.stem
)
def test_loader_round_trip(path: Path) -> None:
    parsed = CodingFile.model_validate(_yaml.read(path).value)
    again = CodingFile.model_validate(_yaml.parse(dump_coding_file(parsed)).value)
    assert again == parsed


def test_round_trip_of_a_written_dataset(mini: Path) -> None:
    before = vertikal.load(mini)
    for path in (mini / "codings").glob("*.yaml"):
        parsed = CodingFile.model_validate(_yaml.read(path).value)
        path.write_text(dump_coding_file(parsed), encoding="utf-8")
    after = vertikal.load(mini)
    assert after.problems == [] and after.codings == before.codings


def test_issue11_the_loader_never_imports_the_validator() -> None:
    """The dependency runs one way: check uses dataset; dataset imports neither check nor loader."""
    import ast

    src = Path(vertikal.__file__).parent
    tree = ast.parse((src / "dataset.py").read_text(encoding="utf-8"))
    imported = {
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in n.names
    }
    imported |= {
        f"{n.module}.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
    }
    assert not {m for m in imported if m and ("check" in m or "loader" in m)}, imported
    check_src = (src / "check.py").read_text(encoding="utf-8")
    assert "from vertikal.dataset import" in check_src
