"""Chart specifications for the explorer, built once with the library's `charts` (Altair) per language."""

from __future__ import annotations

from typing import Any

LANGS = ("en", "ru", "kk")


def chart_specs(blobs: dict[str, Any], lang: str) -> dict[str, dict[str, Any]]:
    """The home page's overview, measure and domain charts and the akims page's decentralization chart."""
    from vertikal import charts
    from vertikal.report.context import strings

    domains = {k: v.get(lang) or v["en"] for k, v in blobs["domains"].items()}
    return charts.build(
        blobs["timeline"],
        blobs["versions"],
        blobs["methods"],
        domains,
        blobs.get("akims"),
        strings(lang),
        lang,
    )
