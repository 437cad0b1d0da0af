"""The one table of links the server offers: the ``/v1`` entry point and the landing page."""

from __future__ import annotations

from dataclasses import dataclass


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
    SiteLink("dataset", "/v1/dataset", "Metadata of the dataset", "数据集元数据"),
    SiteLink("indicators", "/v1/indicators", "Indicators with their observations", "指标"),
    SiteLink("observations", "/v1/observations", "Observations, one row each", "观测值"),
    SiteLink("projects", "/v1/projects", "Projects with their mentions", "项目"),
    SiteLink("glossary", "/v1/glossary", "Glossary terms", "名词解释"),
    SiteLink("sections", "/v1/sections", "Sections of the source document", "章节"),
    SiteLink("search", "/v1/search", "Search across collections", "搜索"),
    SiteLink("service-desc", "/openapi.json", "OpenAPI 3.1 document of this API", "OpenAPI 描述",
             on_landing=True),
    SiteLink("service-doc", "/docs", "Interactive documentation", "API 文档", on_landing=True),
    SiteLink("guides", "/docs/guides", "Guides: REST, SDK, analysts, portals", "使用指南",
             on_index=False, on_landing=True),
    SiteLink("api", "/v1", "API entry point", "API 入口", on_index=False, on_landing=True),
    SiteLink("catalog", "/v1/catalog.jsonld", "DCAT-AP catalogue (JSON-LD)",
             "DCAT-AP 目录（JSON-LD）", on_index=False, on_landing=True),
    SiteLink("catalog-turtle", "/v1/catalog.ttl", "DCAT-AP catalogue (Turtle)",
             "DCAT-AP 目录（Turtle）", on_index=False, on_landing=True),
    SiteLink("datapackage", "/v1/datapackage.json", "Data package (Frictionless)",
             "数据包（Frictionless）", on_index=False, on_landing=True),
    SiteLink("releases", "/v1/releases", "Releases", "版本记录", on_index=False, on_landing=True),
)  # fmt: skip
