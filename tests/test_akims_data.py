"""Issue 16: the shipped akim series after the independent check of its facts and sources."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

import vertikal
from vertikal import _yaml
from vertikal.akims import load_akims
from vertikal.akims.measures import units_at
from vertikal.akims.models import AkimsFile, DirectShare
from vertikal.akims.rules import period_at

# hosts that copy other sites: cite the original instead
MIRRORS = ("nina.az", "swiki.se", "osmarks.net", "kiwix", "cloudfront.net", "issuu.com./")
# a document a reader can open beside a link into the zan.gov.kz web application
DOCUMENT = ("adilet.zan.kz/", "github.com/kazakhstan-law/codes/")


@pytest.fixture(scope="module")
def data(shipped: vertikal.Dataset) -> AkimsFile:
    return load_akims(shipped)


def _url_lists(node: Any) -> list[list[str]]:
    """Every `sources` list in the raw file, plus each instrument's url as a list of its own."""
    found: list[list[str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                found.append([str(u) for u in value])
            elif key == "url" and isinstance(value, str):
                found.append([value])
            else:
                found += _url_lists(value)
    elif isinstance(node, list):
        for value in node:
            found += _url_lists(value)
    return found


def test_rural_akims_were_elected_directly_as_terms_ended_not_all_at_once(data: AkimsFile) -> None:
    first = period_at(data, "rural", "2021-07-25")
    assert first is not None and first.method == "mixed_rollout"
    later = period_at(data, "rural", "2026-01-01")
    assert later is not None and later.method == "elected_directly"


def test_rural_direct_shares_rise_by_date_and_stay_within_the_total(data: AkimsFile) -> None:
    shares = sorted((s for s in data.direct_shares if s.tier == "rural"), key=lambda s: s.date)
    assert len(shares) >= 5
    counts = [s.directly_elected for s in shares if s.directly_elected is not None]
    assert counts == sorted(counts)
    for s in shares:
        if s.directly_elected is not None and s.total is not None:
            assert s.directly_elected <= s.total, s
        if s.directly_elected is None:
            assert s.share is not None and s.note, s  # a stated share must say why no count is given


def test_posts_in_2013_include_the_three_left_without_a_winner(data: AkimsFile) -> None:
    assert units_at(data, "rural", "2013-12-31") == 2457


def test_no_source_is_a_mirror_and_every_web_application_link_has_a_document_beside_it(
    shipped: vertikal.Dataset,
) -> None:
    lists = _url_lists(_yaml.read(shipped.root / "akims.yaml").value)
    urls = [u for urls in lists for u in urls]
    assert [u for u in urls if any(m in u for m in MIRRORS)] == []
    bare = [urls for urls in lists if any("zan.gov.kz/client/" in u for u in urls)]
    assert bare, "expected zan.gov.kz links to check"
    assert [urls for urls in bare if not any(d in u for u in urls for d in DOCUMENT)] == []


def test_a_direct_share_needs_a_count_or_a_stated_share() -> None:
    assert DirectShare.model_validate({"tier": "rural", "date": "2024-09-02", "share": 0.9}).share == 0.9
    with pytest.raises(ValidationError, match="directly_elected"):
        DirectShare.model_validate({"tier": "rural", "date": "2024-09-02"})
