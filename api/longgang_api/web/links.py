"""Every address under ``/v1`` the server routes or writes, and the table of links it
offers (the ``/v1`` entry point lists some, the landing page others).

The fixed paths are declared in :mod:`longgang_api.data.addresses` (the build
writes them too); the lists' paths in their declarations. A route is declared
with its path from here (relative to :data:`API_ROOT`, under which the ``/v1``
router mounts it), and a link is written with :func:`href`, :func:`record_href`
or :func:`download_href`: an address changed there changes both, and no handler
or page writes one by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from longgang_api.data.addresses import (
    API_ROOT,
    CATALOG,
    CATALOG_JSONLD,
    CATALOG_TURTLE,
    DATAPACKAGE,
    DATASET,
    DATASETTE_METADATA,
    DOWNLOADS,
    RELEASE_CHANGES,
    RELEASES,
    RELEASES_FEED,
    REPORT,
    REPORTS,
    download_href,
    href,
    release_changes_href,
)
from longgang_api.engine.declarations import (
    GLOSSARY,
    INDICATORS,
    OBSERVATIONS,
    PROJECTS,
    PROMISES,
    SEARCH,
    SECTIONS,
    TARGETS,
    Listing,
)

__all__ = [
    "API_ROOT",
    "CATALOG",
    "CATALOG_JSONLD",
    "CATALOG_TURTLE",
    "DATAPACKAGE",
    "DATASET",
    "DATASETTE_METADATA",
    "DOWNLOADS",
    "LINKS",
    "RELEASES",
    "RELEASES_FEED",
    "RELEASE_CHANGES",
    "REPORT",
    "REPORTS",
    "SiteLink",
    "download_href",
    "href",
    "record_href",
    "release_changes_href",
    "site_link",
]


def record_href(listing: Listing[Any], record_id: str) -> str:
    """The address of one record of a list."""
    return f"{listing.path}/{quote(record_id, safe='')}"


@dataclass(frozen=True, slots=True)
class SiteLink:
    rel: str
    href: str
    en: str
    zh: str
    #: Listed by ``GET /v1``.
    on_index: bool = True
    #: Listed under "Use the data" on the landing page.
    on_landing: bool = False


LINKS = (
    SiteLink("dataset", href(DATASET), "Metadata of the dataset", "数据集元数据"),
    SiteLink(INDICATORS.name, INDICATORS.path, "Indicators with their observations", "指标"),
    SiteLink(OBSERVATIONS.name, OBSERVATIONS.path, "Observations, one row each", "观测值"),
    SiteLink(PROJECTS.name, PROJECTS.path, "Projects with their mentions", "项目"),
    SiteLink(GLOSSARY.name, GLOSSARY.path, "Glossary terms", "名词解释"),
    SiteLink(SECTIONS.name, SECTIONS.path, "Sections of the source document", "章节"),
    SiteLink(SEARCH.name, SEARCH.path, "Search across collections", "搜索"),
    SiteLink("reports", href(REPORTS), "Reports served, a series", "报告"),
    SiteLink(TARGETS.name, TARGETS.path, "Targets with their outcomes", "目标与完成情况"),
    SiteLink(PROMISES.name, PROMISES.path, "Project promises with their outcomes",
             "项目承诺与兑现"),
    SiteLink("service-desc", "/openapi.json", "OpenAPI 3.1 document of this API", "OpenAPI 描述",
             on_landing=True),
    SiteLink("service-doc", "/docs", "Interactive documentation", "API 文档", on_landing=True),
    SiteLink("guides", "/docs/guides", "Guides: REST, SDK, analysts, portals", "使用指南",
             on_index=False, on_landing=True),
    SiteLink("api", API_ROOT, "API entry point", "API 入口", on_index=False, on_landing=True),
    SiteLink("catalog", href(CATALOG_JSONLD), "DCAT-AP catalogue (JSON-LD)",
             "DCAT-AP 目录（JSON-LD）", on_index=False, on_landing=True),
    SiteLink("catalog-turtle", href(CATALOG_TURTLE), "DCAT-AP catalogue (Turtle)",
             "DCAT-AP 目录（Turtle）", on_index=False, on_landing=True),
    SiteLink("datapackage", href(DATAPACKAGE), "Data package (Frictionless)",
             "数据包（Frictionless）", on_index=False, on_landing=True),
    SiteLink("releases", href(RELEASES), "Releases (JSON)", "版本记录（JSON）", on_index=False,
             on_landing=True),
    SiteLink("releases-feed", href(RELEASES_FEED), "Release feed (Atom)", "版本订阅（Atom）",
             on_index=False, on_landing=True),
)  # fmt: skip


def site_link(rel: str) -> SiteLink:
    """The link of the table named ``rel``."""
    return next(link for link in LINKS if link.rel == rel)
