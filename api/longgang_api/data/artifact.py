"""Load the compiled artifact, verified, once.

The server never serves part of a dataset: a missing, truncated or tampered
artifact (its sha256 differs from the ``.sha256`` file written beside it by
the build), one whose records reference records it does not hold, one whose
dates are not dates, or a source document other than the one the artifact was
built from raises :class:`ArtifactError` before the app is built; so do
the files the build derived from it (:mod:`longgang_api.data.built`), missing,
altered or made from another artifact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import msgspec

from longgang_api.data.built import (
    BuiltFiles,
    BuiltFilesError,
    folder_of,
    read_built,
    read_verified,
)
from longgang_api.data.model import (
    ARTIFACT_FORMAT,
    Artifact,
    GlossaryTerm,
    Indicator,
    Observation,
    Project,
    Section,
    Source,
)

#: A calendar date as the build writes it (``YYYY-MM-DD``), and a year.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")


class ArtifactError(RuntimeError):
    """The artifact, or the source document it was built from, cannot be trusted.

    The server must not start.
    """


# Compared and hashed by identity, so what is derived from it can be cached per dataset.
@dataclass(frozen=True, slots=True, eq=False)
class LoadedDataset:
    """The artifact as the API serves it, with lookups built once at start-up."""

    artifact: Artifact
    sha256: str
    data: bytes = field(repr=False)
    #: The downloads, catalogue and source view the build derived from it, checked.
    files: BuiltFiles = field(repr=False)
    #: The reports served together, in report order (:mod:`longgang_api.data.series`);
    #: empty when this is one report, served alone.
    reports: tuple[LoadedDataset, ...] = field(default=(), repr=False)
    indicators: dict[str, Indicator] = field(init=False)
    observations_by_indicator: dict[str, tuple[Observation, ...]] = field(init=False)
    projects: dict[str, Project] = field(init=False)
    glossary: dict[str, GlossaryTerm] = field(init=False)
    sections: dict[str, Section] = field(init=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        artifact = self.artifact
        set_(self, "indicators", {i.id: i for i in artifact.indicators})
        grouped: dict[str, list[Observation]] = {i.id: [] for i in artifact.indicators}
        for observation in artifact.observations:
            grouped[observation.indicator_id].append(observation)
        set_(self, "observations_by_indicator", {k: tuple(v) for k, v in grouped.items()})
        set_(self, "projects", {p.id: p for p in artifact.projects})
        set_(self, "glossary", {g.id: g for g in artifact.glossary})
        set_(self, "sections", {s.id: s for s in artifact.sections})

    @property
    def version(self) -> str:
        return self.artifact.dataset.version

    @property
    def parts(self) -> tuple[LoadedDataset, ...]:
        """Every report served, in report order: this one alone unless a series."""
        return self.reports or (self,)

    @property
    def report_ids(self) -> tuple[str, ...]:
        return tuple(part.artifact.dataset.id for part in self.parts)


def load(path: Path) -> LoadedDataset:
    """Read, verify and decode the artifact at ``path``."""
    digest_path = path.with_name(path.name + ".sha256")
    fix = "run `make build` first"
    try:
        expected = digest_path.read_text().split()[0]
    except (OSError, IndexError) as error:
        raise ArtifactError(
            f"cannot read the sha256 of the dataset artifact, {digest_path} ({error}); {fix}"
        ) from None
    try:
        data = read_verified(
            path, expected, what="the dataset artifact", said_by=digest_path.name, fix=fix
        )
    except BuiltFilesError as error:
        raise ArtifactError(str(error)) from None
    try:
        artifact = msgspec.json.decode(data, type=Artifact)
    except msgspec.DecodeError as error:
        raise ArtifactError(f"dataset artifact {path} does not decode: {error}") from None
    if artifact.format != ARTIFACT_FORMAT:
        raise ArtifactError(
            f"dataset artifact {path} has format {artifact.format}, expected {ARTIFACT_FORMAT}"
        )
    dangling = dangling_references(artifact)
    if dangling:
        raise ArtifactError(
            f"dataset artifact {path} has {len(dangling)} reference(s) to records it does not "
            f"hold: {_first_few(dangling)}"
        )
    bad_dates = invalid_dates(artifact)
    if bad_dates:
        raise ArtifactError(f"dataset artifact {path} has invalid dates: {_first_few(bad_dates)}")
    try:
        files = read_built(folder_of(path), expected)
    except BuiltFilesError as error:
        raise ArtifactError(str(error)) from None
    return LoadedDataset(artifact=artifact, sha256=expected, data=data, files=files)


def read_source(dataset: LoadedDataset, folder: Path) -> str:
    """The verbatim source document in ``folder``, refused unless the artifact was built from it."""
    document = dataset.artifact.dataset.source_document
    path = folder / document.file
    try:
        data = read_verified(
            path,
            document.sha256,
            what="the source document",
            # A document edited after the build is found here, not served beside stale quotes.
            said_by="the dataset artifact",
            fix="run `make build` again, or set DATASET to the dataset folder it was built from",
        )
    except BuiltFilesError as error:
        raise ArtifactError(str(error)) from None
    return data.decode("utf-8")


def _first_few(found: list[str]) -> str:
    return "; ".join(found[:5]) + (f"; and {len(found) - 5} more" if len(found) > 5 else "")


def dangling_references(artifact: Artifact) -> list[str]:
    """Every reference of ``artifact`` to a record it does not hold, in words.

    The build never writes one; an artifact made otherwise (by hand, by
    another tool) is refused before any lookup is built on it.
    """
    indicators = {indicator.id for indicator in artifact.indicators}
    sections = {section.id for section in artifact.sections}
    document = artifact.dataset.id
    found: list[str] = []

    def check_source(owner: str, source: Source) -> None:
        if source.section_id not in sections:
            found.append(f"{owner} cites section {source.section_id!r}")
        if source.document_id is not None and source.document_id != document:
            found.append(f"{owner} cites document {source.document_id!r}, not {document!r}")

    for section in artifact.sections:
        if section.parent_id is not None and section.parent_id not in sections:
            found.append(f"section {section.id!r} has parent {section.parent_id!r}")
    for observation in artifact.observations:
        owner = f"observation {observation.id!r}"
        if observation.indicator_id not in indicators:
            found.append(f"{owner} observes indicator {observation.indicator_id!r}")
        check_source(owner, observation.source)
    for project in artifact.projects:
        for position, mention in enumerate(project.mentions, start=1):
            check_source(f"mention {position} of project {project.id!r}", mention.source)
    for term in artifact.glossary:
        check_source(f"glossary term {term.id!r}", term.source)
    return found


def invalid_dates(artifact: Artifact) -> list[str]:
    """Every date or year of ``artifact``'s metadata that is not one, in words.

    The build copies them from ``dataset.toml`` as text; the server reads them as
    dates (``Last-Modified``, the catalogue) and years (the values ``period`` and
    ``year`` accept), where one that is not would stop every worker.
    """
    meta = artifact.dataset
    dates = [("release_date", meta.release_date)]
    dates += [(f"releases[{n}].date", release.date) for n, release in enumerate(meta.releases)]
    found = [
        f"{name} {value!r} is not a date (YYYY-MM-DD)"
        for name, value in dates
        if not _is_date(value)
    ]
    years = {"temporal_start": meta.temporal_start, "temporal_end": meta.temporal_end}
    not_years = [name for name, value in years.items() if not _YEAR.fullmatch(value)]
    found += [f"{name} {years[name]!r} is not a year (YYYY)" for name in not_years]
    if not not_years and int(meta.temporal_start) > int(meta.temporal_end):
        found.append(
            f"temporal_end {meta.temporal_end!r} is before temporal_start {meta.temporal_start!r}"
        )
    return found


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:  # a month or a day out of range
        return False
    return True
