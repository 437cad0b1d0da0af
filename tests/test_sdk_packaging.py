"""``pip install ./sdk`` alone: only httpx and msgspec (and theirs), and the quickstart runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: httpx, msgspec and what httpx itself depends on.
ALLOWED = {
    "longgang-opendata",
    "httpx",
    "msgspec",
    "anyio",
    "certifi",
    "h11",
    "httpcore",
    "idna",
    "sniffio",
    "typing-extensions",
    "exceptiongroup",
    "pip",
    "setuptools",
}


def test_sdk_installs_alone_and_runs_the_quickstart(tmp_path: Path, served_url: str) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(ROOT / "sdk"),
        ],
        check=True,
        timeout=300,
    )
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        check=True,
        capture_output=True,
        text=True,
    )
    installed = {p["name"].lower().replace("_", "-") for p in json.loads(listed.stdout)}
    assert {"longgang-opendata", "httpx", "msgspec"} <= installed
    assert installed <= ALLOWED, installed - ALLOWED
    probe = subprocess.run(
        [str(python), "-c", "import longgang_api"], capture_output=True, text=True, cwd=tmp_path
    )
    assert probe.returncode != 0, "the server must not come with the SDK"
    typed = subprocess.run(
        [
            str(python),
            "-c",
            "import longgang_opendata, pathlib; "
            "print((pathlib.Path(longgang_opendata.__file__).parent / 'py.typed').exists())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert typed.stdout.strip() == "True"
    run = subprocess.run(
        [str(python), str(ROOT / "examples" / "quickstart.py")],
        env={**os.environ, "LONGGANG_OPENDATA_BASE_URL": served_url},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert "地区生产总值同比增长6.5%" in run.stdout
