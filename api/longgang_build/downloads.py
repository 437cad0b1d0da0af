"""Bulk downloads and their Frictionless Data Package, rendered by the build from the artifact.

- one CSV per table (``indicators``, ``observations``, ``projects``,
  ``project_mentions``, ``glossary``, ``sections``, and the ledger's ``targets``
  and ``promises``, from :mod:`longgang_api.data.ledger`), UTF-8 without BOM,
  the same columns as the API's CSV;
- the whole dataset as one JSON file (the artifact itself) and as a SQLite
  database for Datasette and DuckDB: primary and foreign keys, an index on
  every foreign-key column, a ``name`` column on every table that has a name
  (Datasette's label for the ids that point at it), and FTS5 tables over the
  Chinese and English text (see :func:`spelled_for_search`);
- Datasette's metadata of that database (title, licence, source, label
  columns), read by ``datasette --metadata``;
- one Parquet file per table (:mod:`longgang_build.parquet`), and the CSV on
  the Web metadata of the CSV files (:mod:`longgang_build.csv_on_the_web`), both
  from the same table declarations as the CSV and its Table Schema;
- the observations as JSON-stat 2.0 (:mod:`longgang_build.jsonstat`) and as
  SDMX-CSV 2.0 with its SDMX-ML 3.0 structure (:mod:`longgang_build.sdmx`);
- the source's normalised text and every quote as a Web Annotation with its
  selectors in that text (:mod:`longgang_build.provenance`);
- ``datapackage.json`` (Data Package v2): Table Schema types, constraints,
  enums, keys, byte sizes and sha256 hashes of every file.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from longgang_api.data import media_types
from longgang_api.data.envelopes import Promise, Target
from longgang_api.data.ledger import promises_of, targets_of
from longgang_api.data.model import (
    PERIOD_PATTERN,
    Artifact,
    Base,
    GlossaryTerm,
    Indicator,
    LocalizedText,
    MentionStatus,
    Observation,
    ProjectCategory,
    ReportId,
    Section,
    Source,
)
from longgang_api.data.source_text import SourceText
from longgang_api.data.tabular import Column, columns_of, flat_row, render_csv
from longgang_api.data.web_annotation import SOURCE_TEXT_NAME
from longgang_build import jsonstat, provenance, sdmx
from longgang_build.csv_on_the_web import CSVW_METADATA, table_group
from longgang_build.parquet import render_parquet

DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
#: The standards the files other than the CSV tables conform to, named in the catalogue.
PARQUET_STANDARD = "https://parquet.apache.org/docs/file-format/"
#: The statistical formats (and the provenance files) sit in a folder each beside the
#: tables' CSV files.
PARQUET_FOLDER, CSVW_FOLDER, JSONSTAT_FOLDER, SDMX_FOLDER = "parquet", "csvw", "jsonstat", "sdmx"
CSVW_NAME = f"{CSVW_FOLDER}/{CSVW_METADATA}"
JSONSTAT_NAME = f"{JSONSTAT_FOLDER}/observations.json"
SDMX_CSV_NAME = f"{SDMX_FOLDER}/observations.csv"
SDMX_STRUCTURE_NAME = f"{SDMX_FOLDER}/structure.xml"
CSVW_STANDARD = "http://www.w3.org/TR/tabular-metadata/"
#: The name of a series' data package and of its whole-dataset downloads.
SERIES_NAME = "series"


class ProjectRow(Base, frozen=True, kw_only=True):
    """A project without its mentions (they are the project_mentions table)."""

    id: Annotated[str, Meta(description="Id of the project.")]
    name: Annotated[LocalizedText, Meta(description="Name of the project.")]
    category: Annotated[ProjectCategory, Meta(description="Kind of project.")]


class MentionRow(Base, frozen=True, kw_only=True):
    """One mention of a project, one row each."""

    project_id: Annotated[str, Meta(description="Id of the project mentioned.")]
    position: Annotated[int, Meta(ge=1, description="Order of the mention within its project.")]
    year: Annotated[
        int,
        Meta(
            description="The year of the report's part that mentions the project (results or plan)."
        ),
    ]
    status: Annotated[MentionStatus, Meta(description="Controlled status of the project.")]
    status_text: Annotated[str, Meta(description="Status wording as written.")]
    source: Annotated[Source, Meta(description="Provenance of the mention.")]
    report_id: ReportId = None


@dataclass(frozen=True, slots=True)
class Contents:
    """What the tables are rendered from: the artifact, and the ledger of its reports."""

    artifact: Artifact
    targets: tuple[Target, ...]
    promises: tuple[Promise, ...]

    @classmethod
    def of(cls, artifact: Artifact, parts: Sequence[Artifact] = ()) -> Contents:
        """``artifact`` of the reports ``parts`` in report order (none: itself alone)."""
        reports = tuple(parts) or (artifact,)
        return cls(artifact, targets_of(reports, artifact), promises_of(reports, artifact))


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    title: str
    title_zh: str
    row_type: type[msgspec.Struct]
    rows: Callable[[Contents], Sequence[msgspec.Struct]]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (field, table, field)
    #: Columns of the full-text index (none: the table has no FTS table).
    searchable: tuple[str, ...] = ()
    #: The column copied into the SQLite table's ``name`` column, which Datasette
    #: shows in place of an id that points at this table.
    label: str | None = None


def _project_rows(contents: Contents) -> list[ProjectRow]:
    projects = contents.artifact.projects
    return [ProjectRow(id=p.id, name=p.name, category=p.category) for p in projects]


def _mention_rows(contents: Contents) -> list[MentionRow]:
    return [
        MentionRow(
            project_id=p.id,
            position=position,
            year=m.year,
            status=m.status,
            status_text=m.status_text,
            source=m.source,
            report_id=m.report_id,
        )
        for p in contents.artifact.projects
        for position, m in enumerate(p.mentions, start=1)
    ]


_SOURCE_FK = ("source_section_id", "sections", "id")
TABLES = (
    Table(
        "indicators",
        "Indicators",
        "指标",
        Indicator,
        lambda c: c.artifact.indicators,
        ("id",),
        (),
        searchable=("name_zh", "name_en"),
        label="name_zh",
    ),
    Table(
        "observations",
        "Observations",
        "观测值",
        Observation,
        lambda c: c.artifact.observations,
        ("id",),
        (("indicator_id", "indicators", "id"), _SOURCE_FK),
    ),
    Table(
        "projects",
        "Projects",
        "项目",
        ProjectRow,
        _project_rows,
        ("id",),
        (),
        searchable=("name_zh", "name_en"),
        label="name_zh",
    ),
    Table(
        "project_mentions",
        "Project mentions",
        "项目提及",
        MentionRow,
        _mention_rows,
        ("project_id", "position"),
        (("project_id", "projects", "id"), _SOURCE_FK),
    ),
    Table(
        "glossary",
        "Glossary",
        "名词解释",
        GlossaryTerm,
        lambda c: c.artifact.glossary,
        ("id",),
        (_SOURCE_FK,),
        searchable=("term_zh", "term_en", "definition_zh", "definition_en"),
        label="term_zh",
    ),
    Table(
        "sections",
        "Sections",
        "章节",
        Section,
        lambda c: c.artifact.sections,
        ("id",),
        (("parent_id", "sections", "id"),),
        searchable=("heading_zh", "heading_en", "text"),
        label="heading_zh",
    ),
    # The ledger, as /v1/targets and /v1/promises answer it: with one report every
    # target is pending; a series' build checks each against the later reports.
    Table(
        "targets",
        "Targets and their outcomes",
        "目标及其结果",
        Target,
        lambda c: c.targets,
        ("id",),
        (("indicator_id", "indicators", "id"),),
    ),
    Table(
        "promises",
        "Project promises and their outcomes",
        "项目承诺及其结果",
        Promise,
        lambda c: c.promises,
        ("id",),
        (("project_id", "projects", "id"),),
    ),
)
#: Datasette's ``?_search=`` quotes each word of the query, and FTS5's unicode61
#: tokenizer takes a run of Chinese characters as one word: the index holds a
#: column spelling every character and every pair of characters as words, so a
#: query of one or two characters (or a longer one written as its pairs) is found.
FTS_TOKENIZER = "unicode61"
#: The SQLite-only columns: the label, and the Chinese text spelled for the index.
LABEL_COLUMN = "name"
SPELLED_COLUMN = "search_terms"
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _han_words(text: str) -> list[str]:
    """Each character and each pair of neighbouring characters of every run of Han text."""
    words: list[str] = []
    for run in _HAN_RUN.findall(unicodedata.normalize("NFKC", text)):
        words += list(run)
        words += [run[i : i + 2] for i in range(len(run) - 1)]
    return words


def _is_member(term: str, text: str) -> bool:
    if _HAN_RUN.search(term):
        return term in text
    return re.search(rf"\b{re.escape(term)}\b", text, re.IGNORECASE) is not None


def spelled_for_search(texts: Sequence[str], synonyms: Sequence[Sequence[str]]) -> str:
    """``texts`` as words FTS5's unicode61 tokenizer finds one by one, synonyms added.

    A synonym group of the dataset (地铁 = 轨道 = metro) that has a member in the
    texts adds its other members, as the API's search matches them.
    """
    text = " ".join(texts)
    words = _han_words(text)
    for group in synonyms:
        if any(_is_member(term, text) for term in group):
            for term in group:
                words += _han_words(term) if _HAN_RUN.search(term) else [term]
    # Each word once, in order of first appearance: the same text gives the same bytes.
    return " ".join(dict.fromkeys(words))


@dataclass(frozen=True, slots=True)
class Download:
    """A file offered for download."""

    name: str
    title: str
    title_zh: str
    media_type: str
    data: bytes
    sha256: str
    #: The standard the file conforms to (a CSV table: the data package that describes it).
    conforms_to: str | None = None

    @classmethod
    def of(
        cls,
        name: str,
        title: str,
        title_zh: str,
        media_type: str,
        data: bytes,
        conforms_to: str | None = None,
    ) -> Download:
        return cls(
            name, title, title_zh, media_type, data, hashlib.sha256(data).hexdigest(), conforms_to
        )


def _field(column: Column, table: Table, periods: list[str]) -> dict[str, Any]:
    info = column.type
    field: dict[str, Any] = {"name": column.name, "description": column.description}
    constraints: dict[str, Any] = {}
    if isinstance(info, msgspec.inspect.StrType) and info.pattern == PERIOD_PATTERN:
        field["type"] = "string"
        constraints["enum"] = periods
    elif isinstance(info, msgspec.inspect.LiteralType):
        values = list(info.values)
        field["type"] = "integer" if all(isinstance(v, int) for v in values) else "string"
        constraints["enum"] = values if field["type"] == "integer" else [str(v) for v in values]
    elif isinstance(info, msgspec.inspect.BoolType):
        field["type"] = "boolean"
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    elif isinstance(info, msgspec.inspect.IntType):
        field["type"] = "integer"
        if info.ge is not None:
            constraints["minimum"] = info.ge
    elif isinstance(info, msgspec.inspect.FloatType):
        field["type"] = "number"
    else:
        field["type"] = "string"
        if isinstance(info, msgspec.inspect.StrType):
            if info.pattern:
                constraints["pattern"] = info.pattern.strip("^$")
            if info.min_length:
                constraints["minLength"] = info.min_length
    # In CSV an empty cell is a missing value, so a string that may be empty is not required.
    may_be_empty = isinstance(info, msgspec.inspect.StrType) and not (
        info.min_length or info.pattern
    )
    if (not column.nullable and not may_be_empty) or column.name in table.primary_key:
        constraints["required"] = True
    if column.name in table.primary_key and len(table.primary_key) == 1:
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _sqlite_type(column: Column) -> str:
    info = column.type
    if isinstance(info, msgspec.inspect.BoolType | msgspec.inspect.IntType):
        return "INTEGER"
    if isinstance(info, msgspec.inspect.LiteralType):
        return "INTEGER" if all(isinstance(v, int) for v in info.values) else "TEXT"
    if isinstance(info, msgspec.inspect.FloatType):
        return "REAL"
    return "TEXT"


def _add_fts(connection: sqlite3.Connection, table: Table) -> None:
    """An external-content FTS5 table over ``table.searchable``, as Datasette finds them.

    Datasette takes ``<table>_fts`` declared with ``content="<table>"`` as the
    search index of ``<table>`` and joins it on rowid.
    """
    columns = ", ".join(f'"{c}"' for c in (*table.searchable, SPELLED_COLUMN))
    connection.execute(
        f'CREATE VIRTUAL TABLE "{table.name}_fts" USING fts5({columns}, '
        f'content="{table.name}", tokenize="{FTS_TOKENIZER}")'
    )
    connection.execute(
        f'INSERT INTO "{table.name}_fts" (rowid, {columns}) '
        f'SELECT rowid, {columns} FROM "{table.name}" ORDER BY rowid'
    )


def datasette_metadata(artifact: Artifact, parts: Sequence[Artifact] = ()) -> dict[str, Any]:
    """Datasette's metadata for the SQLite download: what it is, its licence and source."""
    meta = artifact.dataset
    series = len(parts) > 1
    title = series_title(parts) if series else meta.title
    tables: dict[str, Any] = {}
    for table in TABLES:
        entry: dict[str, Any] = {"title": table.title, "description": table.row_type.__doc__}
        if table.label:
            entry["label_column"] = LABEL_COLUMN
        if table.searchable:
            entry["fts_table"] = f"{table.name}_fts"
        tables[table.name] = entry
    return {
        "title": title.en,
        "description": f"{meta.description.en} {meta.translation_note.en}",
        "license": meta.license.id,
        "license_url": meta.license.url,
        "source": meta.source_document.title.zh,
        "source_url": "/v1/sections",
        "about": meta.publisher.name.en,
        "about_url": meta.publisher.url,
        "databases": {SERIES_NAME if series else meta.id: {"title": title.zh, "tables": tables}},
    }


def _sqlite_rows(table: Table, contents: Contents) -> tuple[list[str], list[list[Any]]]:
    """The columns and rows of ``table`` in the SQLite file: the CSV's, then the label
    and the spelled text when the table has them."""
    names = [c.name for c in columns_of(table.row_type)]
    extra = ([LABEL_COLUMN] if table.label else []) + ([SPELLED_COLUMN] if table.searchable else [])
    synonyms = [group.terms for group in contents.artifact.synonyms]
    rows: list[list[Any]] = []
    for flat in map(flat_row, table.rows(contents)):
        row = [flat.get(n) for n in names]
        if table.label:
            row.append(flat[table.label])
        if table.searchable:
            row.append(spelled_for_search([flat[c] or "" for c in table.searchable], synonyms))
        rows.append(row)
    return names + extra, rows


def _create_table(connection: sqlite3.Connection, table: Table, names: list[str]) -> None:
    types = {c.name: c for c in columns_of(table.row_type)}
    definitions = [
        f'"{c.name}" {_sqlite_type(c)}{"" if c.nullable else " NOT NULL"}' for c in types.values()
    ]
    definitions += [f'"{n}" TEXT NOT NULL' for n in names if n not in types]
    definitions.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.primary_key) + ")")
    definitions += [
        f'FOREIGN KEY ("{field}") REFERENCES "{target}" ("{target_field}")'
        for field, target, target_field in table.foreign_keys
    ]
    connection.execute(f'CREATE TABLE "{table.name}" ({", ".join(definitions)})')


def _sqlite(contents: Contents) -> bytes:
    connection = sqlite3.connect(":memory:")
    try:
        for table in TABLES:
            names, rows = _sqlite_rows(table, contents)
            _create_table(connection, table, names)
            placeholders = ", ".join("?" for _ in names)
            quoted = ", ".join(f'"{n}"' for n in names)
            connection.executemany(
                f'INSERT INTO "{table.name}" ({quoted}) VALUES ({placeholders})', rows
            )
            for field, _, _ in table.foreign_keys:
                connection.execute(
                    f'CREATE INDEX "{table.name}_{field}" ON "{table.name}" ("{field}")'
                )
            if table.searchable:
                _add_fts(connection, table)
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()


@dataclass(frozen=True, slots=True)
class Downloads:
    """Every download, by file name, and the data package describing them."""

    files: dict[str, Download]
    datapackage: bytes
    datasette_metadata: bytes

    @classmethod
    def build(
        cls,
        artifact: Artifact,
        artifact_bytes: bytes,
        source: SourceText,
        parts: Sequence[Artifact] = (),
    ) -> Downloads:
        """The downloads of one report, or of the series ``parts`` (in report order) when
        ``artifact`` merges several: then named for the series, its tables holding every
        report's statements (each row says its ``report_id``) and the ledger across them.

        A series leaves out what is one report's alone (its source text and the
        annotations of its quotes) and the statistical formats, whose cubes hold one
        statement per cell where a series keeps every vintage.
        """
        meta = artifact.dataset
        series = len(parts) > 1
        contents = Contents.of(artifact, parts)
        name = SERIES_NAME if series else meta.id
        title = series_title(parts).en if series else meta.title.en
        files: dict[str, Download] = {}
        resources: list[dict[str, Any]] = []
        for table in TABLES:
            columns = columns_of(table.row_type)
            data = render_csv(table.rows(contents), [c.name for c in columns], bom=False)
            download = Download.of(
                f"{table.name}.csv", table.title, table.title_zh, media_types.CSV, data
            )
            files[download.name] = download
            schema: dict[str, Any] = {
                "fields": [_field(c, table, meta.periods()) for c in columns],
                "primaryKey": list(table.primary_key),
            }
            if table.foreign_keys:
                schema["foreignKeys"] = [
                    {
                        "fields": [field],
                        "reference": {
                            "resource": "" if target == table.name else target,
                            "fields": [target_field],
                        },
                    }
                    for field, target, target_field in table.foreign_keys
                ]
            resources.append(
                {
                    "name": table.name,
                    "type": "table",
                    "title": table.title,
                    "description": table.row_type.__doc__ or table.title,
                    "path": f"downloads/{download.name}",
                    "format": "csv",
                    "mediatype": media_types.CSV,
                    "encoding": "utf-8",
                    "bytes": len(data),
                    "hash": f"sha256:{download.sha256}",
                    "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\r\n"},
                    "schema": schema,
                }
            )
        json_name, sqlite_name = whole_dataset_names(name)
        whole = [
            Download.of(
                json_name,
                "The whole dataset (JSON)",
                "整个数据集（JSON）",
                media_types.JSON,
                artifact_bytes,
            ),
            Download.of(
                sqlite_name,
                "The whole dataset (SQLite)",
                "整个数据集（SQLite）",
                media_types.SQLITE,
                _sqlite(contents),
            ),
        ]
        tabular = list(resources)
        for table in TABLES:
            whole.append(
                Download.of(
                    f"{PARQUET_FOLDER}/{table.name}.parquet",
                    f"{table.title} (Parquet)",
                    f"{table.title_zh}（Parquet）",
                    media_types.PARQUET,
                    render_parquet(table.rows(contents), table.row_type),
                    PARQUET_STANDARD,
                )
            )
        group = table_group(tabular, title, "../")
        whole.append(
            Download.of(
                CSVW_NAME,
                "CSV on the Web metadata of the CSV files",
                "CSV 文件的 CSV on the Web 元数据",
                media_types.CSVW_METADATA,
                msgspec.json.format(msgspec.json.encode(group), indent=2) + b"\n",
                CSVW_STANDARD,
            )
        )
        whole += (
            []
            if series
            else [
                Download.of(
                    JSONSTAT_NAME,
                    "Observations by indicator (JSON-stat 2.0 collection)",
                    "各指标观测值（JSON-stat 2.0 集合）",
                    media_types.JSON,
                    msgspec.json.encode(jsonstat.collection(artifact)),
                    jsonstat.JSONSTAT_STANDARD,
                ),
                Download.of(
                    SDMX_CSV_NAME,
                    "Observations (SDMX-CSV 2.0)",
                    "观测值（SDMX-CSV 2.0）",
                    media_types.CSV,
                    sdmx.render_csv(artifact),
                    sdmx.SDMX_CSV_STANDARD,
                ),
                Download.of(
                    SDMX_STRUCTURE_NAME,
                    "Structure of the SDMX observations (SDMX-ML 3.0)",
                    "SDMX 观测值的结构（SDMX-ML 3.0）",
                    media_types.XML,
                    sdmx.render_structure(artifact),
                    sdmx.SDMX_ML_STANDARD,
                ),
                Download.of(
                    SOURCE_TEXT_NAME,
                    "The source document's text, as the quotes and their selectors index it",
                    "原文文本（引文及其选择器所索引的文本）",
                    media_types.TEXT,
                    source.text.encode(),
                ),
                Download.of(
                    provenance.ANNOTATIONS_NAME,
                    "Every quote as a Web Annotation with its selectors",
                    "每条引文的 Web Annotation 及其选择器",
                    media_types.JSON_LD,
                    msgspec.json.format(
                        msgspec.json.encode(provenance.annotation_collection(artifact)),
                        indent=1,
                    )
                    + b"\n",
                    provenance.ANNOTATION_STANDARD,
                ),
            ]
        )
        for download in whole:
            files[download.name] = download
            resources.append(
                {
                    "name": re.sub(r"[./]", "-", download.name),
                    "type": "file",
                    "title": download.title,
                    "path": f"downloads/{download.name}",
                    "format": _format(download.name),
                    "mediatype": download.media_type,
                    "bytes": len(download.data),
                    "hash": f"sha256:{download.sha256}",
                }
            )
        package = {
            "$schema": DATAPACKAGE_PROFILE,
            "name": name,
            "id": name,
            "title": title,
            "description": f"{meta.description.en} {meta.translation_note.en}",
            "version": meta.version,
            "created": f"{meta.release_date}T00:00:00Z",
            "homepage": "/",
            "keywords": [k.en for k in meta.keywords] + [k.zh for k in meta.keywords],
            "licenses": [
                {"name": meta.license.id, "path": meta.license.url, "title": meta.license.id}
            ],
            "sources": [{"title": meta.source_document.title.zh, "path": "/v1/sections"}],
            "contributors": [{"title": meta.publisher.name.en, "roles": ["publisher"]}],
            "resources": resources,
        }
        return cls(
            files,
            msgspec.json.encode(package),
            msgspec.json.encode(datasette_metadata(artifact, parts)),
        )


def _format(name: str) -> str:
    special = {
        CSVW_NAME: "csvw",
        JSONSTAT_NAME: "json-stat",
        SDMX_CSV_NAME: "sdmx-csv",
        SDMX_STRUCTURE_NAME: "sdmx-ml",
        provenance.ANNOTATIONS_NAME: "jsonld",
    }
    return special.get(name) or name.rsplit(".", 1)[1]


def series_title(parts: Sequence[Artifact]) -> LocalizedText:
    """The title of a series of reports (in report order), from its publisher and years."""
    first, last = parts[0].dataset, parts[-1].dataset
    years = f"{first.temporal_start}–{last.temporal_end}"
    publisher = last.publisher.name
    return LocalizedText(
        zh=f"{publisher.zh}国民经济和社会发展计划报告系列（{len(parts)} 份报告，{years}）",
        en=f"{publisher.en}: the series of {len(parts)} plan reports, {years}",
    )


def whole_dataset_names(dataset_id: str) -> tuple[str, str]:
    """The whole dataset's downloads are named for the dataset."""
    return (f"{dataset_id}.json", f"{dataset_id}.sqlite")


def download_names(dataset_id: str) -> tuple[str, ...]:
    """Every file offered (a test checks this list against what is built)."""
    return (
        *(f"{table.name}.csv" for table in TABLES),
        *whole_dataset_names(dataset_id),
        *(f"{PARQUET_FOLDER}/{table.name}.parquet" for table in TABLES),
        CSVW_NAME,
        JSONSTAT_NAME,
        SDMX_CSV_NAME,
        SDMX_STRUCTURE_NAME,
        SOURCE_TEXT_NAME,
        provenance.ANNOTATIONS_NAME,
    )
