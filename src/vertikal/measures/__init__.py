"""Measures of concentration: definitions as data, evaluated on every version."""

from __future__ import annotations

from typing import Any

from vertikal.dataset import Dataset
from vertikal.measures.compute import score as _score
from vertikal.measures.defs import Dimension, MeasureDef, load_defs, load_dimensions
from vertikal.problems import VertikalError

__all__ = [
    "Dimension",
    "MeasureDef",
    "definitions",
    "dimension_methods",
    "dimensions",
    "methods",
    "methods_all",
    "of_dimension",
    "score",
    "timeline",
]


class MeasureError(VertikalError, LookupError):
    """Unknown measure, or measure files that do not validate."""


_CACHE: dict[str, list[MeasureDef]] = {}


def definitions(ds: Dataset) -> list[MeasureDef]:
    """The measures declared in the dataset's ``measures/`` directory, in their order."""
    key = str(ds.root)
    if key not in _CACHE:
        defs, errors = load_defs(ds.root / "measures")
        if errors:
            file, line, _code, msg = errors[0]
            raise MeasureError(f"{file}:{line}: {msg}")
        _CACHE[key] = defs
    return _CACHE[key]


def dimensions(ds: Dataset) -> list[Dimension]:
    """The dimensions of concentration (data/dimensions.yaml), in their order."""
    key = ("dimensions",)
    if key not in ds.memo:
        dims, errors = load_dimensions(ds.root / "dimensions.yaml")
        if errors:
            file, line, msg = errors[0]
            raise MeasureError(f"{file}:{line}: {msg}")
        ds.memo[key] = dims
    result: list[Dimension] = ds.memo[key]
    return result


def of_dimension(ds: Dataset, dimension: str) -> list[MeasureDef]:
    """The measures of one dimension, in their order."""
    return [d for d in definitions(ds) if d.dimension == dimension]


def get(ds: Dataset, measure_id: str) -> MeasureDef:
    for d in definitions(ds):
        if d.id == measure_id:
            return d
    known = ", ".join(d.id for d in definitions(ds))
    raise MeasureError(f"unknown measure {measure_id!r}; known measures: {known}")


def score(ds: Dataset, measure_id: str, version_id: str) -> dict[str, Any]:
    """One measure on one version, with its breakdown and evidence."""
    from vertikal.queries import resolve_version

    version_id = resolve_version(ds, version_id)
    return _score(ds, get(ds, measure_id), version_id)


def timeline(ds: Dataset, measure_ids: list[str] | None = None) -> dict[str, Any]:
    """Every version with every (chosen) measure: the point value (`total`), its range (`low`, `high`),
    maxima, subscales and domain breakdowns; measures grouped by dimension."""
    chosen = [get(ds, m) for m in measure_ids] if measure_ids else definitions(ds)
    rows = []
    for v in ds.versions:
        values = {}
        for d in chosen:
            s = _score(ds, d, v.id)
            values[d.id] = {
                "total": s["total"],
                "low": s["low"],
                "high": s["high"],
                "range_exact": s["range_exact"],
                "max": s["max"],
                "subscales": s["subscales"],
                "by_domain": s["by_domain"],
                "unknown": s["unknown"],
                "uncertain": s["uncertain"],
                "low_confidence": s["low_confidence"],
            }
        rows.append(
            {"version": v.id, "in_force": v.in_force, "label": v.label.model_dump(), "measures": values}
        )
    dims = [
        {"id": x.id, "label": x.label.model_dump(), "measures": [d.id for d in chosen if d.dimension == x.id]}
        for x in dimensions(ds)
    ]
    return {
        "measures": [d.id for d in chosen],
        "dimensions": [x for x in dims if x["measures"]],
        "versions": rows,
    }


def methods(ds: Dataset) -> list[dict[str, Any]]:
    """Every measure's definition: what it follows, its sources, assumptions and items.

    The methods entry of each dimension (what it is about, its sources, what was not verified) is
    in `dimension_methods`. Each source is shown as the registry describes it (`cite`, `url`), with
    what was checked in it.
    """
    from vertikal.references import describe

    out = []
    for d in definitions(ds):
        row = d.model_dump(mode="json", by_alias=True)
        described = describe(ds, [s.ref for s in d.sources])
        row["sources"] = [r | {"verified": s.verified} for s, r in zip(d.sources, described, strict=True)]
        out.append(row)
    return out


RANGES = {
    "en": (
        "Unknown codings (no source read settles them) make every measure a range. Low and high are the"
        " least and greatest value over the statuses the unknown codings could have (and, where a rule"
        " reads an attribute, every value that changes the rule's outcome). For a count measure the"
        " range is exact. For a rules measure each component's range is exact and the total's range is"
        " the sum of the component ranges: exact when no unknown coding feeds two components, otherwise"
        " an outer bound (the true range may be narrower). The point value counts every unknown as"
        " absent, with no attributes: what vertikal reported before the unknown status existed."
    ),
    "ru": (
        "Неизвестные кодировки (ни один прочитанный источник их не решает) превращают каждый показатель"
        " в интервал. Нижняя и верхняя границы - наименьшее и наибольшее значение при всех статусах,"
        " которые могли бы иметь неизвестные кодировки (и, если правило читает атрибут, при всех"
        " значениях, меняющих его исход). Для показателей-подсчётов интервал точный. Для показателей"
        " по правилам точен интервал каждой составляющей, а интервал суммы равен сумме интервалов"
        " составляющих: он точен, если ни одна неизвестная кодировка не входит в две составляющие, иначе"
        " это внешняя оценка (настоящий интервал может быть уже). Точечное значение считает каждую"
        " неизвестную кодировку отсутствующей, без атрибутов."
    ),
    "kk": (
        "Белгісіз кодтаулар (ешбір оқылған дереккөз оларды шешпейді) әр көрсеткішті ауқымға айналдырады."
        " Төменгі және жоғарғы шек - белгісіз кодтаулар ие болуы мүмкін барлық мәртебелер бойынша (және"
        " ереже атрибутты оқыса, оның нәтижесін өзгертетін барлық мәндер бойынша) ең кіші және ең үлкен"
        " мән. Санау көрсеткіштері үшін ауқым дәл. Ережелерге негізделген көрсеткіштерде әр құрамдас"
        " бөліктің ауқымы дәл, ал жиынтықтың ауқымы құрамдас бөліктер ауқымдарының қосындысына тең: ешбір"
        " белгісіз кодтау екі құрамдас бөлікке кірмесе, ол дәл, әйтпесе бұл сыртқы шек (нақты ауқым"
        " тарырақ болуы мүмкін). Нүктелік мән әр белгісіз кодтауды атрибутсыз жоқ деп есептейді."
    ),
}


def methods_all(ds: Dataset) -> dict[str, Any]:
    """The methods of every dimension and of every measure, and how ranges are computed
    (what `vertikal methods` shows)."""
    return {"ranges": dict(RANGES), "dimensions": dimension_methods(ds), "measures": methods(ds)}


def dimension_methods(ds: Dataset) -> list[dict[str, Any]]:
    """The methods entry of every dimension, with the ids of its measures."""
    from vertikal.references import describe

    out = []
    for x in dimensions(ds):
        row = x.model_dump(mode="json", by_alias=True)
        described = describe(ds, [s.ref for s in x.sources])
        row["sources"] = [r | {"verified": s.verified} for s, r in zip(x.sources, described, strict=True)]
        out.append(row | {"measures": [d.id for d in of_dimension(ds, x.id)]})
    return out
