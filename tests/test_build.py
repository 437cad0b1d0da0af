"""The build: byte-for-byte repeatable, and refusing every kind of bad record."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from longgang_build.build import (
    DEFAULT_DATASET,
    BuildError,
    BuildResult,
    compile_artifact,
    load_records,
    main,
)


def test_same_input_gives_the_same_bytes(build_result: BuildResult) -> None:
    again = compile_artifact(load_records(DEFAULT_DATASET))
    assert again.data == build_result.data
    assert again.sha256 == build_result.sha256


def test_main_writes_artifact_and_hash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    for name in (
        "sections",
        "indicators",
        "observations",
        "projects",
        "mentions",
        "glossary",
        "excluded_numbers",
    ):
        assert re.search(rf"^\s*{name}: \d+$", printed, re.MULTILINE), name
    digest = (tmp_path / "longgang-2024.json.sha256").read_text().split()[0]
    assert digest in printed


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    folder = tmp_path / DEFAULT_DATASET.name
    shutil.copytree(DEFAULT_DATASET, folder)
    return folder


def _edit(folder: Path, file: str, old: str, new: str, count: int = 1) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        compile_artifact(load_records(folder))
    return [str(p) for p in caught.value.problems]


def test_refuses_a_quote_not_in_the_source(dataset_copy: Path) -> None:
    _edit(
        dataset_copy,
        "observations.toml",
        'quote = "地区生产总值同比增长 6.3%"',
        'quote = "地区生产总值同比增长 6.4%"',
    )
    problems = _problems(dataset_copy)
    assert (
        "observations.toml: record 'gdp-growth.2023.actual': source.quote: "
        "quote is not in the source"
    ) in problems


def test_refuses_a_quote_on_the_wrong_line(dataset_copy: Path) -> None:
    _edit(
        dataset_copy,
        "observations.toml",
        'quote = "地区生产总值同比增长 6.3%", line = 13',
        'quote = "地区生产总值同比增长 6.3%", line = 14',
    )
    problems = _problems(dataset_copy)
    assert (
        "observations.toml: record 'gdp-growth.2023.actual': source.quote: "
        "quote begins on line 13 of the source, not on line 14"
    ) in problems


def test_refuses_a_duplicate_id(dataset_copy: Path) -> None:
    _edit(dataset_copy, "indicators.toml", 'id = "retail-sales-growth"', 'id = "gdp-growth"')
    problems = _problems(dataset_copy)
    assert "indicators.toml: record 'gdp-growth': id: id is used by 2 records" in problems


def test_refuses_a_dangling_indicator(dataset_copy: Path) -> None:
    _edit(
        dataset_copy,
        "observations.toml",
        'indicator_id = "gdp-growth"',
        'indicator_id = "gdp-growht"',
    )
    problems = _problems(dataset_copy)
    assert any(
        p.startswith(
            "observations.toml: record 'gdp-growth.2023.actual': indicator_id: no indicator"
        )
        for p in problems
    )


def test_refuses_a_dangling_section(dataset_copy: Path) -> None:
    _edit(
        dataset_copy, "glossary.toml", 'section_id = "glossary.g01"', 'section_id = "glossary.g99"'
    )
    problems = _problems(dataset_copy)
    assert any(
        "glossary.toml: record 'one-core-two-hubs-multiple-pivots': source.section_id" in p
        for p in problems
    )


def test_refuses_an_unknown_enum_value(dataset_copy: Path) -> None:
    _edit(dataset_copy, "observations.toml", 'kind = "target"', 'kind = "forecast"')
    assert _problems(dataset_copy) == [
        "observations.toml: record 'gdp-growth.2024.target': kind: Invalid enum value 'forecast'"
    ]


def test_refuses_a_value_that_disagrees_with_its_quote(dataset_copy: Path) -> None:
    _edit(dataset_copy, "observations.toml", "value = 6.3\n", "value = 6.8\n")
    (problem,) = _problems(dataset_copy)
    assert problem.startswith("observations.toml: record 'gdp-growth.2023.actual': value:")


def test_refuses_an_unaccounted_number(dataset_copy: Path) -> None:
    # Drop the exclusion of calendar years: every year of the source becomes unaccounted.
    _edit(
        dataset_copy,
        "exclusions.toml",
        "pattern = '(?:19|20)\\d{2}(?= ?年)'",
        "pattern = 'PM2\\.5'",
    )
    problems = _problems(dataset_copy)
    assert problems
    assert all(": audit: number '20" in p for p in problems), problems[:3]
    assert any("exclusions.toml: record 'line 3': audit: number '2023'" in p for p in problems)


def test_refuses_a_source_that_is_not_the_pinned_document(dataset_copy: Path) -> None:
    source = dataset_copy / "source.md"
    source.chmod(0o644)
    source.write_bytes(source.read_bytes() + b"\n")
    problems = _problems(dataset_copy)
    assert any(
        "dataset.toml: record 'longgang-2024': source_document.sha256" in p for p in problems
    )


def test_refuses_a_folder_not_named_for_its_dataset(dataset_copy: Path) -> None:
    renamed = dataset_copy.rename(dataset_copy.with_name("longgang-2025"))
    (problem,) = _problems(renamed)
    assert "dataset.toml: record 'longgang-2024': id" in problem and "longgang-2025" in problem


def test_refuses_a_year_the_dataset_does_not_cover(dataset_copy: Path) -> None:
    _edit(dataset_copy, "observations.toml", 'period = "2024"', 'period = "2025"')
    _edit(dataset_copy, "projects.toml", "year = 2024", "year = 2022")
    problems = _problems(dataset_copy)
    assert len(problems) == 2, problems
    assert "observations.toml" in problems[0] and "period: outside" in problems[0]
    assert "projects.toml" in problems[1] and ".year: outside" in problems[1]


def test_every_quote_names_its_document(build_result: BuildResult) -> None:
    artifact = build_result.artifact
    sources = [
        *(o.source for o in artifact.observations),
        *(m.source for p in artifact.projects for m in p.mentions),
        *(g.source for g in artifact.glossary),
    ]
    assert {s.document_id for s in sources} == {artifact.dataset.id}


def test_refuses_a_quote_of_another_document(dataset_copy: Path) -> None:
    _edit(
        dataset_copy,
        "glossary.toml",
        "line = 222 }",
        'line = 222, document_id = "longgang-2025" }',
    )
    (problem,) = _problems(dataset_copy)
    assert "source.document_id: is not this dataset" in problem
