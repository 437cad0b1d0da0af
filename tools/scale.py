"""Synthetic datasets at N times the records, for measuring how the API scales.

``python -m tools.scale --copies 100 --out build/scale`` writes the dataset folder
``build/scale/datasets/synthetic-100x/``: a synthetic ``source.md`` made of N copies of the
report, each under its own heading, and every record of the report once per copy
(ids suffixed ``-x<copy>``, lines and sections moved to that copy), then builds it
through the real build. With more than one copy, every 。 of copy k (in the text and in
its quotes alike) is followed by the copy's mark 〔k in letters〕: a quote's selector needs
context unique in the document, and copies identical to the letter would stretch each one
to the nearest copy heading (about 10⁵ characters a side, gigabytes at 100×); with a mark
in every sentence, a selector reaches no farther than the sentence around its quote.
The folder says on its first line, in its title and in its description that it is
SYNTHETIC test data; it is never served by default (the default dataset is
``longgang-2024``) and lives under the git-ignored ``build/``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import msgspec

from longgang_build.build import DEFAULT_DATASET, compile_artifact, load_records, write

_HEADER = (
    "# 合成测试数据（SYNTHETIC TEST DATA）\n"
    "\n"
    "本文件由龙岗区报告原文重复若干份生成，仅用于测试，不是任何政府文件。"
    "This file repeats the report several times for tests only; it is not a government document.\n"
    "\n"
)
_COPY_HEADING = "# 合成副本（SYNTHETIC COPY）\n\n"


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text())


def _suffix(id_: str, copy: int) -> str:
    return id_ if copy == 0 else f"{id_}-x{copy}"


def generate(copies: int, out: Path, template: Path = DEFAULT_DATASET) -> Path:
    """Write the synthetic dataset folder for ``copies`` copies; return its path."""
    dataset_id = f"synthetic-{copies}x"
    folder = out / dataset_id
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    source = (template / "source.md").read_text()
    lines_per_copy = source.count("\n")
    header_lines = _HEADER.count("\n")
    heading_lines = _COPY_HEADING.count("\n")
    # Line n of the report is line shift(copy) + n of the synthetic source.
    stride = heading_lines + lines_per_copy

    def shift(copy: int) -> int:
        return header_lines + heading_lines + copy * stride

    def marked(text: str, copy: int) -> str:
        return text if copies == 1 else text.replace("。", "。" + _mark(copy))

    text = _HEADER + "".join(_COPY_HEADING + marked(source, copy) for copy in range(copies))
    (folder / "source.md").write_text(text)

    def moved(record: dict[str, Any], copy: int, ids: dict[str, str]) -> dict[str, Any]:
        """``record`` in copy ``copy``: its ids suffixed, its quotes' lines moved."""

        def walk(node: Any, key: str = "") -> Any:
            if isinstance(node, dict):
                return {k: walk(v, k) for k, v in node.items()}
            if isinstance(node, list):
                return [walk(v, key) for v in node]
            if key in ("line", "line_end") and isinstance(node, int):
                return node + shift(copy)
            if key == "quote" and isinstance(node, str):
                return marked(node, copy)
            if key in ids and isinstance(node, str):
                return _rename(ids[key], node, copy)
            return node

        result: dict[str, Any] = walk(record)
        return result

    sections = _toml(template / "sections.toml")["sections"]
    indicators = _toml(template / "indicators.toml")["indicators"]
    observations = _toml(template / "observations.toml")["observations"]
    projects = _toml(template / "projects.toml")["projects"]
    glossary = _toml(template / "glossary.toml")["glossary"]
    exclusions = _toml(template / "exclusions.toml")["exclusions"]
    order_step = max(int(i["order"]) for i in indicators)
    number_step = max(int(g["number"]) for g in glossary)

    out_sections: list[dict[str, Any]] = []
    out_indicators: list[dict[str, Any]] = []
    out_observations: list[dict[str, Any]] = []
    out_projects: list[dict[str, Any]] = []
    out_glossary: list[dict[str, Any]] = []
    ids = {"id": "plain", "section_id": "plain", "parent_id": "plain", "indicator_id": "plain"}
    for copy in range(copies):
        for s in sections:
            out_sections.append(moved(s, copy, ids))
        for i in indicators:
            record = moved(i, copy, ids)
            record["order"] = int(i["order"]) + copy * order_step
            out_indicators.append(record)
        for o in observations:
            record = moved(o, copy, ids | {"id": "observation"})
            out_observations.append(record)
        for p in projects:
            out_projects.append(moved(p, copy, ids))
        for g in glossary:
            record = moved(g, copy, ids)
            record["number"] = int(g["number"]) + copy * number_step
            # The Chinese definition is the quote, verbatim.
            record["definition"]["zh"] = marked(record["definition"]["zh"], copy)
            out_glossary.append(record)
    rules: list[dict[str, Any]] = []
    for rule in exclusions:
        rule = dict(rule)
        if "lines" in rule:
            rule["lines"] = [n + shift(c) for c in range(copies) for n in rule["lines"]]
        rules.append(rule)

    def dump(name: str, key: str, records: list[dict[str, Any]]) -> None:
        (folder / name).write_bytes(msgspec.toml.encode({key: records}))

    dump("sections.toml", "sections", out_sections)
    dump("indicators.toml", "indicators", out_indicators)
    dump("observations.toml", "observations", out_observations)
    dump("projects.toml", "projects", out_projects)
    dump("glossary.toml", "glossary", out_glossary)
    dump("exclusions.toml", "exclusions", rules)
    if (template / "rules.toml").exists():
        kept = _toml(template / "rules.toml")
        better = kept.get("better", {})
        kept["better"] = {
            _suffix(name, copy): way for copy in range(copies) for name, way in better.items()
        }
        (folder / "rules.toml").write_bytes(msgspec.toml.encode(kept))
    for name in ("terms.toml", "synonyms.toml"):
        if (template / name).exists():
            shutil.copy(template / name, folder / name)
    write_synthetic_meta(template, folder, text, f"{copies} 份", f"{copies} copies")
    return folder


def write_synthetic_meta(template: Path, folder: Path, text: str, zh: str, en: str) -> None:
    """``folder``'s dataset.toml: the template's, named for the folder, its title and
    description saying it is SYNTHETIC test data (``zh``/``en`` close the title), and the
    sha256 of its source ``text``."""
    meta = _toml(template / "dataset.toml")
    meta["id"] = folder.name
    meta["title"] = {
        "zh": f"合成测试数据：{meta['title']['zh']}（{zh}）",
        "en": f"SYNTHETIC test data: {meta['title']['en']} ({en})",
    }
    meta["description"] = {
        "zh": "合成测试数据，不是任何政府文件：" + meta["description"]["zh"],
        "en": "SYNTHETIC test data, not a government document: " + meta["description"]["en"],
    }
    meta["source_document"]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    (folder / "dataset.toml").write_bytes(msgspec.toml.encode(meta))


def _mark(copy: int) -> str:
    """Copy ``copy``'s mark in letters (a, b, …, z, ba, …): no digit or Chinese numeral for
    the build's audit of numbers to find."""
    letters = ""
    while True:
        copy, rest = divmod(copy, 26)
        letters = chr(ord("a") + rest) + letters
        if copy == 0:
            return f"〔{letters}〕"


def _rename(kind: str, value: str, copy: int) -> str:
    if kind == "observation":
        # An observation's id begins with its indicator's id: suffix that part.
        head, _, rest = value.partition(".")
        return f"{_suffix(head, copy)}.{rest}" if rest else _suffix(value, copy)
    return _suffix(value, copy)


_ID = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.scale", description=__doc__)
    parser.add_argument("--copies", type=int, required=True)
    parser.add_argument("--out", type=Path, default=Path("build/scale"))
    args = parser.parse_args(argv)
    # The dataset apart from the build's output, which takes <out>/<id>/ for derived files.
    folder = generate(args.copies, args.out / "datasets")
    started = time.perf_counter()
    result = compile_artifact(load_records(folder))
    path = write(result, args.out)
    print(
        f"{folder.name}: built in {time.perf_counter() - started:.1f} s, "
        f"{len(result.data):,} bytes, {path}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
