"""Issue 8: accepted proposals become low-confidence codings; curated ones are never overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import vertikal
from tests.factory import data_dir
from vertikal import extract, texts
from vertikal.extract import AcceptError, Proposal

SYNTHETIC = Path(__file__).parent / "fixtures" / "extract" / "synthetic.en.txt"
VERSION = "1995-08-30"  # coded from secondary sources in part: a mix of low and medium codings


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return data_dir(tmp_path)


def proposals(ds: vertikal.Dataset) -> tuple[Proposal, ...]:
    assert ds.codebook is not None
    return extract.suggest(texts.parse_file(SYNTHETIC), ds.codebook).proposals


def test_accept_writes_low_codings_and_keeps_curated_ones(root: Path) -> None:
    ds = vertikal.load(root)
    before = dict(ds.codings[VERSION])
    found = proposals(ds)
    result = extract.accept(ds, VERSION, found)
    after = vertikal.load(root)
    assert after.errors == []
    kept = dict(result.kept)
    for p in found:
        old, new = before[p.item], after.codings[VERSION][p.item]
        if old.confidence in ("medium", "high"):
            assert new == old and kept[p.item] == f"curated {old.confidence}-confidence coding kept"
        else:
            assert p.item in result.written
            assert (new.status, new.cite, new.confidence) == (p.status, p.cite, "low")
            assert new.note.startswith(f"proposed by vertikal extract from {p.cite[0]}; to be confirmed")
    assert result.written and result.kept
    assert "pardon" in result.written  # low in 1995-08-30
    untouched = set(before) - {p.item for p in found}
    assert all(after.codings[VERSION][i] == before[i] for i in untouched)
    header = (root / "codings" / f"{VERSION}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert header == (vertikal.load().root / "codings" / f"{VERSION}.yaml").read_text().splitlines()[0]


def test_accept_twice_changes_nothing_more(root: Path) -> None:
    ds = vertikal.load(root)
    extract.accept(ds, VERSION, proposals(ds))
    first = (root / "codings" / f"{VERSION}.yaml").read_bytes()
    extract.accept(vertikal.load(root), VERSION, proposals(ds))
    assert (root / "codings" / f"{VERSION}.yaml").read_bytes() == first


def test_accept_is_atomic(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = root / "codings" / f"{VERSION}.yaml"
    original = path.read_bytes()
    ds = vertikal.load(root)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        extract.accept(ds, VERSION, proposals(ds))
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_unknown_version_is_refused(root: Path) -> None:
    ds = vertikal.load(root)
    with pytest.raises(AcceptError, match=r"^unknown version '2030-01-01'; known: 1990-04-24, ") as err:
        extract.accept(ds, "2030-01-01", proposals(ds))
    assert "\n" not in str(err.value)


def test_proposals_that_would_break_the_file_are_kept_out(root: Path) -> None:
    ds = vertikal.load(root)
    base = {"cite": ["art_44"], "paraphrase": "p", "confidence": "low", "note": "n", "score": 0.9}
    no_body = Proposal.model_validate(base | {"item": "citizenship", "status": "shared"})
    far = Proposal.model_validate(base | {"item": "pardon", "status": "sole", "cite": ["art_300"]})
    wrong = Proposal.model_validate(base | {"item": "head_of_state", "status": "shared", "with": ["senate"]})
    result = extract.accept(ds, VERSION, [no_body, far, wrong])
    assert result.written == ()
    reasons = dict(result.kept)
    assert reasons["citizenship"].startswith("shared, but the text names no body")
    assert reasons["pardon"] == "cites art_300, but article 300 is not in this version"
    assert reasons["head_of_state"] == "curated medium-confidence coding kept"
    assert vertikal.load(root).errors == []
