"""Generate the SDK's models and resources from the committed OpenAPI document.

    python sdk/generate_sdk.py [--check]

Writes ``longgang_opendata/types.py`` (one msgspec Struct per schema) and
``longgang_opendata/_resources.py`` (one resource per tag, one method per
operation, sync and async). Nothing else is written: the hand-written runtime
(``_base_client.py``, ``_pagination.py``, ``_errors.py``, ``_client.py`` …) and
``longgang_opendata/lib/`` (helpers such as ``to_pandas`` and the command line)
are never touched. Generated code imports nothing from ``lib/``: the classes of
``lib/resources.py`` extend the generated resources, never the other way round.
Besides the resources, ``_resources.py`` holds ``MAX_LIMIT`` (the largest ``limit``
the document allows), ``CSV_COLUMNS`` (each list's CSV header, from the document's
example) and one ``<Resource>ListParams`` TypedDict per list, the keyword filters of
its ``list()``, so that ``lib/`` can type its own methods with them.

Naming rules the generator relies on (``tests/test_sdk_naming.py`` checks them):

- an operation's first tag is its resource: ``client.<tag>``; the tags in
  ``TOP_LEVEL_TAGS`` (dataset, search, health) become methods of the client itself;
- in a resource, the method is the operationId's first word: every list
  operation is ``list<Resource>`` (``client.projects.list``) and every
  get-one operation ``get<Resource>`` (``client.projects.get``), so no two
  operations of one resource may share their first word;
- at the top level, the method is the operationId in snake case without a
  leading ``get_`` (``getDataset`` → ``client.dataset``, ``search`` → ``client.search``);
- path parameters and required query parameters are positional (``client.search("地铁")``),
  every optional query parameter keyword-only;
- an operation is paged exactly when its operationId starts with ``list`` or
  is ``search``: those carry ``x-pagination`` (added by the OpenAPI export).

Forward compatibility: response models ignore unknown fields and their enums
accept unknown values (``Literal[...] | str``); request parameters keep their
enums. ``--check`` fails when a generated file differs from what is on disk.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import keyword
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SPEC = HERE.parent / "openapi" / "v1.json"
PACKAGE = HERE / "longgang_opendata"
JSON = dict[str, Any]

#: Tags whose operations are methods of the client itself (``client.search(q=…)``).
TOP_LEVEL_TAGS = frozenset({"dataset", "search", "health"})
#: Query parameters the SDK handles itself: representations other than JSON.
RUNTIME_PARAMETERS = frozenset({"format", "bom"})


def _header(spec_bytes: bytes) -> str:
    digest = hashlib.sha256(spec_bytes).hexdigest()
    return (
        f"# generated from openapi/v1.json (sha256 {digest}) — do not edit.\n"
        "# Regenerate with `make sdk`.\n"
    )


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _literal(values: list[Any]) -> str:
    return "Literal[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def python_type(schema: JSON, *, response: bool) -> str:
    """The Python annotation for a JSON schema."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return python_type(schema["allOf"][0], response=response)
    if "oneOf" in schema or "anyOf" in schema:
        alternatives: list[JSON] = schema.get("oneOf") or schema.get("anyOf") or []
        parts = [python_type(s, response=response) for s in alternatives]
        return " | ".join(dict.fromkeys(parts))
    types = schema.get("type")
    if isinstance(types, list):
        inner = {**schema, "type": next(t for t in types if t != "null")}
        if "enum" in inner:
            inner["enum"] = [v for v in inner["enum"] if v is not None]
        return python_type(inner, response=response) + (" | None" if "null" in types else "")
    if "x-ids-of" in schema:
        # Record ids change with each release of the data; the server checks them.
        return "str"
    if "enum" in schema:
        literal = _literal(schema["enum"])
        return f"{literal} | str" if response else literal
    if "const" in schema:
        return _literal([schema["const"]])
    if types == "null":
        return "None"
    if types == "string":
        return "str"
    if types == "integer":
        return "int"
    if types == "number":
        return "float"
    if types == "boolean":
        return "bool"
    if types == "array":
        return f"tuple[{python_type(schema.get('items', {}), response=response)}, ...]"
    if types == "object":
        values = schema.get("additionalProperties")
        value_type = python_type(values, response=response) if isinstance(values, dict) else "Any"
        return f"dict[str, {value_type}]"
    return "Any"


def _args(named: list[tuple[str, str]]) -> str:
    """A Google-style ``Args:``/``Attributes:`` body, continuation lines indented."""
    return "\n".join(
        textwrap.fill(
            f"{name}: {text}", width=84, initial_indent="    ", subsequent_indent="        "
        )
        for name, text in named
    )


def _doc(text: str, indent: str) -> str:
    body = "\n".join(
        paragraph
        if paragraph.startswith("    ")
        else textwrap.fill(paragraph, width=92 - len(indent))
        if paragraph
        else ""
        for paragraph in text.strip().split("\n")
    )
    lines = body.replace('"""', "'''").split("\n")
    if len(lines) == 1:
        return f'{indent}"""{lines[0]}"""\n'
    joined = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f'{indent}"""\n{joined}\n{indent}"""\n'


def render_types(spec: JSON, header: str) -> str:
    out = [
        header,
        '"""Models of the API\'s answers: one msgspec Struct per schema of openapi/v1.json."""\n\n',
        "from __future__ import annotations\n\n",
        "from typing import Annotated, Any, Literal\n\n",
        "import msgspec\n\n",
    ]
    schemas: JSON = spec["components"]["schemas"]
    names = sorted(name for name in schemas if not _is_file(spec, name))
    out.append("__all__ = [\n" + "".join(f'    "{n}",\n' for n in names) + "]\n")
    for name in names:
        schema = schemas[name]
        out.append(f"\n\nclass {name}(msgspec.Struct, frozen=True, kw_only=True):\n")
        description = schema.get("description", name)
        properties: JSON = schema.get("properties", {})
        attributes = _args(
            [(field, spec_.get("description", "")) for field, spec_ in properties.items()]
        )
        out.append(
            _doc(
                f"{description}\n\nAttributes:\n{attributes}" if properties else description, "    "
            )
        )
        required = set(schema.get("required", []))
        for field, field_schema in properties.items():
            annotation = python_type(field_schema, response=True)
            meta = json.dumps(field_schema.get("description", ""), ensure_ascii=False)
            default = "" if field in required else " = None"
            out.append(
                f"    {field}: Annotated[{annotation}, msgspec.Meta(description={meta})]{default}\n"
            )
    return "".join(out)


@dataclass(frozen=True)
class Operation:
    operation_id: str
    tag: str
    path: str
    summary: str
    description: str
    parameters: list[JSON]
    response: str
    page_item: str | None

    @property
    def method_name(self) -> str:
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", self.operation_id).lower()
        if self.tag in TOP_LEVEL_TAGS:
            return snake.removeprefix("get_")
        return snake.split("_", 1)[0]


def _operations(spec: JSON) -> list[Operation]:
    operations = []
    for path, item in spec["paths"].items():
        for operation in item.values():
            content = operation["responses"]["200"]["content"]
            first = next(iter(content.values()))["schema"]
            response = _ref_name(first["$ref"])
            if _is_file(spec, response):
                response = "bytes"  # a file or a catalogue, not one of the API's models
            page_item = None
            if "x-pagination" in operation:
                items = spec["components"]["schemas"][response]["properties"]["items"]
                page_item = python_type(items["items"], response=True)
            operations.append(
                Operation(
                    operation_id=operation["operationId"],
                    tag=operation["tags"][0],
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=operation.get("parameters", []),
                    response=response,
                    page_item=page_item,
                )
            )
    return operations


def _is_file(spec: JSON, name: str) -> bool:
    return bool(spec["components"]["schemas"][name].get("x-file"))


def _parameter(parameter: JSON) -> tuple[str, str]:
    """(python name, annotation) of a query or path parameter."""
    name = parameter["name"]
    schema = parameter["schema"]
    if schema.get("type") == "array":
        item = python_type(schema["items"], response=False)
        annotation = f"{item} | Sequence[{item}]"
    else:
        annotation = python_type(schema, response=False)
    python_name = f"{name}_" if keyword.iskeyword(name) else name
    return python_name, annotation


def _method(operation: Operation, *, is_async: bool, indent: str) -> str:
    path_params = [p for p in operation.parameters if p["in"] == "path"]
    # A file keeps its representation parameters (``bom``); a model never needs them.
    # ``cursor`` stays on lists: ``list(cursor=page.next_cursor)`` resumes a walk.
    skipped = {"cursor"} if operation.response == "bytes" else RUNTIME_PARAMETERS
    query_params = [
        p for p in operation.parameters if p["in"] == "query" and p["name"] not in skipped
    ]
    signature = ["self"]
    # What a call cannot do without comes first and may be passed by position.
    for parameter in path_params + [p for p in query_params if p.get("required")]:
        name, annotation = _parameter(parameter)
        signature.append(f"{name}: {annotation}")
    optional = [p for p in query_params if not p.get("required")]
    if optional:
        signature.append("*")
    for parameter in optional:
        name, annotation = _parameter(parameter)
        signature.append(f"{name}: {annotation} | None = None")
    if operation.page_item is not None:
        returns = (
            f"AsyncPager[{operation.page_item}]" if is_async else f"SyncPage[{operation.page_item}]"
        )
    else:
        returns = operation.response
    define = "async def" if is_async and operation.page_item is None else "def"
    lines = [f"{indent}{define} {operation.method_name}({', '.join(signature)}) -> {returns}:\n"]
    args = _args([(p["name"], p.get("description", "")) for p in path_params + query_params])
    doc = f"{operation.summary}.\n\n{operation.description}"
    if args:
        doc += f"\n\nArgs:\n{args}"
    doc += f"\n\n(operationId: {operation.operation_id})"
    lines.append(_doc(doc, indent + "    "))
    path = operation.path
    for parameter in path_params:
        name, _ = _parameter(parameter)
        segment = f"{{path_segment({name}, {json.dumps(name)})}}"
        path = path.replace("{" + parameter["name"] + "}", segment)
    path_literal = f'f"{path}"' if path_params else f'"{path}"'
    params = "{" + ", ".join(f'"{p["name"]}": {_parameter(p)[0]}' for p in query_params) + "}"
    params_arg = params if query_params else "None"
    body = indent + "    "
    if operation.page_item is not None:
        page = "AsyncPager" if is_async else "SyncPage"
        call = page
        arguments = f"self._client, {path_literal}, {params_arg}, {operation.response}"
    elif operation.response == "bytes":
        call = "await self._client.get_bytes" if is_async else "self._client.get_bytes"
        arguments = f"{path_literal}, {params_arg}"
    else:
        call = "await self._client.get" if is_async else "self._client.get"
        arguments = f"{path_literal}, {params_arg}, {operation.response}"
    lines.append(f"{body}return {call}({arguments})\n")
    return "".join(lines)


def max_limit(spec: JSON) -> int:
    """The largest ``limit`` any list of the document allows: the fewest pages for a walk."""
    maxima = [
        parameter["schema"]["maximum"]
        for item in spec["paths"].values()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "limit" and "maximum" in parameter["schema"]
    ]
    if not maxima:
        raise SystemExit("openapi/v1.json declares no maximum for any limit parameter")
    return int(max(maxima))


def csv_columns(spec: JSON) -> dict[str, list[str]]:
    """The columns of each list's CSV, in the API's order, by the model of its items.

    Read from the header line of the document's ``text/csv`` example, so that tables and
    DataFrames made by the SDK put their columns in the order the API's own CSV does.
    """
    columns: dict[str, list[str]] = {}
    for operation in _operations(spec):
        if operation.page_item is None:
            continue
        content = spec["paths"][operation.path]["get"]["responses"]["200"]["content"]
        example = content.get("text/csv", {}).get("example")
        if isinstance(example, str) and example.strip():
            header = next(csv.reader(io.StringIO(example)))
            columns.setdefault(operation.page_item, header)
    return columns


def _list_params(tag: str, operation: Operation) -> str:
    """A TypedDict of the keyword filters of a resource's ``list()``."""
    lines = [f"\n\nclass {tag.title()}ListParams(TypedDict, total=False):\n"]
    lines.append(_doc(f"The keyword filters of ``client.{tag}.list()``.", "    "))
    for parameter in operation.parameters:
        if parameter["in"] == "query" and parameter["name"] not in RUNTIME_PARAMETERS:
            name, annotation = _parameter(parameter)
            lines.append(f"    {name}: {annotation} | None\n")
    return "".join(lines)


def render_resources(spec: JSON, header: str) -> str:
    operations = _operations(spec)
    used_types = sorted(
        ({o.response for o in operations} | {o.page_item for o in operations if o.page_item})
        - {"bytes"}
    )
    tags: dict[str, list[Operation]] = {}
    for operation in operations:
        tags.setdefault(operation.tag, []).append(operation)
    descriptions = {t["name"]: t.get("description", "") for t in spec.get("tags", [])}
    resource_tags = [t for t in sorted(tags) if t not in TOP_LEVEL_TAGS]
    listed = {
        tag: operation
        for tag in resource_tags
        for operation in tags[tag]
        if operation.method_name == "list" and operation.page_item is not None
    }
    exported = [
        "MAX_LIMIT",
        "CSV_COLUMNS",
        "AsyncOperations",
        "SyncOperations",
        *(f"{t.title()}ListParams" for t in listed),
        *(f"{p}{t.title()}Resource" for p in ("", "Async") for t in resource_tags),
    ]
    out = [
        header,
        '"""Resources of the API: one per tag, one method per operation, sync and async."""\n\n',
        "from __future__ import annotations\n\n",
        "from collections.abc import Sequence\n",
        "from typing import Final, Literal, TypedDict\n\n",
        "from longgang_opendata._base_client import AsyncAPIClient, SyncAPIClient, path_segment\n",
        "from longgang_opendata._pagination import AsyncPager, SyncPage\n",
        "from longgang_opendata.types import (\n"
        + "".join(f"    {t},\n" for t in used_types)
        + ")\n\n",
        "__all__ = [" + ", ".join(json.dumps(name) for name in sorted(exported)) + "]\n\n",
        "#: The largest ``limit`` of the API: a whole list in as few pages as possible.\n",
        f"MAX_LIMIT: Final = {max_limit(spec)}\n",
        "#: The columns of each list's CSV in the API's order, by the model of its items.\n",
        "CSV_COLUMNS: Final[dict[str, tuple[str, ...]]] = {\n"
        + "".join(
            f"    {json.dumps(model)}: ({''.join(json.dumps(c) + ', ' for c in names)}),\n"
            for model, names in sorted(csv_columns(spec).items())
        )
        + "}\n",
    ]
    for tag, operation in listed.items():
        out.append(_list_params(tag, operation))
    for is_async in (False, True):
        prefix = "Async" if is_async else ""
        client_type = "AsyncAPIClient" if is_async else "SyncAPIClient"
        for tag in resource_tags:
            out.append(f"\n\nclass {prefix}{tag.title()}Resource:\n")
            out.append(_doc(descriptions.get(tag, tag), "    "))
            out.append(f"\n    def __init__(self, client: {client_type}) -> None:\n")
            out.append("        self._client = client\n")
            for operation in tags[tag]:
                out.append("\n" + _method(operation, is_async=is_async, indent="    "))
        out.append(f"\n\nclass {prefix or 'Sync'}Operations:\n")
        out.append(_doc("The top-level operations of the API (methods of the client).", "    "))
        out.append(f"\n    _client: {client_type}\n")
        for tag in sorted(TOP_LEVEL_TAGS & set(tags)):
            for operation in tags[tag]:
                out.append("\n" + _method(operation, is_async=is_async, indent="    "))
    return "".join(out)


def _formatted(source: str, path: Path) -> str:
    """The source as the project's formatter writes it, so generated code reads like ours."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        raise SystemExit("ruff is needed to format generated code: pip install ruff")
    for command in (["check", "--fix-only", "--quiet"], ["format", "--quiet"]):
        result = subprocess.run(
            [ruff, *command, "--stdin-filename", str(path), "-"],
            input=source,
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE.parent,
        )
        source = result.stdout
    return source


def generated_files(spec_path: Path = SPEC) -> dict[Path, str]:
    spec_bytes = spec_path.read_bytes()
    spec = json.loads(spec_bytes)
    header = _header(spec_bytes)
    rendered = {
        PACKAGE / "types.py": render_types(spec, header),
        PACKAGE / "_resources.py": render_resources(spec, header),
    }
    return {path: _formatted(text, path) for path, text in rendered.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python sdk/generate_sdk.py")
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in generated_files().items():
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(path)
        else:
            path.write_text(text)
            print(f"wrote {path.relative_to(HERE.parent)}")
    for path in stale:
        print(f"{path.relative_to(HERE.parent)} is stale: run `make sdk`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
