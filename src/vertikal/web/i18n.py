"""English, Russian and Kazakh: Babel reads the gettext catalogs (``locale/<lang>/LC_MESSAGES/messages.po``)
at start-up, and one Jinja environment per language renders the pages.

Template strings are English msgids; `N_` marks the vocabulary that the templates look up by key
(statuses, kinds of change, verdicts...) so that extraction finds it. A page asked for in another
language is shown in the default one, with a notice (`resolve`, `UNSUPPORTED`).
"""

from __future__ import annotations

import gettext
import io
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup, escape

from vertikal import fmt

LANGS = ("en", "ru", "kk")
DEFAULT_LANG = "en"
LANG_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
# A `?lang=` value that is a well-formed language tag (BCP 47 in outline); anything else is a 422.
LANG_TAG = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$"


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


TERMS = {
    # statuses and kinds of item
    "sole": N_("sole"),
    "shared": N_("shared"),
    "absent": N_("absent"),  # "unknown" (a status, and an akim rule nobody read) is listed below
    "power": N_("power"),
    "constraint": N_("constraint"),
    "check": N_("check"),
    "status": N_("status"),
    # kinds of change and classifications
    "gained": N_("gained"),
    "lost": N_("lost"),
    "constrained": N_("made shared"),
    "loosened": N_("made sole"),
    "attrs": N_("changed"),
    # what happened to a holder's coding between two days (legal.compare_dates)
    "date_added": N_("added"),
    "date_removed": N_("removed"),
    "date_changed": N_("changed"),
    "concentration": N_("concentration"),
    "deconcentration": N_("deconcentration"),
    "mixed": N_("mixed"),
    "unchanged": N_("unchanged"),
    # claim verdicts
    "holds": N_("holds"),
    "contradicted": N_("contradicted"),
    "split": N_("split"),
    "depends on unknowns": N_("depends on unknowns"),
    "cannot be evaluated": N_("cannot be evaluated"),
    # confidence and basis
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "primary": N_("primary"),
    "secondary": N_("secondary"),
    # kinds of version
    "founding_law": N_("founding law"),
    "declaration": N_("declaration"),
    "law": N_("law"),
    "constitutional_law": N_("constitutional law"),
    "constitution": N_("constitution"),
    "amendment": N_("amendment"),
    # how akims are chosen
    "appointed_by_president": N_("appointed by the President"),
    "appointed_by_president_on_pm_proposal": N_(
        "appointed by the President on the Prime Minister's proposal"
    ),
    "appointed_by_president_with_maslikhat_consent": N_(
        "appointed by the President with the maslikhat's consent"
    ),
    "appointed_by_president_from_nominees": N_("appointed by the President from nominees"),
    "appointed_by_higher_akim": N_("appointed by the higher akim"),
    "appointed_by_higher_akim_with_maslikhat_consent": N_(
        "appointed by the higher akim with the maslikhat's consent"
    ),
    "elected_by_maslikhat": N_("elected by the maslikhat"),
    "elected_by_local_soviet": N_("elected by the local soviet"),
    "elected_directly": N_("elected directly"),
    "mixed_rollout": N_("mixed (elections being introduced)"),
    "unknown": N_("unknown"),
    # how a rollout's share of units was found
    "share_reported": N_("as reported"),
    "share_interpolated": N_("interpolated between two dated counts"),
    "share_carried": N_("the last dated count, a lower bound"),
    "share_unknown": N_("no dated count yet"),
    # kinds of akim event
    "election": N_("election"),
    "reform": N_("reform"),
    "address": N_("address"),
    "decree": N_("decree"),
    "statement": N_("statement"),
    "appointment": N_("appointment"),
    # what an akim event's counts count
    "count_units": N_("units"),
    "count_elected": N_("elected"),
    "count_candidates": N_("candidates"),
    "count_turnout_pct": N_("turnout, %"),
    "count_rural_elected": N_("rural akims elected"),
    "count_district_elected": N_("district akims elected"),
}


# The notice on a page asked for in a language the site does not have; each language's catalog
# translates it, and the page shows it in every language of the site.
UNSUPPORTED = N_("The language %(asked)s is not available; this page is in English.")


def resolve(asked: str | None) -> tuple[str, str | None]:
    """The language to show for a `?lang=` value, and the value itself when it is not supported.

    A tag is matched on its first part, case aside ('kk-KZ' and 'RU' are Kazakh and Russian); a
    language the site does not have falls back to the default.

    >>> resolve("kk-KZ"), resolve("de"), resolve(None)
    (('kk', None), ('en', 'de'), ('en', None))
    """
    if not asked:
        return DEFAULT_LANG, None
    primary = asked.split("-")[0].lower()
    return (primary, None) if primary in LANGS else (DEFAULT_LANG, asked)


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    """The language's catalog, compiled in memory from its .po file (English needs none)."""
    if lang == DEFAULT_LANG:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    po = resources.files("vertikal.web") / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(fp=buf)


def catalog(lang: str) -> gettext.NullTranslations:
    """The language's catalog (gettext, ngettext), for the page parts written in Python (`at_html`)."""
    return _catalog(lang)


def translator(lang: str) -> Any:
    """The language's gettext, for words put into data the page carries (a chart's tooltips)."""
    return _catalog(lang).gettext


def url(path: str, lang: str, **params: Any) -> str:
    """A site URL that keeps the language (English is the default and is left out)."""
    query = {k: v for k, v in params.items() if v is not None}
    if lang != DEFAULT_LANG:
        query["lang"] = lang
    return f"{path}?{urlencode(query)}" if query else path


def _href(value: str) -> str:
    """An outside link only if it is http(s); anything else (javascript:, data:) becomes inert."""
    return value if value.startswith(("https://", "http://")) else "#"


def _markup_filters(lang: str, term: Any, names: fmt.Names) -> dict[str, Any]:
    """Small pieces of markup around data; markupsafe escapes every value put into them."""

    def en(text: str) -> Markup:
        """Text that exists in English only, marked as such on the Russian and Kazakh pages."""
        return escape(text) if lang == "en" else Markup(f'<span lang="en">{escape(text)}</span>')

    def local(texts: dict[str, Any] | None) -> Markup:
        """A {lang: text} in the page's language; else its English text, marked as English."""
        texts = texts or {}
        if texts.get(lang):
            return escape(texts[lang])
        return en(str(texts.get("en") or ""))

    def attr_change(a: dict[str, Any]) -> Markup:
        """'consent body: — → Mazhilis', the key and any value in English prose marked as English."""
        sides = [
            en(names.value(v, lang)) if names.prose(v) else escape(names.value(v, lang))
            for v in (a["from"], a["to"])
        ]
        return Markup("%s %s → %s") % (en(fmt.key(a["key"]) + ":"), *sides)

    def status(value: str) -> Markup:
        return Markup('<span class="status st-%s">%s</span>') % (value, term(value))

    @lru_cache(maxsize=16384)
    def one_cite(ref: str, version: str | None) -> Markup:
        doc = ref.split("/", 1)[0] if "/" in ref else None
        title = names.documents.get(version or "", {}).get(doc) if doc else None
        written = (
            (title.get(lang) if isinstance(title, dict) else getattr(title, lang, None)) if title else None
        )
        if title is None or written or lang == "en":
            return Markup('<span class="cite">%s</span>') % names.cite(ref, version, lang)
        # a document whose title is written in English only: the title marked as English
        before, _, after = fmt.cite(ref, lang, {str(doc): "\x00"}).partition("\x00")
        return Markup('<span class="cite">%s%s%s</span>') % (
            before,
            en(names.docs(version, "en")[str(doc)]),
            after,
        )

    def cites(values: list[Any], version: str | None = None) -> Markup:
        """The citations, each as `vertikal.fmt` writes it (a document's title from `version`); a
        citation id's markup is memoised (bounded), since a page of a day shows the same ones again."""
        if not values:
            return Markup('<span class="muted">—</span>')
        return Markup("; ").join(
            one_cite(c, version)
            if isinstance(c, str)
            else Markup('<span class="cite">%s</span>') % names.cite(c, version, lang)
            for c in values
        )

    return {
        "en": en,
        "local": local,
        "status": status,
        "cites": cites,
        "attr_change": attr_change,
        "source": lambda value: fmt.source_html(value, lang),  # a described source, as HTML
    }


def notices(asked: str) -> list[tuple[str, str]]:
    """The notice for a language the site does not have, in each language of the site."""
    return [(lang, _catalog(lang).gettext(UNSUPPORTED) % {"asked": fmt.quote(asked, lang)}) for lang in LANGS]


def _local_url(lang: str) -> Any:
    """The templates' `url()` in one language; a path without parameters written once (a page links
    to the same dozen pages)."""
    paths: dict[str, str] = {}

    def local_url(path: str, **params: Any) -> str:
        if params:
            return url(path, lang, **params)
        found = paths.get(path)
        if found is None:
            found = url(path, lang)
            if len(paths) < 4096:
                paths[path] = found
        return found

    return local_url


def _fast_gettext(gt: Any) -> Any:
    """The templates' `_()`: Jinja's newstyle gettext (the translation is markup, values put into it
    are escaped), without its two indirections, and a word without values translated once. A page
    says some thirty words, so this is most of what the outer page costs."""
    words: dict[str, Markup] = {}

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, message: str, **values: Any) -> str:
        if not context.eval_ctx.autoescape:
            return gt(message) % values  # type: ignore[no-any-return]
        if values:
            return Markup(gt(message)) % values
        found = words.get(message)
        if found is None:
            found = Markup(gt(message)) % {}
            if len(words) < 4096:  # the templates' own words; a word from data is translated each time
                words[message] = found
        return found

    return gettext


def environment(lang: str, names: fmt.Names | None = None) -> jinja2.Environment:
    """The Jinja environment of one language: autoescaped, strict, with the catalog installed.

    Citations, bodies, attribute values, numbers and dates are formatted by `vertikal.fmt`, with
    `names` (the database's bodies and documents) for what coded values refer to by id.
    """
    names = names or fmt.Names()
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("vertikal.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # package files: never stat them again on every page
    )
    translations = _catalog(lang)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    gt = translations.gettext
    env.globals["_"] = _fast_gettext(gt)

    def term(key: str, default: str | None = None) -> str:
        return gt(TERMS[key]) if key in TERMS else default or key

    @lru_cache(maxsize=16384)
    def long_date(iso: str) -> str:
        """Babel's long date, memoised (bounded): a page of a day repeats its versions' dates."""
        return fmt.date_long(iso, lang)

    headers: dict[tuple[Any, ...], Markup] = {}

    def site_header(page: str | None, country: Any) -> Markup:
        """header.html, written once per current page and country name (a page links to the same
        dozen pages in the same words)."""
        key = (page, *sorted((country or {}).items()))
        found = headers.get(key)
        if found is None:
            found = Markup(env.get_template("header.html").render(page=page, country=country))
            if len(headers) < 256:
                headers[key] = found
        return found

    env.globals.update(
        site_header=site_header,
        lang=lang,
        langs=LANGS,
        lang_names=LANG_NAMES,
        url=_local_url(lang),
        url_in=url,
        term=term,
        notices=notices,
        lang_asked=None,
        span=lambda low, high, digits=2: fmt.span(low, high, lang, digits),
        ranged=lambda point, low=None, high=None: fmt.ranged(point, low, high, lang),
    )
    env.filters.update(
        cite=lambda c, version=None: names.cite(c, version, lang),
        date=lambda d: long_date(d) if d else "",
        num=lambda x: "" if x is None else fmt.number(x, lang),
        score=lambda x, digits=2: fmt.score(x, lang, digits),
        href=_href,
        pick=lambda labels: "" if labels is None else (labels.get(lang) or labels.get("en") or ""),
        signed=lambda x: fmt.signed(x, lang),
        bodies=lambda ids: names.bodies(ids, lang),
        value=lambda v: names.value(v, lang),
        attrs=lambda d: names.attrs(d, lang),
        evidence=lambda e: names.evidence(e, lang),
        classification=term,
        size=lambda n: fmt.size(n, lang),
        **_markup_filters(lang, term, names),
    )
    return env


def environments(names: fmt.Names | None = None) -> dict[str, jinja2.Environment]:
    return {lang: environment(lang, names) for lang in LANGS}
