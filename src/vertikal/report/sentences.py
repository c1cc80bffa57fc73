"""The findings in words: each finding's data (report/findings.py) as sentences in one language.

The sentence templates are data (``sentences.yaml``); values are formatted by `vertikal.fmt`;
plural forms are chosen with Babel's CLDR rules. The result is plain text, for HTML (escaped by the
template) and Markdown alike.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from vertikal import _yaml, fmt

__all__ = ["describe", "say"]

SHOWN_CHANGES = 6  # changes listed per driving step; the rest are counted


@cache
def _table(lang: str) -> dict[str, Any]:
    text = (resources.files("vertikal.report") / "sentences.yaml").read_text(encoding="utf-8")
    table: dict[str, dict[str, Any]] = _yaml.load_text(text, "vertikal/report/sentences.yaml")
    return table[lang if lang in table else "en"]


def say(key: str, lang: str, **values: Any) -> str:
    """The sentence `key` in `lang` with `values` filled in; plural forms are chosen by `n`."""
    entry = _table(lang)[key]
    if isinstance(entry, dict):
        from babel import Locale

        form = Locale.parse(lang).plural_form(values["n"])
        entry = entry.get(form) or entry["other"]
    return str(entry).format(**values)


def _pick(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang) or labels["en"]


def _signed(x: float, lang: str) -> str:
    return ("+" if x > 0 else "") + fmt.number(x, lang)


def _year(v: str | int) -> str:
    return str(v)[:4]


def _join(parts: list[str], lang: str) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {say('and', lang)} {parts[-1]}"


def counts(moves: list[dict[str, Any]], lang: str) -> str:
    """'all 6 measures rose', '4 of 6 measures rose, 1 fell and 1 did not change'."""
    total = len(moves)
    n = {d: sum(1 for m in moves if m["direction"] == d) for d in ("up", "down", "flat")}
    for d in ("up", "down"):
        if n[d] == total:
            return say(f"all_{d}", lang, n=total)
    parts: list[str] = []
    for d in ("up", "down", "flat"):
        if n[d]:
            key = f"first_{d}" if not parts else f"then_{d}"
            parts.append(say(key, lang, n=n[d], total=total))
    return _join(parts, lang)


def _measure_line(m: dict[str, Any], lang: str) -> str:
    line = say(
        "measure_line",
        lang,
        label=_pick(m["label"], lang),
        a=fmt.number(m["from"], lang),
        b=fmt.number(m["to"], lang),
        max=fmt.number(m["max"], lang),
        delta=_signed(m["delta"], lang),
    )
    return f"{line}; {say('low_mark', lang)}" if m["uncertain"] else line


def _moves_text(moves: list[dict[str, Any]], lang: str) -> str:
    return ", ".join(f"{_pick(m['label'], lang)} {_signed(m['delta'], lang)}" for m in moves)


def _agreement(moves: list[dict[str, Any]], lang: str) -> str:
    groups = {
        d: [_pick(m["label"], lang) for m in moves if m["direction"] == d] for d in ("up", "down", "flat")
    }
    if groups["up"] and groups["down"]:
        parts = [
            say(f"group_{d}", lang, labels=", ".join(groups[d])) for d in ("up", "down", "flat") if groups[d]
        ]
        return say("disagree", lang, groups="; ".join(parts))
    if groups["flat"] and (groups["up"] or groups["down"]):
        return say("agree_flat", lang, labels=", ".join(groups["flat"]))
    return say("agree", lang)


def _change_line(c: dict[str, Any], lang: str, t: dict[str, str]) -> str:
    return say(
        "change_line",
        lang,
        label=_pick(c["label"], lang),
        change=t.get(c["change"], c["change"]),
        before=fmt.cites(c["cite_from"], lang),
        after=fmt.cites(c["cite_to"], lang),
    )


def _dates(f: dict[str, Any], lang: str) -> dict[str, str]:
    va, vb = f["versions"][f["from"]], f["versions"][f["to"]]
    return {
        "a_year": _year(f["from"]),
        "b_year": _year(f["to"]),
        "a_date": fmt.date_long(va["in_force"], lang),
        "b_date": fmt.date_long(vb["in_force"], lang),
        "b_label": _pick(vb["label"], lang),
    }


def _trend(f: dict[str, Any], lang: str, t: dict[str, str]) -> dict[str, Any]:
    head = say(f"trend_{f['direction']}", lang, counts=counts(f["moves"], lang), **_dates(f, lang))
    groups = []
    drivers = []
    for s in f["drivers"]:
        name = _pick(f["versions"][s["to"]]["short"], lang)
        lines = [_change_line(c, lang, t) for c in s["changes"][:SHOWN_CHANGES]]
        rest = len(s["changes"]) - SHOWN_CHANGES
        if rest > 0:
            lines.append(say("more_changes", lang, n=rest))
        text = say("step_line", lang, name=name, version=s["to"], moves=_moves_text(s["moves"], lang))
        drivers.append({"text": text, "lines": lines})
    if drivers:
        title = say("drivers" if f["direction"] in ("up", "down") else "drivers_mixed", lang)
        groups.append({"title": title, "entries": drivers})
    against = [
        {
            "text": say(
                "step_line",
                lang,
                name=_pick(f["versions"][s["to"]]["short"], lang),
                version=s["to"],
                moves=_moves_text(s["moves"], lang),
            ),
            "lines": [],
        }
        for s in f["against"]
    ]
    if against:
        groups.append({"title": say("against", lang), "entries": against})
    low = f["low_confidence"]
    uncertainty = [
        say("low_versions", lang, list="; ".join(f"{x['version']}: {len(x['items'])}" for x in low))
        if low
        else say("low_none", lang),
        _agreement(f["moves"], lang),
    ]
    evidence = [_measure_line(m, lang) for m in f["moves"]]
    return {"sentence": head, "evidence": evidence, "groups": groups, "uncertainty": uncertainty}


def _compare(f: dict[str, Any], lang: str, t: dict[str, str]) -> dict[str, Any]:
    ups = [c for c in f["changes"] if c["effect"] > 0]
    downs = [c for c in f["changes"] if c["effect"] < 0]
    other = [c for c in f["changes"] if c["effect"] == 0]
    n = len(f["changes"])
    changes = (
        say("compare_changes", lang, n=n, up=len(ups), down=len(downs), other=len(other))
        if n
        else say("compare_none", lang)
    )
    head = say("compare_head", lang, changes=changes, counts=counts(f["moves"], lang), **_dates(f, lang))
    groups = []
    for key, found in (("adds", ups), ("takes", downs), ("details", other)):
        if found:
            items = [{"text": _change_line(c, lang, t), "lines": []} for c in found]
            groups.append({"title": say(key, lang), "entries": items})
    low = [f"{_pick(x['label'], lang)} ({x['version']})" for x in f["low_confidence"]]
    uncertainty = [
        say("low_changes", lang, list="; ".join(low)) if low else say("low_changes_none", lang),
        _agreement(f["moves"], lang),
    ]
    evidence = [_measure_line(m, lang) for m in f["moves"]]
    return {"sentence": head, "evidence": evidence, "groups": groups, "uncertainty": uncertainty}


def _rai(x: float | None, lang: str) -> str:
    return fmt.number(None if x is None else round(x, 2), lang)


def _national(value: float | None, low: float | None, high: float | None, lang: str) -> str:
    """The national index, or its range when the point value is unknown."""
    return _rai(value, lang) if value is not None else fmt.span(low, high, lang)


def _akims(f: dict[str, Any], lang: str) -> dict[str, Any]:
    methods = _table(lang)["methods"]
    a, b = f["national"]
    (la, ha), (lb, hb) = f["national_range"]
    same = a is not None and b is not None and round(a, 2) == round(b, 2)
    national = (
        say("national_same", lang, a=_rai(a, lang))
        if same
        else say("national_moved", lang, a=_national(a, la, ha, lang), b=_national(b, lb, hb, lang))
    )
    changed = [tier for tier in f["tiers"] if tier["changed"]]
    years = {"a_year": str(f["years"][0]), "b_year": str(f["years"][1])}
    if changed:
        head = say(
            "akims_head", lang, changed=len(changed), total=len(f["tiers"]), national=national, **years
        )
    else:
        head = say("akims_head_none", lang, national=national, **years)
    evidence = []
    for tier in changed:
        ma, mb = tier["from"]["method"], tier["to"]["method"]
        line = say(
            "tier_line",
            lang,
            tier=_pick(tier["label"], lang),
            a=methods.get(ma, ma or fmt.word("unknown", lang)),
            b=methods.get(mb, mb or fmt.word("unknown", lang)),
            sa=_rai(tier["from"]["score"], lang),
            sb=_rai(tier["to"]["score"], lang),
            ra=_rai(tier["from"]["rai"], lang),
            rb=_rai(tier["to"]["rai"], lang),
        )
        moved = tier["from"]["score"] != tier["to"]["score"]
        if moved and tier["from"]["rai"] == tier["to"]["rai"] and tier["from"]["rai"] is not None:
            line += f"; {say('rai_same', lang)}"
        evidence.append(line)
    for s in f["direct_shares"]:
        values = {"date": fmt.date_long(s["date"], lang), "tier": _pick(s["label"], lang)}
        if s.get("directly_elected") is None:  # the source states a share, not a count
            evidence.append(say("share_line_stated", lang, share=fmt.percent(s.get("share"), lang), **values))
            continue
        key = "share_line" if s["total"] else "share_line_no_total"
        evidence.append(say(key, lang, n=fmt.number(s["directly_elected"], lang), total=s["total"], **values))
    items = [
        {
            "text": say(
                "event_line", lang, date=fmt.date_long(e["date"], lang), title=_pick(e["title"], lang)
            ),
            "lines": [],
        }
        for e in f["events"]
    ]
    for tier in changed:
        rule = tier["rules"][1]
        if rule is not None:
            lines = [
                say("instrument_line", lang, title=i["title"], art=fmt.articles(i["article"], lang))
                if i["article"]
                else i["title"]
                for i in rule["instruments"]
            ]
            items.append({"text": _pick(tier["label"], lang), "lines": lines})
    groups = [{"title": say("akims_drivers", lang), "entries": items}] if items else []
    return {
        "sentence": head,
        "evidence": evidence,
        "groups": groups,
        "uncertainty": _akims_doubts(f, changed, lang),
    }


def _akims_doubts(f: dict[str, Any], changed: list[dict[str, Any]], lang: str) -> list[str]:
    out = []
    for tier in changed:
        for year, rule in zip(f["years"], tier["rules"], strict=True):
            if rule is not None and rule["confidence"] != "high":
                conf = fmt.confidence(rule["confidence"], lang)
                out.append(
                    say("rule_confidence", lang, tier=_pick(tier["label"], lang), year=year, confidence=conf)
                )
    for year, excluded in zip(f["years"], f["excluded"], strict=True):
        if excluded:
            tiers = ", ".join(_pick(x, lang) for x in excluded)
            out.append(say("excluded", lang, tiers=tiers, year=year))
    for e in f["events"]:
        title = _pick(e["title"], lang)
        if e["conflicts"]:
            out.append(say("conflict", lang, title=title, conflicts=e["conflicts"]))
        elif e["confidence"] == "low":
            out.append(say("low_event", lang, title=title, date=fmt.date_long(e["date"], lang)))
    return out


def describe(findings: list[dict[str, Any]], lang: str, t: dict[str, str]) -> list[dict[str, Any]]:
    """Each finding in words: title, the sentence, evidence lines, groups of lines, uncertainty.

    `t` is the report's words of `lang` (for the kinds of change: gained, lost...).
    """
    out = []
    for f in findings:
        if f["kind"] == "trend":
            words = _trend(f, lang, t)
        elif f["kind"] == "compare":
            words = _compare(f, lang, t)
        else:
            words = _akims(f, lang)
        out.append({"id": f["id"], "kind": f["kind"], "title": _pick(f["title"], lang), **words})
    return out
