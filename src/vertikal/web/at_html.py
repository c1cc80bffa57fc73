"""The page of a day (`/at/DAY`) below its form, written in Python with the filters of the page's
Jinja environment (`i18n.environment`): the same words, citations, dates and escaping.

`templates/at_state.html` and `templates/at_row.html` are the readable definitions, and
`tests/test_at_html.py` keeps them and this module equal, for every legal state of the data, in every
language. A page of a day shows some seventy powers; on data many times the size of Kazakhstan's
most of a random day's rows have not been written before (a row is kept per power,
`dated.LegalSource.kept`), and Jinja's per-call overhead made these parts most of the cost of the
page (bench/legal_scale.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

import jinja2
from markupsafe import Markup, escape

from vertikal.web import i18n


class DayWriter:
    """Writes the page of a day below its form (`state`) and its rows (a call), in one language.

    Values are escaped with `markupsafe.escape` and joined as plain strings (markup's own `%` is several
    times slower); the words that do not depend on the power are translated once."""

    def __init__(
        self,
        env: jinja2.Environment,
        instruments: Mapping[str, Mapping[str, Any]],
        known_items: Collection[str],
    ) -> None:
        f: Mapping[str, Any] = env.filters
        g: Mapping[str, Any] = env.globals
        self.lang: str = g["lang"]
        catalog = i18n.catalog(self.lang)
        self.ngettext: Callable[[str, str, int], str] = catalog.ngettext
        self.local, self.status, self.cites, self.en = f["local"], f["status"], f["cites"], f["en"]
        self.date, self.bodies, self.attrs = f["date"], f["bodies"], f["attrs"]
        self.url, self.term = g["url"], g["term"]
        self.instruments, self.known_items = instruments, known_items
        # newstyle gettext as the templates call it: the translation is markup, the values escaped
        self.gettext: Callable[[str], str] = catalog.gettext
        self.with_ = str(Markup(catalog.gettext("with")) % {})
        self.version_of = Markup(catalog.gettext("version of %(day)s"))
        # what repeats from row to row (and, at 100x, from copy to copy): written once
        self._statuses: dict[str, str] = {}
        self._versions: dict[str, str] = {}
        self._kinds: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        self._labels: dict[tuple[Any, ...], str] = {}
        self._cited: dict[tuple[Any, ...], str] = {}
        self._words: dict[str, str] = {}
        self._heads: dict[tuple[str, ...], str] = {}

    def _status(self, value: str) -> str:
        found = self._statuses.get(value)
        if found is None:
            found = self._statuses[value] = str(self.status(value))
        return found

    def _version(self, version: str) -> str:
        found = self._versions.get(version)
        if found is None:
            found = self._versions[version] = str(self.version_of % {"day": self.date(version)})
        return found

    def _kind(self, kind: str) -> str:
        found = self._kinds.get(kind)
        if found is None:
            found = self._kinds[kind] = str(escape(self.term(kind)))
        return found

    def _title(self, instrument: str) -> str:
        found = self._titles.get(instrument)
        if found is None:
            found = self._titles[instrument] = str(self.local(self.instruments[instrument]["title"]))
        return found

    def _label(self, item: str, label: Mapping[str, Any]) -> str:
        key = (item, *label.items())
        found = self._labels.get(key)
        if found is None:
            found = str(self.local(label))
            if item in self.known_items:
                found = f'<a href="{escape(self.url("/powers/" + item))}">{found}</a>'
            self._labels[key] = found
        return found

    def _cites(self, cite: list[Any], instrument: str, version: str) -> str:
        """The citations; a version names the titles of its further documents (a citation with a
        document prefix, "doc/..."), and only a Constitution's version is passed on."""
        given = version if self.instruments[instrument]["kind"] == "constitution" else None
        try:
            joined = "\x00".join(cite)
        except TypeError:  # a citation given as a mapping, not an id
            return str(self.cites(cite, given))
        key = (given if "/" in joined else None, joined)
        found = self._cited.get(key)
        if found is None:
            found = self._cited[key] = str(self.cites(cite, given))
        return found

    def __call__(self, p: Mapping[str, Any], h: str) -> str:
        item, st, inst, vid = p["item"], p["status"], p["instrument"], p["version"]
        status = self._statuses.get(st) or self._status(st)
        if p["with"]:
            status += f'<br><span class="muted">{self.with_} {escape(self.bodies(p["with"]))}</span>'
        if p["attrs"]:
            status += f'<br><span class="muted">{self.en(self.attrs(p["attrs"]))}</span>'
        key = (h, item, st, inst)
        head = self._heads.get(key)
        if head is None:
            head = self._heads[key] = (
                f'    <tr id="power-{escape(h)}-{escape(item)}" data-status="{escape(st)}" '
                f'data-instrument="{escape(inst)}">\n'
            )
        parts = [
            head,
            f'      <th scope="row">{self._label(item, p["label"])}<br>'
            f'<span class="muted">{self._kinds.get(p["kind"]) or self._kind(p["kind"])}</span></th>\n'
            f"      <td>{status}</td>\n"
            f"      <td>{self._titles.get(inst) or self._title(inst)}<br>"
            f'<span class="muted">{self._versions.get(vid) or self._version(vid)}</span></td>\n'
            f"      <td>{self._cites(p['cite'], inst, vid)}</td>\n"
            f"      <td>{self.en(p['paraphrase'])}\n",
        ]
        also = p["also"]
        if also:
            n = len(also)
            summary = Markup(
                self.ngettext("%(num)d other instrument codes it", "%(num)d other instruments code it", n)
            ) % {"num": n}
            parts.append(f'        <details class="also"><summary>{summary}</summary>\n        <ul>\n')
            for o in also:
                parts.append(
                    f"          <li>{self._title(o['instrument'])} ({escape(self.date(o['version']))}): "
                    f"{self._status(o['status'])} "
                    f"{self._cites(o['cite'], o['instrument'], o['version'])}</li>\n"
                )
            parts.append("        </ul>\n        </details>\n")
        parts.append("      </td>\n    </tr>\n")
        return "".join(parts)

    def _(self, message: str, **values: Any) -> str:
        """A word of the page as the templates' newstyle gettext gives it (values escaped); the page's
        own words, without values, translated once."""
        if values:
            return str(Markup(self.gettext(message)) % values)
        found = self._words.get(message)
        if found is None:
            found = self._words[message] = str(Markup(self.gettext(message)) % {})
        return found

    def state(
        self,
        data: Mapping[str, Any],
        rows_html: Mapping[str, tuple[int, str]],
        holder_names: Mapping[str, Mapping[str, Any]],
    ) -> str:
        """at_state.html: the facts of the day, the instruments in force and a table per holder, with
        each holder's number of rows and the rows (written by `__call__`) as they are."""
        _, local = self._, self.local
        names = {h: str(local(holder_names.get(h, {"en": h}))) for h in (*data["holding"], *rows_html)}
        version = data["constitution_version"]
        if version:
            v = f'<a href="{escape(self.url("/versions/" + version))}" id="at-version">{escape(version)}</a>'
        else:
            v = f'<span class="muted">{_("none in force")}</span>'
        holding = data["holding"]
        held = "; ".join(names[h] for h in holding) if holding else f'<span class="muted">{_("none")}</span>'
        rule = data["rule"]
        out = [
            '<dl class="facts">\n',
            f"  <dt>{_('Version of the Constitution')}</dt>\n  <dd>{v}</dd>\n",
            f'  <dt>{_("Holders of presidential-type powers")}</dt>\n  <dd id="at-holders">{held}</dd>\n',
            f"  <dt>{_('Combination rule')}</dt>\n"
            f'  <dd id="at-rule">{local(rule["text"])} '
            f'<code class="muted">{escape(rule["id"])}</code></dd>\n',
            "</dl>\n",
        ]
        if len(holding) > 1:
            said = _("On this day %(n)d holders held presidential-type powers.", n=len(holding))
            out.append(f'<p class="notice" id="at-two-holders">{said}</p>\n')
        out.append(
            '\n<section aria-labelledby="h-in-force">\n'
            f'<h2 id="h-in-force">{_("Instruments in force")}</h2>\n'
            '<ul class="in-force">\n'
        )
        for f in data["in_force"]:
            out.append(
                f'  <li id="in-force-{escape(f["instrument"])}">{self._title(f["instrument"])} · '
                f"{self._version(f['version'])}"
                + ("" if f["read"] else f' <span class="muted">({_("text not read")})</span>')
                + (f' <span class="muted">({_("date approximate")})</span>' if f["approximate"] else "")
                + "</li>\n"
            )
        out.append("</ul>\n</section>\n\n")
        if not rows_html:
            out.append(f'<p class="muted">{_("No coded power on this day.")}</p>\n')
        heads = "".join(
            f'<th scope="col">{_(c)}</th>' for c in ("Item", "Status", "Instrument", "Citation", "Paraphrase")
        )
        for h, (n, rows) in rows_html.items():
            count = str(Markup(self.ngettext("%(num)d coding", "%(num)d codings", n)) % {"num": n})
            hid = escape(h)
            out.append(
                f'<section aria-labelledby="h-holder-{hid}">\n'
                f'<h2 id="h-holder-{hid}">{names[h]} <span class="muted">({count})</span></h2>\n'
                f'<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-holder-{hid}">\n'
                f'<table class="codings" id="powers-{hid}">\n'
                f"  <thead><tr>{heads}</tr></thead>\n  <tbody>\n{rows}  </tbody>\n"
                "</table>\n</div>\n</section>\n"
            )
        return "".join(out)
