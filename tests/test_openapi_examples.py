"""The examples of the OpenAPI document: complete, valid against their schemas, and working.

Every example is checked with a JSON Schema validator (draft 2020-12, the
dialect of OpenAPI 3.1) against the schema it illustrates, references
resolved in the document; every parameter example is sent to the app.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from jsonschema import Draft202012Validator
from litestar import Litestar
from litestar.testing import TestClient

from longgang_release.openapi import DOCUMENT_PATH
from tests.support import REPORT

JSON = dict[str, Any]
DOC: JSON = json.loads(DOCUMENT_PATH.read_text())
OPERATIONS = [
    (path, operation) for path, item in DOC["paths"].items() for operation in item.values()
]
BINARY = {"application/vnd.sqlite3", "application/vnd.apache.parquet", "application/octet-stream"}


def _validator(schema: JSON) -> Draft202012Validator:
    # References such as #/components/schemas/X resolve against this root.
    return Draft202012Validator({**schema, "components": DOC["components"]})


def _examples(node: JSON) -> Iterator[Any]:
    if "example" in node:
        yield node["example"]
    for named in node.get("examples", {}).values():
        yield named["value"]


def _all_examples() -> Iterator[tuple[str, JSON, Any]]:
    """(where, schema, example) for every example of the document."""
    for _, operation in OPERATIONS:
        label = operation["operationId"]
        for parameter in operation.get("parameters", []):
            for example in _examples(parameter):
                yield f"{label} {parameter['name']}", parameter["schema"], example
        for status, response in operation["responses"].items():
            for media_type, content in response.get("content", {}).items():
                for example in _examples(content):
                    yield f"{label} {status} {media_type}", content["schema"], example
    for name, schema in DOC["components"]["schemas"].items():
        for example in schema.get("examples", []):
            yield f"schema {name}", {"$ref": f"#/components/schemas/{name}"}, example


def _query(parameters: list[JSON], values: dict[str, Any]) -> str:
    pairs: list[tuple[str, str]] = []
    for parameter in parameters:
        if parameter["in"] != "query" or parameter["name"] not in values:
            continue
        value = values[parameter["name"]]
        for item in value if isinstance(value, list) else [value]:
            text = json.dumps(item) if isinstance(item, bool) else str(item)
            pairs.append((parameter["name"], text))
    return urlencode(pairs)


def _target(path: str, operation: JSON, values: dict[str, Any]) -> str:
    parameters = operation.get("parameters", [])
    for parameter in parameters:
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(parameter["example"]))
    query = _query(parameters, values)
    return f"{path}?{query}" if query else path


def test_every_operation_parameter_and_answer_has_an_example() -> None:
    with_ok = [op["operationId"] for _, op in OPERATIONS if any(
        list(_examples(c)) for c in op["responses"]["200"]["content"].values()
    )]  # fmt: skip
    parameters = [p for _, op in OPERATIONS for p in op.get("parameters", [])]
    without = [p["name"] for p in parameters if not list(_examples(p))]
    text_media = [
        (op["operationId"], media)
        for _, op in OPERATIONS
        for media, content in op["responses"]["200"]["content"].items()
        if media not in BINARY and not list(_examples(content))
    ]
    problems = {
        status: sum(
            1 for _, op in OPERATIONS if status in op["responses"]
            and list(_examples(op["responses"][status]["content"]["application/problem+json"]))
        )
        for status in sorted({s for _, op in OPERATIONS for s in op["responses"] if s >= "400"})
    }  # fmt: skip
    schemas = DOC["components"]["schemas"]
    records = [name for name, schema in schemas.items() if "examples" in schema]
    REPORT.append(
        f"OpenAPI examples: {len(with_ok)}/{len(OPERATIONS)} operations with a 200 example, "
        f"{len(parameters) - len(without)}/{len(parameters)} parameters with an example, "
        f"problem examples by status {problems}, {len(records)} schemas with an example"
    )
    assert len(with_ok) == len(OPERATIONS)
    assert without == []
    assert text_media == []
    assert all(count > 0 for count in problems.values()), problems
    for name in ("IndicatorDetail", "Observation", "Project", "GlossaryTerm", "Section", "Problem"):
        assert name in records


def test_every_example_is_valid_against_its_schema() -> None:
    checked = 0
    errors: list[str] = []
    for where, schema, example in _all_examples():
        checked += 1
        errors.extend(f"{where}: {e.message}" for e in _validator(schema).iter_errors(example))
    REPORT.append(f"OpenAPI examples: {checked} examples validated against their schemas")
    assert checked > 100
    assert errors == []


def test_the_validator_refuses_an_example_that_breaks_its_schema() -> None:
    # The check above could pass by validating nothing: prove it refuses a wrong record.
    schema = {"$ref": "#/components/schemas/Observation"}
    record = dict(DOC["components"]["schemas"]["Observation"]["examples"][0])
    assert list(_validator(schema).iter_errors(record)) == []
    record["value"] = "six and a half"
    assert list(_validator(schema).iter_errors(record)) != []


@pytest.mark.parametrize(
    ("path", "operation"), OPERATIONS, ids=[op["operationId"] for _, op in OPERATIONS]
)
def test_parameter_examples_answer_2xx_together_and_alone(
    client: TestClient[Litestar], path: str, operation: JSON
) -> None:
    parameters = operation.get("parameters", [])
    examples = {p["name"]: p["example"] for p in parameters if "example" in p}
    together = client.get(_target(path, operation, examples))
    assert 200 <= together.status_code < 300, together.text
    required = {p["name"]: p["example"] for p in parameters if p.get("required")}
    for name, value in examples.items():
        alone = client.get(_target(path, operation, {**required, name: value}))
        assert 200 <= alone.status_code < 300, (name, alone.text)
    for parameter in parameters:
        for named in parameter.get("examples", {}).values():
            # The cursor is of the query made of the other examples: its real next page,
            # or where the data leaves it a single page, its first.
            assert named["x-query"] == {
                k: v for k, v in examples.items() if k not in ("format", "bom")
            }
            query = {**named["x-query"], parameter["name"]: named["value"]}
            page = client.get(_target(path, operation, query))
            assert page.status_code == 200, page.text
            first = client.get(_target(path, operation, named["x-query"])).json()
            if first["next_cursor"] is not None:
                assert first["next_cursor"] == named["value"]
                assert page.json()["items"] and page.json()["items"] != first["items"]
            else:
                assert page.json()["items"] == first["items"] != []


@pytest.mark.parametrize(
    ("path", "operation"),
    [(path, op) for path, op in OPERATIONS if "x-pagination" in op],
    ids=[op["operationId"] for _, op in OPERATIONS if "x-pagination" in op],
)
def test_every_parameter_example_together_with_the_cursor_is_one_request(
    client: TestClient[Litestar], path: str, operation: JSON
) -> None:
    # What schemathesis's examples phase and Swagger UI's "Try it out" send: one example
    # of each parameter, the cursor's among them.
    chosen = {
        p["name"]: p["example"] if "example" in p else next(iter(p["examples"].values()))["value"]
        for p in operation["parameters"]
    }
    answer = client.get(_target(path, operation, chosen))
    assert answer.status_code == 200, answer.text
    assert answer.json()["items"]


def test_response_examples_are_the_apps_answers(client: TestClient[Litestar]) -> None:
    # The 200 example of a get is the app's answer to the documented example id.
    for path, operation in OPERATIONS:
        if not operation["operationId"].startswith("get") or "{" not in path:
            continue
        if operation["operationId"] in ("getDownload", "getFormatDownload"):
            continue  # a file: its example is an excerpt
        shown = operation["responses"]["200"]["content"]["application/json"]["example"]
        assert client.get(_target(path, operation, {})).json() == shown
