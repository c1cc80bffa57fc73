"""From a parsed text to proposals: clauses -> matches -> one proposal per item found."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from vertikal.extract import lemmas
from vertikal.extract.matcher import Candidate, Compiled, Context, Text, bodies_in, compile_patterns, match
from vertikal.extract.model import NOTE, Extraction, Proposal
from vertikal.extract.patterns import Patterns, builtin_path, check, load
from vertikal.extract.provisions import clauses, provisions
from vertikal.models import Codebook, Item
from vertikal.texts import Tree

MAX_CITES = 3
MIN_SCORE = 0.5  # proposals scoring less are dropped
SHARED_MARGIN = 0.1  # a shared reading this close to the best match decides the status
_COMPILED: dict[tuple[str, int, int, str], Compiled] = {}


def patterns_path(lang: str, root: Path | None = None) -> Path:
    """The pattern file of `lang`: ``<root>/patterns/<lang>.yaml`` when there is one, else the built-in."""
    if lang not in lemmas.LANGS:
        raise ValueError(
            f"no extraction patterns for language {lang!r}: expected one of {', '.join(lemmas.LANGS)}"
        )
    if root is not None and (root / "patterns" / f"{lang}.yaml").is_file():
        return root / "patterns" / f"{lang}.yaml"
    return builtin_path(lang)


def compiled(path: Path, codebook: Codebook) -> Compiled:
    """The pattern file at `path`, validated against the codebook and compiled (once per file version
    and analyser)."""
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    key = (str(path), stamp, id(codebook), lemmas.analyser("kk"))
    if key not in _COMPILED:
        patterns: Patterns = load(path)
        check(patterns, codebook)
        _COMPILED[key] = compile_patterns(patterns, codebook)
    return _COMPILED[key]


def _actors(text: Text, c: Compiled) -> frozenset[str]:
    return frozenset(a for a, phrases in c.actors.items() if any(text.has(p) for p in phrases))


def candidates(tree: Tree, c: Compiled) -> tuple[list[Candidate], int]:
    """Every match of every rule in the text, and the number of clauses read."""
    memo: dict[str, Text] = {}
    actors: dict[str, frozenset[str]] = {}
    named: dict[str, list[str]] = {}
    transitional: dict[str, bool] = {}

    def text_of(text: str) -> Text:
        if text not in memo:
            memo[text] = Text(lemmas.lemmas(text, c.lang))
        return memo[text]

    def actors_of(text: str) -> frozenset[str]:
        if text not in actors:
            actors[text] = _actors(text_of(text), c) if text else frozenset()
        return actors[text]

    def bodies_of(text: str) -> list[str]:
        if text not in named:
            named[text] = list(dict.fromkeys(b for _, _, b in bodies_in(text_of(text), c)))
        return named[text]

    def is_transitional(headings: str) -> bool:
        if headings not in transitional:
            transitional[headings] = any(text_of(headings).has(p) for p in c.transitional)
        return transitional[headings]

    found: list[Candidate] = []
    n = 0
    for n, clause in enumerate(clauses(tree), start=1):
        text = Text(lemmas.lemmas(clause.text, c.lang))
        ctx = Context(
            clause,
            n,
            text,
            _actors(text, c),
            actors_of(clause.whole),
            actors_of(clause.lead_in),
            bodies_in(text, c),
            {"provision": text_of(clause.whole), "article": text_of(clause.article)},
            is_transitional(clause.headings),
            bodies_of(clause.lead_in),
        )
        for rule in c.rules:
            cand = match(rule, ctx, c)
            if cand is not None:
                found.append(cand)
    return found, n


def _paraphrase(item: Item, status: str, with_: list[str], codebook: Codebook) -> str:
    names = [codebook.bodies[b].en if b in codebook.bodies else b for b in with_]
    joint = f", shared with {', '.join(names)}" if status == "shared" and names else f" ({status})"
    return f"{item.label.en}{joint}; proposed from the text, to be checked."


def _propose(item: Item, cands: list[Candidate], codebook: Codebook) -> Proposal:
    ranked = sorted(cands, key=lambda x: (-x.score, x.order))
    best = ranked[0]
    if any(x.status == "shared" for x in ranked if x.score >= best.score - SHARED_MARGIN):
        best = next(x for x in ranked if x.status == "shared")  # a condition stated anywhere binds
    same = [x for x in ranked if x.status == best.status]
    cite = list(dict.fromkeys(x.provision for x in same))[:MAX_CITES]
    with_ = next((x.with_ for x in same if x.with_), []) if best.status == "shared" else []
    attrs: dict[str, object] = {}
    for x in same:
        for key, value in x.attrs.items():
            attrs.setdefault(key, value)
    score = min(0.99, best.score + 0.05 * (len(cite) - 1))
    return Proposal.model_validate(
        {
            "item": item.id,
            "status": best.status,
            "with": with_,
            "attrs": attrs,
            "cite": cite,
            "paraphrase": _paraphrase(item, best.status, with_, codebook),
            "confidence": "low",
            "note": NOTE.format(cite=cite[0]),
            "score": round(score, 3),
        }
    )


def suggest(
    tree: Tree,
    codebook: Codebook,
    lang: str | None = None,
    *,
    patterns: Path | None = None,
    min_score: float = MIN_SCORE,
    items: Collection[str] | None = None,
) -> Extraction:
    """Proposals for every codebook item that the text grants, in codebook order.

    `lang` defaults to the language of the text's headings; `patterns` to the built-in pattern file;
    proposals scoring under `min_score`, and items not in `items` (when given), are left out.
    """
    code = lang or tree.lang
    c = compiled(patterns or patterns_path(code), codebook)
    if c.lang != code:
        raise ValueError(f"{patterns}: patterns for {c.lang!r}, but the text is read as {code!r}")
    found, n_clauses = candidates(tree, c)
    by_item: dict[str, list[Candidate]] = {}
    for cand in found:
        by_item.setdefault(cand.item, []).append(cand)
    proposals = [_propose(it, by_item[it.id], codebook) for it in codebook.items if it.id in by_item]
    proposals = [p for p in proposals if p.score >= min_score and (items is None or p.item in items)]
    n_provisions = sum(1 for _ in provisions(tree))
    return Extraction(tree.name, code, n_provisions, n_clauses, tuple(proposals))
