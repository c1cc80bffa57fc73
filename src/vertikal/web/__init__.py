"""The web explorer (`vertikal serve`): every page of the data, with a JSON twin, in English and Russian.

FastAPI and SQLAlchemy are imported here only; the rest of vertikal never needs them.
"""

from __future__ import annotations

from vertikal.web.app import create_app

__all__ = ["create_app"]
