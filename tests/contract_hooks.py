"""Schemathesis hooks for the contract suite (also loaded by the CLI run over HTTP).

A cursor is an opaque token signed by the server: no schema can describe the
valid ones, so generated cases that carry a cursor are left out, and paging
is exercised by the tests that follow ``next_cursor`` (forged cursors by the
bad-input table).
"""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.hook
def filter_case(ctx: Any, case: Any) -> bool:
    return "cursor" not in (case.query or {})
