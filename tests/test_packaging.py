"""The server's wheel ships the OpenAPI document and leaves out the compiler and release tools."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import longgang_opendata
from longgang_api.app import API_VERSION
from longgang_release.openapi import DOCUMENT_PATH

ROOT = Path(__file__).resolve().parents[1]

_SERVE_FROM_WHEEL = """
import sys
from pathlib import Path
from litestar.testing import TestClient
import longgang_api
from longgang_api.app import create_app
from longgang_api.data.artifact import load
from longgang_api.settings import Settings
paths = list(longgang_api.__path__)
assert all(Path(p).is_relative_to(sys.argv[1]) for p in paths), paths
for absent in ("longgang_build", "longgang_release"):
    try:
        __import__(absent)
    except ModuleNotFoundError:
        pass
    else:
        raise SystemExit(absent + " is importable beside the installed wheel")
# The wheel holds no dataset folder: the source document is read from the checkout's,
# and the files derived from the artifact from the build folder beside it.
app = create_app(load(Path(sys.argv[2])), Settings(dataset_folder=sys.argv[3]))
with TestClient(app) as client:
    for path in ("/v1/catalog.ttl", "/v1/catalog.jsonld", "/v1/downloads/longgang-2024.sqlite"):
        assert client.get(path).status_code == 200, path
    assert client.get("/source").status_code == 200
    # The catalogue is served as built: rdflib (a build dependency) is never loaded.
    built = sorted(m for m in sys.modules if m.split(".")[0] in ("rdflib", "sqlite3"))
    assert not built, built
    sys.stdout.buffer.write(client.get("/openapi.json").content)
"""


@pytest.mark.slow
def test_the_installed_wheel_serves_the_committed_document(
    tmp_path: Path, artifact_path: Path
) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path, ROOT],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("longgang_api-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "longgang_api/openapi.json" in names
    # The guides that /docs/guides renders ship with the server.
    assert {f"longgang_api/guides/{p.name}" for p in (ROOT / "docs").glob("*.md")} <= set(names)
    assert not [n for n in names if n.startswith(("longgang_build/", "longgang_release/"))]
    # rdflib renders the catalogue in the build: the server requires it only as an extra.
    metadata = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))
    )
    rdflib = [r for r in metadata.decode().splitlines() if r.startswith("Requires-Dist: rdflib")]
    assert rdflib and all("extra ==" in r for r in rdflib), rdflib
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    # No site processing: the editable checkout's .pth must not put the source tree on the path.
    path = f"{target}:{sysconfig.get_paths()['purelib']}"
    served = subprocess.run(
        [
            sys.executable,
            "-S",
            "-c",
            _SERVE_FROM_WHEEL,
            str(target),
            str(artifact_path),
            str(ROOT / "datasets" / "longgang-2024"),
        ],
        env={"PYTHONPATH": path},
        capture_output=True,
        check=True,
        cwd=tmp_path,
    )
    assert served.stdout == DOCUMENT_PATH.read_bytes()


def _make_dry_run(target: str, venv: Path) -> str:
    # `make -n` prints what the target would run in a virtual environment that does not exist yet.
    return subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_make_serve_installs_the_runtime_and_the_build_only(tmp_path: Path) -> None:
    installs = [
        line for line in _make_dry_run("serve", tmp_path).splitlines() if "pip install" in line
    ]
    assert installs and all(line.rstrip().endswith(" -e '.[build]'") for line in installs), installs
    assert not any("[dev]" in line or "./sdk" in line for line in installs)


def test_make_test_installs_the_toolchain(tmp_path: Path) -> None:
    assert "-e '.[dev]' -e ./sdk" in _make_dry_run("test", tmp_path)


def test_each_version_is_declared_once() -> None:
    # The API's version lives in app.py (the document's info.version) and the SDK's in
    # its _version.py; each distribution reads its own from there.
    for pyproject in (ROOT / "pyproject.toml", ROOT / "sdk" / "pyproject.toml"):
        project = tomllib.loads(pyproject.read_text())["project"]
        assert "version" not in project and "version" in project["dynamic"], pyproject
    assert json.loads(DOCUMENT_PATH.read_text())["info"]["version"] == API_VERSION
    assert metadata.version("longgang-api") == API_VERSION
    assert metadata.version("longgang-opendata") == longgang_opendata.__version__
