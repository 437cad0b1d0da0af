"""Schemathesis hooks for the contract suite (also loaded by the CLI run over HTTP).

A cursor is an opaque token signed by the server: no schema can describe the
valid ones, so generated cases that carry a cursor are left out, and paging
is exercised by the tests that follow ``next_cursor`` (forged cursors by the
bad-input table). The one cursor kept is the document's own example, a real
next page: sent with the query it belongs to (its example's ``x-query``), and
dropped from a case whose other parameters make a different query.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import schemathesis

from longgang_release.openapi import DOCUMENT_PATH

_REPRESENTATION = frozenset({"cursor", "format", "bom"})


@cache
def _cursor_examples() -> dict[tuple[str, str], tuple[str, dict[str, list[str]]]]:
    """(METHOD, path) → the document's cursor example and its query, as sent."""
    doc = json.loads(DOCUMENT_PATH.read_text())
    found: dict[tuple[str, str], tuple[str, dict[str, list[str]]]] = {}
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "cursor":
                    example = next(iter(parameter["examples"].values()))
                    found[(method.upper(), path)] = (
                        example["value"],
                        _as_sent(example["x-query"]),
                    )
    return found


def _as_sent(query: dict[str, Any]) -> dict[str, list[str]]:
    sent: dict[str, list[str]] = {}
    for name, value in query.items():
        items = value if isinstance(value, list) else [value]
        sent[name] = [json.dumps(v) if isinstance(v, bool) else str(v) for v in items]
    return sent


def _example_cursor(case: Any) -> tuple[str, dict[str, list[str]]] | None:
    return _cursor_examples().get((case.operation.method.upper(), case.operation.path))


@schemathesis.hook
def filter_case(ctx: Any, case: Any) -> bool:
    cursor = (case.query or {}).get("cursor")
    if cursor is None:
        return True
    example = _example_cursor(case)
    return example is not None and cursor == example[0]


@schemathesis.hook
def map_case(ctx: Any, case: Any) -> Any:
    query = case.query or {}
    example = _example_cursor(case)
    if "cursor" in query and example is not None:
        # Representation parameters do not change which records a query selects.
        rest = _as_sent({k: v for k, v in query.items() if k not in _REPRESENTATION})
        if rest != example[1]:
            case.query = {k: v for k, v in query.items() if k != "cursor"}
    return case
