"""The routes: every page and its `.json` twin, and the downloads. GET only; parameters bounded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from vertikal.web import dated, i18n, pages, schemas
from vertikal.web.errors import UNKNOWN_DOWNLOAD, NotFoundError

router = APIRouter()
F = TypeVar("F", bound=Callable[..., Any])

VERSION_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # an id, or a prefix of one: a year, a month
ITEM_RE = r"^[a-z][a-z0-9_]*$"


async def page_lang(
    request: Request,
    lang: Annotated[
        str,
        Query(
            pattern=i18n.LANG_TAG,
            max_length=35,
            description="Language of the page: en (default), ru or kk. Another language tag (e.g. de) "
            "shows the page in English with a notice; a malformed one is a 422.",
        ),
    ] = i18n.DEFAULT_LANG,
) -> str:
    """The page's language; a language the site does not have is kept to say so on the page. (A
    coroutine: a plain function would be run in a worker thread, a thread hop for every page.)"""
    shown, request.state.lang_asked = i18n.resolve(lang)
    return shown


Lang = Annotated[str, Depends(page_lang)]
JsonLang = Annotated[
    str | None,
    Query(
        pattern=i18n.LANG_TAG,
        max_length=35,
        description="Optional: en, ru or kk (the data carry every language). Another language tag is "
        "answered with the data and a `notice` (a field of an object, a Vertikal-Notice header always).",
    ),
]
VersionId = Annotated[
    str,
    Path(
        pattern=VERSION_RE,
        max_length=10,
        description="Version id (1995-08-30) or a unique prefix (1998); any other day (1999-01-01) "
        "redirects (307) to the version in force that day.",
    ),
]
ItemId = Annotated[
    str, Path(pattern=ITEM_RE, max_length=64, description="Codebook item id, e.g. decree_force_of_law.")
]
OptVersion = Annotated[
    str | None,
    Query(
        pattern=VERSION_RE,
        max_length=10,
        description="A version id (2011-02-02), a unique prefix, or a day (2020-06-01: the one in force).",
    ),
]
ReqVersion = Annotated[
    str,
    Query(
        pattern=VERSION_RE,
        max_length=10,
        description="A version id, a unique prefix of one, or a day (the version in force that day).",
    ),
]

_ERR = {"model": schemas.ErrorBody}
_HTML_ERR = {"content": {"text/html": {"schema": {"type": "string"}}}}
JSON_RESPONSES: dict[int | str, dict[str, Any]] = {
    307: {"description": "A day that is not a version id: the version in force that day"},
    404: {**_ERR, "description": "Unknown version, power or file"},
    422: {**_ERR, "description": "Malformed or over-long parameter"},
}
HTML_RESPONSES: dict[int | str, dict[str, Any]] = {
    307: {"description": "A day that is not a version id: the version in force that day"},
    404: {**_HTML_ERR, "description": "Unknown version or power (an HTML page)"},
    422: {**_HTML_ERR, "description": "Malformed or over-long parameter (an HTML page)"},
}


def _page(path: str, name: str) -> Callable[[F], F]:
    return router.get(path, response_class=HTMLResponse, responses=HTML_RESPONSES, name=name, tags=["pages"])


def _json(path: str, model: Any, name: str) -> Callable[[F], F]:
    return router.get(
        path,
        response_class=JSONResponse,
        responses={200: {"model": model}, **JSON_RESPONSES},
        name=name,
        tags=["data"],
    )


def render(request: Request, lang: str, template: str, data: Any, json_url: str, **ctx: Any) -> HTMLResponse:
    env = request.app.state.envs[lang]
    store = request.app.state.store
    html = env.get_template(template).render(
        data=data,
        json_url=json_url,
        country=store.country,
        measures=store.measure_labels,
        dimensions=store.dimension_labels,
        lang_asked=getattr(request.state, "lang_asked", None),
        **ctx,
    )
    return HTMLResponse(html)


def answer(body: Any, lang: str | None) -> JSONResponse:
    """A JSON twin's body; for a language the site does not have, with a notice that says so."""
    _, asked = i18n.resolve(lang)
    if asked is None:
        return JSONResponse(body)
    notice = {
        "code": "unsupported_language",
        "asked": asked,
        "languages": list(i18n.LANGS),
        "message": f"the language {asked!r} is not available; the data's texts are in "
        f"{', '.join(i18n.LANGS)} (English where a text is not written in a language)",
    }
    headers = {"Vertikal-Notice": f"unsupported_language; asked={asked}"}
    return JSONResponse({**body, "notice": notice} if isinstance(body, dict) else body, headers=headers)


def _state(request: Request) -> Any:
    return request.app.state


# -- home and timeline -------------------------------------------------------------------
@_json("/index.json", schemas.Home, "home_json")
async def home_json(request: Request, lang: JsonLang = None) -> JSONResponse:
    """The home page's data: every measure on every version, and every reform step classified."""
    st = _state(request)
    return answer(pages.home(st.store, st.legal), lang)


@_json("/timeline.json", schemas.Timeline, "timeline_json")
async def timeline_json(request: Request, lang: JsonLang = None) -> JSONResponse:
    """Every version with every measure (the library's `measures.timeline`)."""
    return answer(_state(request).store.blob("timeline"), lang)


@_page("/", "home")
async def home_page(request: Request, lang: Lang) -> HTMLResponse:
    """The timeline of the measures and the list of reforms."""
    st = _state(request)
    charts = st.store.blob(f"charts:{lang}") or {}
    data = pages.home(st.store, st.legal)
    if data["legal"]:
        charts = pages.with_events(charts, st.legal, lang, i18n.translator(lang))
    return render(
        request,
        lang,
        "home.html",
        data,
        "/index.json",
        page="home",
        alt_path="/",
        alt_params={},
        charts=charts,
        holder_names=st.legal.holder_names() if data["legal"] else {},
        instruments=st.legal.titles() if data["legal"] else {},
    )


# -- versions ----------------------------------------------------------------------------
@_json("/versions.json", list[schemas.VersionListRow], "versions_json")
async def versions_json(request: Request, lang: JsonLang = None) -> JSONResponse:
    """Every coded version, in order (the library's `versions`)."""
    return answer(_state(request).store.versions, lang)


@_page("/versions", "versions")
async def versions_page(request: Request, lang: Lang) -> HTMLResponse:
    """Every coded version, with its act and dates."""
    data = _state(request).store.versions
    return render(
        request,
        lang,
        "versions.html",
        data,
        "/versions.json",
        page="versions",
        alt_path="/versions",
        alt_params={},
    )


@_json("/versions/{version_id}.json", schemas.VersionPage, "version_json")
async def version_json(request: Request, version_id: VersionId, lang: JsonLang = None) -> Response:
    """One version's powers by domain, with citations, scores and (when in the corpus) article texts."""
    st = _state(request)
    target = dated.redirect_target(st.store, st.legal, version_id)
    if target is not None:
        return RedirectResponse(dated.with_query(f"/versions/{target}.json", request.url.query), 307)
    return answer(pages.version(st.store, st.texts, version_id), lang)


@_page("/versions/{version_id}", "version")
async def version_page(request: Request, version_id: VersionId, lang: Lang) -> Response:
    """One version's powers by domain, with citations and the article texts when available."""
    st = _state(request)
    target = dated.redirect_target(st.store, st.legal, version_id)
    if target is not None:
        return RedirectResponse(dated.with_query(f"/versions/{target}", request.url.query), 307)
    data = pages.version(st.store, st.texts, version_id)
    version_id = data["powers"]["version"]["id"]
    by_domain: dict[str, list[dict[str, Any]]] = {}
    for c in data["powers"]["codings"]:
        by_domain.setdefault(c["domain"], []).append(c)
    return render(
        request,
        lang,
        "version.html",
        data,
        f"/versions/{version_id}.json",
        page="versions",
        alt_path=f"/versions/{version_id}",
        alt_params={},
        domains=st.store.domains,
        by_domain=by_domain,
    )


# -- powers ------------------------------------------------------------------------------
@_json("/powers/{item_id}.json", schemas.History, "power_json")
async def power_json(request: Request, item_id: ItemId, lang: JsonLang = None) -> JSONResponse:
    """One power across every version (the library's `history`)."""
    return answer(pages.power(_state(request).store, item_id), lang)


@_page("/powers/{item_id}", "power")
async def power_page(request: Request, item_id: ItemId, lang: Lang) -> HTMLResponse:
    """One power's history across versions, with citations."""
    st = _state(request)
    data = pages.power(st.store, item_id)
    return render(
        request,
        lang,
        "power.html",
        data,
        f"/powers/{item_id}.json",
        page="codebook",
        alt_path=f"/powers/{item_id}",
        alt_params={},
        domains=st.store.domains,
        entry=st.store.item(item_id),
    )


# -- compare -----------------------------------------------------------------------------
@_json("/compare.json", schemas.ComparePage, "compare_json")
async def compare_json(request: Request, a: ReqVersion, b: ReqVersion, lang: JsonLang = None) -> JSONResponse:
    """The step from version a to version b: every power's change and every measure's delta. A side
    given as a day that is not a version id is the version in force that day (`days` says which)."""
    st = _state(request)
    return answer(pages.compare(st.store, st.texts, st.legal, a, b), lang)


@_page("/compare", "compare")
async def compare_page(
    request: Request, lang: Lang, a: OptVersion = None, b: OptVersion = None
) -> HTMLResponse:
    """Pick two versions, or two days, and see the power diff (and the text diff where both texts are
    present); a day is compared as the version in force that day, and the page says so."""
    st = _state(request)
    sides = [dated.side(st.store, st.legal, v) if v else (None, None) for v in (a, b)]
    (vid_a, day_a), (vid_b, day_b) = sides
    # a side stays as it was asked: a day, or the version id that a prefix names
    a = day_a["day"] if day_a else vid_a
    b = day_b["day"] if day_b else vid_b
    # with one side only, the form shows it chosen and waits for the other
    data = pages.compare(st.store, st.texts, st.legal, a, b) if a is not None and b is not None else None
    partial = request.headers.get("hx-request") == "true" and not request.headers.get(
        "hx-history-restore-request"
    )
    json_url = f"/compare.json?a={a}&b={b}" if data else None
    response = render(
        request,
        lang,
        "compare_result.html" if partial else "compare.html",
        data,
        json_url or "",
        page="compare",
        alt_path="/compare",
        alt_params={"a": a, "b": b},
        sel_a=vid_a or st.store.version_ids[-2 if len(st.store.version_ids) > 1 else 0],
        sel_b=vid_b or st.store.version_ids[-1],
        day_a=day_a["day"] if day_a else "",
        day_b=day_b["day"] if day_b else "",
        first_day=dated.first_in_force(st.store),
        versions=st.store.versions,
        holder_names=st.legal.holder_names() if data and data.get("dates") else {},
        instruments=st.legal.titles() if data and data.get("dates") else {},
    )
    response.headers["Vary"] = "HX-Request, HX-History-Restore-Request"
    return response


# -- akims, claims, methods, codebook ----------------------------------------------------
@_json("/akims.json", schemas.AkimsPage, "akims_json")
async def akims_json(request: Request, lang: JsonLang = None) -> JSONResponse:
    """How akims were chosen tier by tier (rules, events) and the decentralization series."""
    return answer(pages.akims(_state(request).store), lang)


@_page("/akims", "akims")
async def akims_page(request: Request, lang: Lang) -> HTMLResponse:
    """The tier-by-time chart of akim selection and the events."""
    st = _state(request)
    charts = st.store.blob(f"charts:{lang}") or {}
    spec = charts.get("decentralization")
    return render(
        request,
        lang,
        "akims.html",
        pages.akims(st.store),
        "/akims.json",
        page="akims",
        alt_path="/akims",
        alt_params={},
        chart=spec,
    )


def _twin(name: str, build: Callable[[Any], Any], model: Any, json_doc: str, page_doc: str) -> None:
    """Register a page without parameters and its `.json` twin, both built from the store by `build`."""

    async def as_json(request: Request, lang: JsonLang = None) -> JSONResponse:
        return answer(build(_state(request).store), lang)

    async def as_page(request: Request, lang: Lang) -> HTMLResponse:
        data = build(_state(request).store)
        return render(
            request,
            lang,
            f"{name}.html",
            data,
            f"/{name}.json",
            page=name,
            alt_path=f"/{name}",
            alt_params={},
        )

    as_json.__doc__, as_page.__doc__ = json_doc, page_doc
    _json(f"/{name}.json", model, f"{name}_json")(as_json)
    _page(f"/{name}", name)(as_page)


_twin(
    "claims",
    pages.claims,
    schemas.ClaimsPage,
    "Claims from the literature with their verdicts (the library's `claims`).",
    "Claims from the literature, evaluated against the data.",
)
_twin(
    "methods",
    pages.methods,
    schemas.MethodsPage,
    "How every measure is defined, and its peaks and runs.",
    "How every measure is defined: what it follows, its sources and assumptions.",
)
_twin(
    "sensitivity",
    pages.sensitivity,
    schemas.SensitivityPage,
    "Every claim's verdict and every measure's peak under each judgement switch (`sensitivity`).",
    "How verdicts and peaks change under each documented judgement switch.",
)
_twin(
    "codebook",
    pages.codebook,
    schemas.CodebookPage,
    "Every codebook item (the library's `codebook`) and the domains.",
    "The codebook: every power, constraint and check, by domain.",
)


# -- downloads ---------------------------------------------------------------------------
@_json("/downloads.json", schemas.DownloadsPage, "downloads_json")
async def downloads_json(request: Request, lang: JsonLang = None) -> JSONResponse:
    """The open data files: datapackage.json, the CSV zip and every CSV table."""
    st = _state(request)
    return answer(pages.downloads(st.files, st.descriptions), lang)


@_page("/downloads", "downloads")
async def downloads_page(request: Request, lang: Lang) -> HTMLResponse:
    """Links to the open data (made by the library's export)."""
    st = _state(request)
    data = pages.downloads(st.files, st.descriptions)
    return render(
        request,
        lang,
        "downloads.html",
        data,
        "/downloads.json",
        page="downloads",
        alt_path="/downloads",
        alt_params={},
    )


FileName = Annotated[str, Path(pattern=r"^[a-z0-9_][a-z0-9_.-]*$", max_length=64)]
_EITHER = {
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}},
        "text/html": {"schema": {"type": "string"}},
    }
}
FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file",
        "content": {"application/json": {}, "application/zip": {}, "text/csv": {}},
    },
    404: {**_EITHER, "description": "No such file (JSON if asked for with Accept: application/json)"},
    422: {**_EITHER, "description": "Malformed file name (JSON if asked for with Accept: application/json)"},
}


def _file(request: Request, name: str) -> Response:
    path = _state(request).files.get(name)
    if path is None:
        raise NotFoundError(UNKNOWN_DOWNLOAD, name=repr(name))
    return FileResponse(path, media_type=pages.MEDIA[path.suffix], filename=path.name)


@router.get("/downloads/csv/{name}", responses=FILE_RESPONSES, tags=["downloads"], name="download_csv")
async def download_csv(request: Request, name: FileName) -> Response:
    """One CSV table, e.g. codings.csv."""
    return _file(request, f"csv/{name}")


@router.get("/downloads/{name}", responses=FILE_RESPONSES, tags=["downloads"], name="download")
async def download(request: Request, name: FileName) -> Response:
    """datapackage.json or vertikal-csv.zip."""
    return _file(request, name)


@router.get("/favicon.ico", include_in_schema=False, name="favicon")
async def favicon() -> Response:
    """The site's icon at the address browsers ask for first (the SVG the pages link to)."""
    from importlib import resources

    icon = resources.files("vertikal") / "web" / "static" / "favicon.svg"
    return Response(icon.read_bytes(), media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})
