"""One shape for every error: ``{"error": {"status": 404, "code": "not_found", "message": "..."}}``.

A JSON path (``*.json``) or a client that asks for JSON gets that body; a page gets the same facts
as an HTML page with the same status. Nothing else (no traceback, no validation internals) leaks.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

log = logging.getLogger("vertikal.web")

CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid_parameter",
    500: "internal_error",
}


def N_(message: str) -> str:
    """Mark a message for extraction into the catalogue; error pages translate it."""
    return message


UNKNOWN_VERSION = N_("unknown version %(id)s; known versions: %(known)s")
AMBIGUOUS_VERSION = N_("version %(id)s is ambiguous: %(candidates)s; give more of the date")
SAME_VERSION = N_("both sides are the same version (%(id)s); choose two different versions")
BEFORE_FIRST = N_(
    "unknown version %(id)s: no version was in force that day; the first came into force on %(first)s; "
    "known versions: %(known)s"
)
BAD_DAY = N_("malformed date %(value)s in the parameter %(name)s: write a day as YYYY-MM-DD, e.g. 2020-06-01")
UNKNOWN_HOLDER = N_("unknown holder %(value)s in the parameter %(name)s; known holders: %(known)s")
NO_INSTRUMENTS = N_("these data have no instruments (%(file)s), so there are no powers by date")
UNKNOWN_POWER = N_("unknown power %(id)s; the codebook page lists every item")
UNKNOWN_DOWNLOAD = N_("no download named %(name)s; see /downloads")
NO_SUCH_PAGE = N_("no such page")
ONLY_GET = N_("only GET and HEAD are allowed")
BAD_PARAMETER = N_("malformed or over-long parameter: %(names)s")
INTERNAL = N_("internal error")


class NotFoundError(Exception):
    """An unknown version, power or file: a 404 with a message naming what was asked for.

    `msgid` is a catalogue message with %(name)s placeholders filled from `params`: the JSON error
    says it in English, an error page in the page's language.
    """

    status = 404

    def __init__(self, msgid: str, **params: str) -> None:
        self.msgid, self.params = msgid, params
        self.message = msgid % params
        super().__init__(self.message)


class BadRequestError(NotFoundError):
    """A parameter that is not what it must be (a day that is not YYYY-MM-DD, an unknown holder): a 400."""

    status = 400


class ParameterError(NotFoundError):
    """A well-formed parameter that names nothing usable (the same version twice): a 422."""

    status = 422


def body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": CODES.get(status, "error"), "message": message}}


def wants_json(path: str, accept: str) -> bool:
    if path.endswith(".json"):
        return True
    return "application/json" in accept and "text/html" not in accept


def respond(
    request: Request,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
    translate: tuple[str, dict[str, str]] | None = None,
) -> Response:
    """The error as JSON or as an HTML page, depending on what was asked for.

    The JSON body holds `message` (English); the page says `translate` (a catalogue message and its
    parameters) in the page's language when given.
    """
    if wants_json(request.url.path, request.headers.get("accept", "")):
        return JSONResponse(body(status, message), status_code=status, headers=headers)
    envs = getattr(request.app.state, "envs", None)
    if envs is None:
        return HTMLResponse(f"<!doctype html><title>{status}</title>", status_code=status, headers=headers)
    from vertikal.web.i18n import resolve

    lang, _ = resolve(request.query_params.get("lang"))
    env = envs.get(lang) or envs["en"]
    store = getattr(request.app.state, "store", None)
    msgid, params = translate or (None, {})
    html = env.get_template("error.html").render(
        error=body(status, message)["error"],
        msgid=msgid,
        params=params,
        page="error",
        json_url=None,
        alt_path=None,
        alt_params={},
        country=store.country if store else {"en": ""},
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def _parameter_names(exc: RequestValidationError) -> str:
    names = [".".join(str(p) for p in err.get("loc", ())[1:]) for err in exc.errors()[:3]]
    return ", ".join(n for n in names if n) or "?"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = [str(p) for p in err.get("loc", ())]
        where = f"{loc[0]} parameter {'.'.join(loc[1:])!r}" if len(loc) > 1 else ".".join(loc) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    messages = {404: NO_SUCH_PAGE, 405: ONLY_GET}
    msgid = messages.get(exc.status_code)
    headers = {"Allow": "GET, HEAD"} if exc.status_code == 405 else None
    translate: tuple[str, dict[str, str]] | None = (msgid, {}) if msgid else None
    return respond(request, exc.status_code, msgid or str(exc.detail), headers, translate)


async def on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    translate = (BAD_PARAMETER, {"names": _parameter_names(exc)})
    return respond(request, 422, _validation_message(exc), translate=translate)


async def on_not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotFoundError)
    return respond(request, exc.status, exc.message, translate=(exc.msgid, exc.params))


async def on_error(request: Request, exc: Exception) -> Response:
    from vertikal.web.middleware import SECURITY_HEADERS

    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    headers = {k.decode(): v.decode() for k, v in SECURITY_HEADERS}
    return respond(request, 500, INTERNAL, headers, (INTERNAL, {}))


HANDLERS = {
    StarletteHTTPException: on_http,
    RequestValidationError: on_validation,
    NotFoundError: on_not_found,
    Exception: on_error,
}
