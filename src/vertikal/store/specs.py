"""Chart specifications for the explorer, built once with the library's `charts` (Altair) per language."""

from __future__ import annotations

from typing import Any

LANGS = ("en", "ru")


def chart_specs(blobs: dict[str, Any], lang: str) -> dict[str, dict[str, Any]]:
    """The home page's measure and domain charts and the akims page's decentralization chart."""
    from vertikal import charts
    from vertikal.report.context import strings

    t = strings(lang)
    timeline = blobs["timeline"]
    out = {f"measure-{m}": charts.measure_timeline(timeline, m, t) for m in timeline["measures"]}
    if "volume" in timeline["measures"]:
        domains = {k: v[lang] for k, v in blobs["domains"].items()}
        out["domains"] = charts.domain_small_multiples(timeline, domains, t)
    akims = blobs.get("akims")
    if akims is not None:
        tiers = {row["tier"]["id"]: row["tier"]["label"][lang] for row in akims["rules"]["tiers"]}
        out["decentralization"] = charts.decentralization(akims["series"], tiers, t)
    return out
