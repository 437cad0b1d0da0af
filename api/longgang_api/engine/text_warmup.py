"""The served app's text indexes and orders of two fields, built in the background.

A collection's text index (:mod:`longgang_api.engine.index`) is otherwise built on its
first ``q``, inside that request: seconds at a hundred times the records. The
served app (:func:`longgang_api.asgi.create_served_app`) starts one thread that
builds every collection's text index while the server already answers; a ``q``
that arrives while its index is being built waits for that one build, and none
is built twice (:meth:`~longgang_api.engine.index.CollectionIndex.build_text`). Then
it computes every collection's orders of two sort fields
(:meth:`~longgang_api.engine.index.CollectionIndex.build_orders`); a request sorted
by two fields before then computes its order itself, once.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from longgang_api.engine.index import CollectionIndex

#: Name of the thread that builds the text indexes.
THREAD_NAME = "text-indexes"
#: Longest the build holds the interpreter while a request waits for it, in seconds
#: (Python's default is 5 ms; a request takes the interpreter many times over).
SWITCH_INTERVAL = 0.0005


def build_in_background(
    indexes: Iterable[CollectionIndex[Any]], then: Callable[[], None]
) -> threading.Thread:
    """Start a thread that builds the text index of each of ``indexes``, then its orders of
    two fields, then calls ``then``."""
    chosen = list(indexes)

    def run() -> None:
        default = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            for index in chosen:
                index.build_text()
            for index in chosen:
                index.build_orders()
        finally:
            sys.setswitchinterval(default)
        then()

    # A daemon: a worker told to stop does not wait for a build nobody will use.
    thread = threading.Thread(target=run, name=THREAD_NAME, daemon=True)
    thread.start()
    return thread
