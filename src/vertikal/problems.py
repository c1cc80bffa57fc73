"""Data problems: collected, reported together, each with a stable code, a file and a line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


class VertikalError(Exception):
    """Bad input the user can fix (a file, an id, an option): reported in one line, never a traceback."""


# Stable codes. Never renumber; retire a code rather than reuse it.
CODES: dict[str, str] = {
    "VK001": "yaml-syntax",
    "VK002": "schema",
    "VK003": "unknown-key",
    "VK004": "duplicate-key",
    "VK005": "unknown-power",
    "VK006": "missing-item",
    "VK007": "duplicate-coding",
    "VK008": "missing-citation",
    "VK009": "unknown-article",
    "VK010": "date-order",
    "VK011": "unknown-version",
    "VK012": "bad-citation",
    "VK013": "missing-file",
    "VK014": "shared-without-body",
    "VK015": "unsourced-confidence",
    "VK016": "duplicate-version",
    "VK017": "akim-rule-gap",
    "VK018": "akim-coding-mismatch",
    "VK019": "citation-unresolved",
    "VK020": "measure-definition",
    "VK021": "claims-file",
    "VK022": "uncited-secondary",
    "VK023": "yaml-too-large",
    "VK024": "yaml-too-deep",
    "VK025": "yaml-too-many-aliases",
    "VK026": "yaml-alias-expansion",
    "VK030": "paraphrase-is-definition",
    "VK036": "decentralization-index",
    "VK037": "direct-share-exceeds-units",
    "VK038": "tier-without-units",
    "VK040": "attribute-type",
    "VK041": "unknown-without-note",
    "VK042": "unsettled-coding",
    "VK043": "unknown-with-detail",
    "VK044": "sensitivity-file",
    # sources fit to cite (references.yaml; see vertikal.references)
    "VK050": "source-missing-field",
    "VK051": "rejected-host",
    "VK052": "malformed-url",
    "VK053": "unknown-source",
    "VK054": "unused-source",
    # the instruments of the legal order (see vertikal.legal.checks)
    "VK055": "unknown-instrument-version",
    "VK056": "instrument-article",
    "VK057": "instrument-coding",
    "VK058": "instruments-file",
    "VK059": "instrument-evidence",
    # texts in every language (see vertikal.untranslated)
    "VK060": "missing-kazakh",
    "VK061": "missing-russian-definition",
}
# Codes that are reported but do not make `vertikal check` fail: documented gaps, not errors.
WARNINGS = frozenset({"VK022", "VK030", "VK038", "VK042", "VK054", "VK060", "VK061"})


@dataclass(frozen=True, order=True)
class Problem:
    """One data problem at one place."""

    file: str
    line: int
    code: str
    message: str

    @property
    def name(self) -> str:
        return CODES.get(self.code, "unknown")

    @property
    def severity(self) -> str:
        return "warning" if self.code in WARNINGS else "error"

    def __str__(self) -> str:
        tag = " (warning)" if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {self.code} {self.name}{tag}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }


def display_path(path: Path, root: Path | None = None, cwd: Path | None = None) -> str:
    """A short path for messages: relative to `root` (or the cwd) when possible.

    `cwd` is the working directory resolved, when the caller has it (for many paths)."""
    for base in (root, cwd or Path.cwd()):
        if base is None:
            continue
        try:
            return str(path.resolve().relative_to(base if base is cwd else base.resolve()))
        except ValueError:
            continue
    return str(path)


def display_paths(paths: Iterable[Path]) -> dict[Path, str]:
    """`display_path` of each of many files, each folder resolved once (a symlinked file on its own)."""
    folders: dict[Path, str] = {}
    out: dict[Path, str] = {}
    cwd = Path.cwd().resolve()
    for path in paths:
        if path.is_symlink():
            out[path] = display_path(path, cwd=cwd)
            continue
        if path.parent not in folders:
            folders[path.parent] = display_path(path.parent, cwd=cwd)
        out[path] = str(Path(folders[path.parent]) / path.name)
    return out


class DataError(VertikalError):
    """The data has problems: raised by `vertikal.load()` with every problem found (code, file, line).

    `problems` lists them all, errors first; the message names the first and counts the rest.
    """

    def __init__(self, problems: list[Problem], message: str | None = None) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"] or self.problems
        if message is None:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            first = errors[0] if errors else "no details"
            message = f"the data has problems; run `vertikal check`: {first}{more}"
        super().__init__(message)
