"""Match compiled patterns against clauses: which items a clause grants, with what status and evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vertikal.extract import lemmas
from vertikal.extract.patterns import GAP, MAX_GAP, AttrRule, ItemRule, Patterns
from vertikal.extract.provisions import Clause
from vertikal.models import Codebook, Item, Status

EXACT, PREFIX, SKIP = 0, 1, 2
Phr = tuple[tuple[int, str], ...]
CONNECT_GAP = 6  # connector words allowed between a marker and its body
# the bodies that are the legislature or one of its chambers
LEGISLATURE = frozenset(
    ["legislature", "supreme_soviet", "supreme_council", "parliament", "senate", "mazhilis", "kurultai"]
)


def compile_phrase(text: str, lang: str) -> Phr:
    out: list[tuple[int, str]] = []
    for word in text.split():
        if word == GAP:
            out.append((SKIP, ""))
        elif word.endswith("*"):
            out.append((PREFIX, word[:-1].lower().replace("ё", "е")))
        else:
            out += [(EXACT, lem) for lem in lemmas.lemmas(word, lang)]
    return tuple(out)


class Text:
    """A clause's lemmas with an index by lemma, for fast phrase lookups."""

    __slots__ = ("lemmas", "pos")

    def __init__(self, lems: list[str]) -> None:
        self.lemmas = lems
        self.pos: dict[str, list[int]] = defaultdict(list)
        for i, lem in enumerate(lems):
            self.pos[lem].append(i)

    def _end(self, phr: Phr, k: int, i: int) -> int | None:
        if k == len(phr):
            return i
        kind, value = phr[k]
        if kind == SKIP:
            for j in range(i, min(i + MAX_GAP, len(self.lemmas)) + 1):
                end = self._end(phr, k + 1, j)
                if end is not None:
                    return end
            return None
        if i < len(self.lemmas):
            lem = self.lemmas[i]
            if lem == value if kind == EXACT else (lem.startswith(value) and lem != ""):
                return self._end(phr, k + 1, i + 1)
        return None

    def find(self, phr: Phr) -> list[tuple[int, int]]:
        kind, value = phr[0]
        if kind == EXACT:
            starts = self.pos.get(value, [])
        else:
            starts = sorted(i for lem, ps in self.pos.items() if lem and lem.startswith(value) for i in ps)
        spans = []
        for s in starts:
            end = self._end(phr, 1, s + 1)
            if end is not None:
                spans.append((s, end))
        return spans

    def has(self, phr: Phr) -> bool:
        return bool(self.find(phr))

    def first(self, phrases: Iterable[Phr]) -> tuple[int, int] | None:
        found = [span for p in phrases for span in self.find(p)[:1]]
        return min(found) if found else None

    def masked(self, spans: list[tuple[int, int]]) -> Text:
        lems = list(self.lemmas)
        for s, e in spans:
            lems[s:e] = [""] * (e - s)
        return Text(lems)


@dataclass(frozen=True)
class Rule:
    item: Item
    rule: ItemRule
    groups: tuple[tuple[Phr, ...], ...]
    mask: tuple[Phr, ...]
    not_: tuple[Phr, ...]
    shared_if: tuple[Phr, ...]
    attrs: tuple[tuple[str, AttrRule, dict[str, tuple[Phr, ...]]], ...]


@dataclass(frozen=True)
class Compiled:
    """A pattern file with every phrase lemmatized, ready to match."""

    lang: str
    path: str
    actors: dict[str, tuple[Phr, ...]]
    bodies: dict[str, tuple[Phr, ...]]
    rules: tuple[Rule, ...]
    numbers: dict[str, int | str]
    transitional: tuple[Phr, ...]
    negations: tuple[Phr, ...]
    connectors: frozenset[str]
    legislature: frozenset[str]  # the bodies that are the legislature or one of its chambers
    bodies_first: bool = False  # bodies are named before their marker (Kazakh: Құрылтай келісімімен)


@dataclass
class Candidate:
    """One clause that matched one rule."""

    item: str
    provision: str
    order: int
    status: Status
    with_: list[str]
    attrs: dict[str, Any]
    score: float
    spans: list[tuple[int, int]] = field(default_factory=list, repr=False)


def _phrases(texts: Iterable[str], lang: str) -> tuple[Phr, ...]:
    return tuple(p for p in (compile_phrase(t, lang) for t in texts) if p)


def compile_patterns(patterns: Patterns, codebook: Codebook) -> Compiled:
    m, lang = patterns.model, patterns.model.lang
    items = {it.id: it for it in codebook.items}
    markers = _phrases([p for group in m.markers.values() for p in group], lang)
    rules: list[Rule] = []
    for item in codebook.items:  # codebook order, so proposals come in it too
        for rule in m.items.get(item.id, []):
            attrs = []
            for name, a in rule.attrs.items():
                phr = {"flag": _phrases(a.flag, lang), "after": _phrases(a.body_after, lang)}
                phr |= {f"={value}": _phrases(ps, lang) for value, ps in a.values.items()}
                attrs.append((name, a, phr))
            shared = markers if rule.shared_if is None else _phrases(rule.shared_if, lang)
            groups = tuple(_phrases(g, lang) for g in rule.all)
            mask, not_ = _phrases(rule.mask, lang), _phrases(rule.not_, lang)
            rules.append(Rule(items[item.id], rule, groups, mask, not_, shared, tuple(attrs)))
    return Compiled(
        lang=lang,
        path=str(patterns.path),
        actors={k: _phrases(v, lang) for k, v in m.actors.items()},
        bodies={k: _phrases(v, lang) for k, v in m.bodies.items()},
        rules=tuple(rules),
        numbers={" ".join(lemmas.lemmas(k, lang)): v for k, v in m.numbers.items()},
        transitional=_phrases(m.transitional, lang),
        negations=_phrases(m.negations, lang),
        connectors=frozenset(lem for w in m.connectors for lem in lemmas.lemmas(w, lang)),
        legislature=LEGISLATURE,
        bodies_first=m.bodies_first,
    )


def bodies_in(text: Text, c: Compiled) -> list[tuple[int, int, str]]:
    """(start, end, body) of every body named in the text; a longer name hides a shorter inside it."""
    found = sorted(
        ((s, -e, body) for body, phrases in c.bodies.items() for p in phrases for s, e in text.find(p)),
    )
    out: list[tuple[int, int, str]] = []
    for s, neg_end, body in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, -neg_end, body))
    return out


def _bodies_after(
    text: Text, anchors: tuple[Phr, ...], bodies: list[tuple[int, int, str]], c: Compiled
) -> list[str]:
    """The bodies named right after an anchor ("with the consent of the Mazhilis and the Senate").

    Only connector words ("of", "the", "and") may stand between the anchor and the first body, and
    between one body and the next, at most MAX_GAP of them. An anchor that is itself a body's name
    ("maslikhat") counts as that body. In a language that names the body first (`bodies_first`:
    "Құрылтай келісімімен"), the bodies right before the anchor are taken, nearest first.
    """
    if c.bodies_first:
        return _bodies_before(text, anchors, bodies, c)
    out: list[str] = []
    for p in anchors:
        for start, end in text.find(p):
            for s, e, body in bodies:
                if s < start:
                    continue
                between = text.lemmas[end:s]
                if len(between) > CONNECT_GAP or any(w not in c.connectors for w in between):
                    break
                if body not in out:
                    out.append(body)
                end = max(end, e)
    return out


def _bodies_before(
    text: Text, anchors: tuple[Phr, ...], bodies: list[tuple[int, int, str]], c: Compiled
) -> list[str]:
    out: list[str] = []
    for p in anchors:
        for start, _end in text.find(p):
            if any(s <= start < e for s, e, _ in bodies):  # the anchor is itself a body's name
                out += [b for s, e, b in bodies if s <= start < e and b not in out]
                continue
            for s, e, body in reversed(bodies):
                if e > start:
                    continue
                between = text.lemmas[e:start]
                if len(between) > CONNECT_GAP or any(w not in c.connectors for w in between):
                    break
                if body not in out:
                    out.append(body)
                start = min(start, s)
    return out


def _attr(
    text: Text, a: AttrRule, phr: dict[str, tuple[Phr, ...]], bodies: list[tuple[int, int, str]], c: Compiled
) -> Any:
    if a.regex is not None:
        m = re.search(a.regex, " ".join(text.lemmas))
        if m is None:
            return None
        value = m["v"]
        if a.number:
            return c.numbers.get(value, int(value) if value.isdigit() else None)
        return value
    if a.flag:
        return True if any(text.has(p) for p in phr["flag"]) else None
    if a.body_after:
        found = _bodies_after(text, phr["after"], bodies, c)
        return (found or None) if a.many else (found[0] if found else None)
    values = [v for v in a.values if any(text.has(p) for p in phr[f"={v}"])]
    return (values or None) if a.many else (values[0] if values else None)


TRANSITIONAL_PENALTY = 0.3  # a match in transitional provisions is about the passage from the old order
NEGATION_PENALTY = 0.15  # "may not dissolve during ..." still shows the power, but less directly


@dataclass
class Context:
    """A clause, lemmatized, with the actors named in it, in its provision and in its lead-in."""

    clause: Clause
    order: int
    text: Text
    actors: frozenset[str]
    near: frozenset[str]
    lead: frozenset[str]
    bodies: list[tuple[int, int, str]]
    scopes: dict[str, Text]  # the lemmatized provision and article
    transitional: bool
    lead_bodies: list[str]  # the bodies the lead-in names ("The Government shall:")


def _actor_level(rule: Rule, ctx: Context) -> float | None:
    """The score adjustment for where the actor is named; None when it is not named at all."""
    actor = rule.rule.actor
    if actor == "any" or actor in ctx.actors:
        return 0.1 if actor != "any" else 0.0
    if rule.rule.explicit:
        return None
    if actor in ctx.lead:
        return 0.1 if ctx.clause.enumerated else -0.1
    if actor in ctx.near:
        return 0.0
    return None


def match(rule: Rule, ctx: Context, c: Compiled) -> Candidate | None:
    """The candidate a clause gives for a rule, or None."""
    text = ctx.text
    if any(text.has(p) for p in rule.not_):
        return None
    inner = text.masked([s for p in rule.mask for s in text.find(p)]) if rule.mask else text
    spans = []
    for group in rule.groups:
        span = inner.first(group)
        if span is None:
            return None
        spans.append(span)
    level = _actor_level(rule, ctx)
    if level is None:
        return None
    statuses = rule.item.statuses
    scope = ctx.scopes.get(rule.rule.shared_scope, text)
    with_: list[str] = []
    if rule.rule.status is not None:
        status: Status = rule.rule.status
    elif "shared" in statuses and any(scope.has(p) for p in rule.shared_if):
        status = "shared"
    else:
        status = "sole" if "sole" in statuses else "shared"
    if status == "shared":
        with_ = _bodies_after(text, rule.shared_if, ctx.bodies, c) or list(rule.rule.with_)
        if not with_:  # most often the legislature's consent: take the chambers the clause names
            with_ = list(dict.fromkeys(b for _, _, b in ctx.bodies if b in c.legislature))
        if not with_ and "president" not in ctx.lead:  # another body's power, exercised with the President
            with_ = ctx.lead_bodies
    attrs = {}
    for name, a, phr in rule.attrs:
        value = _attr(text, a, phr, ctx.bodies, c)
        if value is not None:
            attrs[name] = value
    penalty = TRANSITIONAL_PENALTY if ctx.transitional else 0.0
    if any(text.has(p) for p in c.negations):
        penalty += NEGATION_PENALTY
    score = min(0.99, max(0.05, rule.rule.confidence + level - penalty))
    return Candidate(rule.item.id, ctx.clause.provision, ctx.order, status, with_, attrs, score, spans)
