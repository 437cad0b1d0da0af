"""The DCAT-AP 3.0.1 catalogue of the dataset, rendered by the build with rdflib.

Every node of ours has a stable IRI relative to the API's root (no blank
nodes), so a harvester sees the same identifiers on every harvest and the
serialised bytes are the same in every process. The root is a serve-time
setting (``PUBLIC_BASE_URL``): the server declares it as the base of these
relative IRIs (:mod:`longgang_api.data.catalog`). Linked resources carry their
class inline, since validators load no vocabularies.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDFS, SKOS

from longgang_api.data import media_types
from longgang_api.data.licences import licence_uri
from longgang_api.data.model import Artifact
from longgang_build import jsonstat, provenance, sdmx
from longgang_build.downloads import CSVW_STANDARD, PARQUET_STANDARD, Downloads, series_title

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
IANA_MEDIA = "http://www.iana.org/assignments/media-types/"
DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3; rdflib's namespace is DCAT 2
# The series terms of DCAT 3, which rdflib's DCAT 2 namespace does not have.
DCAT_DATASET_SERIES = URIRef(f"{DCAT}DatasetSeries")
DCAT_IN_SERIES = URIRef(f"{DCAT}inSeries")
DCAT_PREV = URIRef(f"{DCAT}prev")
DCAT_NEXT = URIRef(f"{DCAT}next")
DCAT_FIRST = URIRef(f"{DCAT}first")
DCAT_LAST = URIRef(f"{DCAT}last")
EU_AVAILABILITY = "http://publications.europa.eu/resource/authority/planned-availability/"
EU_ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
THEMES = {
    "ECON": ("经济和金融", "Economy and finance"),
    "GOVE": ("政府和公共部门", "Government and public sector"),
    "REGI": ("地区和城市", "Regions and cities"),
}

CONTEXT: dict[str, Any] = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "spdx": str(SPDX),
    "dcatap": str(DCATAP),
    "adms": str(ADMS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
_FILE_TYPES = {
    media_types.CSV: ("CSV", media_types.CSV),
    media_types.JSON: ("JSON", media_types.JSON),
    media_types.SQLITE: ("SQLITE", media_types.SQLITE),
    media_types.PARQUET: ("PARQUET", media_types.PARQUET),
    media_types.CSVW_METADATA: ("JSON_LD", media_types.CSVW_METADATA),
    media_types.XML: ("XML", media_types.XML),
    media_types.TEXT: ("TXT", media_types.TEXT),
    media_types.JSON_LD: ("JSON_LD", media_types.JSON_LD),
}
#: The standards the other downloads conform to, by their IRI.
_STANDARDS = {
    PARQUET_STANDARD: ("Apache Parquet 文件格式", "Apache Parquet file format"),
    CSVW_STANDARD: (
        "CSV on the Web：表格数据与元数据的元数据词汇",
        "CSV on the Web: Metadata Vocabulary for Tabular Data",
    ),
    jsonstat.JSONSTAT_STANDARD: ("JSON-stat 2.0 格式", "JSON-stat 2.0 format"),
    sdmx.SDMX_CSV_STANDARD: ("SDMX-CSV 2.0 格式", "SDMX-CSV 2.0 format"),
    sdmx.SDMX_ML_STANDARD: ("SDMX-ML 3.0 格式", "SDMX-ML 3.0 format"),
    provenance.ANNOTATION_STANDARD: ("Web 注释数据模型", "Web Annotation Data Model"),
}


@dataclass(frozen=True, slots=True)
class Catalog:
    """The catalogue, serialised once in each format."""

    turtle: bytes
    jsonld: bytes


def _text(graph: Graph, node: URIRef, predicate: URIRef, zh: str, en: str) -> None:
    graph.add((node, predicate, Literal(zh, lang="zh")))
    graph.add((node, predicate, Literal(en, lang="en")))


def _typed(graph: Graph, uri: str, kind: URIRef) -> URIRef:
    node = URIRef(uri)
    graph.add((node, RDF.type, kind))
    return node


def _concept(
    graph: Graph, uri: str, scheme: str, label: tuple[str, str], scheme_title: tuple[str, str]
) -> URIRef:
    """A SKOS concept with its labels and its scheme, typed inline."""
    concept = _typed(graph, uri, SKOS.Concept)
    _text(graph, concept, SKOS.prefLabel, *label)
    scheme_node = _typed(graph, scheme, SKOS.ConceptScheme)
    _text(graph, scheme_node, DCTERMS.title, *scheme_title)
    graph.add((concept, SKOS.inScheme, scheme_node))
    return concept


def _in_authority(graph: Graph, table: str, code: str, kind: URIRef) -> URIRef:
    """An entry of an EU authority table, typed inline and placed in its table."""
    node = _typed(graph, table + code, kind)
    graph.add((node, SKOS.inScheme, URIRef(table.rstrip("/"))))
    return node


def build_graph(artifact: Artifact, downloads: Downloads, parts: Sequence[Artifact] = ()) -> Graph:
    """The catalogue graph, our nodes' IRIs relative to the API's root.

    With several reports (``parts``, in report order, merged into ``artifact``), the
    served dataset ``v1/dataset`` is their ``dcat:DatasetSeries`` with the series'
    downloads, and each report a ``dcat:Dataset`` of its own (:func:`_add_reports`).
    """
    meta = artifact.dataset
    graph = Graph()
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)
    catalog = _typed(graph, "v1/catalog", DCAT.Catalog)
    data = _typed(graph, "v1/dataset", DCAT.Dataset)
    service = _typed(graph, "v1", DCAT.DataService)
    publisher = _typed(graph, "v1/catalog#publisher", FOAF.Agent)
    homepage = _typed(graph, "", FOAF.Document)
    license_doc = _typed(
        graph, licence_uri(meta.license.id, meta.license.url), DCTERMS.LicenseDocument
    )
    licence_type = _concept(
        graph,
        "http://purl.org/adms/licencetype/Attribution",
        "http://purl.org/adms/licencetype/1.0",
        ("署名", "Attribution"),
        ("许可类型", "Licence type"),
    )
    graph.add((license_doc, DCTERMS.type, licence_type))
    languages = [
        _in_authority(graph, EU_LANGUAGE, code, DCTERMS.LinguisticSystem) for code in ("ZHO", "ENG")
    ]
    released = Literal(meta.release_date, datatype=XSD.date)

    _text(graph, publisher, FOAF.name, meta.publisher.name.zh, meta.publisher.name.en)
    if meta.publisher.url:
        graph.add((publisher, FOAF.homepage, _typed(graph, meta.publisher.url, FOAF.Document)))
    kind = _concept(
        graph,
        "http://purl.org/adms/publishertype/LocalAuthority",
        "http://purl.org/adms/publishertype/1.0",
        ("地方政府", "Local authority"),
        ("发布者类型", "Publisher type"),
    )
    graph.add((publisher, DCTERMS.type, kind))

    _text(graph, catalog, DCTERMS.title, "龙岗开放数据", "Longgang Open Data")
    _text(
        graph,
        catalog,
        DCTERMS.description,
        "龙岗区国民经济和社会发展计划报告的开放数据目录。",
        "Catalogue of the open data compiled from the Longgang District economic and social "
        "development plan report.",
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, FOAF.homepage, homepage))
    graph.add((catalog, DCTERMS.license, license_doc))
    graph.add((catalog, DCTERMS.issued, released))
    graph.add((catalog, DCTERMS.modified, released))
    graph.add((catalog, DCAT.dataset, data))
    graph.add((catalog, DCAT.service, service))
    for language in languages:
        graph.add((catalog, DCTERMS.language, language))
    theme_scheme = EU_THEME.rstrip("/")
    graph.add((catalog, DCAT.themeTaxonomy, URIRef(theme_scheme)))
    spatial = _typed(graph, "v1/catalog#longgang", DCTERMS.Location)
    _text(graph, spatial, SKOS.prefLabel, meta.spatial.zh, meta.spatial.en)
    graph.add((catalog, DCTERMS.spatial, spatial))

    _text(graph, data, DCTERMS.title, meta.title.zh, meta.title.en)
    _text(
        graph,
        data,
        DCTERMS.description,
        f"{meta.description.zh}{meta.translation_note.zh}",
        f"{meta.description.en} {meta.translation_note.en}",
    )
    # A literal, which no base resolves: the dataset's own id, the same wherever it is served.
    graph.add((data, DCTERMS.identifier, Literal(meta.id)))
    identifier = _typed(graph, "v1/dataset#identifier", ADMS.Identifier)
    graph.add((identifier, SKOS.notation, Literal(meta.id)))
    graph.add((data, ADMS.identifier, identifier))
    graph.add((data, DCTERMS.license, license_doc))
    public = _concept(
        graph,
        EU_ACCESS_RIGHT + "PUBLIC",
        EU_ACCESS_RIGHT.rstrip("/"),
        ("公开", "Public"),
        ("访问权限", "Access right"),
    )
    graph.add((public, RDF.type, DCTERMS.RightsStatement))
    graph.add((data, DCTERMS.accessRights, public))
    provenance = _typed(graph, "v1/dataset#provenance", DCTERMS.ProvenanceStatement)
    _text(
        graph,
        provenance,
        RDFS.label,
        f"整理自《{meta.source_document.title.zh}》；每个数值都附有原文引文、所在章节和行号，"
        "构建时逐条核对原文。",
        f"Compiled from “{meta.source_document.title.en}”; every value carries its verbatim "
        "quote, section and line, each checked against the source when the dataset is built.",
    )
    graph.add((data, DCTERMS.provenance, provenance))
    graph.add((data, DCTERMS.publisher, publisher))
    graph.add((data, DCTERMS.creator, publisher))
    graph.add((data, DCTERMS.issued, released))
    graph.add((data, DCTERMS.modified, released))
    graph.add((data, DCAT_VERSION, Literal(meta.version)))
    graph.add((data, DCAT.landingPage, homepage))
    graph.add((data, DCTERMS.spatial, spatial))
    graph.add((data, DCTERMS.language, languages[0]))
    frequency = _in_authority(graph, EU_FREQUENCY, "ANNUAL", DCTERMS.Frequency)
    graph.add((data, DCTERMS.accrualPeriodicity, frequency))
    period = _typed(graph, "v1/catalog#period", DCTERMS.PeriodOfTime)
    graph.add((period, DCAT.startDate, Literal(f"{meta.temporal_start}-01-01", datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(f"{meta.temporal_end}-12-31", datatype=XSD.date)))
    graph.add((data, DCTERMS.temporal, period))
    themes = [
        _concept(graph, EU_THEME + code, theme_scheme, label, ("数据主题", "Data theme"))
        for code, label in THEMES.items()
    ]
    contact = _typed(graph, "v1/catalog#contact", VCARD.Kind)
    graph.add((contact, VCARD.fn, Literal("Longgang Open Data")))
    graph.add((contact, VCARD.hasURL, homepage))
    for node in (data, service):
        graph.add((node, DCAT.contactPoint, contact))
        for theme in themes:
            graph.add((node, DCAT.theme, theme))
        for keyword in meta.keywords:
            _text(graph, node, DCAT.keyword, keyword.zh, keyword.en)
    source = _typed(graph, "v1/sections", FOAF.Document)
    _text(
        graph, source, DCTERMS.title, meta.source_document.title.zh, meta.source_document.title.en
    )
    graph.add((data, FOAF.page, source))
    stable = _concept(
        graph,
        EU_AVAILABILITY + "STABLE",
        EU_AVAILABILITY.rstrip("/"),
        ("稳定", "Stable"),
        ("计划可用性", "Planned availability"),
    )

    algorithm = _typed(graph, str(SPDX.checksumAlgorithm_sha256), SPDX.ChecksumAlgorithm)
    # Every CSV file is described, with its Table Schema, by the data package.
    package = _typed(graph, "v1/datapackage.json", DCTERMS.Standard)
    _text(
        graph,
        package,
        DCTERMS.title,
        "数据包（Frictionless Data Package v2），含各 CSV 文件的 Table Schema",
        "Data package (Frictionless Data Package v2) with the Table Schema of every CSV file",
    )
    for name, download in downloads.files.items():
        url = f"v1/downloads/{name}"
        distribution = _typed(graph, f"{url}#distribution", DCAT.Distribution)
        graph.add((data, DCAT.distribution, distribution))
        _text(
            graph,
            distribution,
            DCTERMS.title,
            f"{download.title_zh}（{name}）",
            f"{download.title} ({name})",
        )
        if download.conforms_to is None and download.media_type == media_types.CSV:
            graph.add((distribution, DCTERMS.conformsTo, package))
        elif download.conforms_to is not None:
            standard = _typed(graph, download.conforms_to, DCTERMS.Standard)
            _text(graph, standard, DCTERMS.title, *_STANDARDS[download.conforms_to])
            graph.add((distribution, DCTERMS.conformsTo, standard))
        _text(
            graph,
            distribution,
            DCTERMS.description,
            f"下载文件 {name}。",
            f"Download of {name}.",
        )
        download_url = URIRef(url)
        graph.add((distribution, DCAT.accessURL, download_url))
        graph.add((distribution, DCAT.downloadURL, download_url))
        file_type, media = _FILE_TYPES[download.media_type]
        file_format = _in_authority(graph, EU_FILE_TYPE, file_type, DCTERMS.MediaTypeOrExtent)
        graph.add((distribution, DCTERMS.format, file_format))
        graph.add(
            (distribution, DCAT.mediaType, _typed(graph, IANA_MEDIA + media, DCTERMS.MediaType))
        )
        graph.add(
            (
                distribution,
                DCAT.byteSize,
                Literal(len(download.data), datatype=XSD.nonNegativeInteger),
            )
        )
        checksum = _typed(graph, f"{url}#sha256", SPDX.Checksum)
        graph.add((checksum, SPDX.algorithm, algorithm))
        graph.add((checksum, SPDX.checksumValue, Literal(download.sha256, datatype=XSD.hexBinary)))
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((distribution, DCTERMS.license, license_doc))
        graph.add((distribution, DCTERMS.issued, released))
        graph.add((distribution, DCTERMS.modified, released))
        graph.add((distribution, DCTERMS.language, languages[0]))
        graph.add((distribution, DCATAP.availability, stable))

    _text(graph, service, DCTERMS.title, "龙岗开放数据 API", "Longgang Open Data API")
    _text(
        graph,
        service,
        DCTERMS.description,
        "只读 HTTP API（/v1），提供指标、项目、名词解释和章节。",
        "Read-only HTTP API (/v1) over the indicators, projects, glossary and sections.",
    )
    graph.add((service, DCAT.endpointURL, URIRef("v1")))
    description = _typed(graph, "openapi.json", FOAF.Document)
    graph.add((service, DCAT.endpointDescription, description))
    graph.add((service, DCAT.servesDataset, data))
    graph.add((service, DCTERMS.license, license_doc))
    graph.add((service, DCTERMS.publisher, publisher))
    openapi = _typed(graph, "https://spec.openapis.org/oas/v3.1.0", DCTERMS.Standard)
    graph.add((service, DCTERMS.conformsTo, openapi))
    if len(parts) > 1:
        _add_reports(graph, data, parts)
    return graph


def _add_reports(graph: Graph, series: URIRef, parts: Sequence[Artifact]) -> None:
    """Make ``series`` the reports' ``dcat:DatasetSeries``, each report a ``dcat:Dataset``
    in it (``dcat:inSeries``), linked to its neighbours in report order.

    The series node keeps what the one-report dataset says (licence, publisher,
    themes, downloads); a report's dataset says what is its own (title, years,
    version, release date, source document) and shares the rest.
    """
    # Typed as both: DCAT 3's dataset series is a dataset, and validators infer nothing.
    graph.add((series, RDF.type, DCAT_DATASET_SERIES))
    title = series_title(parts)
    graph.remove((series, DCTERMS.title, None))
    _text(graph, series, DCTERMS.title, title.zh, title.en)
    graph.remove((series, DCTERMS.description, None))
    _text(
        graph,
        series,
        DCTERMS.description,
        f"{title.zh}。每份报告是系列中的一个数据集；下载文件包含所有报告的陈述（每行注明 "
        "report_id），以及每个目标和项目承诺对照后续报告的核对结果。",
        f"{title.en}. Each report is a dataset of the series; the downloads hold every "
        "report's statements (each row names its report_id) and the ledger: every target "
        "and project promise checked against the later reports.",
    )
    # The identifier and version are each report's own, not the series'.
    graph.remove((series, DCTERMS.identifier, None))
    graph.remove((series, DCAT_VERSION, None))
    for identifier in list(graph.objects(series, ADMS.identifier)):
        graph.remove((identifier, None, None))
    graph.remove((series, ADMS.identifier, None))
    catalog, service = URIRef("v1/catalog"), URIRef("v1")
    shared = [
        DCTERMS.license,
        DCTERMS.accessRights,
        DCTERMS.publisher,
        DCTERMS.creator,
        DCTERMS.spatial,
        DCTERMS.language,
        DCTERMS.accrualPeriodicity,
        DCAT.contactPoint,
        DCAT.theme,
    ]
    nodes = [URIRef(f"v1/reports/{part.dataset.id}") for part in parts]
    for position, (part, node) in enumerate(zip(parts, nodes, strict=True)):
        meta = part.dataset
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((catalog, DCAT.dataset, node))
        graph.add((service, DCAT.servesDataset, node))
        graph.add((node, DCAT_IN_SERIES, series))
        if position > 0:
            graph.add((node, DCAT_PREV, nodes[position - 1]))
        if position + 1 < len(nodes):
            graph.add((node, DCAT_NEXT, nodes[position + 1]))
        _text(graph, node, DCTERMS.title, meta.title.zh, meta.title.en)
        _text(
            graph,
            node,
            DCTERMS.description,
            f"{meta.description.zh}{meta.translation_note.zh}",
            f"{meta.description.en} {meta.translation_note.en}",
        )
        graph.add((node, DCTERMS.identifier, Literal(meta.id)))
        identifier = _typed(graph, f"v1/reports/{meta.id}#identifier", ADMS.Identifier)
        graph.add((identifier, SKOS.notation, Literal(meta.id)))
        graph.add((node, ADMS.identifier, identifier))
        for predicate in shared:
            for value in graph.objects(series, predicate):
                graph.add((node, predicate, value))
        for keyword in meta.keywords:
            _text(graph, node, DCAT.keyword, keyword.zh, keyword.en)
        released = Literal(meta.release_date, datatype=XSD.date)
        graph.add((node, DCTERMS.issued, released))
        graph.add((node, DCTERMS.modified, released))
        graph.add((node, DCAT_VERSION, Literal(meta.version)))
        period = _typed(graph, f"v1/reports/{meta.id}#period", DCTERMS.PeriodOfTime)
        start = Literal(f"{meta.temporal_start}-01-01", datatype=XSD.date)
        graph.add((period, DCAT.startDate, start))
        end = Literal(f"{meta.temporal_end}-12-31", datatype=XSD.date)
        graph.add((period, DCAT.endDate, end))
        graph.add((node, DCTERMS.temporal, period))
        # The report's own source page, with its lines: where every quote of it stands.
        page = _typed(graph, f"source/{meta.id}", FOAF.Document)
        _text(
            graph, page, DCTERMS.title, meta.source_document.title.zh, meta.source_document.title.en
        )
        graph.add((node, DCAT.landingPage, page))
        graph.add((node, FOAF.page, page))
        _add_report_access(graph, node, meta.id, released)
    graph.add((series, DCAT_FIRST, nodes[0]))
    graph.add((series, DCAT_LAST, nodes[-1]))


def _sorted_jsonld(graph: Graph) -> bytes:
    """JSON-LD with the inline context, nodes and values in a stable order."""
    document = json.loads(graph.serialize(format="json-ld", context=CONTEXT, auto_compact=True))
    nodes = document.get("@graph", [document])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(
                    value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)
                )
    ordered = {"@context": CONTEXT, "@graph": sorted(nodes, key=lambda n: str(n.get("@id", "")))}
    return (json.dumps(ordered, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _add_report_access(graph: Graph, node: URIRef, report: str, released: Literal) -> None:
    """A report's own distribution: its statements through the API, every vintage of them.

    The series' downloads hold every report's rows; the API's ``report`` filter is
    how one report's own are fetched.
    """
    url = f"v1/observations?report={report}&vintage=all"
    distribution = _typed(graph, f"v1/reports/{report}#distribution", DCAT.Distribution)
    graph.add((node, DCAT.distribution, distribution))
    _text(
        graph,
        distribution,
        DCTERMS.title,
        f"报告 {report} 的观测值（API，JSON）",
        f"Observations of the report {report} (API, JSON)",
    )
    _text(
        graph,
        distribution,
        DCTERMS.description,
        f"该报告陈述的全部观测值，经 API 的 report 筛选条件取得：{url}",
        f"Every observation the report states, through the API's report filter: {url}",
    )
    graph.add((distribution, DCAT.accessURL, URIRef(url)))
    graph.add((distribution, DCAT.accessService, URIRef("v1")))
    file_format = _in_authority(graph, EU_FILE_TYPE, "JSON", DCTERMS.MediaTypeOrExtent)
    graph.add((distribution, DCTERMS.format, file_format))
    media = _typed(graph, IANA_MEDIA + media_types.JSON, DCTERMS.MediaType)
    graph.add((distribution, DCAT.mediaType, media))
    for predicate in (DCTERMS.license, DCTERMS.language):
        for value in graph.objects(URIRef("v1/dataset"), predicate):
            graph.add((distribution, predicate, value))
    stable = URIRef(EU_AVAILABILITY + "STABLE")
    graph.add((distribution, DCATAP.availability, stable))
    graph.add((distribution, DCTERMS.issued, released))
    graph.add((distribution, DCTERMS.modified, released))


def build_catalog(
    artifact: Artifact, downloads: Downloads, parts: Sequence[Artifact] = ()
) -> Catalog:
    graph = build_graph(artifact, downloads, parts)
    return Catalog(turtle=graph.serialize(format="turtle").encode(), jsonld=_sorted_jsonld(graph))
