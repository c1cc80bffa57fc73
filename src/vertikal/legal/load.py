"""Read ``instruments.yaml`` and the instruments' codings files into the dataset (schemas only).

The rules across files (an instrument version's article list, items and holders, the Constitution's
versions) live in `vertikal.legal.checks`, applied by `vertikal check` and `vertikal.load()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vertikal.dataset import Dataset, Source
    from vertikal.legal.model import InstrumentCoding, InstrumentCodingFile

INSTRUMENTS = "instruments.yaml"


def read(ds: Dataset) -> None:
    """Load ``instruments.yaml`` (when present) and every ``codings/<instrument>/<version>.yaml``."""
    from vertikal.dataset import _validate, read_source
    from vertikal.legal.model import InstrumentSet
    from vertikal.problems import display_paths

    path = ds.root / INSTRUMENTS
    if not path.is_file():
        return
    src = read_source(ds, path)
    if src is None:
        return
    ds.instruments = _validate(ds, src, InstrumentSet)
    codings_dir = ds.root / "codings"
    if not codings_dir.is_dir():
        return
    folders = [(f, sorted(f.glob("*.yaml"))) for f in sorted(p for p in codings_dir.iterdir() if p.is_dir())]
    names = display_paths(file for _, files in folders for file in files)
    for folder, files in folders:
        for file in files:
            csrc = read_source(ds, file, names[file])
            if csrc is None:
                continue
            parsed = _coding_file(ds, csrc)
            if parsed is None:
                continue
            ds.instrument_codings.setdefault(parsed.instrument, {})[parsed.version] = list(parsed.codings)
            if parsed.instrument != folder.name or parsed.version != file.stem:
                ds.problem(
                    csrc,
                    csrc.line("instrument"),
                    "VK055",
                    f"file is codings/{folder.name}/{file.stem}.yaml but codes "
                    f"{parsed.instrument} version {parsed.version}",
                )


def _coding_file(ds: Dataset, src: Source) -> InstrumentCodingFile | None:
    """Validate an instrument's codings file coding by coding, so one bad coding hides no other."""
    from vertikal.dataset import _at_once, _validate
    from vertikal.legal.model import InstrumentCoding, InstrumentCodingFile, InstrumentCodingFileHead

    whole = _at_once(src, InstrumentCodingFile)
    if whole is not None:
        return whole
    head = _validate(ds, src, InstrumentCodingFileHead)
    if head is None:
        return None
    good: list[InstrumentCoding] = []
    for i in range(len(head.codings)):
        coding = _validate(ds, src, InstrumentCoding, ("codings", i))
        if coding is not None:
            good.append(coding)
    return InstrumentCodingFile(
        instrument=head.instrument, version=head.version, sources=head.sources, codings=good
    )


def as_dicts(codings: list[InstrumentCoding]) -> list[dict[str, Any]]:
    return [c.model_dump(by_alias=True) for c in codings]
