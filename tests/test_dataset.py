"""The curated dataset: the source pinned, the headline figures, the glossary, completeness."""

from __future__ import annotations

import hashlib

import pytest

from longgang_api.data.model import Observation
from longgang_api.data.source_text import SourceText
from longgang_build.build import DEFAULT_DATASET, BuildResult, load_records
from longgang_build.measures import check_translations

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
    assert counts["chinese_numerals"] == (
        counts["quoted_chinese_numerals"] + counts["excluded_chinese_numerals"]
    )


def test_english_is_labelled_unofficial(build_result: BuildResult) -> None:
    note = build_result.artifact.dataset.translation_note.en.lower()
    assert "unofficial" in note


def _only(result: BuildResult, observation_id: str) -> Observation:
    (observation,) = [o for o in result.artifact.observations if o.id == observation_id]
    return observation


@pytest.mark.parametrize(
    ("observation_id", "multiplier", "code", "base_value"),
    [
        ("new-school-places.2023.actual", 4, "place", 38_000),  # 3.8 万座
        ("new-kindergarten-places.2023.actual", 0, "place", 3_420),  # 3420 座
        ("private-school-subsidies.2023.actual", 8, "yuan", 1_084_000_000),  # 10.84 亿元
        ("tourist-visits-growth.2023.actual", 2, "percent", 280),  # 增长2.8倍
        ("little-giant-enterprises-total-growth.2023.actual", 1, "percent", 70),  # 超七成
        ("affordable-housing-units.2024.plan", 4, "housing-unit", 15_000),  # 1.5万套
    ],
)
def test_values_in_base_units(
    build_result: BuildResult, observation_id: str, multiplier: int, code: str, base_value: float
) -> None:
    observation = _only(build_result, observation_id)
    assert observation.unit_multiplier == multiplier
    assert observation.base_unit is not None and observation.base_unit.code == code
    assert observation.base_value == pytest.approx(base_value)


def test_every_indicator_is_one_measure_of_one_thing(build_result: BuildResult) -> None:
    indicators = {i.id: i for i in build_result.artifact.indicators}
    keys = [(o.indicator_id, o.period, o.kind) for o in build_result.artifact.observations]
    assert len(keys) == len(set(keys))
    for o in build_result.artifact.observations:
        indicator = indicators[o.indicator_id]
        assert o.measure == indicator.measure, o.id
        if o.value is not None:
            assert o.base_unit == indicator.base_unit, o.id
    # The mixed series of 1.0.0 are split.
    assert {"little-giant-enterprises", "community-parks"}.isdisjoint(indicators)
    assert indicators["little-giant-enterprises-total-growth"].measure == "growth-rate"
    assert indicators["new-little-giant-enterprises"].measure == "count"


def test_indicators_are_numbered_in_report_order(build_result: BuildResult) -> None:
    indicators = build_result.artifact.indicators
    assert [i.order for i in indicators] == list(range(1, len(indicators) + 1))
    first_line = {
        i.id: min(
            o.source.line for o in build_result.artifact.observations if o.indicator_id == i.id
        )
        for i in indicators
    }
    lines = [first_line[i.id] for i in sorted(indicators, key=lambda i: i.order)]
    assert lines == sorted(lines)
    assert [i.id for i in indicators[:5]] == [
        "gdp-growth",
        "industrial-value-added-growth",
        "fixed-asset-investment-growth",
        "retail-sales-growth",
        "budget-revenue-growth",
    ]


def test_a_three_year_total_says_so(build_result: BuildResult) -> None:
    observation = _only(build_result, "pinghu-infrastructure-investment.2023.actual")
    assert "近三年" in observation.source.quote
    assert (observation.period_start, observation.period_end) == (2021, 2023)
    for o in build_result.artifact.observations:
        assert o.period_end == int(o.period), o.id


def test_comparisons_are_stated_by_their_quotes(build_result: BuildResult) -> None:
    for o in build_result.artifact.observations:
        if o.comparison == "year_on_year":
            assert "同比" in o.source.quote or "比去年同期" in o.source.quote, o.id
        if o.comparison == "like_for_like":
            assert "同口径" in o.source.quote, o.id
    assert _only(build_result, "tourist-visits-growth.2023.actual").comparison is None


@pytest.mark.parametrize(
    ("observation_id", "value", "words"),
    [
        ("little-giant-enterprises-total-growth.2023.actual", 7, "七成"),
        ("cuhk-shenzhen-enrolment.2023.actual", 1, "突破万人"),
        ("kitchen-waste-impurity-rate-city-standing.2023.actual", 1, "全市最低"),
        ("private-education-measures.2023.actual", 10, "十条"),
        ("new-wage-arrears-blacklisted-enterprises.2023.actual", 0, "全年无"),
        ("child-friendly-bases-city-rank.2023.actual", 1, "之首"),
    ],
)
def test_statements_in_chinese_numerals_are_data(
    build_result: BuildResult, observation_id: str, value: float, words: str
) -> None:
    observation = _only(build_result, observation_id)
    assert observation.value == value
    assert words in observation.source.quote


def test_pm25_target_is_recorded(build_result: BuildResult) -> None:
    observation = _only(build_result, "pm25-concentration.2024.plan")
    assert observation.value is None and observation.measure == "qualitative"
    assert observation.status is not None and "PM2.5" in observation.status.zh


def test_one_university_is_one_project(build_result: BuildResult) -> None:
    projects = {p.id: p for p in build_result.artifact.projects}
    assert "cuhk-shenzhen-phase-2" not in projects
    cuhk = projects["cuhk-shenzhen"]
    assert [m.year for m in cuhk.mentions] == [2023, 2024]
    assert "二期工程交付使用" in cuhk.mentions[0].source.quote


def test_named_funds_platforms_zones_and_companies_are_projects(build_result: BuildResult) -> None:
    names = {p.name.zh: p.category for p in build_result.artifact.projects}
    assert names["平安重大项目基金"] == "finance"
    assert names["半导体与集成电路基金"] == "finance"
    assert names["龙岗劳资维权一码通服务平台"] == "platform"
    assert names["湾东智芯"] == "zone"
    for company in ("宁德时代", "达索析统", "中广核", "腾势销售公司"):
        assert names[company] == "enterprise"


def test_one_english_rendering_per_term(build_result: BuildResult) -> None:
    records = load_records(DEFAULT_DATASET)
    artifact = build_result.artifact
    assert (
        list(
            check_translations(
                artifact.indicators,
                artifact.projects,
                artifact.glossary,
                records.sections,
                records.terms,
            )
        )
        == []
    )
    rendered = {t.zh: t.en for t in records.terms.terms}
    assert rendered["专精特新"] in next(
        i.name.en for i in artifact.indicators if i.id == "new-little-giant-enterprises"
    )


def test_release_history_keeps_the_first_release(build_result: BuildResult) -> None:
    meta = build_result.artifact.dataset
    assert meta.version == "1.2.0"
    assert [r.version for r in meta.releases] == ["1.2.0", "1.1.0", "1.0.0"]
    assert meta.releases[1].artifact_sha256 == (
        "faaa5e84d41e5bd079a3dc76312f97430f79cf2a5b5720104cf1e5da13cfd003"
    )
    first = meta.releases[2]
    assert first.artifact_sha256 == (
        "04e039609c9a8cc5d72b875955b67aeeef51b5a2a276959af8425fc43b527dec"
    )
    notes = meta.releases[1].notes
    for corrected in (
        "little-giant-enterprises.2023.actual",
        "community-parks.2024.plan",
        "new-hospital-beds.2023.actual",
        "new-roads-completed.2024.plan-2",
        "tourist-visits-growth.2023.actual",
        "cuhk-shenzhen-phase-2",
    ):
        assert corrected in notes.en and corrected in notes.zh


def test_readme_gives_the_built_counts(build_result: BuildResult) -> None:
    readme = " ".join((DEFAULT_DATASET.parents[1] / "README.md").read_text().split())
    c = build_result.counts
    version = build_result.artifact.dataset.version
    assert (
        f"Release {version} holds {c['indicators']} indicators, {c['observations']} observations, "
        f"{c['projects']} projects with {c['mentions']} mentions, {c['glossary']} glossary entries "
        f"and {c['sections']} sections."
    ) in readme
    assert (
        f"accounts for {c['numbers']} numbers ({c['quoted_numbers']} quoted, "
        f"{c['excluded_numbers']} excluded) and for {c['chinese_numerals']} Chinese numerals"
    ) in readme
    assert (
        f"({c['quoted_chinese_numerals']} quoted, {c['excluded_chinese_numerals']} excluded)"
    ) in readme
    # The examples of the paragraph are what the build says they are.
    examples = {
        "new-school-places.2023.actual": ("3.8 万座 is 38000 places", 38000),
        "little-giant-enterprises-total-growth.2023.actual": ("七成 is 70 percent", 70),
        "tourist-visits-growth.2023.actual": ("增长2.8倍 is 280 percent", 280),
    }
    for observation_id, (sentence, base_value) in examples.items():
        assert sentence in readme
        assert _only(build_result, observation_id).base_value == base_value
