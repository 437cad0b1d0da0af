"""The breaking-change gate and its differ: one synthetic break per rule, additive changes pass."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from longgang_release.openapi import DOCUMENT_PATH
from longgang_release.spec_diff import breaking_changes
from tests.support import sdk_generator

RELEASED = DOCUMENT_PATH.with_name("v1.released.json")
JSON = dict[str, Any]


_generator = sdk_generator


def sdk_tolerates_new_enum_values() -> bool:
    """Whether the generated SDK decodes response enum values it does not know."""
    annotation: str = _generator().python_type({"type": "string", "enum": ["a"]}, response=True)
    return annotation.endswith("| str")


@pytest.fixture(scope="module")
def current() -> JSON:
    doc: JSON = json.loads(DOCUMENT_PATH.read_text())
    return doc


def test_current_document_does_not_break_the_released_one(current: JSON) -> None:
    released = json.loads(RELEASED.read_text())
    breaks = breaking_changes(released, current, tolerant_enums=sdk_tolerates_new_enum_values())
    assert breaks == [], "\n".join(map(str, breaks)) + "\n(a break needs /v2, or a new release)"


def test_the_sdk_tolerates_new_response_enum_values() -> None:
    assert sdk_tolerates_new_enum_values()


def _schema(doc: JSON, name: str) -> JSON:
    schema: JSON = doc["components"]["schemas"][name]
    return schema


def _parameter(doc: JSON, path: str, name: str) -> JSON:
    return next(p for p in doc["paths"][path]["get"]["parameters"] if p["name"] == name)


def remove_path(doc: JSON) -> None:
    del doc["paths"]["/v1/glossary/{term_id}"]


def remove_operation(doc: JSON) -> None:
    doc["paths"]["/v1/sections"]["post"] = doc["paths"]["/v1/sections"].pop("get")


def remove_parameter(doc: JSON) -> None:
    operation = doc["paths"]["/v1/projects"]["get"]
    operation["parameters"] = [p for p in operation["parameters"] if p["name"] != "status"]


def make_parameter_required(doc: JSON) -> None:
    _parameter(doc, "/v1/observations", "period")["required"] = True


def narrow_parameter_enum(doc: JSON) -> None:
    _parameter(doc, "/v1/observations", "kind")["schema"]["items"]["enum"].remove("plan")


def narrow_parameter_maximum(doc: JSON) -> None:
    _parameter(doc, "/v1/indicators", "limit")["schema"]["maximum"] = 100


def _sort_pattern(doc: JSON) -> JSON:
    schema: JSON = _parameter(doc, "/v1/observations", "sort")["schema"]
    return schema


def narrow_sort_pattern(doc: JSON) -> None:
    schema = _sort_pattern(doc)
    schema["pattern"] = schema["pattern"].replace("indicator_id|", "")


def remove_response_field(doc: JSON) -> None:
    schema = _schema(doc, "Observation")
    del schema["properties"]["note"]
    schema["required"].remove("note")


def make_response_field_optional(doc: JSON) -> None:
    _schema(doc, "GlossaryTerm")["required"].remove("number")


def make_response_field_nullable(doc: JSON) -> None:
    number = _schema(doc, "GlossaryTerm")["properties"]["number"]
    number["type"] = ["integer", "null"]


def change_response_field_type(doc: JSON) -> None:
    _schema(doc, "GlossaryTerm")["properties"]["number"]["type"] = "string"


def remove_response_enum_value(doc: JSON) -> None:
    _schema(doc, "Observation")["properties"]["kind"]["enum"].remove("plan")


def widen_response_enum(doc: JSON) -> None:
    _schema(doc, "Observation")["properties"]["kind"]["enum"].append("forecast")


BREAKS: list[tuple[Callable[[JSON], None], str]] = [
    (remove_path, "removed-path"),
    (remove_operation, "removed-operation"),
    (remove_parameter, "removed-parameter"),
    (make_parameter_required, "parameter-required"),
    (narrow_parameter_enum, "parameter-narrowed"),
    (narrow_parameter_maximum, "parameter-narrowed"),
    (narrow_sort_pattern, "parameter-narrowed"),
    (remove_response_field, "removed-response-field"),
    (make_response_field_optional, "response-field-optional"),
    (make_response_field_nullable, "response-field-nullable"),
    (change_response_field_type, "response-field-type"),
    (remove_response_enum_value, "removed-enum-value"),
]


@pytest.mark.parametrize(("edit", "rule"), BREAKS, ids=[e.__name__ for e, _ in BREAKS])
def test_each_rule_catches_its_break(
    current: JSON, edit: Callable[[JSON], None], rule: str
) -> None:
    edited = copy.deepcopy(current)
    edit(edited)
    breaks = breaking_changes(current, edited, tolerant_enums=True)
    assert breaks, f"{edit.__name__} was not caught"
    assert {b.rule for b in breaks} == {rule}, breaks


def test_widened_response_enum_breaks_only_an_intolerant_sdk(current: JSON) -> None:
    edited = copy.deepcopy(current)
    widen_response_enum(edited)
    assert breaking_changes(current, edited, tolerant_enums=True) == []
    strict = breaking_changes(current, edited, tolerant_enums=False)
    assert strict and {b.rule for b in strict} == {"response-enum-widened"}


def add_path(doc: JSON) -> None:
    assert "/v1/statistics" not in doc["paths"]
    doc["paths"]["/v1/statistics"] = copy.deepcopy(doc["paths"]["/v1/dataset"])
    doc["paths"]["/v1/statistics"]["get"]["operationId"] = "getStatistics"


def add_optional_parameter(doc: JSON) -> None:
    doc["paths"]["/v1/glossary"]["get"]["parameters"].append(
        {"name": "number", "in": "query", "required": False, "schema": {"type": "integer"}}
    )


def add_response_field(doc: JSON) -> None:
    schema = _schema(doc, "GlossaryTerm")
    schema["properties"]["aliases"] = {"type": "array", "items": {"type": "string"}}
    schema["required"].append("aliases")


def widen_parameter_enum(doc: JSON) -> None:
    _parameter(doc, "/v1/observations", "kind")["schema"]["items"]["enum"].append("forecast")


def relax_parameter_maximum(doc: JSON) -> None:
    _parameter(doc, "/v1/indicators", "limit")["schema"]["maximum"] = 1000


def widen_sort_pattern(doc: JSON) -> None:
    schema = _sort_pattern(doc)
    schema["pattern"] = schema["pattern"].replace("indicator_id|", "indicator_id|base_value|")


def withdraw_an_indicator_id(doc: JSON) -> None:
    # Records are corrected or withdrawn between releases of the data: the ids an id
    # filter takes change with them, which is no change of the interface.
    _parameter(doc, "/v1/observations", "indicator_id")["schema"]["items"]["enum"].pop()


ADDITIVE = [
    withdraw_an_indicator_id,
    add_path,
    add_optional_parameter,
    add_response_field,
    widen_parameter_enum,
    relax_parameter_maximum,
    widen_sort_pattern,
]


@pytest.mark.parametrize("edit", ADDITIVE, ids=[e.__name__ for e in ADDITIVE])
def test_additive_changes_pass(current: JSON, edit: Callable[[JSON], None]) -> None:
    edited = copy.deepcopy(current)
    edit(edited)
    assert breaking_changes(current, edited, tolerant_enums=False) == []
