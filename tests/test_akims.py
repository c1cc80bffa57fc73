"""Akim selection rules on synthetic fixtures: measures, gap detection, consistency with the codings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import vertikal
from tests.factory import coding, data_dir, dataset
from vertikal.akims.index import FILE, read
from vertikal.akims.measures import rai, vdem, year_row
from vertikal.akims.models import AkimsFile, Period
from vertikal.akims.rules import consistency, gaps, period_at

LABEL = {"en": "x", "ru": "x"}


def builtin_index() -> Any:
    return read(vertikal.dataset.default_root() / FILE)


def period(tier: str, start: str, end: str, method: str, **kw: Any) -> dict[str, Any]:
    return {"tier": tier, "from": start, "to": end, "method": method, "confidence": "high", **kw}


def akims(periods: list[dict[str, Any]], units: dict[str, int] | None = None, **tiers: Any) -> AkimsFile:
    units = units or {"region": 14, "rural": 2000}
    return AkimsFile.model_validate(
        {
            "tiers": [
                {"id": t, "label": LABEL, "units": [{"from": "1990-01-01", "count": n}], **tiers.get(t, {})}
                for t, n in units.items()
            ],
            "periods": periods,
        }
    )


FULL = [
    period("region", "1990-01-01", "2006-12-31", "appointed_by_president"),
    period("region", "2007-01-01", "2026-12-31", "appointed_by_president_with_maslikhat_consent"),
    period("rural", "1990-01-01", "2013-07-31", "appointed_by_higher_akim"),
    period("rural", "2013-08-01", "2021-07-24", "elected_by_maslikhat"),
    period("rural", "2021-07-25", "2024-12-31", "mixed_rollout", elected_share=0.5),
    period("rural", "2025-01-01", "2026-12-31", "elected_directly"),
]


def test_a_gapless_series_has_no_gaps() -> None:
    assert list(gaps(akims(FULL))) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"index": 1, "from": "2007-02-01"}, "no rule from 2007-01-01"),
        ({"index": 1, "from": "2006-06-01"}, "overlaps"),
        ({"index": 5, "to": "2025-12-31"}, "no rule after 2025-12-31"),
        ({"index": 0, "from": "1991-01-01"}, "no rule from 1990-01-01"),
    ],
)
def test_gaps_and_overlaps_are_found(change: dict[str, Any], message: str) -> None:
    ps = [dict(p) for p in FULL]
    i = change.pop("index")
    ps[i].update(change)
    found = [m for _, _, m in gaps(akims(ps))]
    assert any(message in m for m in found), found


def test_rai_scores() -> None:
    def p(method: str, share: float | None = None) -> Period:
        return Period.model_validate(
            period("region", "2000-01-01", "2000-12-31", method, elected_share=share)
        )

    assert rai(p("appointed_by_president")) == 0
    assert rai(p("appointed_by_president_with_maslikhat_consent")) == 1
    assert rai(p("elected_by_maslikhat")) == 2
    assert rai(p("elected_directly")) == 2
    assert rai(p("mixed_rollout", 0.25)) == 0.5
    assert rai(p("mixed_rollout")) is None
    assert rai(p("unknown")) is None


def test_vdem_recode() -> None:
    from vertikal.akims.models import Assembly

    elected = Period.model_validate(period("rural", "2022-01-01", "2022-12-31", "elected_directly"))
    appointed = Period.model_validate(period("region", "2022-01-01", "2022-12-31", "appointed_by_president"))
    chamber = Assembly.model_validate({"from": "1994-01-01", "exists": True, "elected": True})
    none = Assembly.model_validate({"from": "1994-01-01", "exists": False})
    assert vdem(appointed, chamber) == 2
    assert vdem(elected, chamber) == 5
    assert vdem(elected, none) == 3
    assert vdem(appointed, none) == 0


def test_national_score_weights_tiers_by_fixed_units() -> None:
    data = akims(FULL)
    idx = builtin_index()
    assert year_row(data, idx, 2000)["national"] == round(2000 * 0.25 / 2014, 4)  # regions 0, rural 1/4
    # 2010: 14 regions with maslikhat consent (1/2), 2000 rural units appointed by a higher akim (1/4)
    assert year_row(data, idx, 2010)["national"] == round((14 * 0.5 + 2000 * 0.25) / 2014, 4)
    # 2015: rural akims elected by maslikhats (3/4)
    assert year_row(data, idx, 2015)["national"] == round((14 * 0.5 + 2000 * 0.75) / 2014, 4)


def test_unknown_tiers_are_left_out_and_listed() -> None:
    ps = [dict(p) for p in FULL]
    ps[0]["method"] = "unknown"
    row = year_row(akims(ps), builtin_index(), 2000)
    assert row["excluded"] == [{"tier": "region", "reason": "unknown_method"}]
    assert row["national"] == 0.25 and row["tiers"]["region"]["directness"] is None


def test_period_at() -> None:
    data = akims(FULL)
    p = period_at(data, "rural", "2021-07-25")
    assert p is not None and p.method == "mixed_rollout"


def test_consistency_with_the_codings() -> None:
    ds = dataset(
        {
            "2000-01-01": {"appoint_regional_akims": coding("sole", attrs={"method": "by_president_alone"})},
            "2010-01-01": {"appoint_regional_akims": coding("shared", attrs={"method": "pm_proposal"})},
        }
    )
    found = list(consistency(ds, akims(FULL)))
    assert [(v, i) for v, i, _ in found] == [("2010-01-01", "appoint_regional_akims")]
    assert "pm_proposal" in found[0][2]


def test_check_reports_gaps_with_file_and_line(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = root / "akims.yaml"
    if not path.exists():
        pytest.skip("no akims.yaml shipped yet")
    text = path.read_text(encoding="utf-8")
    first = text.index("\n  - tier:")
    second = text.index("\n  - tier:", first + 1)
    path.write_text(text[:first] + text[second:], encoding="utf-8")  # drop the first period
    problems = [p for p in vertikal.load(root, strict=False).problems if p.code == "VK017"]
    assert problems and all(p.file.endswith("akims.yaml") and p.line > 1 for p in problems)
