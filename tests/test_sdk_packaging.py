"""``pip install ./sdk`` alone: only httpx and msgspec (and theirs), the quickstart and the command
line run; ``pip install './sdk[pandas]'`` adds pandas (and what pandas needs) only."""

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


def _venv(folder: Path, requirement: str) -> Path:
    """A fresh virtual environment with ``requirement`` installed; its python."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            requirement,
        ],
        check=True,
        timeout=600,
    )
    return python


def _installed(python: Path) -> set[str]:
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        check=True,
        capture_output=True,
        text=True,
    )
    return {_normal(p["name"]) for p in json.loads(listed.stdout)}


def _normal(name: str) -> str:
    return name.strip().lower().replace("_", "-")


def _requirements(python: Path, name: str) -> set[str]:
    """``name`` and everything it requires, as installed (``pip show``, followed through)."""
    found: set[str] = set()
    todo = [name]
    while todo:
        shown = subprocess.run(
            [str(python), "-m", "pip", "show", "--disable-pip-version-check", *todo],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        found |= {_normal(n) for n in todo}
        required = {
            _normal(r)
            for line in shown.splitlines()
            if line.startswith("Requires:")
            for r in line.removeprefix("Requires:").split(",")
            if r.strip()
        }
        todo = sorted(required - found)
    return found


def test_sdk_installs_alone_and_runs_the_quickstart(tmp_path: Path, served_url: str) -> None:
    python = _venv(tmp_path / "venv", str(ROOT / "sdk"))
    installed = _installed(python)
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
    script = python.parent / "longgang-opendata"
    listed = subprocess.run(
        [str(script), "list", "glossary", "--base-url", served_url],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert len(listed.stdout.splitlines()) == 2 + 17
    without_pandas = subprocess.run(
        [
            str(python),
            "-c",
            "from longgang_opendata import Client; "
            f"Client(base_url={served_url!r}).observations.to_pandas()",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert without_pandas.returncode != 0
    assert "ImportError: to_pandas() needs pandas: pip install 'longgang-opendata[pandas]'" in (
        without_pandas.stderr
    )


def test_pandas_extra_adds_pandas_only(tmp_path: Path, served_url: str) -> None:
    python = _venv(tmp_path / "venv", f"{ROOT / 'sdk'}[pandas]")
    core = _requirements(python, "longgang-opendata") | {"pip", "setuptools"}
    assert core <= ALLOWED, core - ALLOWED
    added = _installed(python) - core
    assert "pandas" in added
    assert added == _requirements(python, "pandas") - core
    run = subprocess.run(
        [str(python), str(ROOT / "examples" / "pandas_frames.py")],
        env={**os.environ, "LONGGANG_OPENDATA_BASE_URL": served_url},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert "Growth of gross regional product (GDP)" in run.stdout
