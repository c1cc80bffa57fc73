"""Terminal tables of the dated legal order: instruments, events, the powers on a date, two dates.

Each renders exactly what `vertikal.legal` returned; citations, statuses and labels go through
`vertikal.fmt` (a Constitution's citations with its documents' names, via `fmt.Names`).
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from vertikal import fmt
from vertikal.cli.layout import Col, show
from vertikal.cli.render import _status, console
from vertikal.cli.words import tr


def _cite(p: dict[str, Any], names: fmt.Names, lang: str) -> str:
    if not p["cite"]:
        return fmt.word("none", lang)
    if p["instrument"].startswith("constitution"):
        return names.cites(p["cite"], p["version"], lang)
    return fmt.cites(p["cite"], lang)


def instruments(rows: list[dict[str, Any]], lang: str = "en") -> None:
    cols = [
        Col("id", "id", head=True),
        Col(tr("kind", lang), width=12),
        Col(tr("title", lang), width=26, head=True),
        Col(tr("versions", lang), width=18),
    ]
    body = []
    for r in rows:
        kind = tr(fmt.value(r["kind"]), lang) + (
            f" ({tr(fmt.value(r['force']), lang)})" if r["force"] else ""
        )
        dated = [v for v in r["versions"] if v["in_force"]]
        read = sum(1 for v in dated if v["read"])
        span = f"{dated[0]['in_force']} →" if dated else ""
        end = r["repealed"]["date"] if r["repealed"] else ""
        body.append(
            [
                r["id"],
                kind,
                escape(fmt.pick(r["title"], lang)),
                (tr("{n} ({read} read)", lang, n=len(dated), read=read) + f"\n{span} {end}").rstrip(),
            ]
        )
    show(cols, body, title=tr("Instruments ({n})", lang, n=len(rows)), console=console)


def events(rows: list[dict[str, Any]], lang: str = "en") -> None:
    cols = [
        Col(tr("date", lang), "id", head=True),
        Col(tr("what", lang), "id", head=True),
        Col(tr("instrument", lang), width=30),
    ]
    body = []
    for e in rows:
        act = e["act"]
        act_text = fmt.pick({k: act[k] for k in ("en", "ru") if act.get(k)}, lang) if act else ""
        body.append(
            [
                e["date"] + ("~" if e["approximate"] else ""),
                tr(e["what"], lang) if lang != "en" else e["what"].replace("_", " "),
                escape(fmt.pick(e["title"], lang)) + (f"\n[dim]{escape(act_text)}[/]" if act_text else ""),
            ]
        )
    show(
        cols,
        body,
        title=tr("Events ({n})", lang, n=len(rows)),
        caption=tr("~ the date is a lower bound or a placeholder", lang),
        console=console,
    )


def at(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    cols = [
        Col(tr("holder", lang), "id", head=True),
        Col(tr("power", lang), width=20, head=True),
        Col(tr("status", lang), "id"),
        Col(tr("instrument", lang), width=16),
        Col(tr("citation", lang), width=16),
    ]
    body = []
    for p in result["powers"]:
        also = f"\n[dim]{tr('+{n} other', lang, n=len(p['also']))}[/]" if p["also"] else ""
        body.append(
            [
                p["holder"],
                escape(fmt.pick(p["label"], lang)),
                _status(p["status"], lang),
                f"{p['instrument']}\n[dim]{p['version']}[/]{also}",
                escape(_cite(p, names, lang)),
            ]
        )
    rule = result["rule"]["text"]
    in_force = ", ".join(f"{f['instrument']} {f['version']}" for f in result["in_force"])
    caption = tr(
        "In force: {list}. Rule: {rule}",
        lang,
        list=in_force,
        rule=fmt.pick(rule, lang) if rule else result["rule"]["id"],
    )
    title = tr(
        "Powers on {date} (Constitution version {version})",
        lang,
        date=result["date"],
        version=result["constitution_version"],
    )
    show(cols, body, title=title, caption=escape(caption), console=console)


def compare_dates(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    a, b = result["from"]["date"], result["to"]["date"]
    cols = [
        Col(tr("holder", lang), "id", head=True),
        Col(tr("power", lang), width=20, head=True),
        Col(tr("change", lang), "id"),
        Col(a, width=16),
        Col(b, width=16),
    ]

    def side(s: dict[str, Any] | None) -> str:
        if s is None:
            return fmt.word("none", lang)
        where = f"{s['instrument']} {s['version']}: {_cite(s, names, lang)}"
        return f"{_status(s['status'], lang)}\n[dim]{escape(where)}[/]"

    body = []
    for kind in ("added", "removed", "changed"):
        for r in result[kind]:
            body.append(
                [
                    r["holder"],
                    escape(fmt.pick(r["label"], lang)),
                    tr(kind, lang),
                    side(r["from"]),
                    side(r["to"]),
                ]
            )
    show(cols, body, title=tr("{a} → {b}: what changed", lang, a=a, b=b), console=console)


def timeline_by_date(result: dict[str, Any], lang: str = "en") -> None:
    measures = result["measures"]
    cols = [
        Col(tr("date", lang), "id", head=True),
        Col(tr("version", lang), "id"),
        *[Col(m, "num") for m in measures],
        Col(tr("president", lang), "num"),
        Col(tr("first pres.", lang), "num"),
        Col(tr("pres.-type", lang), "num"),
    ]

    def held(h: dict[str, Any] | None) -> str:
        if not h:
            return fmt.word("none", lang)
        return f"{h['low']}" if h["low"] == h["high"] else f"{h['low']}–{h['high']}"

    body = []
    for r in result["versions"]:
        values = [
            fmt.ranged(v.get("total"), v.get("low"), v.get("high"), lang)
            for v in (r["measures"].get(m, {}) for m in measures)
        ]
        hs = r["holders"]
        body.append(
            [
                r["date"],
                r["version"] or "",
                *values,
                held(hs.get("president")),
                held(hs.get("first_president")),
                held(hs.get("presidential_type")),
            ]
        )
    caption = tr(
        "president, first pres.: powers held (sole or shared) by the holder that day; pres.-type: held by"
        " either, counted once (docs/instruments.md)",
        lang,
    )
    show(cols, body, title=tr("Measures by date", lang), caption=caption, console=console)
