"""A synthetic series of N reports, for measuring how a series builds, loads and answers.

``python -m tools.scale_series --reports 10 --out build/scale-series`` writes the dataset
folders ``build/scale-series/datasets/synthetic-series-01/`` … ``-10/``, each the report
once under a SYNTHETIC header, then builds each through the real build and prints the
time it took. The reports share every concept (indicators, projects and glossary terms
keep their ids) and each states every value again, so that every observation but the
last report's is revised: the worst case of vintages. Observation and section ids take
the report's number (``gdp-growth.2023.actual.s03``, ``s03.p1``), as a series needs. The
folders say on their first line, in their titles and descriptions that they are
SYNTHETIC test data, and live under the git-ignored ``build/``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import msgspec

from longgang_build.build import DEFAULT_DATASET, compile_artifact, load_records, write_reports
from tools.scale import write_synthetic_meta

_HEADER = (
    "# 合成测试数据（SYNTHETIC TEST DATA）\n"
    "\n"
    "本文件由龙岗区报告原文生成，仅用于测试，不是任何政府文件。"
    "This file repeats the report for tests only; it is not a government document.\n"
    "\n"
)


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text())


def generate_report(number: int, out: Path, template: Path = DEFAULT_DATASET) -> Path:
    """Write report ``number`` of the synthetic series; return its folder."""
    tag = f"s{number:02d}"
    folder = out / f"synthetic-series-{number:02d}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    text = _HEADER + (template / "source.md").read_text()
    (folder / "source.md").write_text(text)
    shift = _HEADER.count("\n")

    def section(section_id: str) -> str:
        return f"{tag}.{section_id}"

    def moved(node: Any, key: str = "") -> Any:
        if isinstance(node, dict):
            return {k: moved(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [moved(v, key) for v in node]
        if key in ("line", "line_end") and isinstance(node, int):
            return node + shift
        if key in ("section_id", "parent_id") and isinstance(node, str):
            return section(node)
        return node

    sections = [
        moved(s) | {"id": section(s["id"])} for s in _toml(template / "sections.toml")["sections"]
    ]
    observations = [
        moved(o) | {"id": f"{o['id']}.{tag}"}
        for o in _toml(template / "observations.toml")["observations"]
    ]
    projects = [moved(p) for p in _toml(template / "projects.toml")["projects"]]
    glossary = [moved(g) for g in _toml(template / "glossary.toml")["glossary"]]
    exclusions = []
    for rule in _toml(template / "exclusions.toml")["exclusions"]:
        rule = dict(rule)
        if "lines" in rule:
            rule["lines"] = [n + shift for n in rule["lines"]]
        exclusions.append(rule)
    for name, key, records in (
        ("sections.toml", "sections", sections),
        ("observations.toml", "observations", observations),
        ("projects.toml", "projects", projects),
        ("glossary.toml", "glossary", glossary),
        ("exclusions.toml", "exclusions", exclusions),
    ):
        (folder / name).write_bytes(msgspec.toml.encode({key: records}))
    for name in ("indicators.toml", "terms.toml", "synonyms.toml", "rules.toml"):
        if (template / name).exists():
            shutil.copy(template / name, folder / name)
    write_synthetic_meta(
        template, folder, text, f"系列第 {number} 份", f"report {number} of a series"
    )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.scale_series", description=__doc__)
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path("build/scale-series"))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folders = [generate_report(n, args.out / "datasets") for n in range(1, args.reports + 1)]
    write_reports([compile_artifact(load_records(folder)) for folder in folders], args.out)
    elapsed = time.perf_counter() - started
    print(f"{args.reports} reports built in {elapsed:.1f} s into {args.out}", file=sys.stderr)
    print(f"DATASETS={','.join(str(folder) for folder in folders)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
