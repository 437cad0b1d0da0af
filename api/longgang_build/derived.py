"""Every file the build derives from the artifact, written into ``build/<id>/`` with a manifest.

The downloads (one CSV per table, the whole dataset as JSON and as SQLite, the
statistical formats, the source's text and the annotations of its quotes),
the data package, Datasette's metadata, the DCAT-AP catalogue (JSON-LD and
Turtle, IRIs relative to the API's root), the releases as an Atom feed (links
relative to the same root) and the /source page's layout. The
same artifact and source give the same bytes: the server checks them against
the manifest and serves them as they are.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import msgspec

from longgang_api.data import media_types
from longgang_api.data.built import (
    CATALOG_JSONLD,
    CATALOG_TURTLE,
    DATAPACKAGE,
    DATASETTE_METADATA,
    DOWNLOADS,
    MANIFEST,
    RELEASES_FEED,
    SERIES_FOLDER,
    SOURCE_VIEW,
    Manifest,
    entry,
    folder_of,
)
from longgang_api.data.model import Artifact
from longgang_api.data.series import merge_artifacts, report_order, series_sha256
from longgang_api.data.source_text import SourceText
from longgang_build.catalog import build_catalog
from longgang_build.downloads import Downloads
from longgang_build.feed import build_feed
from longgang_build.source_view import build_source_view


def derived_files(
    artifact: Artifact,
    artifact_bytes: bytes,
    source: SourceText,
    parts: Sequence[Artifact] = (),
) -> list[tuple[str, str, bytes]]:
    """Each derived file as (path under ``build/<id>/``, media type, bytes), downloads first.

    With several reports (``parts``, in report order, merged into ``artifact``), the
    files of the series: its downloads and catalogue, and the latest report's
    release feed and source page layout (``source`` is the latest report's).
    """
    downloads = Downloads.build(artifact, artifact_bytes, source, parts)
    catalog = build_catalog(artifact, downloads, parts)
    own = parts[-1] if len(parts) > 1 else artifact
    files = [
        (DOWNLOADS + name, download.media_type, download.data)
        for name, download in downloads.files.items()
    ]
    files += [
        (DATAPACKAGE, media_types.JSON, downloads.datapackage),
        (DATASETTE_METADATA, media_types.JSON, downloads.datasette_metadata),
        (CATALOG_JSONLD, media_types.JSON_LD, catalog.jsonld),
        (CATALOG_TURTLE, media_types.TURTLE, catalog.turtle),
        (RELEASES_FEED, media_types.ATOM, build_feed(own)),
        (
            SOURCE_VIEW,
            media_types.JSON,
            # Its set of quoted lines sorted: the same layout gives the same bytes.
            msgspec.json.encode(build_source_view(source, own), order="deterministic"),
        ),
    ]
    return files


def write_derived(
    artifact_path: Path, artifact: Artifact, artifact_bytes: bytes, sha256: str, source: SourceText
) -> Path:
    """Write every derived file and, last, the manifest; return the manifest's path."""
    files = derived_files(artifact, artifact_bytes, source)
    return _write(folder_of(artifact_path), files, sha256)


def write_series(out: Path, reports: Sequence[tuple[Artifact, str, SourceText]]) -> Path:
    """Write the files of the series of ``reports`` (each its artifact, sha256 and source)
    into ``<out>/series/``, its manifest last; return the manifest's path.

    The manifest names the series' sha256 (:func:`series_sha256`), which the server
    computes from the artifacts it serves: files of another set of reports are refused.
    """
    ordered = sorted(reports, key=lambda report: report_order(report[0]))
    parts = [artifact for artifact, _, _ in ordered]
    merged = merge_artifacts(parts)
    files = derived_files(merged, msgspec.json.encode(merged), ordered[-1][2], parts)
    return _write(out / SERIES_FOLDER, files, series_sha256(sha for _, sha, _ in ordered))


def _write(folder: Path, files: list[tuple[str, str, bytes]], sha256: str) -> Path:
    # Nothing of an earlier build stays beside the new files.
    shutil.rmtree(folder, ignore_errors=True)
    entries = []
    for name, media_type, data in files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entries.append(entry(name, media_type, data))
    manifest = folder / MANIFEST
    manifest.write_bytes(
        msgspec.json.format(
            msgspec.json.encode(Manifest(artifact_sha256=sha256, files=tuple(entries))), indent=2
        )
        + b"\n"
    )
    return manifest
