"""The report's section on the instruments beside the Constitution: the dual holding of presidential-type
power, the shift of the Security Council chair and the end of the First President's status.

Every value comes from `vertikal.legal` (dates, citations, counts); the words from report/sentences.yaml.
"""

from __future__ import annotations

from typing import Any

from vertikal import fmt
from vertikal.dataset import Dataset

PROBE = "2020-06-01"  # a day of the dual holding: after the 2019 handover, before the 2022 shift
SC_LAW, FP_LAW, ITEM = "security_council_law_2018", "first_president_law_2000", "chair_security_council"


def _power(day: dict[str, Any], holder: str, item: str) -> dict[str, Any] | None:
    return next((p for p in day["powers"] if p["holder"] == holder and p["item"] == item), None)


def section(ds: Dataset, lang: str) -> dict[str, Any] | None:
    """The sentences of the section, or None when the data have no such instruments."""
    from vertikal import legal
    from vertikal.report.sentences import say

    if ds.instruments is None:
        return None
    by_id = {i["id"]: i for i in legal.instruments(ds)}
    if SC_LAW not in by_id or FP_LAW not in by_id:
        return None
    day = legal.at(ds, PROBE)
    fp = _power(day, "first_president", ITEM)
    if fp is None or fp["status"] != "sole":
        return None
    counts = legal.holder_counts(day)
    shift = next(
        (v for v in by_id[SC_LAW]["versions"] if v["in_force"] and v["in_force"] > PROBE and v["read"]), None
    )
    sentences = [
        say(
            "instr_dual",
            lang,
            day=fmt.date_long(PROBE, lang),
            fp_cite=fmt.cites(fp["cite"][:1], lang),
            pres_n=fmt.number(counts["president"]["held"], lang),
            fp_n=fmt.number(counts["first_president"]["held"], lang),
            union_n=fmt.number(counts["presidential_type"]["held"], lang),
        )
    ]
    if shift is not None:
        after = legal.at(ds, shift["in_force"], "president")
        pr = _power(after, "president", ITEM)
        act = shift["act"] or {}
        sentences.append(
            say(
                "instr_shift",
                lang,
                act=fmt.pick({k: act[k] for k in ("en", "ru") if act.get(k)}, lang),
                shift_day=fmt.date_long(shift["in_force"], lang),
                pr_cite=fmt.cites(pr["cite"][:1], lang) if pr else fmt.word("none", lang),
            )
        )
    repeal = by_id[FP_LAW]["repealed"]
    hook = next((v.in_force for v in ds.versions if _hook_gone(ds, v.id)), None)
    if repeal is not None and hook is not None:
        sentences.append(
            say(
                "instr_end",
                lang,
                end_day=fmt.date_long(repeal["date"], lang),
                hook_day=fmt.date_long(hook, lang),
            )
        )
    return {"sentences": sentences}


def _hook_gone(ds: Dataset, vid: str) -> bool:
    """Whether version `vid` ends the Constitution's provision for the First President's status."""
    ids = [v.id for v in ds.versions]
    i = ids.index(vid)
    if i == 0:
        return False
    now, before = ds.codings.get(vid, {}), ds.codings.get(ids[i - 1], {})
    a, b = before.get("first_president_status"), now.get("first_president_status")
    return a is not None and b is not None and a.status == "sole" and b.status == "absent"
