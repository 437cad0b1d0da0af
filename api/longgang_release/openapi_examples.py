"""Examples of the OpenAPI document, asked of the app at export time.

Every value here is an answer of the app over the built dataset, never typed
by hand, so the examples change with the data and cannot drift from it:

* each parameter gets an example, and the examples of one operation work
  together (a client or schemathesis sends them in one request): the filters
  are chosen so that the combined query still finds more records than the
  page holds, and the ``cursor`` example is that query's real ``next_cursor``
  (where the data leaves a single page for all filters at once, a cursor of that
  same query placed just before its first record, naming its first page): the
  examples together are one request the app answers. Its Example Object names
  that query in ``x-query``;
* each response with a body gets an example: the ``200`` of each media type
  (a page of two records; CSV and NDJSON as their first lines; the release
  feed as its head and newest entry; the catalogue,
  data package and dataset file shortened to two nodes or records each) and
  each problem the operation documents, provoked for real. Binary media types
  (the SQLite file, ``application/octet-stream``) have none: their bytes are
  not text, and a reader learns nothing from a few of them;
* the schema of every record (what a page lists and what a ``get`` returns)
  gets the first record of its example as its JSON Schema ``examples``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import COLLECTIONS_STATE, DATASET_STATE, create_app
from longgang_api.checkout import checkout_folder
from longgang_api.data import media_types
from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.cursor import CursorCodec
from longgang_api.engine.declarations import LISTINGS, Listing
from longgang_api.engine.query import Collection, build_query, select
from longgang_api.settings import DEFAULT_PUBLIC_BASE_URL, Settings
from longgang_api.web.gateway import Gateway

JSON = dict[str, Any]
#: Records on an example page: enough to show the shape, short enough to read.
PAGE_SIZE = 2
#: Values tried first, where the data has them: the plan year and its targets
#: are what most readers of a plan ask for.
_PREFERRED: dict[str, tuple[Any, ...]] = {
    "period": ("2024",),
    "year": (2024,),
    "kind": ("target", "indicator"),
    "q": ("学位", "增长", "公园"),
    "headline": (True,),
}
#: Sort examples: descending on a telling field, the id closing the order.
_PREFERRED_SORT: dict[str, str] = {
    "listObservations": "-value,id",
    "listIndicators": "order,id",
    "listProjects": "-line,id",
    "listGlossary": "-number,id",
    "listSections": "kind,line",
    "search": "rank,id",
    "listTargets": "period,line",
    "listPromises": "year,line",
}
_BINARY = frozenset({media_types.SQLITE, media_types.PARQUET, media_types.OCTET_STREAM})
_PROBLEM = media_types.PROBLEM_JSON
_JSON = media_types.JSON
#: Downloads shown as examples, by the media type they are served as.
_DOWNLOAD_FOR = {media_types.CSV: "observations.csv", media_types.JSON: None}
#: The statistical formats shown as examples, by the media type they are served as.
_FORMAT_FOR = {
    media_types.CSV: "sdmx/observations.csv",
    media_types.JSON: "jsonstat/observations.json",
    media_types.CSVW_METADATA: "csvw/csv-metadata.json",
    media_types.XML: "sdmx/structure.xml",
    media_types.TEXT: "source/text.txt",
    media_types.JSON_LD: "provenance/annotations.jsonld",
}
#: Answers shown as their first lines rather than decoded.
_TEXT = frozenset({media_types.NDJSON, media_types.XML, media_types.ATOM})
_UNKNOWN_ID = "no-such-id"


def _query_string(query: dict[str, Any]) -> str:
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, json.dumps(item) if isinstance(item, bool) else str(item)))
    return urlencode(pairs)


def _url(path: str, query: dict[str, Any]) -> str:
    text = _query_string(query)
    return f"{path}?{text}" if text else path


class _Asker:
    """Asks the app, in-process, what an example request answers."""

    def __init__(self, client: TestClient[Litestar]) -> None:
        self.client = client

    def get(self, path: str, query: dict[str, Any], accept: str = _JSON) -> Any:
        return self.client.get(_url(path, query), headers={"Accept": accept})

    def count(self, path: str, query: dict[str, Any]) -> int:
        answer = self.get(path, {**query, "limit": 500, "format": "json"})
        if answer.status_code != 200:
            return -1
        body = answer.json()
        return len(body["items"]) + (1 if body["next_cursor"] else 0)


def _q_candidates(texts: list[str]) -> Iterator[str]:
    yield from _PREFERRED["q"]
    # Two Chinese characters of the records' own text: a word a reader would type.
    for text in texts:
        for start in range(len(text) - 1):
            pair = text[start : start + 2]
            if all("\u4e00" <= char <= "\u9fff" for char in pair):
                yield pair


def _cursor_before_first(
    collection: Collection[Any], dataset: LoadedDataset, listing: Listing[Any], query: JSON
) -> str | None:
    """A cursor of ``query`` at the place just before its first record; None where there is none.

    Its page is the query's first: the cursor of a query the data leaves a single page.
    """
    codec = CursorCodec(dataset.sha256)
    filters = {f.name: query[f.name] for f in listing.filters if f.name in query}
    built = build_query(
        collection, codec, filters, query.get("q"), query.get("sort"), query["limit"], None
    )
    found = select(collection, built)
    if not found or (built.q is not None and built.sort[0][0] == collection.relevance):
        return None  # where relevance leads, a place is also a match rank
    position = next(i for i, r in enumerate(collection.records) if r is found[0])
    rank = collection.index.order(built.sort)[1][position]
    if rank == 0:
        return None
    return codec.encode(f"{collection.name}|{built.scope}", (rank - 1,))


def _list_examples(
    asker: _Asker,
    dataset: LoadedDataset,
    listing: Listing[Any],
    collection: Collection[Any],
    path: str,
    operation: JSON,
) -> dict[str, Any]:
    """Examples of a list's parameters that work together and leave a next page.

    Records that every filter can select are narrowed by the preferred values,
    then by a ``q`` that the app finds in more records than a page holds; each
    filter's example lists the values of the page's records (and the record
    after them, so that a next page exists).
    """
    parameters = {p["name"]: p for p in operation.get("parameters", [])}
    wanted = PAGE_SIZE + 1

    def values(record: Any, name: str) -> list[Any]:
        declared = next(f for f in listing.filters if f.name == name)
        return list(declared.values(record, dataset))

    candidates = [
        r
        # Only the records' values matter here, not the address their pages are named on.
        for r in listing.records(dataset, DEFAULT_PUBLIC_BASE_URL)
        if all(None not in values(r, f.name) and values(r, f.name) for f in listing.filters)
    ]
    preferred: dict[str, Any] = {}
    for declared in listing.filters:
        for value in _PREFERRED.get(declared.name, ()):
            kept = [r for r in candidates if value in values(r, declared.name)]
            if len(kept) >= wanted:
                candidates, preferred[declared.name] = kept, value
                break
    texts = [text for r in candidates[:wanted] for _, text in listing.text_of(r, dataset)]
    best: tuple[int, dict[str, Any]] | None = None
    for q in _q_candidates(texts):
        chosen_records = [
            r for r in candidates if any(q in text for _, text in listing.text_of(r, dataset))
        ][:wanted]
        if not chosen_records:
            continue
        chosen: dict[str, Any] = {}
        for declared in listing.filters:
            if declared.name in preferred:
                picked = [preferred[declared.name]]
            else:
                picked = list(dict.fromkeys(values(r, declared.name)[0] for r in chosen_records))
            parameter = parameters[declared.name]
            is_array = parameter["schema"].get("type") == "array"
            chosen[declared.name] = picked if is_array else picked[0]
        if "q" in parameters:
            chosen["q"] = q
        found = asker.count(path, chosen)
        if best is None or found > best[0]:
            best = (found, chosen)
        if found >= wanted:
            break
    if best is None or best[0] < 1:
        raise ValueError(f"no example query of {path} finds a record")
    examples = dict(best[1])
    sort = _PREFERRED_SORT.get(operation["operationId"])
    if "sort" in parameters and sort is not None:
        examples["sort"] = sort
    examples["limit"] = PAGE_SIZE
    examples["format"] = "json"
    examples["bom"] = False
    # The cursor is of the query made of the other examples, so that all of them
    # make one request: its next page where it has one; where the data has too few
    # records that every filter selects at once, its first page.
    query = {k: v for k, v in examples.items() if k not in ("format", "bom")}
    cursor = asker.get(path, query).json()["next_cursor"]
    summary = f"The next page of {_url(path, query)}"
    if not cursor:
        cursor = _cursor_before_first(collection, dataset, listing, query)
        summary = f"The first page of {_url(path, query)}, which the data leaves a single page"
    if not cursor:
        raise ValueError(f"no cursor of the example query of {path} names a page")
    examples["cursor"] = {"summary": summary, "value": cursor, "x-query": query}
    return examples


def _shortened(value: Any) -> Any:
    """Documents of other standards and the dataset file: two entries of each list."""
    if isinstance(value, dict):
        return {key: _shortened(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shortened(item) for item in value[:PAGE_SIZE]]
    return value


def _text_excerpt(text: str, media_type: str) -> str:
    lines = text.splitlines(keepends=True)
    if media_type == media_types.TURTLE:
        # The prefixes and the first statement: a statement ends with " ." on its line.
        ends = [
            i
            for i, line in enumerate(lines)
            if line.rstrip().endswith(" .") and not line.startswith("@prefix")
        ]
        end = ends[0] if ends else len(lines) - 1
        return "".join(lines[: end + 1])
    if media_type == media_types.ATOM:
        # The feed's head and its newest entry, closed: still a feed a reader parses.
        end = text.index("</entry>") + len("</entry>")
        return text[:end] + "\n</feed>\n"
    keep = PAGE_SIZE + (1 if media_type == media_types.CSV else 0)  # CSV keeps its header row
    return "".join(lines[:keep])


def _problem_requests(path: str, operation: JSON, examples: dict[str, Any]) -> dict[str, JSON]:
    """For each problem status the operation documents: the request that provokes it."""
    names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    path_names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
    concrete = path
    for name in path_names:
        concrete = concrete.replace("{" + name + "}", str(examples[name]))
    bad_query = {"limit": 0} if "limit" in names else {"colour": "red"}
    good_query = {k: v for k, v in examples.items() if k in names and k not in ("cursor", "limit")}
    missing = path
    for name in path_names:
        missing = missing.replace("{" + name + "}", _UNKNOWN_ID)
    # ``format=json`` would win over the Accept header that asks for a 406.
    negotiated = {k: v for k, v in good_query.items() if k != "format"}
    return {
        "400": {"path": concrete, "query": {**good_query, **bad_query}, "accept": _JSON},
        "404": {"path": missing, "query": good_query, "accept": _JSON},
        "406": {"path": concrete, "query": negotiated, "accept": media_types.PNG},
    }


def _stopped_clock() -> float:
    return 0.0


def add_examples(doc: JSON, app: Litestar) -> None:
    """Give ``doc`` (the finished document of ``app``) examples asked of ``app``."""
    dataset = app.state[DATASET_STATE]
    # The in-process client logs every request at INFO: hundreds of lines per export.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # The dataset's own folder under the checkout, whichever dataset ``app`` serves.
    folder = str(checkout_folder(dataset.artifact.dataset.id))
    limited = create_app(
        dataset, Settings(rate_limit="1/minute", response_cache=False, dataset_folder=folder)
    )
    # The 429's Retry-After counts down with the clock: stopped, the example does not
    # depend on how long the requests before it took.
    gateway = limited.asgi_handler
    if not isinstance(gateway, Gateway) or gateway.rate_limiter is None:
        raise TypeError("the rate-limited app has no rate limiter before its routes")
    gateway.rate_limiter.clock = _stopped_clock
    with TestClient(app) as client, TestClient(limited) as limited_client:
        asker = _Asker(client)
        record_examples: dict[str, Any] = {}
        # In the order of the paths, not of the routes: a record's example is the first
        # operation's that answers it, and moving a route must not change the document.
        operations = [
            (path, item[method])
            for path, item in sorted(doc["paths"].items())
            for method in sorted(item)
        ]
        list_paths = {op["operationId"]: path for path, op in operations if "x-pagination" in op}
        # A get's example id is the first record of its list, in the list's own order.
        first_ids: dict[str, str] = {}
        for _, op in operations:
            for link in op["responses"]["200"].get("links", {}).values():
                page = asker.get(list_paths[op["operationId"]], {"limit": 1}).json()
                first_ids[link["operationId"]] = page["items"][0]["id"]
        # The reports are not a list of the query grammar: the first one served.
        first_ids["getReport"] = dataset.report_ids[0]
        for path, operation in operations:
            operation_id = operation["operationId"]
            if "x-pagination" in operation:
                listing = next(x for x in LISTINGS if x.operation_id == operation_id)
                collection = app.state[COLLECTIONS_STATE][listing.name]
                examples = _list_examples(asker, dataset, listing, collection, path, operation)
            else:
                examples = {}
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "path" and operation_id in first_ids:
                        examples[parameter["name"]] = first_ids[operation_id]
                    elif operation_id == "getFormatDownload" and parameter["in"] == "path":
                        folder, name = _FORMAT_FOR[media_types.CSV].split("/")
                        examples[parameter["name"]] = (
                            folder if parameter["name"] == "folder" else name
                        )
                    elif parameter["name"] == "name":
                        examples["name"] = _DOWNLOAD_FOR[media_types.CSV]
                    elif parameter["name"] == "version":
                        # The served release: the one whose changes a client reads first.
                        examples["version"] = dataset.artifact.dataset.version
                    elif "default" in parameter["schema"]:
                        examples[parameter["name"]] = parameter["schema"]["default"]
            for parameter in operation.get("parameters", []):
                example = examples[parameter["name"]]
                if parameter["name"] == "cursor":
                    parameter["examples"] = {"next-page": example}
                else:
                    parameter["example"] = example
            concrete = path
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    concrete = concrete.replace(
                        "{" + parameter["name"] + "}", str(examples[parameter["name"]])
                    )
            query = {
                name: value
                for name, value in examples.items()
                if name != "cursor" and "{" + name + "}" not in path
            }
            _response_examples(asker, doc, operation, concrete, query, record_examples)
            for status, request in _problem_requests(path, operation, examples).items():
                response = operation["responses"].get(status)
                if response is None:
                    continue
                answer = asker.get(request["path"], request["query"], request["accept"])
                if answer.status_code != int(status):
                    # Documented but not provoked this way (a JSON-only document
                    # answers any Accept with its JSON): no example rather than
                    # one taken from another operation.
                    continue
                response["content"][_PROBLEM]["example"] = answer.json()
                if status == "404" and operation_id in first_ids:
                    # A record's 404 says where the ids are listed: the problem's example.
                    record_examples.setdefault("Problem", answer.json())
            if "429" in operation["responses"]:
                url = _url(concrete, query)
                limited_client.get(url)
                answer = limited_client.get(url)
                if answer.status_code != 429:
                    raise ValueError(f"{operation_id}: no 429 under a rate limit")
                operation["responses"]["429"]["content"][_PROBLEM]["example"] = answer.json()
        schemas = doc["components"]["schemas"]
        for name, value in record_examples.items():
            schemas[name]["examples"] = [value]


def _schema_name(node: JSON) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _response_examples(
    asker: _Asker,
    doc: JSON,
    operation: JSON,
    path: str,
    query: dict[str, Any],
    record_examples: dict[str, Any],
) -> None:
    ok = operation["responses"]["200"]
    for media_type, content in ok["content"].items():
        if media_type in _BINARY:
            continue
        if operation["operationId"] == "getFormatDownload":
            root = path.rsplit("/", 2)[0]  # the example's folder and name taken off
            answer = asker.get(f"{root}/{_FORMAT_FOR[media_type]}", {}, media_type)
        elif operation["operationId"] == "getDownload":
            name = _DOWNLOAD_FOR.get(media_type)
            request_path = path.rsplit("/", 1)[0] + "/" + (name or _dataset_file(asker))
            answer = asker.get(request_path, {}, media_type)
        else:
            asked = {k: v for k, v in query.items() if k != "format"}
            answer = asker.get(path, asked, media_type)
        if answer.status_code != 200:
            raise ValueError(f"{operation['operationId']} {media_type}: {answer.status_code}")
        if media_type.startswith("text/") or media_type in _TEXT:
            content["example"] = _text_excerpt(answer.text, media_type)
            continue
        body = answer.json()
        schema_name = _schema_name(content["schema"])
        if schema_name is not None and "items" in body and "next_cursor" in body:
            content["example"] = body
            page = doc["components"]["schemas"][schema_name]
            item_schema = _schema_name(page["properties"]["items"]["items"])
            if item_schema is not None and body["items"]:
                record_examples.setdefault(item_schema, body["items"][0])
        elif (
            content["schema"]
            .get("$ref", "")
            .endswith(("CatalogJsonLd", "DataPackage", "DatasetJson"))
        ):
            content["example"] = _shortened(body)
        else:
            content["example"] = body
            if schema_name is not None:
                record_examples.setdefault(schema_name, body)


def _dataset_file(asker: _Asker) -> str:
    dataset = asker.get("/v1/dataset", {}).json()
    return f"{dataset['id']}.json"
