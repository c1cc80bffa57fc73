"""The application factory: the read-only database, the templates of both languages, the routes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

import vertikal
from vertikal.web import errors, i18n, pages
from vertikal.web.dated import LegalSource
from vertikal.web.db import Store
from vertikal.web.middleware import Guard, ResponseCache
from vertikal.web.texts import TextSource


def _descriptions(downloads: Path | None) -> dict[str, str]:
    """Each table's description, from the data package the export wrote."""
    if downloads is None or not (downloads / "datapackage.json").is_file():
        return {}
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    return {Path(r["path"]).stem: r.get("description", "") for r in package.get("resources", [])}


def site_routes() -> list[Any]:
    """Every route of the site, in the order a request is matched against them: first the pages of a
    day (`routes_dated`), which the response cache never keeps, then the others, whose pages mostly
    come from that cache without reaching a route."""
    from vertikal.web import routes_dated
    from vertikal.web.routes import router

    return [*routes_dated.router.routes, *router.routes]


def create_app(
    data: Path | str | None = None,
    *,
    db: Path | None = None,
    downloads: Path | None = None,
    cache_dir: Path | None = None,
    response_cache: bool = True,
) -> FastAPI:
    """The explorer for the data under `data` (default: $VERTIKAL_DATA or the built-in data).

    With `db` the given database is served as it is (and `downloads`, if given); otherwise the
    database and downloads are built into the cache (`cache_dir`) unless an up-to-date copy is there.
    """
    root = Path(data) if data is not None else None
    cached = db is None  # a database given is served as it is: nothing is written to the cache
    if db is None:
        from vertikal.loader import data_root
        from vertikal.store.cache import prepare

        prepared = prepare(root, cache_dir)
        db, downloads = prepared.db, prepared.downloads
        root = data_root(root)
    app = FastAPI(
        title="vertikal explorer",
        version=vertikal.__version__,
        description=(
            "The constitutional powers of the head of state, version by version, with citations, "
            "measures of concentration and the decentralization of executive power. Every page has a "
            "JSON twin; every error has the shape {error: {status, code, message}}. Read-only."
        ),
        docs_url=None,
        redoc_url=None,
        exception_handlers=dict(errors.HANDLERS),  # type: ignore[arg-type]
    )
    app.state.store = Store(db)
    app.state.texts = TextSource()
    app.state.legal = LegalSource(root, cached)  # the dated pages (/at/DAY, /versions/DAY) ask vertikal.legal
    app.state.envs = i18n.environments(app.state.store.names)
    app.state.files = pages.download_files(downloads)
    app.state.descriptions = _descriptions(downloads)
    # the routes are the app's own: an included router is matched twice per request against every
    # route (FastAPI 0.165), a sixth of the cost of a page of a day (bench/legal_scale.py)
    app.router.routes.extend(site_routes())
    static = resources.files("vertikal")
    app.mount("/static/vendor", StaticFiles(directory=str(static / "static" / "vendor")), name="vendor")
    app.mount("/static/site", StaticFiles(directory=str(static / "web" / "static")), name="site")
    if response_cache:
        app.add_middleware(ResponseCache)
    app.add_middleware(Guard)
    return app
