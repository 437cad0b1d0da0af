"""The OpenAPI document as the tools our users run read it: linters, TypeScript, a Python generator.

The npm tools are pinned in ``tests/consumers/package.json`` (and its lock file)
and installed by ``make consumers``; openapi-python-client comes with the dev
extras. Each tool runs once per session.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

# Node tools and generated clients run as processes (installed by `make consumers`).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "openapi" / "v1.json"
CONSUMERS = ROOT / "tests" / "consumers"
NODE_BIN = CONSUMERS / "node_modules" / ".bin"
#: The npm tools never phone home or print update notices in a test run.
QUIET_NODE = {
    **os.environ,
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "NO_UPDATE_NOTIFIER": "1",
}


def _tool(name: str) -> str:
    path = NODE_BIN / name
    assert path.exists(), f"{path} is missing: run `make consumers`"
    return str(path)


def _run(command: list[str], cwd: Path = CONSUMERS) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=QUIET_NODE, capture_output=True, text=True, timeout=300
    )


def test_redocly_recommended_ruleset_finds_no_errors() -> None:
    result = _run(
        [_tool("redocly"), "lint", "--extends=recommended", "--format=json", str(DOCUMENT)]
    )
    report = json.loads(result.stdout)
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert errors == [], errors
    assert report["totals"]["errors"] == 0


def test_spectral_oas_ruleset_finds_nothing() -> None:
    result = _run(
        [_tool("spectral"), "lint", "-r", ".spectral.yaml", "-f", "json", "-q", str(DOCUMENT)]
    )
    findings = json.loads(result.stdout or "[]")
    # Severity 0 is an error and 1 a warning; neither may appear.
    assert [f for f in findings if f["severity"] <= 1] == [], findings
    assert result.returncode == 0, result.stderr


#: openapi-typescript always writes these two aliases (no webhooks, no $defs);
#: no schema, parameter or response of ours may become an empty record.
_ALWAYS_EMPTY = {"webhooks", "$defs"}
USAGE_TS = """\
import type { components, paths } from "./api";

type Schemas = components["schemas"];
type ObservationList =
  paths["/v1/observations"]["get"]["responses"][200]["content"]["application/json"];

export function firstNodeId(catalog: Schemas["CatalogJsonLd"]): string | undefined {
  const node = catalog["@graph"]?.[0];
  return typeof node?.["@id"] === "string" ? node["@id"] : undefined;
}

export function resourceNames(pkg: Schemas["DataPackage"]): string[] {
  return (pkg.resources ?? []).map((resource) => String(resource["name"]));
}

export function observationCount(whole: Schemas["DatasetJson"]): number {
  return whole.observations?.length ?? 0;
}

export function firstValue(page: ObservationList): number | null | undefined {
  return page.items[0]?.value;
}
"""


def test_openapi_typescript_output_is_usable_under_tsc_strict(tmp_path: Path) -> None:
    types_file = tmp_path / "api.d.ts"
    generated = _run([_tool("openapi-typescript"), str(DOCUMENT), "-o", str(types_file)])
    assert generated.returncode == 0, generated.stderr
    text = types_file.read_text()
    empty = re.findall(r"^.*Record<string, never>.*$", text, flags=re.MULTILINE)
    unexpected = [
        line
        for line in empty
        if not any(line.startswith(f"export type {name} =") for name in _ALWAYS_EMPTY)
    ]
    assert unexpected == [], unexpected
    for name in ("CatalogJsonLd", "DataPackage", "DatasetJson"):
        assert re.search(rf"^\s+{name}: {{$", text, flags=re.MULTILINE), name
    (tmp_path / "usage.ts").write_text(USAGE_TS)
    compiled = _run(
        [
            _tool("tsc"),
            "--strict",
            "--noEmit",
            "--target",
            "ES2022",
            "--moduleResolution",
            "bundler",
            "--module",
            "ES2022",
            str(tmp_path / "usage.ts"),
        ]
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr


@pytest.fixture(scope="module")
def generated_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """A client generated from the document by openapi-python-client, importable."""
    out = tmp_path_factory.mktemp("opc")
    package = "longgang_generated_client"
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(DOCUMENT),
            "--meta",
            "none",
            "--output-path",
            str(out / package),
        ],
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # A warning means an operation or model was left out of the client.
    assert "Warning" not in result.stdout, result.stdout
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[name]


def _module(package: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{package.__name__}.{name}")


@pytest.mark.parametrize("file_name", ["observations.csv", "longgang-2024.sqlite"])
def test_generated_python_client_downloads_files_as_bytes(
    generated_client: ModuleType, served_url: str, file_name: str
) -> None:
    get_download = _module(generated_client, "api.dataset.get_download")
    names = _module(generated_client, "models.get_download_name")
    with generated_client.Client(base_url=served_url) as client:
        answer = get_download.sync(client=client, name=names.GetDownloadName(file_name))
    data = answer.payload.read()
    assert isinstance(data, bytes)
    expected = httpx.get(f"{served_url}/v1/downloads/{file_name}").content
    assert data == expected
    if file_name.endswith(".sqlite"):
        assert data.startswith(b"SQLite format 3\x00")


def test_generated_python_client_lists_observations(
    generated_client: ModuleType, served_url: str
) -> None:
    list_observations = _module(generated_client, "api.observations.list_observations")
    with generated_client.Client(base_url=served_url) as client:
        page = list_observations.sync(client=client, limit=5)
    expected = httpx.get(f"{served_url}/v1/observations", params={"limit": 5}).json()
    assert [item.id for item in page.items] == [item["id"] for item in expected["items"]]
    assert len(page.items) == 5
