"""Commands over the texts of the laws: corpus fetch/add/list, parse, diff."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vertikal.cli._common import DataOpt, JsonOpt, dataset, emit_json, fail, version_id
from vertikal.cli.app import app

if TYPE_CHECKING:
    from vertikal.texts.model import Tree

corpus_app = typer.Typer(
    help="The texts of the laws, kept in a per-user cache: fetch, import, list.",
    no_args_is_help=True,
)
app.add_typer(corpus_app, name="corpus")

LangOpt = Annotated[str | None, typer.Option("--lang", help="ru, kk or en.", show_default=False)]


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
    if lang is not None and lang not in LANGS:
        fail(f"bad language {lang!r}: expected one of {', '.join(LANGS)}")
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
            print(f"{e['version']} {e['lang']}: {e['size']} bytes, sha256 {e['sha256']}")
    for message in errors[:-1]:
        sys.stderr.write(f"vertikal: {message}\n")
    if errors:
        fail(errors[-1])


@corpus_app.command("add")
def add_cmd(
    file: Annotated[Path, typer.Argument(help="A text, Markdown, HTML or PDF file.")],
    version: Annotated[str, typer.Option("--version", help="The version it is the text of.")],
    lang: Annotated[str, typer.Option("--lang", help="ru, kk or en.")],
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import a local file as a version's text (stored as normalized UTF-8 text)."""
    from vertikal.texts.cache import CacheError
    from vertikal.texts.extract import add_file
    from vertikal.texts.model import ParseError

    ds = dataset(data, strict=False)
    if ds.versions:
        version = version_id(version, ds=ds)
    try:
        entry = add_file(file, version, lang).to_dict()
    except (ParseError, CacheError) as exc:
        fail(str(exc))
    emit_json(entry) if as_json else print(f"{version} {lang}: {entry['size']} bytes in {entry['path']}")


@corpus_app.command("list")
def list_cmd(as_json: JsonOpt = False) -> None:
    """The cached texts: version, language, size, SHA-256 and origin."""
    from rich.console import Console
    from rich.table import Table

    from vertikal.texts.cache import cache_dir, entries

    found = entries()
    if as_json:
        emit_json([e.to_dict() for e in found])
        return
    t = Table(title=f"Cached texts in {cache_dir()}")
    for col in ("version", "lang", "size", "sha256", "format", "origin"):
        t.add_column(col, overflow="fold")
    for e in found:
        t.add_row(e.version, e.lang, str(e.size), e.sha256[:16], e.format, e.origin)
    Console().print(t if found else "The cache is empty: see `vertikal corpus fetch --help`.")


@app.command("parse")
def parse_cmd(
    file: Annotated[Path, typer.Argument(help="A text or Markdown file (at most 40 MB).")],
    as_json: JsonOpt = False,
) -> None:
    """Parse a text into its tree of sections, articles, paragraphs, subparagraphs and footnotes."""
    from vertikal.texts.model import ParseError
    from vertikal.texts.parser import parse_file

    try:
        tree = parse_file(file)
    except ParseError as exc:
        fail(str(exc))
    if as_json:
        emit_json(tree.to_dict())
        return
    counts = ", ".join(f"{v} {k}s" for k, v in tree.counts().items() if v)
    print(f"{file}: {tree.lang}; {counts}")
    for art in tree.articles():
        parts = [c for c in art.children if c.kind in ("paragraph", "subparagraph")]
        notes = sum(1 for c in art.children if c.kind == "footnote")
        flag = " (excluded)" if art.excluded else ""
        print(f"  {art.id:<12} line {art.line:<6} {len(parts):>3} parts {notes:>2} footnotes{flag}")


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


def _print_diff(result: dict[str, Any]) -> None:
    s = result["summary"]
    print(f"{result['a']['name']} -> {result['b']['name']}: " + ", ".join(f"{v} {k}" for k, v in s.items()))
    for e in result["articles"]:
        pair = e["article"] if e["a"] == e["b"] else f"{e['a'] or '-'} -> {e['b'] or '-'}"
        extra = f" (from {e['from']})" if e["from"] else f" (into {e['into']})" if e["into"] else ""
        print(f"\nArticle {pair}: {e['status']}{extra}")
        for c in e["changes"]:
            where = c["b_node"] or c["a_node"]
            print(f"  {where}: {c['old']!r} -> {c['new']!r}")
        if e["history"]["a"] != e["history"]["b"]:
            print(
                f"  amended: {', '.join(e['history']['a']) or '-'} -> {', '.join(e['history']['b']) or '-'}"
            )
