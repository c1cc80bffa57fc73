"""The sources manifest (data/sources.yaml): where each version's text can be downloaded, per language."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError

from vertikal import _yaml
from vertikal.models import IsoDate, Strict, Url
from vertikal.problems import VertikalError

LANGS = ("ru", "kk", "en")
Lang = Literal["ru", "kk", "en"]
Kind = Literal["official", "mirror", "copy"]
Sha256 = Annotated[str, StringConstraints(pattern=r"^(?:[0-9a-f]{64})?$")]


class SourcesError(VertikalError, ValueError):
    """A sources manifest that cannot be used; the message names the file and line."""


class TextSource(Strict):
    """Where one text can be downloaded: URLs tried in order, and the expected SHA-256 if pinned.

    `kind` says what the URLs are: the official portal itself, a mirror repository of its texts, or
    a third party's copy; `publisher` names who keeps them; `official` is the page of the official
    publication that the text reproduces (a reader's reference: it is never downloaded).
    """

    urls: list[Url] = Field(min_length=1)
    sha256: Sha256 = ""
    kind: Kind | None = None
    publisher: str = ""
    official: Url | Literal[""] = ""


class Sources(Strict):
    schema_: int = Field(alias="schema")
    texts: dict[IsoDate, dict[Lang, TextSource]]

    def get(self, version: str, lang: str) -> TextSource | None:
        for code, src in self.texts.get(version, {}).items():
            if code == lang:
                return src
        return None

    def pairs(self) -> list[tuple[str, str]]:
        """Every (version, language) that has a source."""
        return [(v, lang) for v, by_lang in self.texts.items() for lang in by_lang]


def default_path() -> Path:
    """$VERTIKAL_SOURCES, else the built-in data/sources.yaml."""
    env = os.environ.get("VERTIKAL_SOURCES")
    if env:
        return Path(env)
    return Path(str(resources.files("vertikal") / "data" / "sources.yaml"))


def load_sources(path: Path | None = None) -> Sources:
    """Load and validate a sources manifest strictly (unknown keys, bad hashes and URLs refused)."""
    path = path or default_path()
    try:
        doc = _yaml.read(path)
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such file") from None
    except _yaml.YamlError as exc:
        raise SourcesError(f"{path}:{exc.line}: {exc.message}") from None
    if doc.duplicates:
        where, line = doc.duplicates[0]
        raise SourcesError(f"{path}:{line}: duplicate key {'.'.join(map(str, where))!r}")
    try:
        return Sources.model_validate(doc.value)
    except ValidationError as exc:
        errs = exc.errors()
        err = next((e for e in errs if e["type"] == "extra_forbidden"), errs[0])  # the likelier cause
        loc = tuple(err["loc"])
        dotted = ".".join(str(p) for p in loc) or "(top)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            keys = "urls, sha256, kind, publisher, official"
            msg = f"unknown key; allowed: schema, texts, and per language: {keys}"
        elif loc[-1:] == ("sha256",):
            msg = "expected 64 lowercase hex digits, or an empty string when not pinned"
        raise SourcesError(f"{path}:{doc.line(loc)}: {dotted}: {msg}") from None
