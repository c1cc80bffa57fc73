"""Issue 7: every operation of the explorer's OpenAPI schema passes schemathesis (bounded, derandomized).

The operations are listed from the router, and each is driven through its schemathesis strategy with
Hypothesis directly (schemathesis' lazy pytest fixture does not run under pytest 9), in positive mode
and, for operations with parameters, in negative mode.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402

from vertikal.web.app import site_routes  # noqa: E402

OPERATIONS = sorted(
    (route.path, bool(route.dependant.query_params or route.dependant.path_params))
    for route in site_routes()
    if getattr(route, "include_in_schema", False)
)
CASES = [(path, GenerationMode.POSITIVE) for path, _ in OPERATIONS] + [
    (path, GenerationMode.NEGATIVE) for path, has_params in OPERATIONS if has_params
]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from vertikal.web import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERTIKAL_CACHE", str(tmp_path_factory.mktemp("no-texts")))
        app = create_app(cache_dir=tmp_path_factory.getbasetemp() / "web-cache")
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_the_schema_lists_every_route(api_schema: Any) -> None:
    labels = {op.ok().label for op in api_schema.get_all_operations()}
    assert labels == {f"GET {path}" for path, _ in OPERATIONS}


@pytest.mark.parametrize(("path", "mode"), CASES, ids=[f"{m.value}:{p}" for p, m in CASES])
def test_operation_conforms(api_schema: Any, path: str, mode: Any) -> None:
    strategy = api_schema[path]["GET"].as_strategy(generation_mode=mode)

    @given(case=strategy)
    @settings(
        max_examples=25,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate()

    run()
