"""The OpenAPI document: exported from the app, committed, valid and complete."""

from __future__ import annotations

import inspect
import itertools
import json
import time
from typing import Any

import msgspec
import pytest
from litestar import Litestar
from litestar._openapi.plugin import OpenAPIPlugin
from litestar.testing import TestClient
from openapi_spec_validator import validate

from longgang_api.app import DATASET_STATE, create_app
from longgang_api.data import envelopes, model
from longgang_api.data.artifact import load
from longgang_api.web import problems
from longgang_release.openapi import DOCUMENT_PATH, document, render
from tests.support import artifact_file


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(DOCUMENT_PATH.read_text())
    return doc


def test_committed_document_is_what_the_app_exports(app: Litestar) -> None:
    assert DOCUMENT_PATH.read_text() == render(document(app)), (
        "openapi/v1.json is stale: run `make openapi` and commit it"
    )


def test_the_export_does_not_depend_on_how_long_its_requests_take(
    app: Litestar, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every reading of the steady clock two seconds after the last, as on a loaded machine:
    # the 429 examples' Retry-After must not count down between the requests that make them.
    ticks = itertools.count(step=2.0)
    monkeypatch.setattr(time, "monotonic", lambda: float(next(ticks)))
    assert DOCUMENT_PATH.read_text() == render(document(app))


def test_document_is_valid_openapi_3_1(committed: dict[str, Any]) -> None:
    assert committed["openapi"].startswith("3.1")
    validate(committed)


def _operations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(path, op) for path, item in doc["paths"].items() for op in item.values()]


def test_every_operation_is_described(committed: dict[str, Any]) -> None:
    ids = []
    for path, operation in _operations(committed):
        assert operation.get("operationId"), path
        assert operation.get("tags"), path
        assert operation.get("summary"), path
        assert operation.get("description"), path
        ids.append(operation["operationId"])
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])
            assert {"type": "null"} not in parameter["schema"].get("oneOf", []), parameter
        for media in operation["responses"]["200"]["content"].values():
            assert set(media["schema"]) == {"$ref"}, (path, media)
    assert len(ids) == len(set(ids))


def test_errors_are_documented_as_problem_json(committed: dict[str, Any]) -> None:
    # Every operation refuses an unknown parameter (400), /healthz and /readyz too.
    for path, operation in _operations(committed):
        expected = {"400", "429"} | ({"404"} if "{" in path else set())
        assert expected <= set(operation["responses"]), path
        errors = [status for status in operation["responses"] if status >= "400"]
        for status in errors:
            content = operation["responses"][status]["content"]
            assert list(content) == ["application/problem+json"]
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }


#: A value for each path parameter, and the query an operation cannot do without.
_EXAMPLES = {
    "{indicator_id}": "gdp-growth",
    "{project_id}": "dayun-shenzhen-hong-kong-international-science-education-city",
    "{term_id}": "two-mountains",
    "{section_id}": "p4",
    "{observation_id}": "gdp-growth.2024.target",
    "{folder}/{name}": "sdmx/observations.csv",
    "{report_id}": "longgang-2024",
    "{target_id}": "gdp-growth.2024.target",
    "{promise_id}": "cuhk-shenzhen.longgang-2024.2",
    "{name}": "observations.csv",
    "{version}": "1.2.0",
}


def _example(path: str, operation: dict[str, Any]) -> tuple[str, dict[str, str]]:
    for placeholder, value in _EXAMPLES.items():
        path = path.replace(placeholder, value)
    return path, ({"q": "学位"} if operation["operationId"] == "search" else {})


def test_406_is_documented_exactly_where_it_is_answered(
    committed: dict[str, Any], client: TestClient[Litestar]
) -> None:
    # Files (downloads, the data package, the catalogue at a file name) come as what
    # they are whatever Accept says; the rest refuse an Accept they cannot meet.
    seen: dict[bool, int] = {True: 0, False: 0}
    for path, operation in _operations(committed):
        url, query = _example(path, operation)
        answer = client.get(url, params=query, headers={"accept": "image/png"})
        documented = "406" in operation["responses"]
        assert (answer.status_code == 406) is documented, (url, answer.status_code)
        seen[documented] += 1
    assert seen[True] >= 10 and seen[False] >= 5, seen


def test_revalidation_is_documented_where_it_happens(
    committed: dict[str, Any], client: TestClient[Litestar]
) -> None:
    documented = 0
    for path, operation in _operations(committed):
        url, query = _example(path, operation)
        first = client.get(url, params=query)
        assert first.status_code == 200, url
        etag = first.headers.get("etag")
        if "304" not in operation["responses"]:
            assert etag is None, url
            continue
        not_modified = operation["responses"]["304"]
        assert "content" not in not_modified and "ETag" in not_modified["headers"], path
        again = client.get(url, params=query, headers={"If-None-Match": etag or ""})
        assert again.status_code == 304, url
        documented += 1
    assert documented == len(list(_operations(committed))) - 2  # all but the health checks


def test_every_operation_documents_the_rate_limit(committed: dict[str, Any]) -> None:
    for path, operation in _operations(committed):
        limited = operation["responses"]["429"]
        assert "Retry-After" in limited["headers"], path
        assert list(limited["content"]) == ["application/problem+json"], path


def test_the_api_says_it_needs_no_credentials(committed: dict[str, Any]) -> None:
    assert committed["security"] == []


def test_lists_declare_paging_links_and_representations(committed: dict[str, Any]) -> None:
    lists = [op for _, op in _operations(committed) if "x-pagination" in op]
    assert {op["operationId"] for op in lists} == {
        "listIndicators",
        "listObservations",
        "listProjects",
        "listGlossary",
        "listSections",
        "search",
        "listTargets",
        "listPromises",
    }
    operation_ids = {op["operationId"] for _, op in _operations(committed)}
    for operation in lists:
        content = operation["responses"]["200"]["content"]
        assert {"application/json", "text/csv", "application/x-ndjson"} <= set(content)
        for link in operation["responses"]["200"].get("links", {}).values():
            assert link["operationId"] in operation_ids


def test_every_schema_field_has_a_description(committed: dict[str, Any]) -> None:
    for name, schema in committed["components"]["schemas"].items():
        assert schema.get("description"), name
        for field, spec in schema.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field}"


def _meta_description(field: msgspec.inspect.Field) -> str | None:
    kind = field.type
    if isinstance(kind, msgspec.inspect.UnionType):  # ``X | None``: the Meta is X's
        kept = [t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType)]
        kind = kept[0] if len(kept) == 1 else kind
    if isinstance(kind, msgspec.inspect.Metadata) and kind.extra_json_schema:
        description = kind.extra_json_schema.get("description")
        return description if isinstance(description, str) else None
    return None


def test_a_struct_is_described_by_its_docstring_a_property_by_its_field(
    committed: dict[str, Any],
) -> None:
    # A shared component (LocalizedText, Source, Publisher…) is not described as one of
    # the fields that use it, and a field that refers to a component keeps its own words.
    schemas = committed["components"]["schemas"]
    structs = {
        value.__name__: value
        for module in (model, envelopes, problems)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, msgspec.Struct)
    }
    described = referring = 0
    for name, struct in structs.items():
        if name not in schemas:
            continue
        assert struct.__doc__, name
        assert schemas[name]["description"] == inspect.cleandoc(struct.__doc__), name
        described += 1
        info = msgspec.inspect.type_info(struct)
        assert isinstance(info, msgspec.inspect.StructType)
        for field in info.fields:
            expected = _meta_description(field)
            spec = schemas[name]["properties"][field.encode_name]
            if expected is not None:
                assert spec["description"] == expected, f"{name}.{field.encode_name}"
            if "$ref" in json.dumps({k: v for k, v in spec.items() if k != "items"}):
                assert expected is not None, f"{name}.{field.encode_name}"
                referring += 1
    assert schemas["LocalizedText"]["description"].startswith("Text in Chinese")
    assert described >= 30 and referring >= 30, (described, referring)


def test_the_order_of_the_routes_does_not_change_the_document() -> None:
    # Litestar meets the Structs, and the examples are asked, as the routes come: reversed,
    # they must still give the committed document.
    app = create_app(load(artifact_file()))
    plugin = app.plugins.get(OpenAPIPlugin)
    plugin.included_routes = dict(reversed(plugin.included_routes.items()))
    assert DOCUMENT_PATH.read_text() == render(document(app))


def test_an_id_filter_lists_the_ids_it_takes(committed: dict[str, Any], app: Litestar) -> None:
    # A value outside the set is a 400, so the document says which values are valid,
    # and marks them as the ids of a list, which change with each release of the data.
    dataset = app.state[DATASET_STATE]
    for path, name, listed_at, ids in [
        ("/v1/observations", "indicator_id", "/v1/indicators", set(dataset.indicators)),
        ("/v1/sections", "parent_id", "/v1/sections", {s.id for s in dataset.artifact.sections}),
    ]:
        parameter = next(
            p for p in committed["paths"][path]["get"]["parameters"] if p["name"] == name
        )
        items = parameter["schema"]["items"]
        assert set(items["enum"]) == ids, (path, name)
        assert items["x-ids-of"] == listed_at


def test_each_download_operation_describes_its_own_files() -> None:
    # Each 200 names the examples its own content carries: the top-level files, or the
    # statistical formats' folders.
    paths = json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))["paths"]
    operations = {
        operation["operationId"]: operation
        for item in paths.values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    whole = operations["getDownload"]["responses"]["200"]["description"]
    formats = operations["getFormatDownload"]["responses"]["200"]["description"]
    assert "observations.csv" in whole and "SQLite" in whole and "SDMX" not in whole
    assert "SDMX" in formats and "JSON-stat" in formats and "observations.csv" not in formats
