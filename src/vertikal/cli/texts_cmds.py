"""Commands over the texts of the laws: corpus fetch/add/list, parse, diff."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vertikal.cli import _common
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
    from vertikal.texts.model import Tree

corpus_app = typer.Typer(
    help="The texts of the laws, kept in a per-user cache: fetch, import, list.",
    no_args_is_help=True,
)
app.add_typer(corpus_app, name="corpus")


_FULL_ID = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@corpus_app.command("fetch")
def fetch_cmd(
    version: Annotated[str | None, typer.Argument(help="Version id, e.g. 2022-09-17.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every version and language with a source.")] = False,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Download texts into the cache (the only command that uses the network)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from vertikal.texts.cache import CacheError, check_key
    from vertikal.texts.fetcher import FetchError, fetch
    from vertikal.texts.sources import LANGS, SourcesError, load_sources

    if all_ == (version is not None):
        fail("give either a VERSION or --all")
    if version is not None and not _FULL_ID.match(version):  # a prefix or a year of a coded version
        version = version_id(version)
    try:
        sources = load_sources()
        check_key(version or "2000-01-01", lang or "ru")
    except (SourcesError, CacheError) as exc:
        fail(str(exc))
    if all_:
        todo = [(v, code) for v, code in sources.pairs() if lang in (None, code)]
    else:
        assert version is not None
        todo = [(version, code) for code in ([lang] if lang else LANGS) if sources.get(version, code)]
        if not todo:
            fail(f"no source for version {version}{f' in {lang}' if lang else ''} in the sources manifest")
    done, errors = [], []
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    console = _console()
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        for v, code in todo:
            task = bar.add_task(f"{v} {code}", total=None)

            def report(got: int, total: int | None, task: Any = task) -> None:
                bar.update(task, completed=got, total=total)

            try:
                done.append(fetch(v, code, sources=sources, progress=report).to_dict())
            except (FetchError, CacheError) as exc:
                errors.append(str(exc))
    if as_json:
        emit_json(done)
    else:
        for e in done:
            src = sources.get(str(e["version"]), str(e["lang"]))
            _print_fetched(e, pinned=bool(src and src.sha256))
    for message in errors[:-1]:
        sys.stderr.write(f"vertikal: {message}\n")
    if errors:
        fail(errors[-1])


def _source(e: dict[str, Any]) -> str:
    """'mirror repository: kazakhstan-law/codes (GitHub)', 'local file: /home/me/copy.pdf'."""
    from vertikal import fmt

    return f"{fmt.source_kind(e.get('kind'))}: {e.get('publisher') or e['origin']}"


def _print_fetched(e: dict[str, Any], pinned: bool) -> None:
    check = "matches the pinned hash" if pinned else "not pinned in the sources manifest"
    print(f"{e['version']} {e['lang']}: {e['size']} bytes, {check}")
    print(f"  sha256    {e['sha256']}")
    print(f"  from      {_source(e)}")
    if e.get("official"):
        print(f"  official  {e['official']}")


@corpus_app.command("add")
def add_cmd(
    file: Annotated[Path, typer.Argument(help="A text, Markdown, HTML or PDF file.")],
    version: Annotated[str, typer.Option("--version", help="The version it is the text of.")],
    lang: LangOpt = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Import it although it has no article, reads as another language, is not the PDF its "
            "name says, or would replace a cached text.",
        ),
    ] = False,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import a local file as a version's text (stored as normalized UTF-8 text), after checking it."""
    from vertikal.texts.cache import CacheError
    from vertikal.texts.intake import Refused, admit
    from vertikal.texts.model import ParseError

    if lang is None:
        fail("give the text's language with --lang (en, ru or kk)")
    ds = dataset(data, strict=False)
    if ds.versions:
        version = version_id(version, ds=ds)
    try:
        done = admit(file, version, lang, force=force)
    except (ParseError, CacheError, Refused) as exc:
        fail(str(exc))
    for message in done.warnings():
        warn(message)
    entry = done.entry.to_dict()
    if as_json:
        emit_json(entry)
    elif done.unchanged:
        print(f"{version} {lang}: the same text is already in {entry['path']}; nothing was written")
    else:
        print(f"{version} {lang}: {entry['size']} bytes in {entry['path']}")


@corpus_app.command("list")
def list_cmd(as_json: JsonOpt = False) -> None:
    """The cached texts: version, language, size, SHA-256, and where each came from."""
    from vertikal.texts.cache import cache_dir, entries

    found = entries()
    if as_json:
        emit_json([e.to_dict() for e in found])
        return
    from vertikal.cli.render import console

    def say(text: str) -> None:  # wrapped at spaces to the terminal's width
        console.print(text, markup=False, highlight=False)

    if not found:
        say("The cache is empty: see `vertikal corpus fetch --help`.")
        return
    say("Cached texts, in")
    console.print(f"  {cache_dir()}", markup=False, highlight=False, soft_wrap=True)  # a path: whole
    for e in found:
        say(f"{e.version} {e.lang}  {e.size} bytes  {e.format}  sha256 {e.sha256[:16]}")
        say(f"  from      {_source(e.to_dict())}")
        if e.official:
            say(f"  official  {e.official}")


@app.command("parse")
def parse_cmd(
    file: Annotated[Path, typer.Argument(help="A text or Markdown file (at most 40 MB).")],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="The language the text should be in (en, ru or kk); refused if it reads otherwise.",
            callback=_common.check_lang,
            show_default=False,
        ),
    ] = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Parse a text into its tree of sections, articles, paragraphs, subparagraphs, footnotes and notes."""
    from vertikal.texts.decode import read_text
    from vertikal.texts.model import ParseError
    from vertikal.texts.parser import parse

    try:
        text = read_text(file)
        if lang is not None:
            _same_language(text, str(file), lang, force)
        tree = parse(text, str(file))
    except ParseError as exc:
        fail(str(exc))
    if as_json:
        emit_json(tree.to_dict())
        return
    from vertikal.cli.render import console

    counts = ", ".join(f"{v} {k}s" for k, v in tree.counts().items() if v)
    console.print(f"{file}: {tree.lang}; {counts}", markup=False, highlight=False)
    for art in tree.articles():
        parts = [c for c in art.children if c.kind in ("paragraph", "subparagraph")]
        notes = sum(1 for c in art.children if c.kind == "footnote")
        editorial = sum(1 for c in art.walk() if c.kind == "note")
        flag = (f", {editorial} notes" if editorial else "") + (" (excluded)" if art.excluded else "")
        line = f"  {art.id:<12} line {art.line:<6} {len(parts):>3} parts {notes:>2} footnotes{flag}"
        console.print(line, markup=False, highlight=False)


def _same_language(text: str, name: str, lang: str, force: bool) -> None:
    """Refuse a --lang that the text disagrees with, unless forced (then warn)."""
    from vertikal.texts.language import detect, disagreement

    wrong = disagreement(detect(text), lang)
    if wrong and not force:
        fail(f"{name}: --lang {lang}, but {wrong}; --force goes on anyway")
    if wrong:
        warn(f"{name}: going on under --force although {wrong}")


def _tree(arg: str, lang: str | None, other: str) -> Tree:
    """A diff operand: a file path, or a version id whose text is in the cache."""
    from vertikal.texts.cache import DEFAULT_LANGS, find
    from vertikal.texts.decode import read_text
    from vertikal.texts.model import ParseError
    from vertikal.texts.parser import parse, parse_file

    try:
        if Path(arg).is_file():
            return parse_file(Path(arg))
        if not arg[:4].isdigit():
            fail(f"{arg}: neither a file nor a version id like 2022-09-17")
        if not _FULL_ID.match(arg):  # a prefix or a year of a coded version
            arg = version_id(arg)
        langs = [lang] if lang else [c for c in DEFAULT_LANGS if _has(other, c)] or list(DEFAULT_LANGS)
        for code in langs:
            entry = find(arg, code)
            if entry is not None:
                return parse(read_text(entry.path), arg)
    except ParseError as exc:
        fail(str(exc))
    if not lang and find(arg) is not None:
        fail(f"the cached texts of {arg} and {other} share no language; use --lang or add one")
    fail(f"no cached text of {arg}{f' in {lang}' if lang else ''}; run `vertikal corpus fetch {arg}` first")


def _has(arg: str, lang: str) -> bool:
    from vertikal.texts.cache import find

    return Path(arg).is_file() or find(arg, lang) is not None


@app.command("diff")
def diff_cmd(
    a: Annotated[str, typer.Argument(help="The older text: a version id (cached text) or a file.")],
    b: Annotated[str, typer.Argument(help="The newer text: a version id (cached text) or a file.")],
    article: Annotated[str | None, typer.Option("--article", help="Only this article, e.g. 44.")] = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    as_html: Annotated[bool, typer.Option("--html", help="A self-contained HTML page on stdout.")] = False,
) -> None:
    """Articles added, removed, renumbered and changed between two texts, word by word."""
    from vertikal.texts.compare import diff

    if as_json and as_html:
        fail("choose one of --json and --html")
    ta, tb = _tree(a, lang, b), _tree(b, lang, a)
    _warn_languages(ta, tb)
    if article is not None and ta.get(f"art_{article}") is None and tb.get(f"art_{article}") is None:
        fail(f"article {article} is in neither text")
    result = diff(ta, tb, article=article)
    if as_json:
        emit_json(result)
    elif as_html:
        from vertikal.texts.diff_html import diff_html

        sys.stdout.write(diff_html(result))
    else:
        _print_diff(result)


def _warn_languages(ta: Tree, tb: Tree) -> None:
    """A warning when the two texts are in different languages: their words cannot be compared."""
    from vertikal import fmt
    from vertikal.texts.language import detect

    la, lb = (detect(t.render()).lang or t.lang for t in (ta, tb))
    if la != lb:
        warn(
            f"the texts are in different languages ({ta.name} reads as {fmt.language(la)}, {tb.name} as "
            f"{fmt.language(lb)}): the word changes below compare one language with the other"
        )


def _print_diff(result: dict[str, Any]) -> None:
    from vertikal import fmt
    from vertikal.cli.render import console

    def say(text: str) -> None:
        console.print(text, markup=False, highlight=False)

    s = result["summary"]
    say(f"{result['a']['name']} → {result['b']['name']}: " + ", ".join(f"{v} {k}" for k, v in s.items()))
    none = fmt.word("none")
    for e in result["articles"]:
        pair = e["article"] if e["a"] == e["b"] else f"{e['a'] or none} → {e['b'] or none}"
        extra = f" (from {e['from']})" if e["from"] else f" (into {e['into']})" if e["into"] else ""
        say(f"\nArticle {pair}: {e['status']}{extra}")
        for c in e["changes"]:
            where = fmt.cite(c["b_node"] or c["a_node"])
            old = fmt.quote(c["old"]) if c["old"] else none
            new = fmt.quote(c["new"]) if c["new"] else none
            say(f"  {where}: {old} → {new}")
        if e["history"]["a"] != e["history"]["b"]:
            say(f"  amended: {', '.join(e['history']['a']) or none} → {', '.join(e['history']['b']) or none}")


def print_checked(result: dict[str, Any]) -> None:
    """`check --texts`: the cached texts checked against each version, and the versions not checked."""
    import textwrap

    checked = result["checked"]
    print(f"Citations checked against {len(checked)} cached text{'s' if len(checked) != 1 else ''}:")
    for t in checked:
        what = (
            f"cannot be parsed: {t['error']}"
            if t["error"]
            else f"{t['citations']} citations, {t['unresolved']} unresolved"
        )
        line = f"  {t['version']} {t['lang']}  {what}  (sha256 {t['sha256'][:12]})"
        print(line if len(line) <= 80 else line[:79] + "…")
    lines = [
        ("No cached text, not checked: ", result["without_text"]),
        ("Cached, but not a version of the data: ", result["not_in_data"]),
    ]
    for label, items in lines:
        if items:
            print(textwrap.fill(label + ", ".join(items), 80, subsequent_indent="  ", break_on_hyphens=False))
    if result["without_text"]:
        print("  (`vertikal corpus fetch VERSION` or `vertikal corpus add FILE` adds one)")
    print()
