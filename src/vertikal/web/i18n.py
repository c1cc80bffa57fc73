"""English and Russian: Babel reads the gettext catalogs (``locale/<lang>/LC_MESSAGES/messages.po``)
at start-up, and one Jinja environment per language renders the pages.

Template strings are English msgids; `N_` marks the vocabulary that the templates look up by key
(statuses, kinds of change, verdicts...) so that extraction finds it.
"""

from __future__ import annotations

import gettext
import io
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup, escape

from vertikal import fmt

LANGS = ("en", "ru")
DEFAULT_LANG = "en"
LANG_NAMES = {"en": "English", "ru": "Русский"}


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


TERMS = {
    # statuses and kinds of item
    "sole": N_("sole"),
    "shared": N_("shared"),
    "absent": N_("absent"),
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
    "concentration": N_("concentration"),
    "deconcentration": N_("deconcentration"),
    "mixed": N_("mixed"),
    "unchanged": N_("unchanged"),
    # claim verdicts
    "holds": N_("holds"),
    "contradicted": N_("contradicted"),
    "split": N_("split"),
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
}


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
        """Text that exists in English only, marked as such on the Russian pages."""
        return escape(text) if lang == "en" else Markup('<span lang="en">%s</span>') % text

    def local(texts: dict[str, Any] | None) -> Markup:
        """A {lang: text} in the page's language; else its English text, marked as English."""
        texts = texts or {}
        if texts.get(lang):
            return escape(texts[lang])
        return en(str(texts.get("en") or ""))

    def status(value: str) -> Markup:
        return Markup('<span class="status st-%s">%s</span>') % (value, term(value))

    def cites(values: list[Any], version: str | None = None) -> Markup:
        """The citations, each as `vertikal.fmt` writes it (a document's title from `version`)."""
        if not values:
            return Markup('<span class="muted">—</span>')
        return Markup("; ").join(
            Markup('<span class="cite">%s</span>') % names.cite(c, version, lang) for c in values
        )

    def source(value: dict[str, Any]) -> Markup:
        """A described source (vertikal.references.describe): its display form, linked to its URL."""
        from vertikal import fmt

        text = fmt.source(value, lang) if value.get("kind") else str(value.get("cite", ""))
        if value.get("articles"):
            text += " " + fmt.cites(value["articles"], lang)
        url = str(value.get("url") or "")
        if url.startswith(("https://", "http://")):
            return Markup('<a href="%s" rel="noopener noreferrer">%s</a>') % (url, text)
        return escape(text)

    return {"en": en, "local": local, "status": status, "cites": cites, "source": source}


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
    )
    translations = _catalog(lang)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    gt = translations.gettext

    def term(key: str) -> str:
        return gt(TERMS[key]) if key in TERMS else key

    env.globals.update(
        lang=lang,
        langs=LANGS,
        lang_names=LANG_NAMES,
        url=lambda path, **params: url(path, lang, **params),
        url_in=url,
        term=term,
        span=lambda low, high, digits=2: fmt.span(low, high, lang, digits),
    )
    env.filters.update(
        cite=lambda c, version=None: names.cite(c, version, lang),
        date=lambda d: fmt.date_long(d, lang) if d else "",
        num=lambda x: "" if x is None else fmt.number(x, lang),
        score=lambda x, digits=2: fmt.score(x, lang, digits),
        href=_href,
        pick=lambda labels: "" if labels is None else (labels.get(lang) or labels.get("en") or ""),
        signed=lambda x: fmt.signed(x, lang),
        bodies=lambda ids: names.bodies(ids, lang),
        value=lambda v: names.value(v, lang),
        attr_change=lambda a: names.attr_change(a["key"], a["from"], a["to"], lang),
        **_markup_filters(lang, term, names),
    )
    return env


def environments(names: fmt.Names | None = None) -> dict[str, jinja2.Environment]:
    return {lang: environment(lang, names) for lang in LANGS}
