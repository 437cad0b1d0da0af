"""The served application, configured from the environment.

    granian --interface asgi --factory longgang_api.asgi:create_served_app

The settings are those of :class:`longgang_api.settings.Settings`. What
:func:`verified_dataset` refuses (an artifact that is missing or fails its
checks, a derived file of ``build/<id>/`` missing or altered, a source
document other than the one it was built from) stops the
worker with a message and exit status 2: it never serves part of a dataset.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

from litestar import Litestar

from longgang_api.app import COLLECTIONS_STATE, create_app
from longgang_api.data.artifact import ArtifactError, LoadedDataset
from longgang_api.data.series import load_series
from longgang_api.engine.declarations import release_build_memos
from longgang_api.engine.text_warmup import build_in_background
from longgang_api.settings import Settings, SettingsError

#: The collector's thresholds in a served worker (Python's are 700, 10, 10).
GC_THRESHOLDS = (10_000, 10, 10)


def refuse(reason: object) -> SystemExit:
    """Print why the server will not start; the caller raises what this returns."""
    print(f"longgang-api: refusing to start: {reason}", file=sys.stderr)
    return SystemExit(2)


def verified_dataset(settings: Settings) -> LoadedDataset:
    """The dataset ``settings`` name, after every check a worker makes before serving it.

    The launcher makes the same call before any worker starts: what a worker would
    refuse then stops the server once, instead of workers refusing and being replaced
    in a loop. Raises :class:`ArtifactError`.
    """
    # The /source page's text: its checksum is checked here, the page laid out later.
    return load_series(zip(settings.report_artifacts(), settings.report_folders(), strict=True))


def create_served_app() -> Litestar:
    with _stopped_by_signals():
        return _served_app()


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """A worker told to stop while it loads stops then, instead of starting to serve.

    Until the server installs its own handlers, after this factory, a worker
    holds the handlers it inherited from granian's main process, which take
    SIGTERM and SIGINT as that process's and do nothing here: the worker would
    load, serve, and be killed only when the server's grace period ran out.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)

    before = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def _served_app() -> Litestar:
    try:
        settings = Settings.from_env()
        dataset = verified_dataset(settings)
        # The source document is read again, and refused the same way, should it
        # change after the check.
        app = create_app(dataset, settings)
    except (SettingsError, ArtifactError) as error:
        raise refuse(error) from None
    # Everything made so far lives as long as the process: keep it out of the
    # collector's full passes, which otherwise show up as latency spikes.
    gc.freeze()
    # A request allocates hundreds of objects, nearly all freed by reference counting;
    # at the default 700 allocations a pass, the passes over what lives on (the
    # response cache) came every few requests and set the 99th percentile.
    gc.set_threshold(*GC_THRESHOLDS)
    collections = app.state[COLLECTIONS_STATE]
    # Search first: every /v1/search has a q, the lists seldom do.
    ordered = sorted(collections.items(), key=lambda item: item[0] != "search")
    build_in_background((c.index for _, c in ordered), then=_settle)
    return app


def _settle() -> None:
    # The text indexes, built after the freeze above, live as long as the process too.
    release_build_memos()
    gc.freeze()
