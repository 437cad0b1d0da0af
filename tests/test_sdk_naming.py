"""The operationId rules that the SDK generator names its methods by hold for the document."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest

from longgang_opendata import Client
from longgang_release.openapi import DOCUMENT_PATH
from tests.support import sdk_generator


def _operations() -> list[dict[str, Any]]:
    document = json.loads(DOCUMENT_PATH.read_text())
    return [op for item in document["paths"].values() for op in item.values()]


def _snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


TOP_LEVEL = sdk_generator().TOP_LEVEL_TAGS
OPERATIONS = _operations()


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op["operationId"])
def test_a_resource_operation_is_list_or_get(operation: dict[str, Any]) -> None:
    if operation["tags"][0] in TOP_LEVEL:
        return
    first_word = _snake(operation["operationId"]).split("_", 1)[0]
    assert first_word in ("list", "get"), operation["operationId"]
    assert (first_word == "list") == ("x-pagination" in operation)


def test_no_two_operations_of_a_resource_share_a_method() -> None:
    names = Counter(
        (op["tags"][0], _snake(op["operationId"]).split("_", 1)[0])
        if op["tags"][0] not in TOP_LEVEL
        else ("", _snake(op["operationId"]).removeprefix("get_"))
        for op in OPERATIONS
    )
    assert [name for name, count in names.items() if count > 1] == []


def test_paged_operations_are_the_list_ones_and_search() -> None:
    paged = {op["operationId"] for op in OPERATIONS if "x-pagination" in op}
    named = {
        op["operationId"]
        for op in OPERATIONS
        if op["operationId"].startswith("list") or op["operationId"] == "search"
    }
    assert paged == named and "search" in paged


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op["operationId"])
def test_the_rule_names_a_method_of_the_client(operation: dict[str, Any]) -> None:
    client = Client(base_url="http://127.0.0.1:9")
    tag, snake = operation["tags"][0], _snake(operation["operationId"])
    if tag in TOP_LEVEL:
        owner, name = client, snake.removeprefix("get_")
    else:
        owner, name = getattr(client, tag), snake.split("_", 1)[0]
    assert callable(getattr(owner, name, None)), f"client has no method for {snake}"
