"""The build: byte-for-byte repeatable, and refusing every kind of bad record."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
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
        "glossary.toml: record 'one-core-two-poles-multiple-pivots': source.section_id" in p
        for p in problems
    )


def test_refuses_an_unknown_enum_value(dataset_copy: Path) -> None:
    _edit(dataset_copy, "observations.toml", 'kind = "target"', 'kind = "forecast"')
    assert _problems(dataset_copy) == [
        "observations.toml: record 'gdp-growth.2024.target': kind: Invalid enum value 'forecast'"
    ]


def test_refuses_a_value_that_disagrees_with_its_quote(dataset_copy: Path) -> None:
    # base_value moves with the value, so that only the quote disagrees.
    for field in ("value", "base_value"):
        _edit_record(
            dataset_copy,
            "observations.toml",
            "gdp-growth.2023.actual",
            f"\n{field} = 6.3\n",
            f"\n{field} = 6.8\n",
        )
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
    outside = [p for p in _problems(dataset_copy) if ": outside the dataset's years" in p]
    assert len(outside) == 2, outside
    assert "observations.toml" in outside[0] and "period: outside" in outside[0]
    assert "projects.toml" in outside[1] and ".year: outside" in outside[1]


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


def _edit_record(folder: Path, file: str, record: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` within the record whose id is ``record``."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    start = text.index(f'id = "{record}"\n')
    end = text.find("\n[[", start)
    end = len(text) if end == -1 else end
    block = text[start:end]
    assert old in block, f"{old!r} not in record {record!r}"
    path.write_text(text[:start] + block.replace(old, new, 1) + text[end:], encoding="utf-8")


@pytest.mark.parametrize(
    ("record", "old", "new", "expected"),
    [
        (
            "new-school-places.2023.actual",
            "base_value = 38000.0",
            "base_value = 3800.0",
            "3800 is not value × 10^unit_multiplier (3.8 万座 × 10^4 = 38000)",
        ),
        (
            "tourist-visits-growth.2023.actual",
            "base_value = 280.0",
            "base_value = 180.0",
            "180 is not value × 10^unit_multiplier (2.8 倍 × 10^2 = 280)",
        ),
        (
            "little-giant-enterprises-total-growth.2023.actual",
            "base_value = 70.0",
            "base_value = 7.0",
            "7 is not value × 10^unit_multiplier (7 成 × 10^1 = 70)",
        ),
    ],
    ids=["scale-word", "bei-rule", "cheng-rule"],
)
def test_refuses_a_base_value_that_disagrees_with_the_value(
    dataset_copy: Path, record: str, old: str, new: str, expected: str
) -> None:
    _edit_record(dataset_copy, "observations.toml", record, old, new)
    assert _problems(dataset_copy) == [
        f"observations.toml: record {record!r}: base_value: {expected}"
    ]


@pytest.mark.parametrize(
    ("record", "old", "new", "expected"),
    [
        (
            "new-school-places.2024.plan",
            'base_unit = { code = "place", zh = "学位", en = "school place(s)" }',
            'base_unit = { code = "bed", zh = "床位", en = "bed(s)" }',
            "base_unit: 'bed' differs from indicator 'new-school-places' ('place')",
        ),
        (
            "gdp-growth.2024.target",
            'measure = "growth-rate"',
            'measure = "change"',
            "measure: 'change' differs from indicator 'gdp-growth' ('growth-rate')",
        ),
    ],
    ids=["base-unit", "measure"],
)
def test_refuses_an_indicator_whose_observations_disagree(
    dataset_copy: Path, record: str, old: str, new: str, expected: str
) -> None:
    _edit_record(dataset_copy, "observations.toml", record, old, new)
    assert _problems(dataset_copy) == [f"observations.toml: record {record!r}: {expected}"]


def test_refuses_two_observations_of_one_indicator_period_and_kind(dataset_copy: Path) -> None:
    _edit_record(
        dataset_copy,
        "observations.toml",
        "trunk-roads-completed.2024.plan",
        'indicator_id = "trunk-roads-completed"',
        'indicator_id = "secondary-branch-roads-completed"',
    )
    message = (
        "kind: 2 observations of 'secondary-branch-roads-completed' for period 2024 and kind 'plan'"
    )
    problems = _problems(dataset_copy)
    assert f"observations.toml: record 'trunk-roads-completed.2024.plan': {message}" in problems
    assert (
        f"observations.toml: record 'secondary-branch-roads-completed.2024.plan': {message}"
        in problems
    )


def test_refuses_a_comparison_the_quote_does_not_state(dataset_copy: Path) -> None:
    _edit_record(
        dataset_copy,
        "observations.toml",
        "budget-revenue-growth.2023.actual",
        'comparison = "like_for_like"',
        'comparison = "year_on_year"',
    )
    assert _problems(dataset_copy) == [
        "observations.toml: record 'budget-revenue-growth.2023.actual': comparison: "
        "'year_on_year' is not stated by the quote (no 同比 or 比去年同期)"
    ]


def test_refuses_a_term_translated_two_ways(dataset_copy: Path) -> None:
    _edit_record(
        dataset_copy,
        "indicators.toml",
        "new-little-giant-enterprises",
        "specialised, refined, distinctive and innovative",
        "specialised and sophisticated",
    )
    (problem,) = _problems(dataset_copy)
    assert problem.startswith(
        "indicators.toml: record 'new-little-giant-enterprises': name.en: '专精特新' is rendered "
        "'specialised, refined, distinctive and innovative' everywhere"
    )


def test_refuses_a_terms_table_with_two_renderings_of_one_term(dataset_copy: Path) -> None:
    path = dataset_copy / "terms.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[terms]]\nzh = "大运"\nen = "Universiade"\n',
        encoding="utf-8",
    )
    problems = _problems(dataset_copy)
    assert (
        "terms.toml: record '大运': terms: translated 2 ways: ['Dayun', 'Universiade']" in problems
    )


def test_refuses_a_period_that_hides_a_multi_year_total(dataset_copy: Path) -> None:
    _edit_record(
        dataset_copy,
        "observations.toml",
        "pinghu-infrastructure-investment.2023.actual",
        "period_start = 2021",
        "period_start = 2023",
    )
    assert _problems(dataset_copy) == [
        "observations.toml: record 'pinghu-infrastructure-investment.2023.actual': "
        "period_start: the quote says '近三年': 3 years, not 1"
    ]


def test_refuses_a_multiplier_that_hides_the_cheng_rule(dataset_copy: Path) -> None:
    # 七成 stored as value 7 with multiplier 0 beside base value 70: a reader of the CSV
    # alone, applying value × 10^unit_multiplier, would get 7.
    _edit_record(
        dataset_copy,
        "observations.toml",
        "little-giant-enterprises-total-growth.2023.actual",
        "unit_multiplier = 1",
        "unit_multiplier = 0",
    )
    record = "observations.toml: record 'little-giant-enterprises-total-growth.2023.actual'"
    assert _problems(dataset_copy) == [
        f"{record}: unit_multiplier: 0 disagrees with the written unit '成' (expected 1)",
        f"{record}: base_value: 70 is not value × 10^unit_multiplier (7 成 × 10^0 = 7)",
    ]


def test_refuses_a_one_year_period_on_a_running_total_without_a_start(
    dataset_copy: Path,
) -> None:
    _edit_record(
        dataset_copy,
        "observations.toml",
        "launch-zone-land-released.2023.actual",
        "period_start_stated = false\n",
        "",
    )
    assert _problems(dataset_copy) == [
        "observations.toml: record 'launch-zone-land-released.2023.actual': "
        "period_start_stated: the quote says '累计' and states no start: not a one-year period "
        "(set period_start_stated = false, or the span the quote states)"
    ]


def test_refuses_an_unaccounted_bare_scale_word(dataset_copy: Path) -> None:
    # Drop the exclusion of the campaign name “万名干部助企行”: its 万 has no numeral before it.
    campaign = "pattern = '(?<=“)万(?=名干部助企行”)'"
    _edit(dataset_copy, "exclusions.toml", campaign, "pattern = '助企行'")
    (problem,) = _problems(dataset_copy)
    assert problem.startswith("exclusions.toml: record 'line 37': audit: chinese numeral '万' in ")


def test_refuses_an_unaccounted_numeral_in_quotation_marks(dataset_copy: Path) -> None:
    _edit(dataset_copy, "exclusions.toml", "pattern = '(?<=突破“)六(?=”)'", "pattern = '突破'")
    (problem,) = _problems(dataset_copy)
    assert problem.startswith("exclusions.toml: record 'line 29': audit: chinese numeral '六' in ")


def test_refuses_a_chinese_run_rendered_two_ways_across_names(dataset_copy: Path) -> None:
    # 比亚迪 is BYD in one project's name and would be Biyadi in another's.
    _edit_record(
        dataset_copy,
        "projects.toml",
        "byd-energy-storage-industrial-park",
        'en = "BYD Energy Storage Industrial Park"',
        'en = "Biyadi Energy Storage Industrial Park"',
    )
    (problem,) = _problems(dataset_copy)
    assert problem.startswith(
        "terms.toml: record '比亚迪': terms: '比亚迪' is shared by 2 names whose English has no "
        "word in common"
    )


def test_refuses_an_id_and_a_name_spelt_two_ways(dataset_copy: Path) -> None:
    _edit_record(
        dataset_copy,
        "indicators.toml",
        "community-health-centres-under-construction",
        "Community health centres under construction",
        "Community health centers under construction",
    )
    assert (
        "indicators.toml: record 'community-health-centres-under-construction': id: the id "
        "spells 'centres', the English name 'centers': spell them one way"
    ) in _problems(dataset_copy)


def test_refuses_a_change_list_naming_an_id_that_is_not_as_it_says(dataset_copy: Path) -> None:
    _edit(
        dataset_copy,
        "changes.toml",
        'new_id = "one-core-two-poles-multiple-pivots"',
        'new_id = "one-core-two-cores-multiple-pivots"',
    )
    assert _problems(dataset_copy) == [
        "changes.toml: record '1.2.0': renamed.new_id: no glossary record "
        "'one-core-two-cores-multiple-pivots' in 1.2.0"
    ]


def test_refuses_an_order_that_is_not_the_report_order(dataset_copy: Path) -> None:
    _edit_record(dataset_copy, "indicators.toml", "gdp-growth", "order = 1", "order = 2")
    _edit_record(
        dataset_copy, "indicators.toml", "industrial-value-added-growth", "order = 2", "order = 1"
    )
    assert _problems(dataset_copy) == [
        "indicators.toml: record 'gdp-growth': order: order 2 puts it after "
        "'industrial-value-added-growth', which the report quotes later"
    ]


def test_refuses_an_unaccounted_chinese_numeral(dataset_copy: Path) -> None:
    # Drop the exclusion of “a batch of” (一批): each becomes an unaccounted Chinese numeral.
    _edit(dataset_copy, "exclusions.toml", "pattern = '一批'", "pattern = 'PM2\\.5'")
    problems = _problems(dataset_copy)
    assert problems
    assert all(": audit: chinese numeral '一' in " in p for p in problems), problems[:3]
    assert any(p.startswith("exclusions.toml: record 'line 145': audit:") for p in problems)


def test_refuses_a_base_unit_code_defined_twice(dataset_copy: Path) -> None:
    path = dataset_copy / "terms.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[units]]\ncode = "place"\nzh = "座"\nen = "seat(s)"\n',
        encoding="utf-8",
    )
    assert "terms.toml: record 'place': units: the code is defined 2 times" in _problems(
        dataset_copy
    )


_DERIVED = {
    **{
        f"downloads/{name}": media
        for name, media in (
            ("indicators.csv", "text/csv"),
            ("observations.csv", "text/csv"),
            ("projects.csv", "text/csv"),
            ("project_mentions.csv", "text/csv"),
            ("glossary.csv", "text/csv"),
            ("sections.csv", "text/csv"),
            ("targets.csv", "text/csv"),
            ("promises.csv", "text/csv"),
            ("longgang-2024.json", "application/json"),
            ("longgang-2024.sqlite", "application/vnd.sqlite3"),
            ("parquet/indicators.parquet", "application/vnd.apache.parquet"),
            ("parquet/observations.parquet", "application/vnd.apache.parquet"),
            ("parquet/projects.parquet", "application/vnd.apache.parquet"),
            ("parquet/project_mentions.parquet", "application/vnd.apache.parquet"),
            ("parquet/glossary.parquet", "application/vnd.apache.parquet"),
            ("parquet/sections.parquet", "application/vnd.apache.parquet"),
            ("parquet/targets.parquet", "application/vnd.apache.parquet"),
            ("parquet/promises.parquet", "application/vnd.apache.parquet"),
            ("csvw/csv-metadata.json", "application/csvm+json"),
            ("jsonstat/observations.json", "application/json"),
            ("sdmx/observations.csv", "text/csv"),
            ("sdmx/structure.xml", "application/xml"),
            ("source/text.txt", "text/plain"),
            ("provenance/annotations.jsonld", "application/ld+json"),
        )
    },
    "datapackage.json": "application/json",
    "datasette-metadata.json": "application/json",
    "catalog.jsonld": "application/ld+json",
    "catalog.ttl": "text/turtle",
    "releases.atom": "application/atom+xml",
    "source-view.json": "application/json",
}


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_build_writes_every_derived_file_and_its_manifest(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    artifact = tmp_path / "longgang-2024.json"
    manifest = msgspec.json.decode((tmp_path / "longgang-2024" / "manifest.json").read_bytes())
    assert manifest["artifact_sha256"] == hashlib.sha256(artifact.read_bytes()).hexdigest()
    assert {f["name"]: f["media_type"] for f in manifest["files"]} == _DERIVED
    files = _files(tmp_path / "longgang-2024")
    assert set(files) == {*_DERIVED, "manifest.json"}
    for entry in manifest["files"]:
        data = files[entry["name"]]
        assert (entry["bytes"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    # The JSON download is the artifact itself.
    assert files["downloads/longgang-2024.json"] == artifact.read_bytes()


def test_every_derived_file_is_the_same_bytes_on_every_build(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path / "here")]) == 0
    # Another process, another hash seed: set and dict orders inside rdflib and SQLite differ.
    subprocess.run(
        [sys.executable, "-m", "longgang_build.build", "--out", str(tmp_path / "there")],
        env={**os.environ, "PYTHONHASHSEED": "7"},
        capture_output=True,
        check=True,
    )
    here, there = (_files(tmp_path / side) for side in ("here", "there"))
    assert set(here) == set(there) and len(here) > len(_DERIVED)
    assert [name for name in here if here[name] != there[name]] == []


#: What the build may load of the server's package: its front door (which loads nothing
#: itself), the checkout's folders, and the data model with the files the build made.
_SHARED = {"longgang_api", "longgang_api.checkout"}
_DATA = "longgang_api.data"


_BUILD_MODULES = sorted(
    f"longgang_build.{path.stem}"
    for path in (Path(__file__).resolve().parents[1] / "api" / "longgang_build").glob("*.py")
    if path.stem != "__init__"
)


@pytest.mark.parametrize("module", _BUILD_MODULES)
def test_the_build_loads_nothing_of_the_server(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "print('\\n'.join(m for m in sys.modules if m.split('.')[0] == 'longgang_api'))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert {m for m in loaded if m not in _SHARED and m.split(".")[:2] != _DATA.split(".")} == set()
    assert (
        "litestar"
        not in subprocess.run(
            [sys.executable, "-c", f"import sys, {module}; print(' '.join(sys.modules))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )


def test_a_dataset_that_names_no_folder_is_refused_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "longgang_build.build", "--dataset", "nosuch", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    *usage, error = result.stderr.strip().splitlines()
    assert "no dataset folder 'nosuch'" in error and "longgang-2024" in error
    assert all(line.startswith(("usage:", " ")) for line in usage)
