"""The pages of a day: `/at/DAY` (the powers in force that day, per holder, each with the instrument
version it comes from) and its `.json` twin, equal to `vertikal.legal.at`.

A day is unbounded, so these responses are never kept by the response cache (`middleware.no_cache`):
each is one indexed look-up (`legal.at` bisects the sorted dates of the events, the legal state of each
interval between them built once), and each power's row and JSON are kept by the power, never by the
day (`dated.LegalSource.kept`; docs/instruments.md, "Speed").
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup

from vertikal.web import dated, i18n, schemas
from vertikal.web.errors import BAD_DAY, NO_INSTRUMENTS, UNKNOWN_HOLDER, BadRequestError, NotFoundError
from vertikal.web.middleware import no_cache
from vertikal.web.routes import JsonLang, Lang, answer, render

# the pages of a day, never kept by the response cache: matched before the site's other routes
# (create_app), whose pages mostly come from that cache without reaching a route
router = APIRouter()

Day = Annotated[
    str,
    Path(
        max_length=64,
        description="A day, YYYY-MM-DD (2020-06-01). Anything else is a 400 that names the parameter.",
        # documented, not enforced by validation: the route itself answers a 400 with a clear message
        json_schema_extra={"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    ),
]
Holder = Annotated[
    str | None,
    Query(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=64,
        description="Only this holder's powers: president or first_president (an unknown one is a 404).",
    ),
]
_ERR = {"model": schemas.ErrorBody}
_HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}
JSON_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": schemas.AtPage},
    400: {**_ERR, "description": "A day that is not YYYY-MM-DD"},
    404: {**_ERR, "description": "An unknown holder, or data without instruments"},
    422: {**_ERR, "description": "Over-long or malformed parameter"},
}
HTML_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {**_HTML, "description": "A day that is not YYYY-MM-DD (an HTML page)"},
    404: {**_HTML, "description": "An unknown holder, or data without instruments (an HTML page)"},
    422: {**_HTML, "description": "Over-long or malformed parameter (an HTML page)"},
}


def powers_on(request: Request, day: str, holder: str | None) -> dict[str, Any]:
    """`legal.at` for the day in the URL; a malformed day is a 400 naming it, an unknown holder a 404."""
    from vertikal import legal

    no_cache(request.state)
    parsed = dated.parse_day(day)
    if parsed is None:
        raise BadRequestError(BAD_DAY, value=repr(day), name="day")
    source = request.app.state.legal
    ds = source.dataset()
    try:
        found: dict[str, Any] = legal.at(ds, parsed, holder)
        return found
    except legal.UnknownHolder:
        raise NotFoundError(  # an unknown id is a 404 on this site (versions, powers), a holder too
            UNKNOWN_HOLDER, value=repr(holder), name="holder", known=", ".join(legal.holders(ds))
        ) from None
    except legal.NoInstruments:
        raise NotFoundError(NO_INSTRUMENTS, file="instruments.yaml") from None


def _json_body(source: dated.LegalSource, data: dict[str, Any]) -> bytes:
    """`data` as `JSONResponse` writes it, each power's JSON kept (`LegalSource.kept`): a power is
    one object shared by every interval whose versions code it alike (`legal.state`), so its text is
    the same wherever it appears. The rest (the day, the versions in force) is written each time."""
    head = _dumps({k: v for k, v in data.items() if k != "powers"})[:-1]
    powers = ",".join(source.kept(("json",), data["powers"], _dumps))
    return f'{head},"powers":[{powers}]}}'.encode()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))


@router.get(
    "/at/{day}.json", response_class=JSONResponse, responses=JSON_RESPONSES, name="at_json", tags=["data"]
)
async def at_json(request: Request, day: Day, holder: Holder = None, lang: JsonLang = None) -> Response:
    """The powers in force on a day, per holder and item, with the instrument version each comes from
    and the combination rule (the library's `legal.at`)."""
    data = powers_on(request, day, holder)
    if i18n.resolve(lang)[1] is not None:
        return answer(data, lang)  # with the notice of a language the site does not have
    body = _json_body(request.app.state.legal, data)
    request.app.state.legal.settle()
    return Response(body, media_type="application/json")


FORM_RESPONSES: dict[int | str, dict[str, Any]] = {
    307: {"description": "To /at/DAY, the day asked for (today's without one)"},
    422: {**_HTML, "description": "Over-long parameter (an HTML page)"},
}


@router.get("/at", response_class=HTMLResponse, responses=FORM_RESPONSES, name="at_form", tags=["pages"])
async def at_form(request: Request, day: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    """The form's target: to /at/DAY for the day picked (today's without one), with the other parameters."""
    no_cache(request.state)
    chosen = day or dt.date.today().isoformat()
    rest = "&".join(f"{k}={quote(v, safe='')}" for k, v in request.query_params.items() if k != "day" and v)
    return RedirectResponse(dated.with_query(f"/at/{quote(chosen, safe='')}", rest), 307)


@router.get("/at/{day}", response_class=HTMLResponse, responses=HTML_RESPONSES, name="at", tags=["pages"])
async def at_page(request: Request, day: Day, lang: Lang, holder: Holder = None) -> HTMLResponse:
    """The powers in force on a day, by holder, each with its instrument version and citation."""
    data = powers_on(request, day, holder)
    source = request.app.state.legal
    state = _state_html(request, lang, data)
    query = f"?holder={holder}" if holder else ""
    source.settle()
    return render(
        request,
        lang,
        "at.html",
        data,
        f"/at/{data['date']}.json{query}",
        page="at",
        alt_path=f"/at/{data['date']}",
        alt_params={"holder": holder},
        state=state,
        holder_names=source.holder_names(),
        first_day=dated.first_in_force(request.app.state.store),
    )


def _state_html(request: Request, lang: str, data: dict[str, Any]) -> Markup:
    """The part of a page of a day below the form (at_state.html, written by `at_html.DayWriter`),
    each power's row kept (`LegalSource.kept`): a power is one object shared by every interval whose
    versions code it alike (`legal.state`), so its row is the same wherever it appears, whatever the day."""
    source = request.app.state.legal
    writer = source.writer(request.app.state.envs[lang], request.app.state.store.item_ids)
    by_holder: dict[str, list[dict[str, Any]]] = {h: [] for h in data["holders"]}
    for p in data["powers"]:
        by_holder.setdefault(p["holder"], []).append(p)
    rows = {
        h: (len(ps), "".join(source.kept(("row", lang), ps, lambda p, h=h: writer(p, h))))
        for h, ps in by_holder.items()
    }
    return Markup(writer.state(data, rows, source.holder_names()))
