"""What every command shares: the data option, JSON output, one-line errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from vertikal.problems import VertikalError

if TYPE_CHECKING:
    from vertikal.dataset import Dataset
    from vertikal.fmt import Names

T = TypeVar("T")

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data directory (default: $VERTIKAL_DATA or the built-in Kazakhstan data).",
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON (the library's result, unchanged).")
]


def check_lang(value: str | None) -> str | None:
    """--lang: one of the supported languages, or a one-line error before anything runs."""
    from vertikal.fmt import LANGS

    if value is not None and value not in LANGS:
        fail(f"bad language {value!r} for --lang: expected one of {', '.join(LANGS)}")
    return value


LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="en, ru or kk.", callback=check_lang, show_default=False),
]


def check_label_lang(value: str) -> str:
    """--lang of the commands that show the data: one of the languages of the labels."""
    return check_lang(value) or value


LabelLangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        help="Language of the data's labels and of the values shown (citations, statuses, confidence, "
        "bodies, numbers) and of the tables' titles and headings: en, ru or kk; English where a label "
        "is not written. --json is the same whatever the language.",
        callback=check_label_lang,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Go on although a check at the door refuses.")]


def warn(message: str) -> None:
    """A one-line warning on stderr; the command goes on."""
    sys.stderr.write(f"vertikal: warning: {message}\n")


def fail(message: str, code: int = 1) -> NoReturn:
    """A clear one-line error on stderr and a non-zero exit; never a traceback."""
    sys.stderr.write(f"vertikal: {message}\n")
    raise typer.Exit(code)


def dataset(data: Path | None, strict: bool = True, cache: bool = True) -> Dataset:
    """Load the data, refusing (in one line) to go on if it has errors, unless `strict` is False.

    Through the dataset cache (`vertikal.datacache`) unless `cache` is False or the cache is off.
    """
    try:
        if cache:
            from vertikal import datacache

            return datacache.load(data, strict=strict)
        from vertikal.loader import load

        return load(data, strict=strict)
    except VertikalError as exc:
        fail(str(exc))


def remembered(ds: Dataset, key: tuple[str, ...], compute: Callable[[], T]) -> T:
    """The library's result `compute()`, memoised on `ds` and kept in its cache (`datacache.remember`).

    `key` names the command and its arguments; a repeated command then needs no models at all.
    """
    from vertikal import datacache

    return datacache.remember(ds, ("cli", *key), compute)


def version_id(text: str, data: Path | None = None, ds: Dataset | None = None) -> str:
    """The version id that `text` names (an id, a unique prefix or a year), or a one-line refusal."""
    from vertikal.queries import resolve_version

    try:
        return resolve_version(ds if ds is not None else dataset(data, strict=False), text)
    except VertikalError as exc:
        fail(str(exc))


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False))
    sys.stdout.write("\n")


def names(ds: Dataset) -> Names:
    """`fmt.Names.of(ds)`, memoised as plain data: a cached dataset then needs no models to print."""
    from vertikal.fmt import Names

    return Names(**remembered(ds, ("names",), lambda: Names.of(ds).plain()))


def respond_data(
    data: Path | None,
    key: tuple[str, ...],
    compute: Callable[[Dataset], T],
    render: Callable[[T], None],
    as_json: bool,
) -> None:
    """`respond` for a result of the data alone: load the data, compute (memoised under `key`), render."""

    def run() -> T:
        ds = dataset(data)
        return remembered(ds, key, lambda: compute(ds))

    respond(run, render, as_json)


def respond_named(
    data: Path | None,
    compute: Callable[[Dataset], T],
    render: Callable[[T, Names], None],
    as_json: bool,
    key: tuple[str, ...] | None = None,
) -> None:
    """`respond` for a result whose rendering names bodies and documents: load the data, compute, render.

    With `key`, the result is memoised under it (see `remembered`).
    """
    loaded: list[Dataset] = []

    def run() -> T:
        loaded.append(dataset(data))
        if key is None:
            return compute(loaded[0])
        return remembered(loaded[0], key, lambda: compute(loaded[0]))

    def show(result: T) -> None:
        render(result, names(loaded[0]))

    respond(run, show, as_json)


def respond(compute: Callable[[], T], render: Callable[[T], None], as_json: bool) -> None:
    """Run a library call; print its result as JSON or render it; turn bad input into one line."""
    try:
        result = compute()
    except VertikalError as exc:
        fail(str(exc))
    except OSError as exc:  # a file the command reads or writes (disk full, permissions...)
        where = f"{exc.filename}: " if exc.filename else ""
        fail(f"{where}{exc.strerror or exc}")
    if as_json:
        emit_json(result)
    else:
        render(result)
