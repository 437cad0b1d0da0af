"""Schemathesis hooks for the contract suite (also loaded by the CLI run over HTTP).

A cursor is an opaque token signed by the server: no schema can describe the
valid ones, so generated cases that carry a cursor are left out, and paging
is exercised by the tests that follow ``next_cursor`` (forged cursors by the
bad-input table). The one cursor kept is the document's own example, a real
next page, sent with the query it belongs to (its example's ``x-query``); a
case that sends it with another query is left out like a forged one.
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


def _foreign(case: Any) -> bool:
    """Whether the case sends the document's cursor with a query it was not issued for."""
    query = case.query or {}
    example = _example_cursor(case)
    if "cursor" not in query or example is None or query["cursor"] != example[0]:
        return False
    # Representation parameters do not change which records a query selects.
    rest = _as_sent({k: v for k, v in query.items() if k not in _REPRESENTATION})
    return rest != example[1]


@schemathesis.hook
def filter_case(ctx: Any, case: Any) -> bool:
    cursor = (case.query or {}).get("cursor")
    if cursor is None:
        return True
    example = _example_cursor(case)
    return example is not None and cursor == example[0] and not _foreign(case)


def without_foreign_cursor(case: Any) -> Any:
    """The case as the document's examples mean it: the cursor only with its own query."""
    if _foreign(case):
        case.query = {k: v for k, v in case.query.items() if k != "cursor"}
    return case


@schemathesis.hook
def before_add_examples(ctx: Any, examples: list[Any]) -> None:
    # Cases made of the document's examples skip filter_case: the cursor of a
    # list whose filters together leave one page (see its example's x-query)
    # is taken out of them here instead.
    for case in examples:
        without_foreign_cursor(case)
