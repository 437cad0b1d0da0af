"""The files the build derives from the artifact, and the manifest that vouches for them.

The build writes them into ``build/<id>/`` beside ``build/<id>.json``; the
server reads them once at start-up, checks every file's sha256 against the
manifest and the manifest against the artifact, and serves their bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta

from longgang_api.data.model import Base

MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
DATASETTE_METADATA = "datasette-metadata.json"
CATALOG_JSONLD = "catalog.jsonld"
CATALOG_TURTLE = "catalog.ttl"
SOURCE_VIEW = "source-view.json"
#: The releases as an Atom feed, each entry written from the release's change list.
RELEASES_FEED = "releases.atom"
#: The folder, beside the reports' artifacts, of the files a build of several reports
#: derives from them together: the series' downloads, data package and catalogue.
SERIES_FOLDER = "series"
#: Downloads live in a folder of their own, as their addresses (``/v1/downloads/…``) do.
DOWNLOADS = "downloads/"


class BuiltFile(Base, frozen=True, kw_only=True):
    """One derived file, by its path under the dataset's build folder."""

    name: Annotated[str, Meta(description="Path of the file under build/<id>/.")]
    media_type: Annotated[str, Meta(description="Media type the file is served as.")]
    bytes: Annotated[int, Meta(ge=0, description="Size of the file in bytes.")]
    sha256: Annotated[str, Meta(description="sha256 of the file, lowercase hex.")]


class Manifest(Base, frozen=True, kw_only=True):
    """What the build derived from one artifact."""

    artifact_sha256: Annotated[str, Meta(description="sha256 of the artifact they derive from.")]
    files: tuple[BuiltFile, ...]


class BuiltFilesError(ValueError):
    """A derived file is missing, altered, or was made from another artifact."""


def folder_of(artifact: Path) -> Path:
    """``build/<id>/`` for the artifact ``build/<id>.json``."""
    return artifact.with_suffix("")


def entry(name: str, media_type: str, data: bytes) -> BuiltFile:
    return BuiltFile(
        name=name, media_type=media_type, bytes=len(data), sha256=hashlib.sha256(data).hexdigest()
    )


@dataclass(frozen=True, slots=True)
class BuiltFiles:
    """Every derived file's bytes, checked, with the manifest's entry for each."""

    manifest: Manifest
    data: dict[str, bytes]

    def __getitem__(self, name: str) -> bytes:
        return self.data[name]

    def downloads(self) -> list[tuple[BuiltFile, bytes]]:
        """The downloads, in the build's order, by the name they are offered under."""
        return [
            (msgspec.structs.replace(f, name=f.name.removeprefix(DOWNLOADS)), self.data[f.name])
            for f in self.manifest.files
            if f.name.startswith(DOWNLOADS)
        ]


def read_built(folder: Path, artifact_sha256: str) -> BuiltFiles:
    """The files of ``folder``, each checked against the manifest.

    Raises :class:`BuiltFilesError`.
    """
    try:
        manifest = msgspec.json.decode((folder / MANIFEST).read_bytes(), type=Manifest)
    except (OSError, msgspec.DecodeError) as error:
        raise BuiltFilesError(
            f"cannot read the manifest of the derived files {folder / MANIFEST} ({error}); "
            "run `make build` again"
        ) from None
    if manifest.artifact_sha256 != artifact_sha256:
        raise BuiltFilesError(
            f"{folder / MANIFEST} was made from the artifact with sha256 "
            f"{manifest.artifact_sha256}, not the one served ({artifact_sha256}): "
            "run `make build` again"
        )
    data = {
        file.name: read_verified(
            folder / file.name,
            file.sha256,
            what="the derived file",
            said_by=str(MANIFEST),
            fix="run `make build` again",
        )
        for file in manifest.files
    }
    return BuiltFiles(manifest, data)


def read_verified(path: Path, sha256: str, *, what: str, said_by: str, fix: str) -> bytes:
    """The bytes of ``path``, refused unless they are readable and have ``sha256``.

    ``what`` names the file, ``said_by`` what gave its sha256 and ``fix`` what the
    operator can do about either refusal. Raises :class:`BuiltFilesError`.
    """
    try:
        content = path.read_bytes()
    except OSError as error:
        raise BuiltFilesError(
            f"cannot read {what} {path} ({error.strerror or error}); {fix}"
        ) from None
    actual = hashlib.sha256(content).hexdigest()
    if actual != sha256:
        raise BuiltFilesError(
            f"{what} {path} has sha256 {actual}, but {said_by} says {sha256}: "
            f"refusing to serve a truncated or altered file; {fix}"
        )
    return content
