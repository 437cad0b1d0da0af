"""Load the compiled artifact, verified, once.

The server never serves part of a dataset: a missing, truncated or tampered
artifact (its sha256 differs from the ``.sha256`` file written beside it by
the build), or one whose records reference records it does not hold, raises
:class:`ArtifactError` before the app is built.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from longgang_api.model import (
    Artifact,
    GlossaryTerm,
    Indicator,
    Observation,
    Project,
    Section,
    Source,
)

#: Version of the artifact's layout; the build writes it, the server checks it.
ARTIFACT_FORMAT = 1


class ArtifactError(RuntimeError):
    """The artifact cannot be trusted; the server must not start."""


# Compared and hashed by identity, so what is derived from it can be cached per dataset.
@dataclass(frozen=True, slots=True, eq=False)
class LoadedDataset:
    """The artifact as the API serves it, with lookups built once at start-up."""

    artifact: Artifact
    sha256: str
    data: bytes = field(repr=False)
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


def load(path: Path) -> LoadedDataset:
    """Read, verify and decode the artifact at ``path``."""
    digest_path = path.with_name(path.name + ".sha256")
    try:
        data = path.read_bytes()
        expected = digest_path.read_text().split()[0]
    except (OSError, IndexError) as error:
        raise ArtifactError(
            f"cannot read the dataset artifact {path} and its .sha256 ({error}); "
            "run `make build` first"
        ) from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise ArtifactError(
            f"dataset artifact {path} has sha256 {actual}, but {digest_path.name} says "
            f"{expected}: refusing to serve a truncated or altered dataset"
        )
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
        shown = "; ".join(dangling[:5]) + (
            f"; and {len(dangling) - 5} more" if len(dangling) > 5 else ""
        )
        raise ArtifactError(
            f"dataset artifact {path} has {len(dangling)} reference(s) to records it does not "
            f"hold: {shown}"
        )
    return LoadedDataset(artifact=artifact, sha256=actual, data=data)


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
