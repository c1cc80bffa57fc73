"""Agreement between two coders of the same versions: percent agreement, Cohen's kappa, Krippendorff's
alpha (nominal, on status) and agreement on cited articles, per item, per version and overall.

A unit is one (version, item) pair coded in both copies. Statuses are nominal categories read from the
data (whatever statuses the two copies use), never a fixed list.

>>> cohen_kappa([("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15)
0.4
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vertikal.dataset import Dataset
from vertikal.loader import load
from vertikal.models import Coding
from vertikal.problems import VertikalError, display_path
from vertikal.refs import ArticleRef

__all__ = ["AgreementError", "agreement", "cite_agreement", "cohen_kappa", "compare", "krippendorff_alpha"]

Pair = tuple[str, str]


class AgreementError(VertikalError, ValueError):
    """A copy that is not a valid data directory, or a version neither copy codes."""


# -- the statistics ------------------------------------------------------------------------------


def cohen_kappa(pairs: Sequence[Pair]) -> float | None:
    """Cohen's kappa, (p_o - p_e) / (1 - p_e); None when undefined (no units, or p_e = 1).

    p_e is the sum over categories of the product of the two coders' marginal proportions.
    """
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(pairs: Sequence[Pair]) -> float | None:
    """Krippendorff's alpha for nominal data and two coders (the `krippendorff` package).

    None when undefined: fewer than two categories occur, so no disagreement is expected by chance.
    """
    categories = sorted({v for pair in pairs for v in pair})
    if len(categories) < 2:
        return None
    import krippendorff  # numpy comes with it: imported only when agreement is computed

    code = {c: i for i, c in enumerate(categories)}
    data = [[float(code[a]) for a, _ in pairs], [float(code[b]) for _, b in pairs]]
    value = float(
        krippendorff.alpha(
            reliability_data=data, value_domain=list(range(len(categories))), level_of_measurement="nominal"
        )
    )
    return None if value != value else value  # NaN: undefined


def _articles(cites: Sequence[str]) -> frozenset[str]:
    """The articles cited, ignoring paragraph and subparagraph: art_44__para_3 -> art_44."""
    out = set()
    for text in cites:
        ref = ArticleRef.parse(text)
        out.add(f"{ref.doc}/art_{ref.article}" if ref.doc else f"art_{ref.article}")
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float | None:
    """|A ∩ B| / |A ∪ B|; None when both sets are empty."""
    union = a | b
    return len(a & b) / len(union) if union else None


def cite_agreement(cites: Sequence[tuple[Sequence[str], Sequence[str]]]) -> dict[str, Any]:
    """Agreement on cited articles over units given as (A's citations, B's citations).

    Compared are the units where both coders cite at least one article; `jaccard` is the mean Jaccard
    index of their article sets and `same` the share with the same article set. Units where only
    one coder cites are counted in `one_side`; units where neither cites are left out.
    """
    both: list[float] = []
    same = one_side = 0
    for a_cites, b_cites in cites:
        a, b = _articles(a_cites), _articles(b_cites)
        if a and b:
            both.append(jaccard(a, b) or 0.0)
            same += a == b
        elif a or b:
            one_side += 1
    n = len(both)
    return {
        "units": n,
        "jaccard": sum(both) / n if n else None,
        "same": same / n if n else None,
        "one_side": one_side,
    }


def stats(pairs: Sequence[Pair], cites: Sequence[tuple[Sequence[str], Sequence[str]]]) -> dict[str, Any]:
    """Every statistic over a set of units (status pairs and citation pairs, in the same order)."""
    n = len(pairs)
    agreed = sum(a == b for a, b in pairs)
    kappa, alpha = cohen_kappa(pairs), krippendorff_alpha(pairs)
    undefined = None  # why kappa and alpha are undefined: no units, or one status throughout
    if n == 0:
        undefined = "no_units"
    elif kappa is None or alpha is None:
        undefined = "one_status"
    return {
        "units": n,
        "agreed": agreed,
        "agreement": agreed / n if n else None,
        "kappa": kappa,
        "alpha": alpha,
        "undefined": undefined,
        "cites": cite_agreement(cites),
    }


# -- the two copies ------------------------------------------------------------------------------


def _strict(path: Path | str) -> Dataset:
    root = Path(path)
    if not root.is_dir():
        raise AgreementError(f"{root}: not a directory")
    ds = load(root, strict=False)  # refused below with a message naming this copy
    if ds.errors:
        first = ds.errors[0]
        more = f" (and {len(ds.errors) - 1} more)" if len(ds.errors) > 1 else ""
        raise AgreementError(
            f"{display_path(root)}: the data has problems; run `vertikal check --data {root}`: {first}{more}"
        )
    return ds


def _side(c: Coding) -> dict[str, Any]:
    return {
        "status": c.status,
        "with": list(c.with_),
        "cite": list(c.cite),
        "confidence": c.confidence,
        "note": c.note,
    }


def _resolve(a: Dataset, b: Dataset, text: str) -> str:
    """A version of either copy named by its id, a unique prefix or a year (the library's resolver)."""
    from vertikal.queries import Ambiguous, NotFound, resolve_id

    pairs = sorted({(v.id, v.in_force) for v in (*a.versions, *b.versions)}, key=lambda p: (p[1], p[0]))
    try:
        return resolve_id(pairs, text)
    except Ambiguous as exc:
        raise AgreementError(str(exc)) from None
    except NotFound:
        return text  # reported below, naming both copies


def _chosen(a: Dataset, b: Dataset, versions: Sequence[str] | None) -> tuple[list[str], list[str], list[str]]:
    """(versions in both, only in A, only in B), in the copies' order, limited to `versions`."""
    in_a, in_b = [v.id for v in a.versions], [v.id for v in b.versions]
    if versions:
        versions = [_resolve(a, b, v) for v in versions]
        unknown = [v for v in versions if v not in in_a and v not in in_b]
        if unknown:
            known = ", ".join(dict.fromkeys([*in_a, *in_b]))
            raise AgreementError(f"unknown version {unknown[0]!r}: neither copy codes it; versions: {known}")
        wanted = set(versions)
        in_a, in_b = [v for v in in_a if v in wanted], [v for v in in_b if v in wanted]
    both = [v for v in in_a if v in in_b]
    return both, [v for v in in_a if v not in in_b], [v for v in in_b if v not in in_a]


def compare(a: Dataset, b: Dataset, versions: Sequence[str] | None = None) -> dict[str, Any]:
    """Agreement between two loaded copies, over the versions both code (or the chosen ones)."""
    both, only_a, only_b = _chosen(a, b, versions)
    items_b = {it.id for it in b.items}
    items = [it for it in a.items if it.id in items_b]
    items_a = {it.id for it in a.items}
    units: list[tuple[str, str, Coding, Coding]] = []
    for vid in both:
        ca, cb = a.codings.get(vid, {}), b.codings.get(vid, {})
        units += [(vid, it.id, ca[it.id], cb[it.id]) for it in items if it.id in ca and it.id in cb]

    def over(chosen: list[tuple[str, str, Coding, Coding]]) -> dict[str, Any]:
        return stats(
            [(x.status, y.status) for _, _, x, y in chosen], [(x.cite, y.cite) for _, _, x, y in chosen]
        )

    labels = {it.id: it.label.model_dump() for it in items}
    disagreements, cite_differences = [], []
    for vid, item_id, x, y in units:
        row = {"version": vid, "item": item_id, "label": labels[item_id], "a": _side(x), "b": _side(y)}
        if x.status != y.status:
            disagreements.append(row)
        elif _articles(x.cite) != _articles(y.cite):
            cite_differences.append(row)
    return {
        "a": display_path(a.root),
        "b": display_path(b.root),
        "versions": both,
        "categories": sorted({s for _, _, x, y in units for s in (x.status, y.status)}),
        "only_in_a": {
            "versions": only_a,
            "items": [i for i in (it.id for it in a.items) if i not in items_b],
        },
        "only_in_b": {"versions": only_b, "items": [it.id for it in b.items if it.id not in items_a]},
        "overall": over(units),
        "by_version": [{"version": v, **over([u for u in units if u[0] == v])} for v in both],
        "by_item": [
            {"item": it.id, "label": labels[it.id], **over([u for u in units if u[1] == it.id])}
            for it in items
        ],
        "disagreements": disagreements,
        "cite_differences": cite_differences,
    }


def agreement(a: Path | str, b: Path | str, versions: Sequence[str] | None = None) -> dict[str, Any]:
    """Load two data directories strictly and compare their codings (see `compare`)."""
    return compare(_strict(a), _strict(b), versions)
