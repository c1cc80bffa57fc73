"""Terminal rendering of coder agreement, blanks and external validation, in English, Russian or Kazakh."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from vertikal import fmt
from vertikal.cli.render import console

LANGS = ("en", "ru", "kk")

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Agreement between two coders: A = {a}, B = {b}",
        "overall": "Overall",
        "by_version": "By version",
        "by_item": "Items with a disagreement",
        "version": "version",
        "item": "item",
        "units": "units",
        "agreement": "agreement",
        "kappa": "Cohen's κ",
        "alpha": "Krippendorff's α",
        "same": "same articles",
        "jaccard": "article Jaccard",
        "one_side": "cited by one side only",
        "statuses": "statuses",
        "undefined": "— undefined: only one status occurs",
        "all_agree": "{n} of {m} items agree in every version compared.",
        "disagreements": "Disagreements on status ({n})",
        "cite_differences": "Same status, different articles cited ({n})",
        "only": "Only in {side}: {what}",
        "versions": "versions",
        "items": "items",
        "status": "status",
        "note": "note",
        "blank": "Wrote blank codings of {version} ({items} items) to {out}.",
        "blank_next": "Replace every TODO; `vertikal check` reports each one left.",
        "pair": "{column} (direction {direction:+d}) vs {target}: Spearman's ρ {rho} over {n} years",
        "measure": "measure {m}",
        "items_sum": "sum of status scores of {items}",
        "disagree_most": "Years whose ranks differ most",
        "year": "year",
        "column": "column",
        "vertikal": "vertikal",
        "rank_column": "rank ({column})",
        "reversed": "{column} is ranked on its values times -1 (higher means less presidential power).",
        "rank_vertikal": "rank (vertikal)",
        "diff": "difference",
        "skipped": "years left out: {n}",
        "no_version": "no version in force on 1 July",
        "no_value": "no value in the column",
        "no_score": "{item} is {status} in {version}: no score for it in the map",
        "few_years": "ρ undefined: fewer than 3 years",
        "constant": "ρ undefined: one of the series is constant over these years",
    },
    "ru": {
        "title": "Согласие двух кодировщиков: A = {a}, B = {b}",
        "overall": "В целом",
        "by_version": "По редакциям",
        "by_item": "Пункты с расхождениями",
        "version": "редакция",
        "item": "пункт",
        "units": "единиц",
        "agreement": "совпадение",
        "kappa": "κ Коэна",
        "alpha": "α Криппендорфа",
        "same": "те же статьи",
        "jaccard": "Жаккар по статьям",
        "one_side": "статьи указала одна сторона",
        "statuses": "статусы",
        "undefined": "— не определено: встречается один статус",
        "all_agree": "{n} из {m} пунктов совпадают во всех сравниваемых редакциях.",
        "disagreements": "Расхождения в статусе ({n})",
        "cite_differences": "Статус тот же, статьи разные ({n})",
        "only": "Только в {side}: {what}",
        "versions": "редакции",
        "items": "пункты",
        "status": "статус",
        "note": "примечание",
        "blank": "Пустая кодировка редакции {version} ({items} пунктов) записана в {out}.",
        "blank_next": "Замените каждое TODO; `vertikal check` сообщает о каждом оставшемся.",
        "pair": "{column} (направление {direction:+d}) и {target}: ρ Спирмена {rho}, лет: {n}",
        "measure": "мера {m}",
        "items_sum": "сумма баллов статусов {items}",
        "disagree_most": "Годы с наибольшим расхождением рангов",
        "year": "год",
        "column": "столбец",
        "vertikal": "vertikal",
        "rank_column": "ранг ({column})",
        "reversed": "{column} ранжируется по значениям, умноженным на -1 (больше — меньше власти).",
        "rank_vertikal": "ранг (vertikal)",
        "diff": "разница",
        "skipped": "годы не учтены: {n}",
        "no_version": "на 1 июля не действовала ни одна редакция",
        "no_value": "в столбце нет значения",
        "no_score": "{item}: статус {status} в {version}, для него в карте нет балла",
        "few_years": "ρ не определён: меньше 3 лет",
        "constant": "ρ не определён: один из рядов постоянен в эти годы",
    },
    "kk": {
        "title": "Екі кодтаушының келісімі: A = {a}, B = {b}",
        "overall": "Жалпы",
        "by_version": "Редакциялар бойынша",
        "by_item": "Алшақтығы бар бірліктер",
        "version": "редакция",
        "item": "бірлік",
        "units": "бірлік",
        "agreement": "сәйкестік",
        "kappa": "Коэннің κ",
        "alpha": "Криппендорфтың α",
        "same": "сол баптар",
        "jaccard": "баптар бойынша Жаккар",
        "one_side": "баптарды бір тарап қана көрсеткен",
        "statuses": "мәртебелер",
        "undefined": "— анықталмаған: тек бір мәртебе кездеседі",
        "all_agree": "{m} бірліктің ішінен {n} бірлік салыстырылған барлық редакцияда сәйкес келеді.",
        "disagreements": "Мәртебедегі алшақтықтар ({n})",
        "cite_differences": "Мәртебе бірдей, көрсетілген баптар әртүрлі ({n})",
        "only": "Тек {side} кодтауында: {what}",
        "versions": "редакциялар",
        "items": "бірліктер",
        "status": "мәртебе",
        "note": "ескертпе",
        "blank": "{version} редакциясының бос кодтаулары ({items} бірлік) {out} файлына жазылды.",
        "blank_next": "Әр TODO-ны толтырыңыз; `vertikal check` қалғанының әрқайсысын хабарлайды.",
        "pair": "{column} (бағыты {direction:+d}) және {target}: Спирменнің ρ {rho}, жылдар саны: {n}",
        "measure": "{m} көрсеткіші",
        "items_sum": "{items} мәртебе балдарының қосындысы",
        "disagree_most": "Рангтері ең көп алшақтайтын жылдар",
        "year": "жыл",
        "column": "баған",
        "vertikal": "vertikal",
        "rank_column": "ранг ({column})",
        "reversed": "{column} мәндері -1-ге көбейтіліп ранжирленеді (жоғары мән билікті азырақ білдіреді).",
        "rank_vertikal": "ранг (vertikal)",
        "diff": "айырма",
        "skipped": "есепке алынбаған жылдар: {n}",
        "no_version": "1 шілдеде бірде-бір редакция күшінде болмаған",
        "no_value": "бағанда мән жоқ",
        "no_score": "{item}: {version} редакциясында мәртебесі {status}, картада ол үшін балл жоқ",
        "few_years": "ρ анықталмаған: 3 жылдан аз",
        "constant": "ρ анықталмаған: бұл жылдары қатарлардың бірі тұрақты",
    },
}


def _w(lang: str, key: str, **kw: Any) -> str:
    return (WORDS.get(lang) or WORDS["en"])[key].format(**kw)


def _side(s: dict[str, Any], lang: str, names: fmt.Names, version: str) -> str:
    out = fmt.status(s["status"], lang)
    if s["with"]:
        out += f" ({escape(names.bodies(s['with'], lang))})"
    out += f"\n{escape(names.cites(s['cite'], version, lang))}"
    if s["note"]:
        out += f"\n[dim]{escape(s['note'])}[/]"
    return out


def _stat_cells(s: dict[str, Any], lang: str) -> list[str]:
    return [
        str(s["units"]),
        fmt.percent(s["agreement"], lang),
        fmt.coefficient(s["kappa"], lang),
        fmt.coefficient(s["alpha"], lang),
    ]


def agreement(result: dict[str, Any], lang: str = "en", names: fmt.Names | None = None) -> None:
    """The agreement's tables; `names` (the first coder's bodies and documents) label what codings name."""
    names = names or fmt.Names()
    o = result["overall"]
    c = o["cites"]
    console.print(escape(_w(lang, "title", a=result["a"], b=result["b"])))
    t = Table(title=_w(lang, "overall"), show_header=False)
    t.add_column(_w(lang, "overall"))
    t.add_column("", justify="right")
    for key, value in [
        ("units", str(o["units"])),
        ("agreement", fmt.percent(o["agreement"], lang)),
        ("kappa", fmt.coefficient(o["kappa"], lang)),
        ("alpha", fmt.coefficient(o["alpha"], lang)),
        ("same", f"{fmt.percent(c['same'], lang)} ({c['units']})"),
        ("jaccard", fmt.coefficient(c["jaccard"], lang)),
        ("one_side", str(c["one_side"])),
        ("statuses", ", ".join(fmt.status(s, lang) for s in result["categories"])),
    ]:
        t.add_row(_w(lang, key), value)
    console.print(t)
    if o["undefined"] == "one_status":
        console.print(_w(lang, "undefined"))
    for side, key in (("A", "only_in_a"), ("B", "only_in_b")):
        for what in ("versions", "items"):
            if result[key][what]:
                listed = ", ".join(result[key][what])
                console.print(_w(lang, "only", side=side, what=f"{_w(lang, what)}: {listed}"))
    v = Table(title=_w(lang, "by_version"))
    for col in ("version", "units", "agreement", "kappa", "alpha", "same"):
        v.add_column(_w(lang, col), justify="left" if col == "version" else "right", no_wrap=col == "version")
    for row in result["by_version"]:
        v.add_row(row["version"], *_stat_cells(row, lang), fmt.percent(row["cites"]["same"], lang))
    console.print(v)
    split = [r for r in result["by_item"] if r["agreed"] < r["units"]]
    if split:
        i = Table(title=_w(lang, "by_item"))
        for col in ("item", "units", "agreement", "kappa", "alpha"):
            i.add_column(_w(lang, col), justify="left" if col == "item" else "right", no_wrap=col == "item")
        for row in split:
            i.add_row(row["item"], *_stat_cells(row, lang))
        console.print(i)
    console.print(_w(lang, "all_agree", n=len(result["by_item"]) - len(split), m=len(result["by_item"])))
    _listing(result["disagreements"], _w(lang, "disagreements", n=len(result["disagreements"])), lang, names)
    _listing(
        result["cite_differences"],
        _w(lang, "cite_differences", n=len(result["cite_differences"])),
        lang,
        names,
    )


def _listing(rows: list[dict[str, Any]], title: str, lang: str, names: fmt.Names) -> None:
    if not rows:
        console.print(title)
        return
    t = Table(title=title, show_lines=True)
    for col in (_w(lang, "version"), _w(lang, "item")):  # ids: never split
        t.add_column(col, no_wrap=True)
    for col in ("A", "B"):
        t.add_column(col, overflow="fold")
    for r in rows:
        v = r["version"]
        t.add_row(v, r["item"], _side(r["a"], lang, names, v), _side(r["b"], lang, names, v))
    console.print(t)


def blank(result: dict[str, Any], lang: str = "en") -> None:
    console.print(_w(lang, "blank", version=result["version"], items=result["items"], out=result["out"]))
    console.print(_w(lang, "blank_next"))


def _target(t: dict[str, Any], lang: str) -> str:
    if t.get("measure"):
        name = t["measure"] + (f" / {t['subscale']}" if t.get("subscale") else "")
        return _w(lang, "measure", m=name)
    return _w(lang, "items_sum", items=", ".join(t["items"]))


def validate(result: dict[str, Any], lang: str = "en") -> None:
    for p in result["pairs"]:
        head = _w(
            lang,
            "pair",
            column=p["column"],
            direction=p["direction"],
            target=_target(p["target"], lang),
            rho=fmt.coefficient(p["rho"], lang),
            n=p["n"],
        )
        console.print(f"[bold]{escape(head)}[/]")
        if p["direction"] < 0:
            console.print(_w(lang, "reversed", column=p["column"]))
        if p["undefined"]:
            console.print(_w(lang, p["undefined"]))
        if p["most_disagree"]:
            t = Table(title=_w(lang, "disagree_most"))
            cols = ("year", "version", "column", "vertikal", "rank_column", "rank_vertikal", "diff")
            for col in cols:
                name = p["column"] if col == "column" else _w(lang, col, column=p["column"])
                t.add_column(escape(name), justify="left" if col in ("year", "version") else "right")
            for r in p["most_disagree"]:
                t.add_row(
                    str(r["year"]),
                    r["version"],
                    fmt.number(r["external"], lang),
                    fmt.number(r["vertikal"], lang),
                    fmt.number(r["rank_external"], lang),
                    fmt.number(r["rank_vertikal"], lang),
                    fmt.number(r["rank_diff"], lang),
                )
            console.print(t)
        if p["skipped"]:
            years = "; ".join(
                f"{s['year']}: {_w(lang, s['why'], **{**s, 'status': fmt.status(s['status'], lang)})}"
                for s in p["skipped"]
            )
            console.print(f"[dim]{_w(lang, 'skipped', n=len(p['skipped']))}: {escape(years)}[/]")
