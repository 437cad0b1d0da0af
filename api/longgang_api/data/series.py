"""Several reports served as one series: checked against each other, then merged.

Indicators, projects and glossary terms are concepts shared across reports by id;
observations, mentions, definitions and sections are statements of one report and
say which (``report_id``). An id names one thing across the series: a concept whose
reports disagree on what it is, or a statement or section id used by two reports,
is refused (:func:`series_problems`), by the build of a series and by the server.

Reports are in report order: by the last year they cover, then the first, then id.
When a later report states an (indicator, period, kind) again, a revised actual or
a restated target, both statements are kept; the earlier one names the later in
``revised_by``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from longgang_api.data.artifact import ArtifactError, LoadedDataset, load, read_source
from longgang_api.data.built import SERIES_FOLDER, BuiltFiles, BuiltFilesError, read_built
from longgang_api.data.model import (
    Artifact,
    Dataset,
    GlossaryTerm,
    Indicator,
    Observation,
    Project,
    SynonymGroup,
)


def report_order(artifact: Artifact) -> tuple[int, int, str]:
    """The place of a report in its series: the years it covers, then its id."""
    meta = artifact.dataset
    return (int(meta.temporal_end), int(meta.temporal_start), meta.id)


def in_report_order(parts: Iterable[LoadedDataset]) -> list[LoadedDataset]:
    """``parts`` in the order of the reports: the years they cover, then their ids."""
    return sorted(parts, key=lambda part: report_order(part.artifact))


def _concepts_disagree(artifacts: Sequence[Artifact]) -> Iterable[str]:
    indicators: dict[str, tuple[str, Indicator]] = {}
    projects: dict[str, tuple[str, Project]] = {}
    terms: dict[str, tuple[str, GlossaryTerm]] = {}
    for artifact in artifacts:
        report = artifact.dataset.id
        for indicator in artifact.indicators:
            seen = indicators.setdefault(indicator.id, (report, indicator))
            first, earlier = seen
            for field in ("measure", "base_unit", "better"):
                before, now = getattr(earlier, field), getattr(indicator, field)
                if field == "base_unit":
                    before = before.code if before is not None else None
                    now = now.code if now is not None else None
                # A report without a target of the indicator need not state its direction.
                if field == "better" and (before is None or now is None):
                    continue
                if before != now:
                    yield (
                        f"indicator {indicator.id!r} has {field} {before!r} in {first} but "
                        f"{now!r} in {report}: one id for two different things"
                    )
        for project in artifact.projects:
            first, earlier_project = projects.setdefault(project.id, (report, project))
            if earlier_project.category != project.category:
                yield (
                    f"project {project.id!r} is of category {earlier_project.category!r} in "
                    f"{first} but {project.category!r} in {report}: one id for two different "
                    "things"
                )
        for term in artifact.glossary:
            first, earlier_term = terms.setdefault(term.id, (report, term))
            if earlier_term.term.zh != term.term.zh:
                yield (
                    f"glossary term {term.id!r} is {earlier_term.term.zh!r} in {first} but "
                    f"{term.term.zh!r} in {report}: one id for two different things"
                )


def _observation_ids(artifact: Artifact) -> Iterable[str]:
    return (o.id for o in artifact.observations)


def _section_ids(artifact: Artifact) -> Iterable[str]:
    return (s.id for s in artifact.sections)


def _statements_repeated(artifacts: Sequence[Artifact]) -> Iterable[str]:
    for noun, records_of in (("observation", _observation_ids), ("section", _section_ids)):
        seen: dict[str, str] = {}
        for artifact in artifacts:
            report = artifact.dataset.id
            for record_id in records_of(artifact):
                first = seen.setdefault(record_id, report)
                if first != report:
                    yield (
                        f"{noun} id {record_id!r} is used by {first} and by {report}: an id "
                        f"names one {noun} of one report"
                    )


def series_problems(artifacts: Sequence[Artifact]) -> list[str]:
    """Why ``artifacts`` (in report order) cannot be served as one series, in words."""
    ids = [artifact.dataset.id for artifact in artifacts]
    found = [f"report {i!r} is given twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    if found:
        return found
    found += _concepts_disagree(artifacts)
    found += _statements_repeated(artifacts)
    return found


def _key(observation: Observation) -> tuple[str, str, str, int, int]:
    o = observation
    return (o.indicator_id, o.period, o.kind, o.period_start, o.period_end)


def revisions(artifacts: Sequence[Artifact]) -> dict[str, str]:
    """Each revised observation's id and the id of the first later statement of it."""
    later: dict[tuple[str, str, str, int, int], tuple[int, str]] = {}
    revised: dict[str, str] = {}
    for position in range(len(artifacts) - 1, -1, -1):
        stated_here: dict[tuple[str, str, str, int, int], str] = {}
        for observation in artifacts[position].observations:
            key = _key(observation)
            if key in later:
                revised[observation.id] = later[key][1]
            stated_here.setdefault(key, observation.id)
        for key, observation_id in stated_here.items():
            later[key] = (position, observation_id)
    return revised


def series_sha256(sha256s: Iterable[str]) -> str:
    """The sha256 of a series: that of its reports' sha256s together, in report order."""
    return hashlib.sha256(" ".join(sha256s).encode()).hexdigest()


def merge_artifacts(artifacts: Sequence[Artifact]) -> Artifact:
    """One artifact of every report of ``artifacts`` (in report order); one is itself.

    Its metadata is the latest report's, its years those of the whole series.
    """
    if len(artifacts) == 1:
        return artifacts[0]
    latest = artifacts[-1]
    revised = revisions(artifacts)
    indicators: dict[str, Indicator] = {}
    projects: dict[str, Project] = {}
    glossary: dict[str, GlossaryTerm] = {}
    synonyms: dict[tuple[tuple[str, ...], tuple[str, ...]], SynonymGroup] = {}
    for artifact in artifacts:
        # The latest report's wording of a concept wins, in the place it first had.
        for indicator in artifact.indicators:
            before_indicator = indicators.get(indicator.id)
            if indicator.better is None and before_indicator is not None:
                indicator = msgspec.structs.replace(indicator, better=before_indicator.better)
            indicators[indicator.id] = indicator
        for project in artifact.projects:
            before = projects.get(project.id)
            mentions = (before.mentions if before else ()) + project.mentions
            projects[project.id] = msgspec.structs.replace(project, mentions=mentions)
        for term in artifact.glossary:
            glossary[term.id] = term
        for group in artifact.synonyms:
            synonyms.setdefault((group.terms, group.broader), group)
    observations = tuple(
        msgspec.structs.replace(o, revised_by=revised.get(o.id))
        for artifact in artifacts
        for o in artifact.observations
    )
    sections = tuple(s for artifact in artifacts for s in artifact.sections)
    counts = dict.fromkeys(latest.dataset.counts, 0)
    for artifact in artifacts:
        for name, count in artifact.dataset.counts.items():
            counts[name] = counts.get(name, 0) + count
    counts |= {
        "sections": len(sections),
        "indicators": len(indicators),
        "observations": len(observations),
        "projects": len(projects),
        "mentions": sum(len(p.mentions) for p in projects.values()),
        "glossary": len(glossary),
    }
    dataset = msgspec.structs.replace(
        latest.dataset,
        temporal_start=min(a.dataset.temporal_start for a in artifacts),
        counts=counts,
    )
    merged = Artifact(
        format=latest.format,
        dataset=Dataset(**msgspec.structs.asdict(dataset)),
        sections=sections,
        indicators=tuple(indicators.values()),
        observations=observations,
        projects=tuple(projects.values()),
        glossary=tuple(glossary.values()),
        synonyms=tuple(synonyms.values()),
        rules=latest.rules,
    )
    return merged


def merge(parts: Sequence[LoadedDataset], files: BuiltFiles | None = None) -> LoadedDataset:
    """One dataset serving every report of ``parts``; one report is served as it is.

    The merged dataset's metadata is the latest report's, its years those of the
    whole series; its ``/source`` page is the latest report's, and its downloads
    and catalogue those of the series' build (``files``, else the latest report's).
    Its sha256, which the ETags and cursors are made from, is that of the reports'
    sha256s together (:func:`series_sha256`), so a new report changes every ETag.
    """
    ordered = in_report_order(parts)
    if len(ordered) == 1:
        return ordered[0]
    return LoadedDataset(
        artifact=merge_artifacts([part.artifact for part in ordered]),
        sha256=series_sha256(part.sha256 for part in ordered),
        data=ordered[-1].data,
        files=files if files is not None else ordered[-1].files,
        reports=tuple(ordered),
    )


def load_series(reports: Iterable[tuple[Path, Path]]) -> LoadedDataset:
    """Load each (artifact, folder) and verify it and its source document, then merge them.

    Several reports are served with the files their build together wrote into
    ``series/`` beside their artifacts (downloads, data package, catalogue), each
    checked against its manifest, which names the sha256 of exactly these reports.

    Raises :class:`ArtifactError` for any report that cannot be trusted, and for
    reports that cannot stand together (:func:`series_problems`).
    """
    parts = []
    beside: Path | None = None
    for artifact, folder in reports:
        part = load(artifact)
        read_source(part, folder)
        parts.append(part)
        beside = artifact.parent
    ordered = in_report_order(parts)
    problems = series_problems([part.artifact for part in ordered])
    if problems:
        shown = "; ".join(problems[:5]) + (
            f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        )
        raise ArtifactError(f"the reports cannot be served as one series: {shown}")
    if len(ordered) == 1 or beside is None:
        return merge(parts)
    # The series' downloads and catalogue, built from exactly these reports together.
    folder = beside / SERIES_FOLDER
    try:
        files = read_built(folder, series_sha256(part.sha256 for part in ordered))
    except BuiltFilesError as error:
        names = " ".join(f"--dataset {part.artifact.dataset.id}" for part in ordered)
        raise ArtifactError(
            f"the files of the series in {folder} do not serve these reports ({error}); "
            f"build them together: python -m longgang_build.build {names}"
        ) from None
    return merge(parts, files)
