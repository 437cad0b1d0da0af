"""Breaking changes between two versions of the OpenAPI document.

    python -m longgang_release.spec_diff openapi/v1.released.json openapi/v1.json

v1 promises additive changes only. A change breaks a client when it removes
a path, an operation, a parameter, a response field or an enum value; makes
a parameter required or narrows what it accepts; makes a response field
optional or nullable or changes its type; or adds a value to a response
enum that the SDK would not decode (ours accepts unknown values, so that
rule only fires when told the SDK does not).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Marks a parameter's enumeration as the ids of one release's records (its value is
#: the list they are listed at): the set changes with the data, as records are added,
#: corrected or withdrawn between releases, so it is no part of the interface compared.
IDS_OF = "x-ids-of"

JSON = dict[str, Any]
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SUCCESS = ("200", "201", "202", "203", "206")


@dataclass(frozen=True, slots=True)
class Break:
    """One breaking change: which rule, where, and what."""

    rule: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.where}: {self.detail}"


class _Document:
    def __init__(self, doc: JSON) -> None:
        self.doc = doc

    def resolve(self, schema: JSON) -> JSON:
        seen = 0
        while "$ref" in schema and seen < 32:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.doc["components"]["schemas"][name]
            seen += 1
        return schema

    def parts(self, schema: JSON) -> tuple[JSON, bool]:
        """The schema without its null alternative, and whether null is allowed."""
        schema = self.resolve(schema)
        nullable = False
        for key in ("oneOf", "anyOf"):
            alternatives = schema.get(key)
            if isinstance(alternatives, list):
                kept = [a for a in alternatives if a.get("type") != "null"]
                nullable = nullable or len(kept) < len(alternatives)
                if len(kept) == 1:
                    outer = {k: v for k, v in schema.items() if k != key}
                    inner, inner_nullable = self.parts(kept[0])
                    return {**outer, **inner}, nullable or inner_nullable
        if "allOf" in schema and len(schema["allOf"]) == 1:
            outer = {k: v for k, v in schema.items() if k != "allOf"}
            inner, inner_nullable = self.parts(schema["allOf"][0])
            return {**outer, **inner}, inner_nullable
        types = schema.get("type")
        if isinstance(types, list) and "null" in types:
            rest = [t for t in types if t != "null"]
            schema = {**schema, "type": rest[0] if len(rest) == 1 else rest}
            nullable = True
        if "enum" in schema and None in schema["enum"]:
            schema = {**schema, "enum": [v for v in schema["enum"] if v is not None]}
            nullable = True
        return schema, nullable


def _operations(doc: JSON) -> dict[tuple[str, str], JSON]:
    return {
        (path, method): operation
        for path, item in doc.get("paths", {}).items()
        for method, operation in item.items()
        if method in _METHODS
    }


def _kind(schema: JSON) -> str:
    if "properties" in schema:
        return "object"
    kind = schema.get("type")
    return kind if isinstance(kind, str) else json.dumps(kind)


def _response_changes(
    old: _Document,
    new: _Document,
    old_schema: JSON,
    new_schema: JSON,
    where: str,
    tolerant_enums: bool,
    seen: set[tuple[str, str]],
) -> Iterator[Break]:
    key = (json.dumps(old_schema, sort_keys=True), where)
    if key in seen:
        return
    seen.add(key)
    before, was_nullable = old.parts(old_schema)
    after, is_nullable = new.parts(new_schema)
    if is_nullable and not was_nullable:
        yield Break("response-field-nullable", where, "may now be null")
    if _kind(before) != _kind(after):
        yield Break("response-field-type", where, f"type {_kind(before)} became {_kind(after)}")
        return
    old_enum, new_enum = before.get("enum"), after.get("enum")
    if isinstance(old_enum, list) and isinstance(new_enum, list):
        for value in old_enum:
            if value not in new_enum:
                yield Break("removed-enum-value", where, f"value {value!r} removed")
        added = [v for v in new_enum if v not in old_enum]
        if added and not tolerant_enums:
            yield Break("response-enum-widened", where, f"new values {added!r}")
    old_properties: JSON = before.get("properties", {})
    new_properties: JSON = after.get("properties", {})
    new_required = set(after.get("required", []))
    for name, old_property in old_properties.items():
        inner = f"{where}.{name}"
        if name not in new_properties:
            yield Break("removed-response-field", inner, "field removed")
            continue
        if name in before.get("required", []) and name not in new_required:
            yield Break("response-field-optional", inner, "no longer always present")
        yield from _response_changes(
            old, new, old_property, new_properties[name], inner, tolerant_enums, seen
        )
    if "items" in before and "items" in after:
        yield from _response_changes(
            old, new, before["items"], after["items"], f"{where}[]", tolerant_enums, seen
        )


_ALTERNATION = re.compile(r"\(\?:([^()]*)\)")


def _alternatives_added(before: str | None, after: str) -> bool:
    """Whether ``after`` is ``before`` with alternatives added to its innermost groups.

    Such a pattern accepts everything the old one did (a list's ``sort`` pattern
    gaining a sortable field), so it widens rather than narrows.
    """
    if before is None:
        return False
    old_groups, new_groups = _ALTERNATION.findall(before), _ALTERNATION.findall(after)
    if _ALTERNATION.sub("(?:)", before) != _ALTERNATION.sub("(?:)", after):
        return False
    return len(old_groups) == len(new_groups) and all(
        set(old.split("|")) <= set(new.split("|"))
        for old, new in zip(old_groups, new_groups, strict=True)
    )


def _narrowed(old: _Document, new: _Document, old_schema: JSON, new_schema: JSON) -> list[str]:
    before, _ = old.parts(old_schema)
    after, _ = new.parts(new_schema)
    reasons: list[str] = []
    if _kind(before) != _kind(after):
        reasons.append(f"type {_kind(before)} became {_kind(after)}")
        return reasons
    if "items" in before and "items" in after:
        reasons += _narrowed(old, new, before["items"], after["items"])
    if IDS_OF in after:
        pass  # the ids of a release's records: they change with the data, not the interface
    elif isinstance(before.get("enum"), list):
        accepted: list[Any] = after.get("enum") or before["enum"]
        removed = [v for v in before["enum"] if v not in accepted]
        if removed:
            reasons.append(f"values {removed!r} no longer accepted")
    elif isinstance(after.get("enum"), list):
        reasons.append("now limited to an enumeration")
    for bound in ("minimum", "exclusiveMinimum", "minLength", "minItems"):
        if bound in after and (bound not in before or after[bound] > before[bound]):
            reasons.append(f"{bound} {before.get(bound)} became {after[bound]}")
    for bound in ("maximum", "exclusiveMaximum", "maxLength", "maxItems"):
        if bound in after and (bound not in before or after[bound] < before[bound]):
            reasons.append(f"{bound} {before.get(bound)} became {after[bound]}")
    if after.get("pattern") not in (None, before.get("pattern")) and not _alternatives_added(
        before.get("pattern"), after["pattern"]
    ):
        reasons.append(f"pattern {before.get('pattern')!r} became {after['pattern']!r}")
    return reasons


def _parameter_changes(
    old: _Document, new: _Document, before: JSON, after: JSON, where: str
) -> Iterator[Break]:
    def by_key(operation: JSON) -> dict[tuple[str, str], JSON]:
        return {(p["in"], p["name"]): p for p in operation.get("parameters", [])}

    old_parameters, new_parameters = by_key(before), by_key(after)
    for key, parameter in old_parameters.items():
        label = f"{where} parameter {key[1]!r} ({key[0]})"
        if key not in new_parameters:
            yield Break("removed-parameter", label, "parameter removed")
            continue
        changed = new_parameters[key]
        if changed.get("required") and not parameter.get("required"):
            yield Break("parameter-required", label, "now required")
        for reason in _narrowed(old, new, parameter.get("schema", {}), changed.get("schema", {})):
            yield Break("parameter-narrowed", label, reason)
    for key, parameter in new_parameters.items():
        if key not in old_parameters and parameter.get("required"):
            label = f"{where} parameter {key[1]!r} ({key[0]})"
            yield Break("parameter-required", label, "new required parameter")


def breaking_changes(old_doc: JSON, new_doc: JSON, *, tolerant_enums: bool) -> list[Break]:
    """Every change from ``old_doc`` to ``new_doc`` that can break a v1 client."""
    old, new = _Document(old_doc), _Document(new_doc)
    breaks: list[Break] = []
    old_paths, new_paths = old_doc.get("paths", {}), new_doc.get("paths", {})
    for path in old_paths:
        if path not in new_paths:
            breaks.append(Break("removed-path", path, "path removed"))
    new_operations = _operations(new_doc)
    for (path, method), before in _operations(old_doc).items():
        where = f"{method.upper()} {path}"
        if path not in new_paths:
            continue
        if (path, method) not in new_operations:
            breaks.append(Break("removed-operation", where, "operation removed"))
            continue
        after = new_operations[(path, method)]
        breaks += _parameter_changes(old, new, before, after, where)
        for status in _SUCCESS:
            old_response = before.get("responses", {}).get(status, {})
            new_response = after.get("responses", {}).get(status)
            old_content = old_response.get("content", {})
            if old_content and new_response is None:
                breaks.append(Break("removed-operation", where, f"response {status} removed"))
                continue
            for media, old_media in old_content.items():
                new_media = (new_response or {}).get("content", {}).get(media)
                if new_media is None:
                    detail = f"{media} no longer served"
                    breaks.append(Break("removed-operation", f"{where} {status}", detail))
                    continue
                breaks += _response_changes(
                    old,
                    new,
                    old_media.get("schema", {}),
                    new_media.get("schema", {}),
                    f"{where} {status} {media}",
                    tolerant_enums,
                    set(),
                )
    return breaks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m longgang_release.spec_diff")
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument(
        "--strict-enums",
        action="store_true",
        help="treat new response enum values as breaking (for clients that reject them)",
    )
    args = parser.parse_args(argv)
    breaks = breaking_changes(
        json.loads(args.old.read_text()),
        json.loads(args.new.read_text()),
        tolerant_enums=not args.strict_enums,
    )
    for item in breaks:
        print(item)
    print(f"{len(breaks)} breaking change(s)", file=sys.stderr)
    return 1 if breaks else 0


if __name__ == "__main__":
    raise SystemExit(main())
