"""`vertikal report`: a self-contained HTML report, a Markdown summary, and SVG/PNG figures."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from vertikal import fmt
from vertikal._io import OutputError, check_output_dir, staged_dir
from vertikal.dataset import Dataset
from vertikal.report.context import LANGS, ReportError, build

__all__ = ["LANGS", "ReportError", "render", "write_report"]

VENDOR = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")


def _vendor_js() -> str:
    base = resources.files("vertikal") / "static" / "vendor"
    return "\n".join((base / name).read_text(encoding="utf-8") for name in VENDOR)


def _charts(ctx: dict[str, Any]) -> dict[str, dict[str, Any]]:
    from vertikal import charts

    return charts.build(
        ctx["timeline"], ctx["versions"], ctx["measures"], ctx["domains"], ctx["akims"], ctx["t"], ctx["lang"]
    )


def _md(text: Any) -> str:
    """Text for one Markdown line: runs of spaces, tabs and newlines collapsed to one space.

    Non-breaking spaces (Babel puts one in '21 мая 2007 г.') stay as they are.
    """
    return re.sub(r"[ \t\r\n]+", " ", str(text)).strip()


def _marked(lang: str, names: fmt.Names) -> dict[str, Any]:
    """HTML filters for data not written in the report's language: the English marked lang="en"."""
    from markupsafe import Markup, escape

    def en(text: Any) -> Markup:
        return escape(text) if lang == "en" else Markup('<span lang="en">%s</span>') % text

    def local(texts: Any) -> Markup:
        """A {lang: text} (or Labels) in the report's language; else its English text, marked."""
        if isinstance(texts, str):
            return en(texts)
        own = texts.get(lang) if isinstance(texts, dict) else getattr(texts, lang, None)
        return escape(own) if own else en(fmt.pick(texts, "en"))

    def attr_change(a: dict[str, Any]) -> Markup:
        """'consent body: — → Mazhilis', the key and any value the coder wrote in English marked."""
        sides = [
            en(names.value(v, lang)) if names.prose(v) else escape(names.value(v, lang))
            for v in (a["from"], a["to"])
        ]
        return Markup("%s %s → %s") % (en(fmt.key(a["key"]) + ":"), *sides)

    return {"en": en, "local": local, "attr_change": attr_change}


def _env(lang: str, names: fmt.Names) -> Any:
    """The report's templates, with values formatted by `vertikal.fmt` in the report's language."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("vertikal.report", "templates"),
        # HTML is escaped; Markdown is not (an entity like &#39; would show as it is)
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["num"] = lambda x: "" if x is None else fmt.number(x, lang)
    env.filters["signed"] = lambda x: fmt.signed(x, lang)
    env.filters["fmt"] = lambda s, **kw: s.format(**kw)
    env.filters["cite"] = lambda cites, version=None: names.cites(cites, version, lang)
    env.filters["value"] = lambda v: names.value(v, lang)
    env.filters["evidence"] = lambda e, lg=lang: names.evidence(e, lg)
    env.filters["score"] = fmt.score  # {{ x|score(lang) }}
    env.globals["span"] = fmt.span  # {{ span(low, high, lang) }}
    env.globals["ranged"] = fmt.ranged  # {{ ranged(point, low, high, lang) }}
    env.filters["pick"] = lambda labels: fmt.pick(labels, lang)
    env.filters.update(_marked(lang, names))
    env.filters["md"] = _md
    env.filters["cell"] = lambda text: _md(text).replace("|", "\\|")
    env.filters["source"] = fmt.source_html  # {{ ref|source(lang) }}
    return env


def render(ds: Dataset, lang: str) -> dict[str, Any]:
    """The report's pieces in memory: html, markdown and chart specs."""
    import vertikal

    ctx = build(ds, lang)
    specs = _charts(ctx)
    env = _env(lang, fmt.Names.of(ds))
    extra = {
        "charts": specs,
        "charts_json": {k: json.dumps(v, sort_keys=True) for k, v in specs.items()},
        "vendor_js": _vendor_js(),
        "version": vertikal.__version__,
    }
    html = env.get_template("report.html.j2").render(**ctx, **extra)
    md = env.get_template("report.md.j2").render(**ctx, **extra)
    return {"html": html, "markdown": md, "charts": specs}


def _figures(specs: dict[str, dict[str, Any]], folder: Path, png: bool) -> None:
    """SVG for every chart, and PNG rendered from the SVG (cheaper than a second Vega run)."""
    from concurrent.futures import ThreadPoolExecutor

    import vl_convert as vlc

    from vertikal.charts import for_figure

    folder.mkdir()
    names = list(specs)
    with ThreadPoolExecutor(max_workers=4) as pool:
        svgs = list(pool.map(vlc.vegalite_to_svg, [for_figure(specs[n]) for n in names]))
        pngs = list(pool.map(lambda svg: vlc.svg_to_png(svg, scale=2), svgs)) if png else []
    for i, name in enumerate(names):
        (folder / f"{name}.svg").write_text(svgs[i], encoding="utf-8")
        if png:
            (folder / f"{name}.png").write_bytes(pngs[i])


def write_report(
    ds: Dataset, out: Path, lang: str = "en", png: bool = True, force: bool = False
) -> dict[str, str]:
    """Write the report into `out` atomically: all of it appears, or none of it.

    `out` must be new, empty, or hold only what vertikal wrote there; with `force`, other files in it
    are kept and only vertikal's own are replaced (see `vertikal._io`).
    """
    if lang not in LANGS:
        raise ReportError(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    out = Path(out)
    try:
        check_output_dir(out, force)
    except OutputError as exc:
        raise ReportError(str(exc)) from None
    pieces = render(ds, lang)
    with staged_dir(out, "report", force) as tmp:
        (tmp / "report.html").write_text(pieces["html"], encoding="utf-8")
        (tmp / "report.md").write_text(pieces["markdown"], encoding="utf-8")
        _figures(pieces["charts"], tmp / "figures", png)
    return {
        "html": str(out / "report.html"),
        "markdown": str(out / "report.md"),
        "figures": str(out / "figures"),
    }
