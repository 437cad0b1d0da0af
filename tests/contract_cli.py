"""The schemathesis command line, as the contract suite and ``make fuzz`` run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from longgang_release.openapi import DOCUMENT_PATH

SEED = 20240101


def run_cli(url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """The schemathesis command line against ``url``, with this suite's hooks."""
    root = Path(__file__).resolve().parents[1]
    cli = Path(sys.executable).with_name("schemathesis")
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.contract_hooks", "PYTHONPATH": str(root)}
    return subprocess.run(
        [
            str(cli),
            "run",
            str(DOCUMENT_PATH),
            "--url",
            url,
            "--checks",
            "all",
            "--mode",
            "all",
            "--seed",
            str(SEED),
            "--no-color",
            *extra,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=root,
    )
