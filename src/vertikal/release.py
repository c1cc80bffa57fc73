"""The dataset's release and how to cite it: one text for `vertikal --version`, the report, the data
package and the README (a test keeps `CITATION.cff` and the README in step with `dataset.yaml`).

>>> import vertikal
>>> info = release(vertikal.load())
>>> info["version"] == read_release(vertikal.load().root).version, info["software"] == vertikal.__version__
(True, True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vertikal import _yaml
from vertikal.dataset import RELEASE, Dataset
from vertikal.models import Release

UNVERSIONED = "unversioned"
CITE = {
    "en": "{authors} ({year}). {title}. Dataset version {version}{released}; made with vertikal {software}. "
    "Licence: {licence}.",
    "ru": "{authors} ({year}). {title}. Версия данных {version}{released}; создано программой vertikal "
    "{software}. Лицензия: {licence}.",
    "kk": "{authors} ({year}). {title}. Деректер нұсқасы {version}{released}; vertikal {software} "
    "бағдарламасымен жасалған. Лицензия: {licence}.",
}
RELEASED = {"en": ", released {date}", "ru": ", выпуск {date}", "kk": ", шыққан күні {date}"}


def read_release(root: Path) -> Release | None:
    """The release of the data under `root` from its `dataset.yaml` alone (fast: nothing else is read);
    None when there is none or it does not validate (`vertikal check` reports why)."""
    path = Path(root) / RELEASE
    if not path.is_file():
        return None
    try:
        return Release.model_validate(_yaml.read(path).value)
    except (_yaml.YamlError, ValidationError, OSError):
        return None


def release(ds: Dataset) -> dict[str, Any]:
    """The dataset's version, release date, title, licence and authors, and the software's version."""
    import vertikal

    r = ds.release
    name = ds.manifest.name.en if ds.manifest is not None else ds.root.name
    return {
        "title": r.title if r else f"vertikal data: {name}",
        "version": r.version if r else UNVERSIONED,
        "released": r.released if r else None,
        "licence": r.licence if r else "see the data's own licence",
        "authors": list(r.authors) if r else ["unknown"],
        "software": vertikal.__version__,
    }


def how_to_cite(ds: Dataset, lang: str = "en") -> str:
    """The recommended citation, in English, Russian or Kazakh (other languages get the English one)."""
    info = release(ds)
    lang = lang if lang in CITE else "en"
    released = RELEASED[lang].format(date=info["released"]) if info["released"] else ""
    year = (info["released"] or "n.d.")[:4]
    return CITE[lang].format(
        authors=", ".join(info["authors"]),
        year=year,
        title=info["title"],
        version=info["version"],
        released=released,
        software=info["software"],
        licence=info["licence"],
    )
