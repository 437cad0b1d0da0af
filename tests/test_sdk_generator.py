"""The generator writes its two files, nothing else: ``lib/`` and the runtime are hand-written."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from longgang_opendata import AsyncClient, Client, _resources

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sdk" / "longgang_opendata"
HEADER = "# generated from openapi/v1.json (sha256 "


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate_sdk", ROOT / "sdk" / "generate_sdk.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_sdk", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_generator_writes_only_its_files_and_never_lib(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sdk", tmp_path / "sdk", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "openapi").mkdir()
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    spec = json.loads((ROOT / "openapi" / "v1.json").read_text())
    # A changed document, so that a write really rewrites the generated files.
    spec["info"]["description"] = spec["info"].get("description", "") + " (changed)"
    tag = spec["tags"][0]
    tag["description"] = tag.get("description", "") + " (changed)"
    (tmp_path / "openapi" / "v1.json").write_text(json.dumps(spec, ensure_ascii=False))
    generator = [sys.executable, str(tmp_path / "sdk" / "generate_sdk.py")]

    before = _snapshot(tmp_path / "sdk")
    stale = subprocess.run([*generator, "--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "is stale" in stale.stderr
    assert _snapshot(tmp_path / "sdk") == before, "--check must write nothing"

    subprocess.run(generator, check=True, capture_output=True)
    after = _snapshot(tmp_path / "sdk")
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {"longgang_opendata/types.py", "longgang_opendata/_resources.py"}
    assert set(after) == set(before)
    lib = {name for name in before if name.startswith("longgang_opendata/lib/")}
    assert {"longgang_opendata/lib/resources.py", "longgang_opendata/lib/cli.py"} <= lib
    assert all(after[name] == before[name] for name in lib)
    assert subprocess.run([*generator, "--check"], capture_output=True).returncode == 0


def test_generated_files_carry_the_header_and_hand_written_ones_do_not() -> None:
    generated = set(_generator().generated_files())
    assert generated == {PACKAGE / "types.py", PACKAGE / "_resources.py"}
    for path in PACKAGE.rglob("*.py"):
        first = path.read_text().splitlines()[0]
        if path in generated:
            assert first.startswith(HEADER) and first.endswith("— do not edit."), path
        else:
            assert not first.startswith("# generated"), path


def test_generated_code_imports_nothing_hand_written_from_lib() -> None:
    source = (PACKAGE / "_resources.py").read_text()
    assert "longgang_opendata.lib" not in source, "generated code must stand alone"
    assert "to_pandas" not in source, "hand-written behaviour must not live in generated code"
    for name in _resources.__all__:
        value = getattr(_resources, name)
        if isinstance(value, type) and name.endswith("Resource"):
            assert value.__bases__ == (object,), f"{name} inherits {value.__bases__}"


def test_every_generated_resource_reaches_the_client_extended_by_lib() -> None:
    generated = [name for name in _resources.__all__ if name.endswith("Resource")]
    assert len(generated) >= 10, "a sync and an async resource per tag"
    clients = {"": Client(base_url="http://x.test"), "Async": AsyncClient(base_url="http://x.test")}
    for prefix, sdk in clients.items():
        mine = [n for n in generated if n.startswith("Async") == bool(prefix)]
        assert len(mine) == len(generated) // 2
        for name in mine:
            tag = name.removeprefix(prefix).removesuffix("Resource").lower()
            resource = getattr(sdk, tag)
            assert isinstance(resource, getattr(_resources, name)), name
            assert type(resource).__module__ == "longgang_opendata.lib.resources", name
            assert callable(resource.to_pandas), name


def test_max_limit_is_the_largest_limit_of_the_document() -> None:
    spec = json.loads((ROOT / "openapi" / "v1.json").read_text())
    spec["paths"]["/v1/glossary"]["get"]["parameters"].append(
        {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 2000}}
    )
    rendered = _generator().render_resources(spec, "# header\n")
    assert "MAX_LIMIT: Final = 2000\n" in rendered
    assert _resources.MAX_LIMIT == 500


def test_required_query_parameters_may_be_passed_by_position() -> None:
    source = (PACKAGE / "_resources.py").read_text()
    assert source.count("def search(\n        self,\n        q: str,\n        *,") == 2


def test_an_id_filter_takes_any_string_in_the_sdk() -> None:
    # The ids change with each release of the data; an installed SDK must not refuse
    # the ids of a later one. The server names the closest ids of one it has not.
    source = (PACKAGE / "_resources.py").read_text()
    assert "indicator_id: str | Sequence[str] | None" in source
    assert "gdp-growth" not in source
