"""The OpenAPI 3.1 document: generated from the app, finished here, exported to ``openapi/``.

    python -m longgang_release.openapi [--check]

Litestar writes the paths and schemas from the handlers and Structs. This
module adds what it cannot know: the CSV and NDJSON representations of lists,
the paging extension and links the SDK generator reads, the response headers,
and the Structs' docstrings as schema descriptions; it states optional
query parameters as optional rather than nullable; and it asks the app for
the examples (``openapi_examples.py``).
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from pathlib import Path
from typing import Any

import msgspec
from litestar import Litestar

from longgang_api.app import DATASET_STATE
from longgang_api.checkout import CHECKOUT
from longgang_api.data import envelopes, media_types, model
from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.declarations import LISTINGS, periods, years
from longgang_api.engine.list_request import list_parameters, openapi_parameter
from longgang_api.web import problems
from longgang_build.downloads import download_names
from longgang_release.openapi_examples import add_examples
from longgang_release.spec_diff import IDS_OF

DOCUMENT_PATH = CHECKOUT / "openapi" / "v1.json"
JSON = dict[str, Any]

#: list operation → (get operation, its path parameter), from the declarations
_ITEM_OPERATIONS = {
    listing.operation_id: (listing.item.operation_id, listing.item.parameter)
    for listing in LISTINGS
    if listing.item is not None
}


def _header(description: str, kind: str = "string") -> JSON:
    """A response header of the document: what it says and its type."""
    return {"description": description, "schema": {"type": kind}}


_HEADERS: JSON = {
    "ETag": _header("Strong validator of this representation; send it back in If-None-Match."),
    "Cache-Control": _header("How long the answer may be cached."),
    "X-Request-ID": _header("Id of this request (echoed when the client sent a valid one)."),
}
_LINK_HEADER = _header('RFC 8288 link to the next page (rel="next"), absent on the last page.')


def _structs() -> dict[str, type[msgspec.Struct]]:
    """Our Structs by the name of their component (Litestar names it after the class)."""
    found: dict[str, type[msgspec.Struct]] = {}
    for module in (model, envelopes, problems):
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, msgspec.Struct):
                found[value.__name__] = value
    return found


def _field_description(field: msgspec.inspect.Field) -> str | None:
    """The description in a field's ``Meta`` (an optional field's too), as Litestar reads it."""
    kind = field.type
    if isinstance(kind, msgspec.inspect.UnionType):
        kept = [t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType)]
        if len(kept) == 1:
            kind = kept[0]
    if isinstance(kind, msgspec.inspect.Metadata) and kind.extra_json_schema:
        description = kind.extra_json_schema.get("description")
        if isinstance(description, str):
            return description
    return None


def _describe_structs(schemas: JSON) -> None:
    """Each Struct's component described by its docstring, each property by its field.

    Litestar also copies the description of the field through which it first meets a
    Struct onto the Struct's component: ``LocalizedText`` would be described as whichever
    title or name a route registered first, and moving a route would change it. A
    property that refers to a component keeps its own field's description beside the
    reference (Litestar writes ``allOf`` with it; a bare ``$ref`` gets it as a sibling,
    which OpenAPI 3.1 allows).
    """
    for name, struct in _structs().items():
        schema = schemas.get(name)
        if schema is None:
            continue
        if struct.__doc__:
            schema["description"] = inspect.cleandoc(struct.__doc__)
        else:
            schema.pop("description", None)
        properties = schema.get("properties", {})
        info = msgspec.inspect.type_info(struct)
        if not isinstance(info, msgspec.inspect.StructType):
            raise TypeError(f"{name} is not a Struct")
        for field in info.fields:
            description = _field_description(field)
            if description is not None and field.encode_name in properties:
                properties[field.encode_name]["description"] = description


def _not_nullable(schema: JSON) -> JSON:
    """``oneOf: [X, null]`` → ``X`` (with the outer keywords moved into it)."""
    alternatives = schema.get("oneOf")
    if isinstance(alternatives, list):
        kept = [a for a in alternatives if a != {"type": "null"}]
        if len(kept) == 1:
            inner = dict(kept[0])
            for key, value in schema.items():
                if key != "oneOf":
                    inner.setdefault(key, value)
            schema = inner
    if isinstance(schema.get("type"), list):
        types = [t for t in schema["type"] if t != "null"]
        schema = {**schema, "type": types[0] if len(types) == 1 else types}
        if "enum" in schema:
            schema["enum"] = [v for v in schema["enum"] if v is not None]
    return schema


def _without_empty_alternatives(node: Any) -> Any:
    """``oneOf: [X, {}]`` (how Litestar writes a constrained tuple item) → ``X``."""
    if isinstance(node, dict):
        node = {key: _without_empty_alternatives(value) for key, value in node.items()}
        alternatives = node.get("oneOf")
        if isinstance(alternatives, list) and {} in alternatives:
            kept = [a for a in alternatives if a != {}]
            node.pop("oneOf")
            if len(kept) == 1:
                node = {**kept[0], **node}
            else:
                node["oneOf"] = kept
        return node
    if isinstance(node, list):
        return [_without_empty_alternatives(item) for item in node]
    return node


def _open_object(description: str) -> JSON:
    """A JSON object whose members other standards define (not typed further here)."""
    return {"type": "object", "additionalProperties": True, "description": description}


def _open_list(description: str) -> JSON:
    return {
        "type": "array",
        "items": {"type": "object", "additionalProperties": True},
        "description": description,
    }


def _text(description: str, binary: bool = False) -> JSON:
    """A file that is not JSON: text, or bytes when ``binary``."""
    return {
        "type": "string",
        **({"format": "binary"} if binary else {}),
        "description": description,
    }


def _document(description: str, members: dict[str, str | JSON]) -> JSON:
    """A JSON document: its top-level members (a bare description is a string member),
    open beyond them."""
    return {
        "type": "object",
        "description": description,
        "properties": {
            name: {"type": "string", "description": member} if isinstance(member, str) else member
            for name, member in members.items()
        },
        "additionalProperties": True,
    }


def _integer(description: str) -> JSON:
    return {"type": "integer", "description": description}


#: Answers that are files or documents of other standards, not one of our models:
#: named components all the same, marked ``x-file`` for the SDK generator. A JSON
#: document names its top-level members and stays open beyond them, so that
#: generators give it a usable type rather than an empty object.
_FILE_SCHEMAS: dict[str, JSON] = {
    "CatalogJsonLd": _document(
        "DCAT-AP 3.0.1 catalogue as JSON-LD.",
        {
            "@context": _open_object("Prefixes of the vocabularies used."),
            "@graph": _open_list("Every node of the catalogue, each with its @id."),
        },
    ),
    "CatalogTurtle": _text("DCAT-AP 3.0.1 catalogue as Turtle."),
    "DataPackage": _document(
        "Frictionless Data Package (v2).",
        {
            "$schema": "Profile of the data package.",
            "name": "Name of the package.",
            "title": "Title of the package.",
            "resources": _open_list("The files, with their Table Schemas, sizes and hashes."),
        },
    ),
    "CsvFile": _text("CSV, UTF-8, with a header row."),
    "DatasetJson": _document(
        "The whole dataset as one JSON document.",
        {
            "format": _integer("Version of the document layout."),
            "dataset": _open_object("The dataset's metadata."),
            "sections": _open_list("The sections of the source document."),
            "indicators": _open_list("The indicators."),
            "observations": _open_list("The observations."),
            "projects": _open_list("The projects, each with its mentions."),
            "glossary": _open_list("The glossary terms."),
        },
    ),
    "SqliteFile": _text("A SQLite database.", binary=True),
    "ParquetFile": _text("One table as Apache Parquet: the CSV's columns, typed.", binary=True),
    "CsvwMetadata": _document(
        "CSV on the Web metadata: a table group describing every CSV file.",
        {
            "@context": {"description": "The CSVW context."},
            "tables": _open_list("One table description per CSV file."),
        },
    ),
    "JsonStatCollection": _document(
        "JSON-stat 2.0 collection: one dataset per indicator, embedded.",
        {
            "version": "JSON-stat version, 2.0.",
            "class": "collection",
            "link": _open_object("The datasets, under item."),
        },
    ),
    "SourceText": _text(
        "The source document's text as the quotes are checked against it (markup removed, "
        "the PDF conversion's line breaks joined): the text the selectors index."
    ),
    # A get-one operation's other representation (Accept: application/ld+json); the SDK
    # reads a record's JSON, which the document lists first.
    "RecordJsonLd": _document(
        "JSON-LD view of one record (inline context): under @graph, the record (@id its /v1 "
        "address) as a prov:Entity with prov:wasDerivedFrom its source document (the "
        "/source page of its report), and for each quote a W3C Web Annotation "
        "(oa:Annotation) whose body is the record and whose target is the document's text "
        "with the quote's TextQuoteSelector and TextPositionSelector.",
        {
            "@context": _open_object("The terms used: Web Annotation, PROV and Dublin Core."),
            "@graph": _open_list("The record, then the annotation of each of its quotes."),
        },
    ),
    "WebAnnotations": _document(
        "W3C Web Annotation collection: every quote, its record as the body, its "
        "TextQuoteSelector and TextPositionSelector in the source text as the target.",
        {
            "type": "AnnotationCollection",
            "total": _integer("Number of annotations."),
            "first": _open_object("The one page of annotations, under items."),
        },
    ),
    "SdmxCsvFile": _text("SDMX-CSV 2.0, UTF-8, with a header row."),
    "SdmxStructure": _text("SDMX-ML 3.0 structure message of the SDMX-CSV observations."),
    "DatasetteMetadata": _document(
        "Datasette's metadata of the SQLite download.",
        {
            "title": "Title of the data.",
            "description": "What the data is.",
            "license": "Licence id.",
            "license_url": "Licence text.",
            "source": "Title of the source document.",
            "source_url": "Where the source text is.",
            "about": "Publisher of the source.",
            "about_url": "Publisher's site.",
            "databases": _open_object("Per database and table: titles, label columns, FTS."),
        },
    ),
    "NdjsonStream": _text("One JSON record per line."),
    "ReleasesFeed": _text(
        "Atom 1.0 feed (RFC 4287) of the releases, newest first; links relative to its xml:base."
    ),
    "BinaryFile": _text("The file's bytes, whatever its format.", binary=True),
}
#: A download asked for as ``application/octet-stream`` is the same bytes under
#: that media type; listing it first makes generators that take the first
#: media type of a response hand the file over as bytes.
OCTET_STREAM = media_types.OCTET_STREAM
_CATALOG_CONTENT = {media_types.JSON_LD: "CatalogJsonLd", media_types.TURTLE: "CatalogTurtle"}
_RAW_CONTENT: dict[str, dict[str, str]] = {
    "getCatalog": _CATALOG_CONTENT,
    "getCatalogJsonLd": {media_types.JSON_LD: "CatalogJsonLd"},
    "getCatalogTurtle": {media_types.TURTLE: "CatalogTurtle"},
    "getDataPackage": {media_types.JSON: "DataPackage"},
    "getDatasetteMetadata": {media_types.JSON: "DatasetteMetadata"},
    "getReleasesFeed": {media_types.ATOM: "ReleasesFeed"},
    "getDownload": {
        OCTET_STREAM: "BinaryFile",
        media_types.CSV: "CsvFile",
        media_types.JSON: "DatasetJson",
        media_types.SQLITE: "SqliteFile",
    },
    "getFormatDownload": {
        OCTET_STREAM: "BinaryFile",
        media_types.PARQUET: "ParquetFile",
        media_types.CSVW_METADATA: "CsvwMetadata",
        media_types.JSON: "JsonStatCollection",
        media_types.CSV: "SdmxCsvFile",
        media_types.XML: "SdmxStructure",
        media_types.TEXT: "SourceText",
        media_types.JSON_LD: "WebAnnotations",
    },
}
#: The get-one operations, which also answer a record's JSON-LD view.
_GET_ONE = frozenset(get_one for get_one, _ in _ITEM_OPERATIONS.values())
#: Answers that carry no validator, so If-None-Match never makes them a 304.
_UNVALIDATED = frozenset({"getHealth", "getReadiness"})
_NOT_MODIFIED: JSON = {
    "description": (
        "Not modified: the If-None-Match header named this representation's ETag. No body."
    ),
    "headers": {"ETag": _HEADERS["ETag"], "Cache-Control": _HEADERS["Cache-Control"]},
}
_RATE_LIMITED: JSON = {
    "description": (
        "Too many requests from this client (only when the server runs with a rate limit)."
    ),
    "headers": {
        "Retry-After": _header("Seconds to wait before the next request.", "integer"),
        "RateLimit-Limit": _header("Requests allowed per window.", "integer"),
        "RateLimit-Remaining": _header("Requests left in this window.", "integer"),
        "RateLimit-Reset": _header("Seconds until the window resets.", "integer"),
    },
    "content": {media_types.PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


def _finish_operation(operation: JSON, dataset_id: str) -> None:
    for parameter in operation.get("parameters", []):
        parameter["schema"] = _not_nullable(parameter["schema"])
        if parameter["schema"].get("type") == "array":
            parameter["style"] = "form"
            parameter["explode"] = True
        for key in ("deprecated", "allowEmptyValue", "allowReserved"):
            if parameter.get(key) is False:
                del parameter[key]
    ok = operation["responses"].get("200")
    if ok is None:
        return
    ok["headers"] = dict(_HEADERS)
    if operation["operationId"] not in _UNVALIDATED:
        operation["responses"]["304"] = _NOT_MODIFIED
    operation["responses"]["429"] = _RATE_LIMITED
    operation_id = operation["operationId"]
    if operation_id in _RAW_CONTENT:
        ok["content"] = {
            media: {"schema": {"$ref": f"#/components/schemas/{name}"}}
            for media, name in _RAW_CONTENT[operation_id].items()
        }
    if operation_id in _GET_ONE:
        ok["content"][media_types.JSON_LD] = {
            "schema": {"$ref": "#/components/schemas/RecordJsonLd"}
        }
        ok["description"] = (
            "The record as JSON; as its JSON-LD view (provenance in W3C terms) for "
            "Accept: application/ld+json."
        )
    if operation_id == "getDownload":
        name = next(p for p in operation["parameters"] if p["name"] == "name")
        name["schema"]["enum"] = [n for n in download_names(dataset_id) if "/" not in n]
        ok["description"] = (
            "The file. Examples: the first lines of observations.csv (text/csv) and the dataset "
            "file with two records of each list (application/json); the SQLite file and "
            "application/octet-stream are bytes, not text, and have none."
        )
    if operation_id == "getFormatDownload":
        in_folders = [n.split("/", 1) for n in download_names(dataset_id) if "/" in n]
        folder = next(p for p in operation["parameters"] if p["name"] == "folder")
        folder["schema"]["enum"] = list(dict.fromkeys(f for f, _ in in_folders))
        name = next(p for p in operation["parameters"] if p["name"] == "name")
        name["schema"]["enum"] = list(dict.fromkeys(n for _, n in in_folders))
        ok["description"] = (
            "The file. Examples: the first lines of the SDMX files and of the source text, the "
            "CSV on the Web metadata, the JSON-stat collection and the annotations; Parquet and "
            "application/octet-stream are bytes, not text, and have none."
        )
    if operation_id.startswith("list") or operation_id == "search":
        ok["headers"]["Link"] = _LINK_HEADER
        ok["content"][media_types.CSV] = {"schema": {"$ref": "#/components/schemas/CsvFile"}}
        ok["content"][media_types.NDJSON] = {
            "schema": {"$ref": "#/components/schemas/NdjsonStream"}
        }
        operation["x-pagination"] = {
            "cursor_param": "cursor",
            "limit_param": "limit",
            "items_field": "items",
            "next_field": "next_cursor",
        }
    if operation_id in _ITEM_OPERATIONS:
        target, parameter_name = _ITEM_OPERATIONS[operation_id]
        ok["links"] = {
            target: {
                "operationId": target,
                "parameters": {parameter_name: "$response.body#/items/0/id"},
                "description": "The first record of the page.",
            }
        }


def _with_dataset_values(node: Any, periods: list[str], years: list[int]) -> Any:
    """Periods and years, validated as shapes in the model, listed as the dataset's values."""
    if isinstance(node, list):
        return [_with_dataset_values(item, periods, years) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _with_dataset_values(value, periods, years) for key, value in node.items()}
    if node.get("pattern") == model.PERIOD_PATTERN:
        del node["pattern"]
        node["enum"] = periods
    elif (node.get("minimum"), node.get("maximum")) == (model.YEAR_MINIMUM, model.YEAR_MAXIMUM):
        del node["minimum"], node["maximum"]
        node["enum"] = years
    return node


def document(app: Litestar) -> JSON:
    """The finished OpenAPI document of ``app``."""
    dataset: LoadedDataset = app.state[DATASET_STATE]
    written = app.openapi_schema.to_schema()
    for listing in LISTINGS:
        # The lists read their own parameters: the document states them from the same declarations.
        operation = written["paths"][listing.path]["get"]
        operation["parameters"] = [openapi_parameter(p) for p in list_parameters(listing)]
        item = listing.item
        if item is not None:  # the record's id, read from its path
            path = f"{listing.path}/{{{item.parameter}}}"
            (read,) = written["paths"][path]["get"]["parameters"]
            read["description"] = read["schema"]["description"] = item.parameter_description
    doc: JSON = _with_dataset_values(written, list(periods(dataset)), list(years(dataset)))
    # Everything is public: no operation needs credentials.
    doc["security"] = []
    for path_item in doc["paths"].values():
        for operation in path_item.values():
            _finish_operation(operation, dataset.artifact.dataset.id)
    for listing in LISTINGS:
        operation = doc["paths"][f"{listing.path}"]["get"]
        for declared in listing.filters:
            # A filter's values are a closed set per release: its years, or the ids of
            # another list's records, which a value outside the set is refused for.
            items: JSON = {}
            if declared.choices is not None:
                items["enum"] = list(declared.choices(dataset))
            elif declared.ids is not None:
                ids = declared.ids(dataset)
                items |= {"enum": sorted(ids.values), IDS_OF: ids.listed_at}
            if items:
                parameter = next(p for p in operation["parameters"] if p["name"] == declared.name)
                parameter["schema"]["items"] |= items
    doc["components"]["schemas"] = _without_empty_alternatives(doc["components"]["schemas"])
    for name, schema in _FILE_SCHEMAS.items():
        doc["components"]["schemas"][name] = {**schema, "x-file": True}
    _describe_structs(doc["components"]["schemas"])
    for schema in doc["components"]["schemas"].values():
        # Every field is always present in a response (null when empty).
        if "properties" in schema:
            schema["required"] = sorted(schema["properties"])
    add_examples(doc, app)
    return doc


def _ordered(node: Any, key: str = "") -> Any:
    """Keys sorted, except that ``application/octet-stream`` leads a ``content`` map."""
    if isinstance(node, dict):
        names = sorted(node)
        if key == "content" and OCTET_STREAM in node:
            names = [OCTET_STREAM, *(n for n in names if n != OCTET_STREAM)]
        return {name: _ordered(node[name], name) for name in names}
    if isinstance(node, list):
        return [_ordered(item) for item in node]
    return node


def render(doc: JSON) -> str:
    return json.dumps(_ordered(doc), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    from longgang_api.app import create_app
    from longgang_api.checkout import DEFAULT_DATASET_NAME, checkout_folder
    from longgang_api.data.artifact import load
    from longgang_api.settings import Settings
    from longgang_build.build import DEFAULT_OUT, artifact_name

    parser = argparse.ArgumentParser(prog="python -m longgang_release.openapi")
    parser.add_argument("--out", type=Path, default=DOCUMENT_PATH)
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    parser.add_argument(
        "--artifact",
        type=Path,
        default=DEFAULT_OUT / artifact_name(DEFAULT_DATASET_NAME),
        help="the artifact of the dataset the document lists the values of",
    )
    args = parser.parse_args(argv)
    dataset = load(args.artifact)
    folder = str(checkout_folder(dataset.artifact.dataset.id))
    text = render(document(create_app(dataset, Settings(dataset_folder=folder))))
    if args.check:
        current = args.out.read_text() if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run `make openapi`", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
