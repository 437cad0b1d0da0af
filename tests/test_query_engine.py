"""The query engine stands apart from the web framework.

Its modules — the query grammar, the indexes, text search, cursors, suggestions,
the declarations of the lists, the engine's one error and the parser of list
requests — load without Litestar: the HTTP layer turns the engine's :class:`QueryError` into a 400.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.engine.query import CURSOR_FIX
from longgang_api.engine.query_error import QueryError

#: Every module of the query engine's package, the reading of a list request included.
ENGINE = tuple(
    f"longgang_api.engine.{path.stem}"
    for path in sorted(
        (Path(__file__).resolve().parents[1] / "api/longgang_api/engine").glob("*.py")
    )
)


def test_the_engine_is_found() -> None:
    assert {"longgang_api.engine.query", "longgang_api.engine.index"} <= set(ENGINE)


def test_the_engine_loads_without_the_web_framework() -> None:
    # A fresh interpreter: this one has long since loaded Litestar for the other tests.
    program = (
        "import importlib, sys\n"
        f"for name in {ENGINE!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'litestar'))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"


def test_query_error_is_no_http_exception() -> None:
    assert QueryError.__mro__ == (QueryError, Exception, BaseException, object)


def test_an_engine_refusal_is_a_400_problem_naming_the_parameter(
    client: TestClient[Litestar],
) -> None:
    # A cursor of the right shape that no page gave: only the engine can refuse it.
    answer = client.get("/v1/observations?cursor=abc")
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["parameter"] == "cursor"
    assert problem["detail"].endswith(CURSOR_FIX)
