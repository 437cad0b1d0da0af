"""Every fixed address under ``/v1``, and the one page the build links to, declared once
for the server and the build.

The server routes these paths (``web/links.py`` adds the lists' and the records'
addresses and the table of links it offers); the build writes them into what it
makes (the release feed). A path changed here changes both.
"""

from __future__ import annotations

from urllib.parse import quote

#: Where the versioned API lives: every list's path and every ``/v1`` address is under it.
API_ROOT = "/v1"

DATASET = "/dataset"
RELEASES = "/releases"
RELEASES_FEED = "/releases.atom"
RELEASE_CHANGES = "/releases/{version:str}/changes"
CATALOG = "/catalog"
CATALOG_JSONLD = "/catalog.jsonld"
CATALOG_TURTLE = "/catalog.ttl"
DATAPACKAGE = "/datapackage.json"
DATASETTE_METADATA = "/datasette-metadata.json"
DOWNLOADS = "/downloads"
REPORTS = "/reports"
REPORT = "/reports/{report_id:str}"

#: The page of the releases, for people: not under ``/v1``, beside the other pages. The
#: release feed's entries link to their release on it, so the build writes it too.
RELEASES_PAGE = "/releases"
#: The source document's page, for people: the default report's (the latest served).
SOURCE_PAGE = "/source"


def href(path: str) -> str:
    """The address of one of the paths above."""
    return API_ROOT + path


def release_changes_href(version: str) -> str:
    """The address of a release's change list (the release feed's entries link to it)."""
    return href(RELEASE_CHANGES.replace("{version:str}", quote(version, safe="")))


def release_anchor(version: str) -> str:
    """The id of a release on the releases page: ``v1.2.0`` (a version is digits and dots)."""
    return f"v{version}"


def release_page_href(version: str) -> str:
    """A release on the releases page: the page's address and the release's anchor."""
    return f"{RELEASES_PAGE}#{release_anchor(version)}"


def source_line_href(line: int, report_id: str | None, default_report: str | None) -> str:
    """A line of a report's source page: ``/source#L12`` for the default report (or a
    statement of no report), ``/source/{report}#L12`` for another report of a series."""
    if report_id in (None, default_report):
        return f"{SOURCE_PAGE}#L{line}"
    return f"{SOURCE_PAGE}/{quote(str(report_id), safe='')}#L{line}"


def download_href(name: str) -> str:
    """The address of a download (a statistical format's name starts with its folder)."""
    return f"{API_ROOT}{DOWNLOADS}/{quote(name, safe='/')}"
