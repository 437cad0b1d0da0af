"""The generator writes its two files, nothing else: ``lib/`` and the runtime are hand-written."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from longgang_opendata import _resources
from longgang_opendata.lib.resources import (
    AsyncObservationsHelpers,
    AsyncProjectsHelpers,
    AsyncResourceHelpers,
    ObservationsHelpers,
    ProjectsHelpers,
    ResourceHelpers,
)

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


def test_generated_resources_inherit_the_hand_written_helpers() -> None:
    source = (PACKAGE / "_resources.py").read_text()
    assert "to_pandas" not in source, "hand-written behaviour must not live in generated code"
    assert issubclass(_resources.ObservationsResource, ObservationsHelpers)
    assert issubclass(_resources.AsyncObservationsResource, AsyncObservationsHelpers)
    assert issubclass(_resources.ProjectsResource, ProjectsHelpers)
    assert issubclass(_resources.AsyncProjectsResource, AsyncProjectsHelpers)
    for name in ("Indicators", "Glossary", "Sections"):
        assert issubclass(getattr(_resources, f"{name}Resource"), ResourceHelpers)
        assert issubclass(getattr(_resources, f"Async{name}Resource"), AsyncResourceHelpers)


def test_helpers_are_chosen_by_the_classes_lib_defines(tmp_path: Path) -> None:
    helpers = tmp_path / "resources.py"
    helpers.write_text("class ResourceHelpers: ...\nclass AsyncGlossaryHelpers: ...\n")
    generator = _generator()
    defined = generator.helper_classes(helpers)
    assert defined == {"ResourceHelpers", "AsyncGlossaryHelpers"}
    spec = json.loads((ROOT / "openapi" / "v1.json").read_text())
    rendered = generator.render_resources(spec, "# header\n", defined)
    assert "class AsyncGlossaryResource(AsyncGlossaryHelpers):" in rendered
    assert "class ObservationsResource(ResourceHelpers):" in rendered
    assert "class AsyncObservationsResource(AsyncResourceHelpers):" in rendered
