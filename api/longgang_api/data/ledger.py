"""The ledger of targets: each target or plan quantity checked against its outcome.

A target is for a year; its outcome is the actual that a later report of the
series states for the same indicator and year (the latest statement of it).
The verdict follows the rules kept as data in the target's report
(``rules.toml``: the direction each indicator counts as better and the tolerances
of an ``about`` target and of a range) and the target's qualifier or range;
:func:`outcome` says which rule decided, in words.

The computation is pure, over the artifacts of the reports in report order and
their merged artifact, so the build writes the ledger into the downloads (the
``targets`` and ``promises`` tables) with the same rows the API serves.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from longgang_api.data.artifact import LoadedDataset
from longgang_api.data.envelopes import (
    MentionStatement,
    Promise,
    PromiseVerdict,
    Statement,
    Target,
    Verdict,
)
from longgang_api.data.model import (
    Artifact,
    Indicator,
    Mention,
    MentionStatus,
    Observation,
    TargetRules,
)

#: Two values closer than this are equal: base values are products of decimals.
_EPSILON = 1e-9
#: The tolerance of an ``about`` target where a report states no rules.
_NO_RULES = TargetRules(about_tolerance=0.0)


def _statement(observation: Observation) -> Statement:
    o = observation
    return Statement(
        observation_id=o.id,
        report_id=o.report_id or o.source.document_id or "",
        value=o.value,
        value_upper=o.value_upper,
        unit=o.unit,
        qualifier=o.qualifier,
        base_value=o.base_value,
        base_value_upper=o.base_value_upper,
        base_unit=o.base_unit,
        status=o.status,
        quote=o.source.quote,
        source=o.source,
    )


def _figure(value: float, unit: str) -> str:
    return f"{value:g} {unit}".strip()


def deciding_bound(target: Observation, indicator: Indicator) -> float | None:
    """The base value an outcome is measured against: of a range, the bound that decides.

    Where higher counts as better, the lower bound is the least the plan accepts and
    more is better still; where lower does, the upper bound is the most it accepts.
    """
    if target.base_value_upper is not None and indicator.better == "lower":
        return target.base_value_upper
    return target.base_value


def _range_rule(
    goal: float, outcome: float, target: Observation, indicator: Indicator, rules: TargetRules
) -> tuple[bool, str]:
    """A range target (5%—6%): met when the outcome reaches its deciding bound, within the
    range tolerance of rules.toml."""
    unit = target.base_unit.en if target.base_unit is not None else ""
    low, high = target.base_value or 0.0, target.base_value_upper or 0.0
    slack = rules.range_tolerance * abs(goal)
    if indicator.better == "lower":
        met = outcome <= goal + slack + _EPSILON
        bound, reach, side = "upper", "or less", "exceeds it by"
    else:
        met = outcome >= goal - slack - _EPSILON
        bound, reach, side = "lower", "or more", "falls short of it by"
    rule = (
        f"range ({low:g}–{_figure(high, unit)}): {indicator.id} counts "
        f"{indicator.better or 'higher'} as better; met when the actual is the {bound} bound "
        f"{_figure(goal, unit)} {reach}, or {side} no more than {rules.range_tolerance:.0%} of "
        f"it ({_figure(slack, unit)}), the range tolerance of rules.toml"
    )
    return met, rule


def _decide(
    target: Observation, actual: Observation, indicator: Indicator, rules: TargetRules
) -> tuple[Verdict, str]:
    """met or missed, and the rule in words; both values are numbers of one unit."""
    goal, outcome = deciding_bound(target, indicator) or 0.0, actual.base_value or 0.0
    unit = target.base_unit.en if target.base_unit is not None else ""
    better = indicator.better
    shown = _figure(goal, unit)
    if target.base_value_upper is not None:
        met, rule = _range_rule(goal, outcome, target, indicator, rules)
    elif target.qualifier == "at_least":
        met = outcome >= goal - _EPSILON
        rule = f"at least (以上): met when the actual is {shown} or more"
    elif target.qualifier == "over":
        met = outcome > goal + _EPSILON
        rule = f"over (超): met when the actual is more than {shown}"
    elif target.qualifier == "at_most":
        met = outcome <= goal + _EPSILON
        rule = f"at most (以内, 不超过): met when the actual is {shown} or less"
    elif target.qualifier == "about":
        slack = rules.about_tolerance * abs(goal)
        if better == "lower":
            met = outcome <= goal + slack + _EPSILON
            side = "exceeds it by"
        else:
            met = outcome >= goal - slack - _EPSILON
            side = "falls short of it by"
        rule = (
            f"about (左右, 约): {indicator.id} counts {better} as better; met when the actual "
            f"betters {shown} or {side} no more than {rules.about_tolerance:.0%} of it "
            f"({_figure(slack, unit)}), the tolerance of rules.toml"
        )
    elif better == "lower":
        met = outcome <= goal + _EPSILON
        rule = f"{indicator.id} counts lower as better: met when the actual is {shown} or less"
    else:
        met = outcome >= goal - _EPSILON
        rule = f"{indicator.id} counts higher as better: met when the actual is {shown} or more"
    return ("met" if met else "missed"), rule


def outcome(
    target: Observation,
    indicator: Indicator,
    actual: Observation | None,
    covered: bool,
    rules: TargetRules,
) -> tuple[Verdict, str, float | None]:
    """The verdict of ``target``, the rule in words and the margin (actual minus target;
    for a range, minus the bound that decides).

    ``actual`` is the latest actual of a later report for the target's indicator and
    year; ``covered`` says whether any later report served covers that year.
    """
    if actual is None and not covered:
        return "pending", f"no report served states the actuals of {target.period} yet", None
    if target.value is None or target.base_value is None:
        return "not_assessable", "a qualitative target: no number to check an outcome against", None
    if actual is None:
        return (
            "not_reported",
            f"a later report covers {target.period} but states no actual of {indicator.id}",
            None,
        )
    if actual.base_value is None:
        return "not_comparable", "the actual is a qualitative statement", None
    if (actual.base_unit and actual.base_unit.code) != (target.base_unit and target.base_unit.code):
        return "not_comparable", "the actual is in another base unit than the target", None
    if (actual.measure, actual.period_start, actual.period_end) != (
        target.measure,
        target.period_start,
        target.period_end,
    ):
        return "not_comparable", "the actual measures another thing or span than the target", None
    verdict, rule = _decide(target, actual, indicator, rules)
    goal = deciding_bound(target, indicator) or 0.0
    return verdict, rule, round(actual.base_value - goal, 9)


def targets_of(parts: Sequence[Artifact], merged: Artifact) -> tuple[Target, ...]:
    """Every target and plan quantity of ``merged`` (its latest statement), with its outcome.

    ``parts`` are the reports' own artifacts in report order; ``merged`` is the one
    artifact of them all (:func:`longgang_api.data.series.merge_artifacts`), or the one
    report's own.
    """
    position = {part.dataset.id: n for n, part in enumerate(parts)}
    rules = {part.dataset.id: part.rules or _NO_RULES for part in parts}
    indicators = {indicator.id: indicator for indicator in merged.indicators}
    observations = merged.observations
    first_stated: dict[tuple[str, str, str], int] = {}
    actuals: dict[tuple[str, str], list[tuple[int, Observation]]] = {}
    for o in observations:
        where = position.get(o.report_id or "", 0)
        if o.kind == "actual":
            actuals.setdefault((o.indicator_id, o.period), []).append((where, o))
        else:
            key = (o.indicator_id, o.period, o.kind)
            first_stated[key] = min(first_stated.get(key, where), where)
    found = []
    for o in observations:
        if o.kind == "actual" or o.revised_by is not None:
            continue
        indicator = indicators[o.indicator_id]
        since = first_stated[(o.indicator_id, o.period, o.kind)]
        later = [
            (where, a)
            for where, a in actuals.get((o.indicator_id, o.period), [])
            if where > since and a.revised_by is None
        ]
        actual = max(later, key=lambda pair: pair[0])[1] if later else None
        covered = any(
            int(meta.temporal_start) <= int(o.period) <= int(meta.temporal_end)
            for meta in (p.dataset for p in parts[since + 1 :])
        )
        report = o.report_id or ""
        verdict, rule, margin = outcome(o, indicator, actual, covered, rules.get(report, _NO_RULES))
        found.append(
            Target(
                id=o.id,
                indicator_id=o.indicator_id,
                indicator_name=indicator.name,
                category=indicator.category,
                headline=indicator.headline,
                period=o.period,
                kind=o.kind,
                report_id=report,
                better=indicator.better,
                target=_statement(o),
                actual=_statement(actual) if actual is not None else None,
                margin=margin,
                verdict=verdict,
                rule=rule,
            )
        )
    return tuple(found)


#: How far a project has got: a later stage keeps the promise of an earlier one.
STAGES: dict[MentionStatus, int] = {
    "preliminary": 0,
    "planned": 0,
    "approved": 1,
    "started": 2,
    "under_construction": 3,
    "accelerating": 3,
    "completed": 4,
    "delivered": 4,
    "opened": 5,
    "in_operation": 5,
}


def _said(mention: Mention) -> MentionStatement:
    return MentionStatement(
        report_id=mention.report_id or mention.source.document_id or "",
        status=mention.status,
        status_text=mention.status_text,
        quote=mention.source.quote,
        source=mention.source,
    )


def promise_outcome(
    promised: Mention, later: Mention | None, covered: bool
) -> tuple[PromiseVerdict, str]:
    """The verdict of a project planned for a year, and its rule in words."""
    if later is None:
        if not covered:
            return "pending", f"no report served states the results of {promised.year} yet"
        return "not_reported", f"a later report covers {promised.year} but does not mention it"
    if promised.status in STAGES and later.status in STAGES:
        kept = STAGES[later.status] >= STAGES[promised.status]
        rule = (
            f"kept when a later report gives the stage promised ({promised.status}) or a later "
            f"one; it gives {later.status}"
        )
    else:
        kept = later.status == promised.status
        rule = f"kept when a later report gives the status promised ({promised.status})"
    return ("kept" if kept else "slipped"), rule


def promises_of(parts: Sequence[Artifact], merged: Artifact) -> tuple[Promise, ...]:
    """Every project mention of a report's plan year, with what a later report says of it."""
    position = {part.dataset.id: n for n, part in enumerate(parts)}
    found = []
    for project in merged.projects:
        places: dict[str, int] = {}
        for mention in project.mentions:
            report = mention.report_id or ""
            places[report] = places.get(report, 0) + 1
            own = position.get(report, 0)
            if mention.year != int(parts[own].dataset.temporal_end):
                continue  # a result of the report's year, not a plan
            later = [
                m for m in project.mentions
                if position.get(m.report_id or "", 0) > own and m.year == mention.year
            ]  # fmt: skip
            covered = any(
                int(meta.temporal_start) <= mention.year <= int(meta.temporal_end)
                for meta in (p.dataset for p in parts[own + 1 :])
            )
            outcome = later[-1] if later else None
            verdict, rule = promise_outcome(mention, outcome, covered)
            found.append(
                Promise(
                    id=f"{project.id}.{report}.{places[report]}",
                    project_id=project.id,
                    project_name=project.name,
                    category=project.category,
                    year=mention.year,
                    report_id=report,
                    promised=_said(mention),
                    outcome=_said(outcome) if outcome is not None else None,
                    verdict=verdict,
                    rule=rule,
                )
            )
    return tuple(found)


def _artifacts(dataset: LoadedDataset) -> tuple[Artifact, ...]:
    return tuple(part.artifact for part in dataset.parts)


@functools.lru_cache(maxsize=8)
def ledger(dataset: LoadedDataset) -> tuple[Target, ...]:
    """Every target and plan quantity served (its latest statement), with its outcome."""
    return targets_of(_artifacts(dataset), dataset.artifact)


@functools.lru_cache(maxsize=8)
def promises(dataset: LoadedDataset) -> tuple[Promise, ...]:
    """Every project mention of a report's plan year, with what a later report says of it."""
    return promises_of(_artifacts(dataset), dataset.artifact)
