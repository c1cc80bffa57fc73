"""The one presentation layer: values turned into the words a person reads, per language.

Every output (CLI tables, web pages, the report, Markdown, export label columns) formats
citations, attribute values, statuses, bodies, dates and numbers through these functions and never
on its own, so that the same coding reads the same everywhere. Only the standard library is
imported here; Babel is imported lazily by `date_long`.

>>> cite("art_44__para_3__subpara_2")
'Art. 44(3), subpara. 2'
>>> cite("art_44__para_3__subpara_2", "ru")
'ст. 44 п. 3 пп. 2'
>>> cite("art_44__para_3__subpara_2", "kk")
'44-бап, 3-тармақ, 2) тармақша'
>>> value(None), value(["foreign affairs", "defence"]), value(True, "ru"), value(2 / 3)
('—', 'foreign affairs, defence', 'да', '2/3')
>>> change(None, "mazhilis", bodies={"mazhilis": {"en": "Mazhilis", "ru": "Мажилис"}})
'— → Mazhilis'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from typing import Any

LANGS = ("en", "ru", "kk")
DEFAULT_LANG = "en"

# The words of this module, per language; every language has every key (tests/test_fmt.py checks).
# Kazakh "sole" is "дербес", as the official Kazakh Constitution words the President acting alone
# (Art. 44, subpara. 3 of the 2022 text: "дербес тағайындайды", Russian "самостоятельно назначает").
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "art": "Art.",
        "para": "",
        "subpara": "subpara.",
        "none": "—",
        "yes": "yes",
        "no": "no",
        "sole": "sole",
        "shared": "shared",
        "absent": "absent",
        "unknown": "unknown",
        "high": "high",
        "medium": "medium",
        "low": "low",
        "lang_en": "English",
        "lang_ru": "Russian",
        "lang_kk": "Kazakh",
        "source_official": "official portal",
        "source_mirror": "mirror repository",
        "source_copy": "third-party copy",
        "source_file": "local file",
        "source_unknown": "origin not stated",
        "kib": "KiB",
    },
    "ru": {
        "art": "ст.",
        "para": "п.",
        "subpara": "пп.",
        "none": "—",
        "yes": "да",
        "no": "нет",
        "sole": "единолично",
        "shared": "совместно",
        "absent": "отсутствует",
        "unknown": "неизвестно",
        "high": "высокая",
        "medium": "средняя",
        "low": "низкая",
        "lang_en": "английский",
        "lang_ru": "русский",
        "lang_kk": "казахский",
        "source_official": "официальный портал",
        "source_mirror": "репозиторий-зеркало",
        "source_copy": "копия третьей стороны",
        "source_file": "локальный файл",
        "source_unknown": "происхождение не указано",
        "kib": "КиБ",
    },
    "kk": {
        "art": "бап",
        "para": "тармақ",
        "subpara": "тармақша",
        "none": "—",
        "yes": "иә",
        "no": "жоқ",
        "sole": "дербес",
        "shared": "бірлесіп",
        "absent": "жоқ",
        "unknown": "белгісіз",
        "high": "жоғары",
        "medium": "орташа",
        "low": "төмен",
        "lang_en": "ағылшын тілі",
        "lang_ru": "орыс тілі",
        "lang_kk": "қазақ тілі",
        "source_official": "ресми портал",
        "source_mirror": "айна-репозиторий",
        "source_copy": "үшінші тараптың көшірмесі",
        "source_file": "жергілікті файл",
        "source_unknown": "қайдан алынғаны көрсетілмеген",
        "kib": "КиБ",
    },
}


def _lang(lang: str) -> str:
    return lang if lang in WORDS else DEFAULT_LANG


def word(key: str, lang: str = DEFAULT_LANG) -> str:
    """A word of this module in `lang` (English when the language lacks it); the key if unknown."""
    return WORDS[_lang(lang)].get(key) or WORDS[DEFAULT_LANG].get(key, key)


def _parts(ref: Any) -> tuple[str | None, str, str | None, str | None] | None:
    """(doc, article, paragraph, subparagraph) of a citation id, an ArticleRef or its dict form."""
    from vertikal.refs import ArticleRef

    if isinstance(ref, Mapping):
        ref = ref.get("id", "")
    if isinstance(ref, str):
        try:
            ref = ArticleRef.parse(ref)
        except ValueError:
            return None
    if not isinstance(ref, ArticleRef):
        return None
    return ref.doc, ref.article, ref.paragraph, ref.subparagraph


def cite(ref: Any, lang: str = DEFAULT_LANG, docs: Mapping[str, str] | None = None) -> str:
    """A citation as a lawyer writes it, one style per language.

    'Art. 44(3), subpara. 2'; 'ст. 44 п. 3 пп. 2'; '44-бап, 3-тармақ, 2) тармақша'.

    Kazakh: the official texts cite in the genitive inside a sentence ("44-бабының 3-тармағының
    2) тармақшасында"); standing alone, as in a table, a citation is the units in the nominative,
    each as the texts number it ("44-бап", "3-тармақ", "2) тармақша"), separated by commas.

    `ref` is a citation id (``art_44__para_3``), an ArticleRef or the dict of one; `docs` maps a
    document prefix to the title shown before the article. Text that is not a citation id is
    returned as it is.
    """
    parts = _parts(ref)
    if parts is None:
        return str(ref.get("id", "") if isinstance(ref, Mapping) else ref)
    doc, art, para, sub = parts
    lang = _lang(lang)
    if lang == "ru":
        out = f"ст. {art}" + (f" п. {para}" if para else "") + (f" пп. {sub}" if sub else "")
    elif lang == "kk":
        out = f"{art}-бап" + (f", {para}-тармақ" if para else "") + (f", {sub}) тармақша" if sub else "")
    else:
        out = f"Art. {art}" + (f"({para})" if para else "") + (f", subpara. {sub}" if sub else "")
    if doc:
        title = (docs or {}).get(doc, doc)
        return f"{title}, {out}"
    return out


def cites(refs: Iterable[Any], lang: str = DEFAULT_LANG, docs: Mapping[str, str] | None = None) -> str:
    """Several citations, separated by '; ' (a comma already appears inside one citation)."""
    out = [cite(r, lang, docs) for r in refs]
    return "; ".join(out) if out else word("none", lang)


def number(x: float | int | None, lang: str = DEFAULT_LANG) -> str:
    """A number without trailing zeros: 23, 0.5, 33.5; None is a dash."""
    if x is None:
        return word("none", lang)
    if isinstance(x, bool):
        return word("yes" if x else "no", lang)
    text = f"{x:g}"
    return text.replace(".", ",") if _lang(lang) in ("ru", "kk") else text


def signed(x: float | int, lang: str = DEFAULT_LANG) -> str:
    """A change with its sign: +5, −2.5 (a minus sign, not a hyphen), 0."""
    text = number(abs(x), lang)
    return f"+{text}" if x > 0 else f"−{text}" if x < 0 else text


def fraction(x: float) -> str | None:
    """2/3 for 0.666..., 1/2 for 0.5, 3/5; None when `x` is not a simple fraction."""
    if not 0 < x < 1:
        return None
    f = Fraction(x).limit_denominator(12)
    return f"{f.numerator}/{f.denominator}" if abs(float(f) - x) < 1e-3 else None


_IDENT = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def _pick(label: Any, lang: str) -> str | None:
    """The text of a label in `lang` (English when missing): Labels, a {lang: text} dict or a string."""
    if label is None or isinstance(label, str):
        return label
    if isinstance(label, Mapping):
        got = label.get(_lang(lang)) or label.get(DEFAULT_LANG)
    else:
        got = getattr(label, _lang(lang), None) or getattr(label, DEFAULT_LANG, None)
    return str(got) if got else None


def pick(label: Any, lang: str = DEFAULT_LANG) -> str:
    """A label's text in `lang`, English where the language has none; '' for no label.

    >>> pick({"en": "Senate", "ru": "Сенат"}, "kk"), pick({"en": "Senate", "kk": "Сенат"}, "kk")
    ('Senate', 'Сенат')
    """
    return _pick(label, lang) or ""


_ARTICLE = re.compile(r"^\s*(\d+(?:-\d+)*)(?:\((\d+(?:-\d+)*)\))?\s*$")


def articles(text: str, lang: str = DEFAULT_LANG) -> str:
    """A free list of articles ('87(4), 88(4)', '28, 32') cited in `lang`: 'ст. 87 п. 4; ст. 88 п. 4'.

    Text that is not such a list is shown after the word for an article.

    >>> articles("87(4), 88", "kk"), articles("Annex", "en")
    ('87-бап, 4-тармақ; 88-бап', 'Art. Annex')
    """
    found = [_ARTICLE.match(part) for part in text.split(",")]
    if not text.strip() or not all(found):
        return f"{word('art', lang)} {text}".strip()
    return cites([f"art_{m[1]}" + (f"__para_{m[2]}" if m[2] else "") for m in found if m is not None], lang)


def value(v: Any, lang: str = DEFAULT_LANG, bodies: Mapping[str, Any] | None = None) -> str:
    """Any attribute value as words: never a Python repr (None, [...], True).

    A value that names a body of the codebook (`bodies`) is shown by the body's label; another
    identifier-like value (``senate_chair``) is shown in words (``senate chair``).
    """
    if v is None or v == "" or v == []:
        return word("none", lang)
    if isinstance(v, bool):
        return word("yes" if v else "no", lang)
    if isinstance(v, float) and (frac := fraction(v)) is not None:
        return frac
    if isinstance(v, int | float):
        return number(v, lang)
    if isinstance(v, Mapping):
        return "; ".join(f"{key(k)}: {value(x, lang, bodies)}" for k, x in v.items())
    if isinstance(v, list | tuple | set | frozenset):
        return ", ".join(value(x, lang, bodies) for x in v)
    text = str(v)
    if bodies and text in bodies:
        return body(text, lang, bodies)
    return text.replace("_", " ") if _IDENT.match(text) else text


def key(k: str) -> str:
    """An attribute's key in words: 'consent_body' -> 'consent body'."""
    return k.replace("_", " ")


def attrs(
    d: Mapping[str, Any],
    lang: str = DEFAULT_LANG,
    labels: Mapping[str, str] | None = None,
    bodies: Mapping[str, Any] | None = None,
) -> str:
    """Attributes as 'key: value; key: value' (keys shown by their label when one is given)."""
    return "; ".join(f"{(labels or {}).get(k) or key(k)}: {value(x, lang, bodies)}" for k, x in d.items())


def change(a: Any, b: Any, lang: str = DEFAULT_LANG, bodies: Mapping[str, Any] | None = None) -> str:
    """'5 → 7', '— → Mazhilis'."""
    return f"{value(a, lang, bodies)} → {value(b, lang, bodies)}"


def attr_change(
    k: str, a: Any, b: Any, lang: str = DEFAULT_LANG, bodies: Mapping[str, Any] | None = None
) -> str:
    """One attribute's change: 'consent body: — → Mazhilis'."""
    return f"{key(k)}: {change(a, b, lang, bodies)}"


def quote(text: str, lang: str = DEFAULT_LANG) -> str:
    """A piece of text in the language's quotation marks: “text” or «текст»."""
    return f"«{text}»" if _lang(lang) in ("ru", "kk") else f"“{text}”"


def status(s: str | None, lang: str = DEFAULT_LANG) -> str:
    return word("none", lang) if s is None else word(s, lang)


def confidence(c: str | None, lang: str = DEFAULT_LANG) -> str:
    return word("none", lang) if c is None else word(c, lang)


def body(body_id: str, lang: str = DEFAULT_LANG, bodies: Mapping[str, Any] | None = None) -> str:
    """A body's name from the codebook's `bodies` (Labels or a {lang: text} dict), else its id in words."""
    return _pick((bodies or {}).get(body_id), lang) or body_id.replace("_", " ")


def bodies(ids: Iterable[str], lang: str = DEFAULT_LANG, table: Mapping[str, Any] | None = None) -> str:
    out = [body(b, lang, table) for b in ids]
    return ", ".join(out) if out else word("none", lang)


def language(code: str | None, lang: str = DEFAULT_LANG) -> str:
    """A language's name: 'Kazakh', 'казахский', 'қазақ тілі'; the code itself when it is not known."""
    if not code:
        return word("none", lang)
    key = f"lang_{code}"
    return word(key, lang) if key in WORDS[DEFAULT_LANG] else code


def source_kind(kind: str | None, lang: str = DEFAULT_LANG) -> str:
    """What a text's source is: 'official portal', 'mirror repository', 'third-party copy', 'local file'."""
    key = f"source_{kind or 'unknown'}"
    return word(key, lang) if key in WORDS[DEFAULT_LANG] else str(kind)


def date_long(iso: str | None, lang: str = DEFAULT_LANG) -> str:
    """'21 May 2007', '21 мая 2007 г.', '2007 ж. 21 мамыр' (Babel's long date); a dash when there is none."""
    if not iso:
        return word("none", lang)
    import datetime as dt

    pattern, locale = _long_date(_lang(lang))
    return str(pattern.apply(dt.date.fromisoformat(iso), locale))


@cache
def _long_date(lang: str) -> tuple[Any, Any]:
    """The language's long date pattern and locale, as `babel.dates.format_date(format="long")` finds
    them on every call (half its time)."""
    from babel import Locale
    from babel.dates import get_date_format

    locale = Locale.parse(lang)
    return get_date_format("long", locale=locale), locale


def percent(x: float | None, lang: str = DEFAULT_LANG) -> str:
    """A proportion as a percentage, as CLDR writes it: '95.8%' (en), '95,8 %' (ru), '95,8%' (kk).

    None is a dash.
    """
    if x is None:
        return word("none", lang)
    text = f"{100 * x:.1f}".removesuffix(".0")
    if _lang(lang) == "en":
        return f"{text}%"
    return text.replace(".", ",") + (" %" if _lang(lang) == "ru" else "%")


def size(n_bytes: int, lang: str = DEFAULT_LANG) -> str:
    """A file's size in kibibytes to one decimal: '12.3 KiB', '12,3 КиБ'.

    >>> size(12_595), size(12_595, "kk")
    ('12.3 KiB', '12,3 КиБ')
    """
    return f"{number(round(n_bytes / 1024, 1), lang)} {word('kib', lang)}"


def coefficient(x: float | None, lang: str = DEFAULT_LANG) -> str:
    """A coefficient such as kappa, alpha or rho to three decimals: '0.912', '-0.120'; None is a dash."""
    if x is None:
        return word("none", lang)
    text = f"{x:.3f}".replace("-0.000", "0.000")
    return text.replace(".", ",") if _lang(lang) in ("ru", "kk") else text


def score(x: float | None, lang: str = DEFAULT_LANG, digits: int = 2) -> str:
    """An index score with fixed decimals, for columns that line up: 0.71, 0,71; None is a dash.

    >>> score(0.70925), score(1.0, "ru"), score(None)
    ('0.71', '1,00', '—')
    """
    if x is None:
        return word("none", lang)
    text = f"{x:.{digits}f}"
    return text.replace(".", ",") if _lang(lang) in ("ru", "kk") else text


def span(low: float | None, high: float | None, lang: str = DEFAULT_LANG, digits: int = 2) -> str:
    """A range of scores, 0.25–0.31; one value when both ends round the same; a dash when unknown.

    >>> span(0.2473, 0.2504), span(0.0193, 0.9342, "ru"), span(None, 1)
    ('0.25', '0,02–0,93', '—')
    """
    if low is None or high is None:
        return word("none", lang)
    a, b = score(low, lang, digits), score(high, lang, digits)
    return a if a == b else f"{a}–{b}"


@dataclass(frozen=True)
class Names:
    """What coded values refer to by id: the codebook's bodies and each version's further documents.

    Every output builds one from what it has (a Dataset, or the library's JSON results) and formats
    citations, bodies and attribute values through it, so that they read the same everywhere.

    >>> names = Names({"parliament": {"en": "Parliament", "ru": "Парламент"}},
    ...               {"1991-12-16": {"independence": {"en": "Independence Law", "ru": "Закон"}}})
    >>> names.cites(["independence/art_10__para_2", "art_5"], "1991-12-16")
    'Independence Law, Art. 10(2); Art. 5'
    >>> names.bodies(["parliament"], "ru"), names.attr_change("consent_body", None, "parliament")
    ('Парламент', 'consent body: — → Parliament')
    """

    body_names: Mapping[str, Any] = field(default_factory=dict)
    documents: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, ds: Any) -> Names:
        """From a loaded Dataset."""
        bodies = dict(ds.codebook.bodies) if ds.codebook is not None else {}
        docs = {v.id: {k: d.title for k, d in v.documents.items()} for v in ds.versions if v.documents}
        return cls(bodies, docs)

    @classmethod
    def from_json(cls, bodies: Mapping[str, Any], versions: Iterable[Mapping[str, Any]]) -> Names:
        """From JSON results: bodies as {id: {en, ru}}, versions as `queries.versions` returns them."""
        docs = {v["id"]: {k: d["title"] for k, d in v.get("documents", {}).items()} for v in versions}
        return cls(dict(bodies), {k: d for k, d in docs.items() if d})

    def plain(self) -> dict[str, Any]:
        """The same names as plain JSON values (each label a {lang: text} dict), e.g. to cache them;
        `Names(**names.plain())` formats exactly as `names` does."""

        def label(value: Any) -> Any:
            if value is None or isinstance(value, str | Mapping):
                return value if not isinstance(value, Mapping) else dict(value)
            return {k: v for k, v in vars(value).items() if isinstance(v, str)}  # Labels: its languages

        return {
            "body_names": {k: label(v) for k, v in self.body_names.items()},
            "documents": {vid: {k: label(t) for k, t in d.items()} for vid, d in self.documents.items()},
        }

    def docs(self, version: str | None, lang: str = DEFAULT_LANG) -> dict[str, str]:
        """The titles of a version's further documents, by citation prefix."""
        found = self.documents.get(version or "", {})
        return {k: _pick(t, lang) or k for k, t in found.items()}

    def cite(self, ref: Any, version: str | None = None, lang: str = DEFAULT_LANG) -> str:
        return cite(ref, lang, self.docs(version, lang))

    def cites(self, refs: Iterable[Any], version: str | None = None, lang: str = DEFAULT_LANG) -> str:
        return cites(refs, lang, self.docs(version, lang))

    def body(self, body_id: str, lang: str = DEFAULT_LANG) -> str:
        return body(body_id, lang, self.body_names)

    def bodies(self, ids: Iterable[str], lang: str = DEFAULT_LANG) -> str:
        return bodies(ids, lang, self.body_names)

    def value(self, v: Any, lang: str = DEFAULT_LANG) -> str:
        return value(v, lang, self.body_names)

    def evidence(self, e: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
        """A claim's evidence value: a measure's point with its range, the statuses an unknown coding
        could have, 'unknown' for an attribute of one, else the value.

        >>> Names().evidence({"value": {"low": 0, "high": 45.5}, "point": 0})
        '0 [0–45.5]'
        >>> Names().evidence({"value": {"one_of": ["absent", "sole"]}}, "ru")
        'отсутствует / единолично'
        """
        v = e.get("value")
        if isinstance(v, Mapping) and "low" in v:
            return ranged(e.get("point"), v["low"], v["high"], lang)
        if isinstance(v, Mapping) and "one_of" in v:
            return " / ".join(status(x, lang) for x in v["one_of"])
        if v == "unknown":
            return word("unknown", lang)
        return self.value(v, lang)

    def attrs(self, d: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
        return attrs(d, lang, bodies=self.body_names)

    def change(self, a: Any, b: Any, lang: str = DEFAULT_LANG) -> str:
        return change(a, b, lang, self.body_names)

    def attr_change(self, k: str, a: Any, b: Any, lang: str = DEFAULT_LANG) -> str:
        return attr_change(k, a, b, lang, self.body_names)

    def prose(self, v: Any) -> bool:
        """Whether a coded value is text as the coder wrote it (in English), not a body, a number or yes/no.

        >>> Names({"senate": {"en": "Senate"}}).prose("senate"), Names().prose(["2/3 of each chamber"])
        (False, True)
        """
        if isinstance(v, str):
            return v not in self.body_names
        if isinstance(v, list | tuple):
            return any(self.prose(x) for x in v)
        return isinstance(v, Mapping)


# -- sources (the registry in references.yaml) ----------------------------------------------------------
# Kept apart from WORDS: the words a source's display form needs, per language (Kazakh left to the sweep).
SOURCE_WORDS: dict[str, dict[str, str]] = {
    "en": {"no_date": "n.d.", "abstract_only": "abstract only"},
    "ru": {"no_date": "б. г.", "abstract_only": "только аннотация"},
    "kk": {"no_date": "жылы жоқ", "abstract_only": "тек аннотациясы"},
}


def _source_word(key: str, lang: str) -> str:
    return SOURCE_WORDS.get(_lang(lang), SOURCE_WORDS[DEFAULT_LANG]).get(key) or SOURCE_WORDS["en"][key]


def _sentences(*parts: str) -> str:
    """Non-empty parts joined as sentences: 'A. B. C.' (no doubled stop after '.', '?', '!' or ']')."""
    out = ""
    for part in (p.strip() for p in parts):
        if part:
            out += part if part[-1] in ".?!" else part + "."
            out += " "
    return out.strip()


def source(ref: Any, lang: str = DEFAULT_LANG) -> str:
    """A registered source as a reader cites it, by its kind (a Reference or its dict form).

    'Frye, T. (1997). A Politics of Institutional Choice. Comparative Political Studies 30(5).' ;
    'Kazakhstan: Parliament Approves Changes To Presidential Term. Radio Free Europe/Radio Liberty,
    1998-10-08.' ; an official text by its title, wording and publisher. A source without a date
    reads 'n.d.'.
    """
    get = ref.get if isinstance(ref, Mapping) else (lambda k, d=None: getattr(ref, k, d))
    kind, title = get("kind") or "", get("title") or get("id") or ""
    author, publisher, container = get("author") or "", get("publisher") or "", get("container") or ""
    # an ISO date (language-neutral, and no Babel for the JSON outputs), else the year, else 'n.d.'
    when = str(get("date") or get("year") or _source_word("no_date", lang))
    if kind == "official_text":
        version = get("version") or ""
        return _sentences(f"{title} ({version})" if version else title, publisher)
    if kind == "scholarly_work":
        head = f"{author} ({get('year') or _source_word('no_date', lang)})"
        return _sentences(head, title, container, publisher)
    if kind == "abstract":
        return _sentences(title, f"{container}, {when} ({_source_word('abstract_only', lang)})")
    return _sentences(author, title, container, f"{publisher}, {when}" if publisher else when)


def source_html(value: Mapping[str, Any], lang: str = DEFAULT_LANG) -> Any:
    """A described source (vertikal.references.describe) as HTML (a markupsafe.Markup), for the web
    and the report alike: linked to its URL when it has one, marked with its language when that is
    not `lang` (a title in [brackets] is vertikal's own description in references.yaml, in English),
    followed by the articles it is cited for."""
    from markupsafe import Markup, escape

    text = source(value, lang) if value.get("kind") else str(value.get("cite", ""))
    supplied = str(value.get("title") or "").startswith("[")
    written = "en" if supplied else str(value.get("lang") or "")
    url = str(value.get("url") or "")
    if url.startswith(("https://", "http://")):
        shown = Markup('<a href="%s" rel="noopener noreferrer">%s</a>') % (url, text)
    else:
        shown = escape(text)
    if written and written != lang:
        shown = Markup('<span lang="%s">%s</span>') % (written, shown)
    if value.get("articles"):
        shown += " " + cites(value["articles"], lang)
    return shown


def ranged(point: float | None, low: float | None, high: float | None, lang: str = DEFAULT_LANG) -> str:
    """A measure's point value with its range when unknown codings widen it: '23', '0 [0–45.5]'.

    >>> ranged(23, 23, 23), ranged(0, 0, 45.5), ranged(0.5, 0, 1, "ru")
    ('23', '0 [0–45.5]', '0,5 [0–1]')
    """
    if point is None:
        return word("none", lang)
    if low is None or high is None or low == high:
        return number(point, lang)
    return f"{number(point, lang)} [{number(low, lang)}–{number(high, lang)}]"
