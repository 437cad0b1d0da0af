"""Every fixed address under ``/v1``, declared once for the server and the build.

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


def href(path: str) -> str:
    """The address of one of the paths above."""
    return API_ROOT + path


def release_changes_href(version: str) -> str:
    """The address of a release's change list (the release feed's entries link to it)."""
    return href(RELEASE_CHANGES.replace("{version:str}", quote(version, safe="")))


def download_href(name: str) -> str:
    """The address of a download (a statistical format's name starts with its folder)."""
    return f"{API_ROOT}{DOWNLOADS}/{quote(name, safe='/')}"
