"""The served application, configured from the environment.

    granian --interface asgi --factory longgang_api.asgi:create_served_app

``LONGGANG_ARTIFACT`` — path of the dataset artifact (default: build/longgang-2024.json);
``CACHE_MAX_AGE`` — seconds for ``Cache-Control: max-age`` (default 3600);
``PUBLIC_BASE_URL`` — where the API is reachable from outside, the root of the
catalogue's URIs (default http://127.0.0.1:8000);
``RATE_LIMIT`` — requests per client, e.g. ``120/minute`` (default: no limit).
An artifact that is missing or fails its sha256 check stops the server with a
message and exit status 2: it never serves part of a dataset.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from litestar import Litestar

from longgang_api.app import DEFAULT_MAX_AGE, DEFAULT_PUBLIC_BASE_URL, create_app
from longgang_api.artifact import ArtifactError, load
from longgang_build.build import ARTIFACT_NAME, DEFAULT_OUT


def create_served_app() -> Litestar:
    path = Path(os.environ.get("LONGGANG_ARTIFACT", DEFAULT_OUT / ARTIFACT_NAME))
    max_age_text = os.environ.get("CACHE_MAX_AGE", str(DEFAULT_MAX_AGE))
    if not max_age_text.isdigit():
        print(
            f"CACHE_MAX_AGE must be a whole number of seconds, not {max_age_text!r}",
            file=sys.stderr,
        )
        raise SystemExit(2)
    try:
        dataset = load(path)
    except ArtifactError as error:
        print(f"longgang-api: refusing to start: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    public = os.environ.get("PUBLIC_BASE_URL", DEFAULT_PUBLIC_BASE_URL)
    rate_limit = os.environ.get("RATE_LIMIT") or None
    try:
        app = create_app(
            dataset, max_age=int(max_age_text), public_base_url=public, rate_limit=rate_limit
        )
    except ValueError as error:
        print(f"longgang-api: refusing to start: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    # Everything made so far lives as long as the process: keep it out of the
    # collector's full passes, which otherwise show up as latency spikes.
    gc.freeze()
    return app
