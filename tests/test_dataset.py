"""The curated dataset: the source pinned, the headline figures, the glossary, completeness."""

from __future__ import annotations

import hashlib

import pytest

from longgang_build.build import DEFAULT_DATASET, BuildResult
from longgang_build.source_text import SourceText

SOURCE_SHA256 = "4ed8caf274f7e21951b1ef29e873bce82ca81dbf72947bb3113f2d47f96e99ec"


def test_source_is_the_verbatim_document() -> None:
    data = (DEFAULT_DATASET / "source.md").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SOURCE_SHA256


def _observation(
    result: BuildResult, indicator_id: str, period: str, kind: str
) -> tuple[float | None, str]:
    matches = [
        o
        for o in result.artifact.observations
        if (o.indicator_id, o.period, o.kind) == (indicator_id, period, kind)
    ]
    assert len(matches) == 1, (indicator_id, period, kind)
    return matches[0].value, matches[0].source.quote


@pytest.mark.parametrize(
    ("indicator_id", "period", "kind", "value", "comparison"),
    [
        ("gdp-growth", "2023", "actual", 6.3, "year_on_year"),
        ("industrial-value-added-growth", "2023", "actual", 5.5, "year_on_year"),
        ("fixed-asset-investment-growth", "2023", "actual", 5.2, "year_on_year"),
        ("retail-sales-growth", "2023", "actual", 6.5, "year_on_year"),
        ("budget-revenue-growth", "2023", "actual", 13.3, "like_for_like"),
        ("gdp-growth", "2024", "target", 6.5, "year_on_year"),
        ("industrial-value-added-growth", "2024", "target", 6, "year_on_year"),
        ("retail-sales-growth", "2024", "target", 8, "year_on_year"),
        ("budget-revenue-growth", "2024", "target", -2.42, "year_on_year"),
    ],
)
def test_headline_figures(
    build_result: BuildResult,
    indicator_id: str,
    period: str,
    kind: str,
    value: float,
    comparison: str,
) -> None:
    (observation,) = [
        o
        for o in build_result.artifact.observations
        if (o.indicator_id, o.period, o.kind) == (indicator_id, period, kind)
    ]
    assert observation.value == value
    assert observation.comparison == comparison
    assert observation.unit == "%"
    indicator = next(i for i in build_result.artifact.indicators if i.id == indicator_id)
    assert indicator.headline


@pytest.mark.parametrize(("period", "kind"), [("2023", "actual"), ("2024", "target")])
def test_water_and_energy_lines_are_qualitative(
    build_result: BuildResult, period: str, kind: str
) -> None:
    (observation,) = [
        o
        for o in build_result.artifact.observations
        if o.indicator_id == "water-energy-intensity" and (o.period, o.kind) == (period, kind)
    ]
    assert observation.value is None
    assert observation.status is not None
    assert observation.status.zh in observation.source.quote


def test_every_glossary_entry_verbatim(build_result: BuildResult) -> None:
    source = SourceText((DEFAULT_DATASET / "source.md").read_text(encoding="utf-8"))
    glossary = build_result.artifact.glossary
    # The source's glossary numbers its entries 1 to N; every one is a record.
    entries = source.text.split("名词解释\n")[1].split("\n")
    numbers = sorted(int(p.split(".")[0]) for p in entries)
    assert [g.number for g in sorted(glossary, key=lambda g: g.number)] == numbers
    assert len(glossary) == 17
    for term in glossary:
        assert term.definition.zh == term.source.quote
        entry = next(p for p in entries if p.startswith(f"{term.number}."))
        assert entry.endswith(term.definition.zh)
        assert term.term.zh in entry


def test_the_same_concept_in_both_years_is_one_indicator(build_result: BuildResult) -> None:
    by_indicator: dict[str, set[str]] = {}
    for o in build_result.artifact.observations:
        by_indicator.setdefault(o.indicator_id, set()).add(o.period)
    both = {i for i, periods in by_indicator.items() if periods == {"2023", "2024"}}
    for expected in (
        "gdp-growth",
        "new-school-places",
        "new-hospital-beds",
        "new-national-high-tech-enterprises",
        "affordable-housing-units",
        "zero-discharge-communities",
        "greenways-built",
        "bus-lines-new-or-optimised",
    ):
        assert expected in both


def test_projects_named_in_both_years_are_one_record(build_result: BuildResult) -> None:
    both = [
        p for p in build_result.artifact.projects if {m.year for m in p.mentions} == {2023, 2024}
    ]
    assert len(both) >= 10
    names = [p.name.zh for p in build_result.artifact.projects]
    assert len(names) == len(set(names))


def test_counts_are_substantial(build_result: BuildResult) -> None:
    counts = build_result.counts
    assert counts["observations"] > 100
    assert counts["mentions"] > 100
    assert counts["glossary"] == 17
    assert counts["numbers"] == counts["quoted_numbers"] + counts["excluded_numbers"]


def test_english_is_labelled_unofficial(build_result: BuildResult) -> None:
    note = build_result.artifact.dataset.translation_note.en.lower()
    assert "unofficial" in note
