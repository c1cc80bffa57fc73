"""The `extract` command: suggest codings from a text, score them, or write them for review."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vertikal.cli._common import (
    DataOpt,
    ForceOpt,
    JsonOpt,
    LangOpt,
    dataset,
    emit_json,
    fail,
    version_id,
    warn,
)
from vertikal.cli.app import app

if TYPE_CHECKING:
    from vertikal import fmt
    from vertikal.dataset import Dataset
    from vertikal.extract import Extraction
    from vertikal.texts import Tree
    from vertikal.texts.language import Detection

_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGS = ("ru", "en", "kk")


def _read(source: str | None, text: Path | None, lang: str | None) -> tuple[Tree, list[str]]:
    """The parsed text, and the URL it came from when it is a cached download."""
    from vertikal import texts
    from vertikal.texts.cache import find

    try:
        if text is not None:
            if not text.is_file():
                fail(f"{text}: no such file")
            return texts.parse_file(text), []
        assert source is not None
        if Path(source).is_file():
            return texts.parse_file(Path(source)), []
        if not _VERSION.match(source):
            fail(f"{source}: neither a file nor a version id like 2022-09-17")
        for code in [lang] if lang else LANGS:
            entry = find(source, code)
            if entry is not None:
                origin = [entry.origin] if entry.origin.startswith(("http://", "https://")) else []
                return texts.parse_file(entry.path), origin
    except texts.ParseError as exc:
        fail(str(exc))
    where = f" in {lang}" if lang else ""
    fail(f"no cached text of {source}{where}; run `vertikal corpus fetch {source}` or give --text FILE")


def _version(ds: Dataset, source: str | None, version: str | None, why: str) -> str:
    named = source if source and _VERSION.match(source) and not Path(source).is_file() else None
    chosen = version or named
    if chosen is None:
        fail(f"{why} needs a version: give a VERSION instead of a file, or --version")
    return version_id(chosen, ds=ds)


@app.command("extract")
def extract_cmd(
    source: Annotated[
        str | None,
        typer.Argument(
            help="A text file, or a version id whose text is in the cache (or give --text).",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    evaluate: Annotated[
        bool, typer.Option("--evaluate", help="Score the proposals against the version's curated codings.")
    ] = False,
    accept: Annotated[
        bool,
        typer.Option("--accept", help="Write the proposals into the version's codings file, for review."),
    ] = False,
    text: Annotated[
        Path | None, typer.Option("--text", help="Read this file as the text of VERSION.", show_default=False)
    ] = None,
    version: Annotated[
        str | None,
        typer.Option("--version", help="Version to score against or write to.", show_default=False),
    ] = None,
    item: Annotated[list[str] | None, typer.Option("--item", help="Only this item; repeat for more.")] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="Leave out proposals scoring less.")
    ] = 0.5,
    force: ForceOpt = False,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Suggest codings from a text: the provisions in which the head of state acts, with statuses."""
    from vertikal import extract
    from vertikal.extract.find import patterns_path

    if evaluate and accept:
        fail("choose one of --evaluate and --accept")
    if lang is not None and lang not in LANGS:
        fail(f"bad language {lang!r}: expected one of {', '.join(LANGS)}")
    if source is None and text is None:
        fail("give a text: a FILE, a VERSION whose text is cached, or --text FILE")
    if text is not None and source is not None and Path(source).is_file():
        fail("give the text either as FILE or as --text, not both")
    ds = dataset(data)
    assert ds.codebook is not None
    if source is not None and not Path(source).is_file() and source[:4].isdigit():  # a version or prefix
        source = version_id(source, ds=ds)
    known_items = {it.id for it in ds.items}
    for it in item or []:
        if it not in known_items:
            fail(f"unknown item {it!r}: see `vertikal codebook`")
    target = None
    if evaluate or accept:
        target = _version(ds, source, version, "--evaluate" if evaluate else "--accept")
    tree, origin = _read(source, text, lang)
    detected = _language(tree, lang, force)
    code = lang or tree.lang
    if code not in LANGS:
        fail(f"the text is in {code!r}; extraction patterns exist for {', '.join(LANGS)} (give --lang)")
    try:
        found = extract.suggest(
            tree, ds.codebook, code, patterns=patterns_path(code, ds.root), min_score=min_score, items=item
        )
    except ValueError as exc:  # PatternError included: file and line in the message
        fail(str(exc))
    if evaluate:
        assert target is not None
        scope = [it for it in ds.items if item is None or it.id in item]
        result: dict[str, Any] = extract.evaluate(found, ds.codings[target], scope, target).to_dict()
        emit_json(result) if as_json else _print_evaluation(result)
    elif accept:
        assert target is not None
        try:
            result = extract.accept(ds, target, found.proposals, sources=origin).to_dict()
        except extract.AcceptError as exc:
            fail(str(exc))
        emit_json(result) if as_json else _print_accept(result)
    else:
        result = found.to_dict()
        if as_json:
            emit_json(result)
        else:
            from vertikal.fmt import Names

            _print_proposals(result, Names.of(ds))
        if not found.proposals:
            warn(_nothing_found(found, detected))


def _language(tree: Tree, lang: str | None, force: bool) -> Detection:
    """The text's detected language; a --lang that disagrees with it is refused unless forced."""
    from vertikal.texts.language import detect, disagreement

    detected = detect(tree.render())
    wrong = disagreement(detected, lang) if lang else None
    if wrong and not force:
        hint = f"--lang {detected.lang}" if detected.lang in LANGS else "another text"
        fail(f"{tree.name}: --lang {lang}, but {wrong}; use {hint}, or --force to extract anyway")
    return detected


def _nothing_found(found: Extraction, detected: Detection) -> str:
    """What an empty extraction looked for, and the language to try when the text reads as another."""
    from vertikal import fmt

    said = f"{fmt.language(found.lang)} ({found.lang})"
    out = f"no proposals: looked for the {said} patterns in {found.provisions} provisions"
    out += f" ({found.clauses} clauses) of {found.source}"
    if detected.lang and detected.lang != found.lang:
        seen = f"{fmt.language(detected.lang)} ({detected.explanation})"
        todo = (
            f"try --lang {detected.lang}" if detected.lang in LANGS else "it has no extraction patterns yet"
        )
        out += f"; the text reads as {seen}: {todo}"
    return out


def _fmt(value: float | None) -> str:
    from vertikal import fmt

    return fmt.word("none") if value is None else f"{value:.3f}"


def _print_proposals(result: dict[str, Any], names: fmt.Names) -> None:
    from rich.markup import escape

    from vertikal.cli.layout import Col, show
    from vertikal.cli.render import _status, console

    counts = f"{result['provisions']} provisions, {result['clauses']} clauses"
    console.print(
        f"{result['source']} ({result['lang']}): {counts}, {len(result['proposals'])} proposals",
        markup=False,
        highlight=False,
    )
    cols = [
        Col("item", "id", head=True),
        Col("status", "id", head=True),
        Col("score", "num", head=True),
        Col("cite", width=20),
        Col("with, attributes", width=20),
    ]
    rows = []
    for p in result["proposals"]:
        details = ([f"with {names.bodies(p['with'])}"] if p["with"] else []) + (
            [names.attrs(p["attrs"])] if p["attrs"] else []
        )
        rows.append(
            [
                p["item"],
                _status(p["status"]),
                f"{p['score']:.2f}",
                escape(names.cites(p["cite"])),
                escape("; ".join(details)),
            ]
        )
    show(cols, rows, console=console)


def _print_evaluation(result: dict[str, Any]) -> None:
    from vertikal import fmt
    from vertikal.cli.layout import Col, show
    from vertikal.cli.render import console

    console.print(
        f"{result['source']} against the curated codings of {result['version']} ({result['split']})",
        markup=False,
        highlight=False,
    )
    cols = [
        Col("item", "id", head=True),
        Col("set", "id"),
        Col("gold", "id"),
        Col("proposed", "id"),
        Col("outcome", "id", head=True),
        Col("status", "id"),
    ]
    rows = [
        [
            r["item"],
            "held-out" if r["held_out"] else "tuning",
            r["gold"],
            r["proposed"] or fmt.word("none"),
            r["outcome"],
            {True: "ok", False: "WRONG", None: ""}[r["status_ok"]],
        ]
        for r in result["items"]
    ]
    show(cols, rows, console=console)
    for name in ("tuning", "held_out", "overall"):
        f = result[name]
        console.print(
            f"{name.replace('_', '-'):>8}: precision {_fmt(f['precision'])}, recall {_fmt(f['recall'])}, "
            f"F1 {_fmt(f['f1'])}, status accuracy {_fmt(f['status_accuracy'])} "
            f"(tp {f['tp']}, fp {f['fp']}, fn {f['fn']}, tn {f['tn']})",
            highlight=False,
        )


def _print_accept(result: dict[str, Any]) -> None:
    from vertikal.cli.render import console

    console.print(
        f"{result['path']}: wrote {len(result['written'])} low-confidence codings for review",
        markup=False,
        highlight=False,
    )
    for it in result["written"]:
        console.print(f"  + {it}", markup=False, highlight=False)
    for k in result["kept"]:
        console.print(f"  = {k['item']}: {k['reason']}", markup=False, highlight=False)
