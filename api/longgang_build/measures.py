"""Statistics-grade checks: units, measures, periods, comparisons and translations.

Every observation with a value carries its base unit and base value; the
rules that relate them to the value as written (scale words, 成 and 倍) and
the labels of every base unit are data, in the dataset's ``terms.toml``.
Each check yields ``(file, record, field, message)`` findings that the
build turns into its problems.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping

from longgang_api.data.model import (
    BaseUnit,
    GlossaryTerm,
    Indicator,
    LocalizedText,
    Observation,
    Project,
    SectionEntry,
    TermsTable,
)

Finding = tuple[str, str, str, str]

OBSERVATIONS = "observations.toml"
INDICATORS = "indicators.toml"
TERMS = "terms.toml"

#: The word of a running total: without a stated start it is not a one-year value.
CUMULATIVE = "累计"
#: Words of a quote that state where its running total starts: the whole (report) year,
#: or since a named point.
STATED_STARTS = ("全年", "以来")


def expected_multiplier(unit: str | None, terms: TermsTable) -> int:
    """Power of ten of a written unit: its ratio word's (成 → 1, 倍 → 2), else the scale
    word it opens with, else 0."""
    for ratio in terms.ratios:
        if unit == ratio.zh:
            return round(math.log10(ratio.factor))
    for scale in sorted(terms.scales, key=lambda s: -len(s.zh)):
        if unit is not None and unit.startswith(scale.zh) and unit != scale.zh:
            return scale.multiplier
    return 0


def expected_base_value(observation: Observation) -> float | None:
    """The base value by the one rule a reader of the CSV can apply alone:
    value × 10^unit_multiplier (成 and 倍 carry their power of ten as a multiplier)."""
    if observation.value is None or observation.unit_multiplier is None:
        return None
    return observation.value * 10.0**observation.unit_multiplier


def expected_base_value_upper(observation: Observation) -> float | None:
    """The upper bound of a range in base units, by the same rule as the base value."""
    if observation.value_upper is None or observation.unit_multiplier is None:
        return None
    return observation.value_upper * 10.0**observation.unit_multiplier


def _check_upper(obs: Observation) -> Iterator[Finding]:
    """base_value_upper is set with value_upper alone, and is value_upper × 10^unit_multiplier."""
    if (obs.value_upper is None) != (obs.base_value_upper is None):
        yield (
            OBSERVATIONS,
            obs.id,
            "base_value_upper",
            "a range needs both value_upper and base_value_upper; a single value neither",
        )
        return
    expected = expected_base_value_upper(obs)
    if (
        expected is not None
        and obs.base_value_upper is not None
        and not math.isclose(obs.base_value_upper, expected, rel_tol=1e-9)
    ):
        yield (
            OBSERVATIONS,
            obs.id,
            "base_value_upper",
            f"{obs.base_value_upper:g} is not value_upper × 10^unit_multiplier "
            f"({obs.value_upper:g} {obs.unit or ''} × 10^{obs.unit_multiplier} = {expected:g})",
        )


def _unit_label_findings(
    file: str, record: str, field: str, unit: BaseUnit, units: Mapping[str, BaseUnit]
) -> Iterator[Finding]:
    known = units.get(unit.code)
    if known is None:
        yield file, record, f"{field}.code", f"{unit.code!r} is not a unit of {TERMS}"
    elif (unit.zh, unit.en) != (known.zh, known.en):
        yield (
            file,
            record,
            field,
            f"labels ({unit.zh!r}, {unit.en!r}) differ from {TERMS} ({known.zh!r}, {known.en!r})",
        )


def check_units(observations: Iterable[Observation], terms: TermsTable) -> Iterator[Finding]:
    """Scale, base unit and base value of every observation agree with the rules."""
    units = {u.code: u for u in terms.units}
    for code, count in Counter(u.code for u in terms.units).items():
        if count > 1:
            yield TERMS, code, "units", f"the code is defined {count} times"
    ratio_words = {r.zh for r in terms.ratios}
    for ratio in terms.ratios:
        # A factor that is not a power of ten could not be written as a multiplier.
        if not math.isclose(10.0 ** round(math.log10(ratio.factor)), ratio.factor):
            yield TERMS, ratio.zh, "ratios", f"factor {ratio.factor:g} is not a power of ten"
    for obs in observations:
        yield from _check_upper(obs)
        quantities = (obs.unit_multiplier, obs.base_unit, obs.base_value)
        if obs.value is None:
            if any(q is not None for q in quantities) or obs.measure != "qualitative":
                yield (
                    OBSERVATIONS,
                    obs.id,
                    "measure",
                    "a qualitative statement has measure 'qualitative' and no base unit or value",
                )
            continue
        if obs.base_unit is None or obs.base_value is None or obs.unit_multiplier is None:
            yield (
                OBSERVATIONS,
                obs.id,
                "base_value",
                "a value needs unit_multiplier, base_unit and base_value",
            )
            continue
        yield from _unit_label_findings(OBSERVATIONS, obs.id, "base_unit", obs.base_unit, units)
        multiplier = expected_multiplier(obs.unit, terms)
        if obs.unit_multiplier != multiplier:
            yield (
                OBSERVATIONS,
                obs.id,
                "unit_multiplier",
                f"{obs.unit_multiplier} disagrees with the written unit {obs.unit!r} "
                f"(expected {multiplier})",
            )
        if obs.unit in ratio_words and obs.base_unit.code != "percent":
            yield OBSERVATIONS, obs.id, "base_unit", f"a value in {obs.unit!r} is a percent"
        expected = expected_base_value(obs)
        if expected is not None and not math.isclose(obs.base_value, expected, rel_tol=1e-9):
            yield (
                OBSERVATIONS,
                obs.id,
                "base_value",
                f"{obs.base_value:g} is not value × 10^unit_multiplier "
                f"({obs.value:g} {obs.unit or ''} × 10^{obs.unit_multiplier} = {expected:g})",
            )


def check_series(
    indicators: Iterable[Indicator], observations: Iterable[Observation], terms: TermsTable
) -> Iterator[Finding]:
    """One measure and one base unit per indicator; one observation per key.

    The key is (indicator, period, kind).
    """
    units = {u.code: u for u in terms.units}
    by_id = {i.id: i for i in indicators}
    for known in by_id.values():
        if known.base_unit is not None:
            yield from _unit_label_findings(
                INDICATORS, known.id, "base_unit", known.base_unit, units
            )
        if (known.base_unit is None) != (known.measure == "qualitative"):
            yield (
                INDICATORS,
                known.id,
                "base_unit",
                "only a qualitative indicator has no base unit",
            )
    keys: Counter[tuple[str, str, str]] = Counter()
    for obs in observations:
        keys[(obs.indicator_id, obs.period, obs.kind)] += 1
        indicator = by_id.get(obs.indicator_id)
        if indicator is None:
            continue
        if obs.measure != indicator.measure:
            yield (
                OBSERVATIONS,
                obs.id,
                "measure",
                f"{obs.measure!r} differs from indicator {indicator.id!r} ({indicator.measure!r})",
            )
        if obs.value is not None and obs.base_unit != indicator.base_unit:
            code = obs.base_unit.code if obs.base_unit else None
            expected = indicator.base_unit.code if indicator.base_unit else None
            yield (
                OBSERVATIONS,
                obs.id,
                "base_unit",
                f"{code!r} differs from indicator {indicator.id!r} ({expected!r})",
            )
    for obs in observations:
        key = (obs.indicator_id, obs.period, obs.kind)
        if keys[key] > 1:
            yield (
                OBSERVATIONS,
                obs.id,
                "kind",
                f"{keys[key]} observations of {obs.indicator_id!r} for period {obs.period} "
                f"and kind {obs.kind!r}",
            )


def check_comparisons(observations: Iterable[Observation], terms: TermsTable) -> Iterator[Finding]:
    """A comparison basis is recorded only where the quote states it."""
    markers = {m.comparison: m.markers for m in terms.comparisons}
    for obs in observations:
        if obs.comparison is None:
            continue
        words = markers.get(obs.comparison, ())
        if not any(word in obs.source.quote for word in words):
            wanted = " or ".join(words) or "a marker in terms.toml"
            yield (
                OBSERVATIONS,
                obs.id,
                "comparison",
                f"{obs.comparison!r} is not stated by the quote (no {wanted})",
            )


def check_periods(observations: Iterable[Observation], terms: TermsTable) -> Iterator[Finding]:
    """The period ends in the reference year; a multi-year span in the quote is recorded."""
    for obs in observations:
        if obs.period_end != int(obs.period) or obs.period_start > obs.period_end:
            yield (
                OBSERVATIONS,
                obs.id,
                "period_start",
                f"{obs.period_start}–{obs.period_end} does not end in the period {obs.period}",
            )
        one_year = obs.period_start == obs.period_end
        stated = any(word in obs.source.quote for word in STATED_STARTS)
        if CUMULATIVE in obs.source.quote and one_year and obs.period_start_stated and not stated:
            yield (
                OBSERVATIONS,
                obs.id,
                "period_start_stated",
                f"the quote says {CUMULATIVE!r} and states no start: not a one-year period "
                "(set period_start_stated = false, or the span the quote states)",
            )
        if not obs.period_start_stated and CUMULATIVE not in obs.source.quote:
            yield (
                OBSERVATIONS,
                obs.id,
                "period_start_stated",
                f"an open start is for a running total ({CUMULATIVE!r}); the quote has none",
            )
        for span in terms.spans:
            years = obs.period_end - obs.period_start + 1
            if span.zh in obs.source.quote and years != span.years:
                yield (
                    OBSERVATIONS,
                    obs.id,
                    "period_start",
                    f"the quote says {span.zh!r}: {span.years} years, not {years}",
                )


def check_order(
    indicators: Iterable[Indicator], first_position: Mapping[str, int]
) -> Iterator[Finding]:
    """``order`` numbers the indicators 1…n in the order the report first quotes them."""
    ordered = sorted(indicators, key=lambda i: i.order)
    orders = [i.order for i in ordered]
    if orders != list(range(1, len(orders) + 1)):
        yield INDICATORS, "-", "order", "orders are not 1…n without gaps or repeats"
    previous: Indicator | None = None
    for indicator in ordered:
        position = first_position.get(indicator.id)
        if position is None:
            continue
        if previous is not None and position < first_position.get(previous.id, -1):
            yield (
                INDICATORS,
                indicator.id,
                "order",
                f"order {indicator.order} puts it after {previous.id!r}, which the report "
                "quotes later",
            )
        previous = indicator


def _texts(
    indicators: Iterable[Indicator],
    projects: Iterable[Project],
    glossary: Iterable[GlossaryTerm],
    sections: Iterable[SectionEntry],
    terms: TermsTable,
) -> Iterator[tuple[str, str, str, LocalizedText]]:
    for indicator in indicators:
        yield INDICATORS, indicator.id, "name", indicator.name
    for project in projects:
        yield "projects.toml", project.id, "name", project.name
    for entry in glossary:
        yield "glossary.toml", entry.id, "term", entry.term
        yield "glossary.toml", entry.id, "definition", entry.definition
    for section in sections:
        yield "sections.toml", section.id, "heading", section.heading
    for unit in terms.units:
        yield TERMS, unit.code, "units", LocalizedText(zh=unit.zh, en=unit.en)


def check_translations(
    indicators: Iterable[Indicator],
    projects: Iterable[Project],
    glossary: Iterable[GlossaryTerm],
    sections: Iterable[SectionEntry],
    terms: TermsTable,
) -> Iterator[Finding]:
    """Wherever a Chinese term of the table occurs, its one English rendering occurs too."""
    renderings: defaultdict[str, set[str]] = defaultdict(set)
    for term in terms.terms:
        renderings[term.zh].add(term.en)
    for zh, ens in renderings.items():
        if len(ens) > 1:
            yield TERMS, zh, "terms", f"translated {len(ens)} ways: {sorted(ens)}"
    for file, record, field, text in _texts(indicators, projects, glossary, sections, terms):
        for term in terms.terms:
            if term.zh in text.zh and term.en.casefold() not in text.en.casefold():
                yield (
                    file,
                    record,
                    f"{field}.en",
                    f"{term.zh!r} is rendered {term.en!r} everywhere; not in {text.en!r}",
                )


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_WORD = re.compile(r"[a-z0-9]+")
#: Words that carry no rendering of their own.
_STOP_WORDS = frozenset(
    ("a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "new")
)


def _content_words(english: str) -> set[str]:
    """The words of an English name, plural and case set aside."""
    words = set()
    for word in _WORD.findall(english.casefold()):
        if word not in _STOP_WORDS:
            words.add(re.sub(r"(?<![su])s$", "", re.sub(r"(?<=[^aeiou])ies$", "y", word)))
    return words


def _shared_runs(names: list[str]) -> set[str]:
    """The longest Chinese runs (two characters or more) that two names have in common.

    Each distinct name is compared once with each other, and a name held by several
    records with itself: the same runs as every pair of records, in a time that grows
    with the distinct names (a synthetic dataset repeats every name in each copy).
    """
    counted = Counter(names)
    runs = _runs_of_pairs(list(counted))
    for name, count in counted.items():
        if count > 1:
            runs |= _runs_of_pairs([name, name])
    return runs


def _runs_of_pairs(names: list[str]) -> set[str]:
    runs: set[str] = set()
    for first_index, first in enumerate(names):
        for second in names[first_index + 1 :]:
            for i, char in enumerate(first):
                for j in range(len(second)):
                    if second[j] != char or (i and j and first[i - 1] == second[j - 1]):
                        continue
                    length = 0
                    while (
                        i + length < len(first)
                        and j + length < len(second)
                        and first[i + length] == second[j + length]
                    ):
                        length += 1
                    runs.update(_CJK_RUN.findall(first[i : i + length]))
    return runs


def check_shared_renderings(
    indicators: Iterable[Indicator],
    projects: Iterable[Project],
    glossary: Iterable[GlossaryTerm],
    terms: TermsTable,
) -> Iterator[Finding]:
    """A Chinese run that two or more names share is rendered one way in their English.

    A run of the terms table has its one rendering checked wherever it occurs; any other
    run shared by names must leave a word common to all their English names, unless the
    table lists it as loose, with the reason its English rightly differs.
    """
    names = [
        *((INDICATORS, i.id, i.name) for i in indicators),
        *(("projects.toml", p.id, p.name) for p in projects),
        *(("glossary.toml", g.id, g.term) for g in glossary),
    ]
    known = {t.zh for t in terms.terms} | {run for loose in terms.loose_runs for run in loose.runs}
    for run in sorted(_shared_runs([text.zh for _, _, text in names]) - known):
        holders = [(file, record, text) for file, record, text in names if run in text.zh]
        common = set.intersection(*(_content_words(text.en) for _, _, text in holders))
        if not common:
            renderings = "; ".join(f"{record}: {text.en!r}" for _, record, text in holders)
            yield (
                TERMS,
                run,
                "terms",
                f"{run!r} is shared by {len(holders)} names whose English has no word in "
                f"common ({renderings}): give it one rendering in terms, or list it as loose",
            )


#: British spellings of our translations and their American counterparts.
_SPELLINGS = (
    (re.compile(r"(?<=[a-z])(?:re)(?=s?$)"), "er"),  # centre, metre, litre
    (re.compile(r"(?<=[a-z])our(?=(?:s|ed|ing)?$)"), "or"),  # labour, harbour
    (re.compile(r"(?<=[a-z]{3})is(?=(?:e|es|ed|ing|ation|ations)$)"), "iz"),  # specialise
)


def _american(word: str) -> str:
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


def check_spellings(
    indicators: Iterable[Indicator], projects: Iterable[Project], glossary: Iterable[GlossaryTerm]
) -> Iterator[Finding]:
    """An id and its English name spell a word the same way (centres, not centers)."""
    named = [
        *((INDICATORS, i.id, i.name.en) for i in indicators),
        *(("projects.toml", p.id, p.name.en) for p in projects),
        *(("glossary.toml", g.id, g.term.en) for g in glossary),
    ]
    for file, record, english in named:
        spelt = {_american(word): word for word in _WORD.findall(english.casefold())}
        for word in re.split(r"[-.]", record):
            other = spelt.get(_american(word))
            if other is not None and other != word:
                yield (
                    file,
                    record,
                    "id",
                    f"the id spells {word!r}, the English name {other!r}: spell them one way",
                )
