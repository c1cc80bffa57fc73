"""How the claims' verdicts and the measures' peaks change under each documented judgement switch.

The switches are data (``data/sensitivity.yaml``): each recodes some codings one way (unknowns as absent
or present; consultation as sole; conditional powers not counted). For every switch the dataset is
recoded and the claims and the measures' peaks are computed again with the same functions as always.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from pydantic import Field, ValidationError

from vertikal import _yaml, attrs
from vertikal.dataset import Dataset
from vertikal.measures import definitions
from vertikal.measures.peaks import series
from vertikal.models import Coding, Item, Labels, Strict
from vertikal.problems import VertikalError

FILE = "sensitivity.yaml"


class SensitivityError(VertikalError, ValueError):
    """The switches file is missing or invalid; names the file and line."""

    def __init__(self, file: object, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = str(file), line, message


class Switch(Strict):
    id: str
    kind: Literal["unknown", "consultation", "conditional"]
    as_: Literal["absent", "present", "sole"] = Field(alias="as")
    attrs: list[str] = []
    label: Labels
    about: str


class SwitchesFile(Strict):
    schema_: int = Field(1, alias="schema")
    switches: list[Switch]


def switches(ds: Dataset) -> list[Switch]:
    path = ds.root / FILE
    if not path.is_file():
        raise SensitivityError(path, 0, "no judgement switches (the file is missing)")
    try:
        doc = _yaml.read(path)
        return list(SwitchesFile.model_validate(doc.value).switches)
    except _yaml.YamlError as exc:
        raise SensitivityError(path, exc.line, exc.message) from None
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise SensitivityError(path, doc.line(loc), f"{'.'.join(map(str, loc))}: {err['msg']}") from None


def _present(item: Item) -> str:
    return "sole" if "sole" in item.statuses else "shared" if "shared" in item.statuses else item.known[0]


def _recode(sw: Switch, item: Item, c: Coding) -> Coding | None:
    """The coding under the switch, or None when the switch leaves it alone."""
    if sw.kind == "unknown":
        if c.status != "unknown":
            return None
        status = _present(item) if sw.as_ == "present" else "absent"
        return c.model_copy(update={"status": status})
    if item.kind != "power":
        return None
    if sw.kind == "consultation":
        consulted = attrs.get(item, c, "consultation") if "consultation" in item.attributes else None
        if c.status == "shared" and consulted and set(c.with_) <= set(consulted):
            return c.model_copy(update={"status": sw.as_})
        return None
    if c.status in ("sole", "shared") and any(c.attrs.get(a) for a in sw.attrs):
        return c.model_copy(update={"status": "absent" if sw.as_ == "absent" else sw.as_})
    return None


def recoded(ds: Dataset, sw: Switch) -> tuple[Dataset, list[str]]:
    """A copy of the dataset with the switch applied, and the codings it changed ('item@version')."""
    items = {it.id: it for it in ds.items}
    codings: dict[str, dict[str, Coding]] = {}
    changed = []
    for vid, cs in ds.codings.items():
        codings[vid] = dict(cs)
        for item_id, c in cs.items():
            new = _recode(sw, items[item_id], c) if item_id in items else None
            if new is not None:
                codings[vid][item_id] = new
                changed.append(f"{item_id}@{vid}")
    touched = {c.split("@")[1] for c in changed}
    # what does not depend on a recoded version is the same: keep it (scores, evidence, compiled rules)
    memo = {k: v for k, v in ds.memo.items() if not _reads(k, touched)}
    return replace(ds, codings=codings, memo=memo, problems=list(ds.problems)), changed


def _reads(key: tuple[Any, ...], versions: set[str]) -> bool:
    """Whether a memo entry was computed from one of these versions' codings."""
    if key[:1] == ("score",):
        return key[2] in versions
    if key[:1] == ("evidence",):
        return key[1] in versions
    return False


def _peaks(ds: Dataset) -> dict[str, dict[str, Any]]:
    out = {}
    for d in definitions(ds):
        rows = series(ds, d.id)
        top = max(r["value"] for r in rows)
        at = [r["version"] for r in rows if r["value"] == top]
        out[d.id] = {"versions": at, "value": top, "unique": len(at) == 1, "last": at[-1]}
    return out


def sensitivity(ds: Dataset) -> dict[str, Any]:
    """Every claim's verdict and every measure's peak (point values), as they are and under each switch."""
    from vertikal.measures.claimset import evaluate_all

    base_claims = evaluate_all(ds)["claims"]
    base_peaks = _peaks(ds)
    rows: dict[str, dict[str, Any]] = {
        c["id"]: {"id": c["id"], "text": c["text"], "baseline": c["verdict"], "by_switch": {}}
        for c in base_claims
    }
    peaks: dict[str, dict[str, Any]] = {
        m: {"id": m, "baseline": p, "by_switch": {}} for m, p in base_peaks.items()
    }
    listed = []
    for sw in switches(ds):
        variant, changed = recoded(ds, sw)
        listed.append({**sw.model_dump(by_alias=True), "changed": len(changed), "codings": changed})
        for c in evaluate_all(variant)["claims"]:
            rows[c["id"]]["by_switch"][sw.id] = c["verdict"]
        for m, p in _peaks(variant).items():
            peaks[m]["by_switch"][sw.id] = p
    for r in rows.values():
        r["changes"] = sorted(k for k, v in r["by_switch"].items() if v != r["baseline"])
    for p in peaks.values():
        p["changes"] = sorted(
            k for k, v in p["by_switch"].items() if v["versions"] != p["baseline"]["versions"]
        )
    return {"switches": listed, "claims": list(rows.values()), "measures": list(peaks.values())}
