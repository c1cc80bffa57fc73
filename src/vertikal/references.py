"""The source registry (``data/references.yaml``): every source vertikal cites, and the rules it must pass.

Codings, versions, claims and measures name sources by id; ``akims.yaml`` may still give a URL. The
registry gives each source a kind (official text, official site, scholarly work, press, dataset, abstract),
the fields its kind requires, and a list of hosts never cited. `vertikal check` applies:

- VK050 a registered source lacks a field its kind requires;
- VK051 a URL on a rejected host (a Wikipedia mirror, a blog host, a third-party upload...);
- VK052 a malformed URL (a trailing dot in the host, a bracket left over from a YAML list...);
- VK053 a reference to a source id that is not registered (or a bare URL where an id is expected);
- VK054 (a warning) a registered source that nothing cites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, StringConstraints, ValidationError, model_validator

from vertikal.models import IsoDate, Labels, Strict

if TYPE_CHECKING:
    from vertikal.dataset import Dataset, Source

__all__ = [
    "REFERENCES",
    "Reference",
    "Registry",
    "describe",
    "find_url",
    "is_legal_text",
    "load",
    "malformed",
    "rejected",
    "report",
]

REFERENCES = "references.yaml"
RefId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$", max_length=80)]
# the fields a kind may require (the optional fields of Reference)
FIELDS = ("author", "title", "year", "date", "publisher", "container", "version", "lang", "url", "reason")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_SPACE = re.compile(r"\s")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class KindSpec(Strict):
    """A kind of source: what it is, the rule for citing it, the fields it requires."""

    label: Labels
    rule: Annotated[str, StringConstraints(min_length=1)]
    requires: list[str] = Field(default_factory=list)
    legal_text: bool = False

    @model_validator(mode="after")
    def _known_fields(self) -> KindSpec:
        unknown = [f for f in self.requires if f not in FIELDS]
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r} in requires; fields: {', '.join(FIELDS)}")
        return self


class RejectedHost(Strict):
    host: Annotated[str, StringConstraints(pattern=r"^[a-z0-9.-]+\.[a-z]+$")]
    why: Annotated[str, StringConstraints(min_length=1)]


class Reference(Strict):
    """One source. Which fields must be filled depends on its kind (see `kinds` in the file)."""

    id: RefId
    kind: Annotated[str, StringConstraints(min_length=1)]
    author: str = ""
    title: str = ""
    year: int | None = Field(default=None, ge=1000, le=2999)
    date: IsoDate | None = None
    publisher: str = ""
    container: str = ""  # the journal, book or series it appears in (volume, issue, pages)
    version: str = (
        ""  # for a legal text: which wording (e.g. "text as amended by Law No. 284-I of 7 Oct 1998")
    )
    lang: str = ""
    url: str = ""
    reason: str = ""  # why a source of a restricted kind is cited at all
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _year_from_date(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("year") is None and isinstance(data.get("date"), str):
            return {**data, "year": int(data["date"][:4]) if data["date"][:4].isdigit() else None}
        return data

    @model_validator(mode="after")
    def _date_matches_year(self) -> Reference:
        if self.date and self.year is not None and int(self.date[:4]) != self.year:
            raise ValueError(f"date {self.date} is not in year {self.year}")
        return self

    def missing(self, spec: KindSpec) -> list[str]:
        """The fields `spec` requires that this source leaves empty."""
        return [f for f in spec.requires if getattr(self, f) in (None, "")]


class Registry(Strict):
    schema_: int = Field(alias="schema")
    kinds: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], KindSpec]
    rejected_hosts: list[RejectedHost] = Field(default_factory=list)
    sources: list[Reference]

    @cached_property
    def by_id(self) -> dict[str, Reference]:
        return {r.id: r for r in self.sources}

    def get(self, ref_id: str) -> Reference | None:
        return self.by_id.get(ref_id)

    @cached_property
    def shown(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Display rows already built by `describe`, per (id, language): the registry does not change."""
        return {}


# -- URLs ------------------------------------------------------------------------------------------


def looks_like_url(text: str) -> bool:
    return bool(_URL.match(text))


def malformed(url: str) -> str | None:
    """Why `url` is not a well-formed web address, or None when it is."""
    if _SPACE.search(url):
        return "it contains white space"
    if url.endswith(("]", ")", ",", ";")):
        return f"it ends with {url[-1]!r} (a slip of a YAML list?)"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "expected an http:// or https:// address"
    host = parts.hostname or ""
    if not host:
        return "it has no host"
    if host.endswith(".") or (parts.netloc.split("@")[-1].split(":")[0]).endswith("."):
        return f"its host {host!r} ends with a dot"
    if not _HOST.match(host):
        return f"its host {host!r} is not a valid host name"
    return None


def rejected(url: str, hosts: Iterable[RejectedHost]) -> RejectedHost | None:
    """The rejected host `url` is on (a host matches itself and its subdomains), or None."""
    labels = (urlsplit(url).hostname or "").rstrip(".").lower().split(".")
    by_host = {rule.host: rule for rule in hosts}
    for i in range(len(labels) - 1):  # the host itself, then each parent domain
        rule = by_host.get(".".join(labels[i:]))
        if rule is not None:
            return rule
    return None


def find_url(registry: Registry | None, url: str) -> str | None:
    """The id of the registered source at `url` (a raw GitHub address matches its blob page), or None."""
    if registry is None:
        return None
    raw = re.match(r"^https://raw\.githubusercontent\.com/([^/]+)/([^/]+)/([0-9a-f]{7,40})/(.+)$", url)
    wanted = {url, f"https://github.com/{raw[1]}/{raw[2]}/blob/{raw[3]}/{raw[4]}" if raw else url}
    return next((r.id for r in registry.sources if r.url in wanted), None)


def is_legal_text(ds: Dataset, ref_id: str) -> bool:
    """True when `ref_id` is a registered source of a kind that counts as a legal text (VK015)."""
    reg = ds.references
    ref = reg.get(ref_id) if reg else None
    spec = reg.kinds.get(ref.kind) if reg and ref else None
    return bool(spec and spec.legal_text)


# -- loading ---------------------------------------------------------------------------------------


def load(ds: Dataset) -> Registry | None:
    """Read and validate ``references.yaml`` under the dataset's root; problems go to `ds.problems`."""
    from vertikal.dataset import read_source

    path = ds.root / REFERENCES
    if not path.is_file():
        from vertikal.problems import Problem, display_path

        ds.problems.append(
            Problem(
                display_path(path),
                0,
                "VK013",
                "file not found: the source registry that every `sources` entry refers to "
                "(see docs/references.md)",
            )
        )
        return None
    src = read_source(ds, path)
    if src is None:
        return None
    value = dict(src.doc.value)
    for key in ("kinds", "rejected_hosts"):  # a dataset may leave these to vertikal's built-in ones
        if key not in value and (builtin := _builtin()) is not None:
            value[key] = builtin[key]
    try:
        registry = Registry.model_validate(value)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc) or "(top)"
            code = "VK003" if err["type"] == "extra_forbidden" else "VK002"
            ds.problem(src, src.line(*loc), code, f"{where}: {err['msg']}")
        return None
    ds.references = registry
    from vertikal import untranslated

    if next(untranslated.gaps(registry), None) is not None:  # VK060: a kind's label without Kazakh
        untranslated.report(ds, src, registry)
    return registry


@lru_cache(maxsize=1)
def _builtin() -> dict[str, Any] | None:
    """The kinds and rejected hosts of the built-in registry (a dataset's defaults)."""
    from importlib import resources

    from vertikal import _yaml

    try:
        doc = _yaml.parse((resources.files("vertikal") / "data" / REFERENCES).read_text(encoding="utf-8"))
    except (OSError, _yaml.YamlError):
        return None
    value = doc.value if isinstance(doc.value, dict) else {}
    return {"kinds": value.get("kinds", {}), "rejected_hosts": value.get("rejected_hosts", [])}


# -- the rules -------------------------------------------------------------------------------------


def _walk(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path, role, value) of every source reference in a parsed file: role 'ref' or 'url'."""
    if not path and isinstance(node, dict) and isinstance(node.get("codings"), dict):
        # a codings file (the bulk of the data): only its own and its codings' sources
        yield from _walk({k: v for k, v in node.items() if k != "codings"})
        for item, coding in node["codings"].items():
            if isinstance(coding, dict) and "sources" in coding:
                yield from _walk({"sources": coding["sources"]}, ("codings", item))
        return
    if isinstance(node, dict):
        for key, value in node.items():
            sub = (*path, key)
            if key == "sources" and isinstance(value, list):
                for i, entry in enumerate(value):
                    if isinstance(entry, str):
                        yield (*sub, i), "ref", entry
                    elif isinstance(entry, dict) and isinstance(entry.get("ref"), str):
                        yield (*sub, i, "ref"), "ref", entry["ref"]
                    elif isinstance(entry, dict) and isinstance(entry.get("url"), str):
                        yield (*sub, i, "url"), "ref", entry["url"]
            elif key in ("url", "text") and isinstance(value, str) and looks_like_url(value):
                yield sub, "url", value
            elif isinstance(value, (dict, list)):  # (a scalar holds no reference)
                yield from _walk(value, sub)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, (dict, list)):
                yield from _walk(value, (*path, i))


def _files(ds: Dataset) -> Iterator[Source]:
    """The parsed files whose references are checked: codings, versions, claims, measures, akims."""
    from vertikal import _yaml
    from vertikal.dataset import Source
    from vertikal.problems import display_path

    extra = [ds.root / "claims.yaml", ds.root / "akims.yaml", ds.root / "dimensions.yaml"]
    extra += sorted((ds.root / "measures").glob("*.yaml")) if (ds.root / "measures").is_dir() else []
    names = {path.name for path in extra}  # a file read that is one of these has its name, or is a link
    seen = {
        src.path.resolve() for src in ds.sources.values() if src.path.name in names or src.path.is_symlink()
    }
    for src in ds.sources.values():
        if src.path.name != REFERENCES and src.path.name != "codebook.yaml":
            yield src
    for path in extra:
        if path.is_file() and path.resolve() not in seen:
            try:
                yield Source(path, display_path(path), _yaml.read(path))
            except (_yaml.YamlError, OSError):
                continue  # reported where the file is loaded


def _check_url(ds: Dataset, src: Source, where: tuple[str | int, ...], url: str, registry: Registry) -> None:
    """VK051/VK052 on the URL at `where` in `src` (its line found only for a problem)."""
    why = malformed(url)
    if why is not None:
        ds.problem(src, src.line(*where), "VK052", f"malformed URL {url!r}: {why}")
        return
    rule = rejected(url, registry.rejected_hosts)
    if rule is not None:
        ds.problem(
            src,
            src.line(*where),
            "VK051",
            f"{url} is on a rejected host ({rule.host}: {rule.why}); cite the original",
        )


def _registry(ds: Dataset, registry: Registry) -> None:
    """VK050 (required fields), VK051/VK052 (the registry's own URLs), duplicate ids, unknown kinds."""
    src = next((s for s in ds.sources.values() if s.path.name == REFERENCES), None)
    if src is None:
        return
    seen: set[str] = set()
    for i, ref in enumerate(registry.sources):
        line = src.line("sources", i)
        if ref.id in seen:
            ds.problem(src, src.line("sources", i, "id"), "VK004", f"source {ref.id!r} is registered twice")
        seen.add(ref.id)
        spec = registry.kinds.get(ref.kind)
        if spec is None:
            allowed = ", ".join(registry.kinds)
            ds.problem(
                src,
                src.line("sources", i, "kind"),
                "VK002",
                f"{ref.id}: unknown kind {ref.kind!r}; allowed: {allowed}",
            )
            continue
        missing = ref.missing(spec)
        if missing:
            ds.problem(
                src,
                line,
                "VK050",
                f"{ref.id} lacks {', '.join(missing)}: a source of kind {ref.kind} requires "
                f"{', '.join(spec.requires)}",
            )
        if ref.url:
            _check_url(ds, src, ("sources", i, "url"), ref.url, registry)


def citations(ds: Dataset) -> dict[str, list[str]]:
    """For each registered source id, the files that cite it (codings, versions, claims, measures, akims)."""
    out: dict[str, list[str]] = {}
    registry = ds.references
    for src in _files(ds):
        for _path, role, value in _walk(src.doc.value):
            if role == "ref" and registry is not None and registry.get(value) is not None:
                files = out.setdefault(value, [])
                if src.name not in files:
                    files.append(src.name)
    return out


def listing(ds: Dataset, kind: str | None = None) -> list[dict[str, Any]]:
    """The registry as shown to a person: each source described, with the files that cite it."""
    from vertikal.queries import NotFound

    registry = ds.references
    if registry is None:
        return []
    if kind is not None and kind not in registry.kinds:
        raise NotFound(f"unknown kind {kind!r}; known kinds: {', '.join(registry.kinds)}")
    cited = citations(ds)
    chosen = [r.id for r in registry.sources if kind is None or r.kind == kind]
    rows = describe(ds, chosen)
    root = ds.root.resolve()
    for row in rows:
        files = cited.get(row["id"], [])
        row["cited_in"] = sorted({_relative(f, root) for f in files})
    return rows


def _relative(name: str, root: Path) -> str:
    try:
        return str(Path(name).resolve().relative_to(root))
    except ValueError:
        return name


def report(ds: Dataset) -> None:
    """Apply the source rules to the registry and to every file that cites sources."""
    registry = ds.references
    if registry is None:
        return
    _registry(ds, registry)
    used: set[str] = set()
    for src in _files(ds):
        akims = src.path.name == "akims.yaml"
        for path, role, value in _walk(src.doc.value):
            if role == "url" or (akims and looks_like_url(value)):
                _check_url(ds, src, path, value, registry)
            elif registry.get(value) is not None:
                used.add(value)
            elif looks_like_url(value):
                ds.problem(
                    src,
                    src.line(*path),
                    "VK053",
                    f"a bare URL is not a source id: register {value} in {REFERENCES} "
                    "(kind, title, publisher...) and cite its id",
                )
            else:
                ds.problem(
                    src, src.line(*path), "VK053", f"unknown source {value!r}: not registered in {REFERENCES}"
                )
    ref_src = next((s for s in ds.sources.values() if s.path.name == REFERENCES), None)
    for i, ref in enumerate(registry.sources):
        if ref.id not in used and ref_src is not None:
            ds.problem(
                ref_src, ref_src.line("sources", i), "VK054", f"{ref.id} is registered but nothing cites it"
            )


# -- outputs ---------------------------------------------------------------------------------------


def describe(ds: Dataset, ids: Iterable[str], lang: str = "en") -> list[dict[str, Any]]:
    """Each source as shown to a person: its id, kind, display form (`cite`) and URL, plus its fields."""
    from vertikal import fmt

    out: list[dict[str, Any]] = []
    reg = ds.references
    for ref_id in ids:
        ref = reg.get(ref_id) if reg else None
        if reg is None or ref is None:  # not registered (only in data that fails `check`): shown as it is
            url = ref_id if looks_like_url(ref_id) else ""
            out.append({"id": ref_id, "kind": None, "cite": ref_id, "url": url})
            continue
        key = (ref_id, lang)
        if key not in reg.shown:
            row = {k: v for k, v in ref.model_dump(exclude={"note", "reason"}).items() if v not in ("", None)}
            reg.shown[key] = row | {
                "id": ref.id,
                "kind": ref.kind,
                "cite": fmt.source(row, lang),
                "url": ref.url,
            }
        out.append(dict(reg.shown[key]))
    return out
