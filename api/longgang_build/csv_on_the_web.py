"""CSV on the Web metadata of the CSV downloads, translated from their Table Schemas.

One table group (``csv-metadata.json``) describes every CSV download: each column's
datatype, constraints and description come from the same field the data
package declares, so the two descriptions cannot drift apart. The tables'
``url``s are relative to the metadata file (served in a folder of its own
under the downloads, so they start with ``../``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

CSVW_CONTEXT = "http://www.w3.org/ns/csvw"
CSVW_METADATA = "csv-metadata.json"
_TYPES = {"string": "string", "integer": "integer", "number": "double", "boolean": "boolean"}


def _datatype(field: dict[str, Any]) -> str | dict[str, Any]:
    constraints: dict[str, Any] = field.get("constraints", {})
    base = _TYPES[field["type"]]
    datatype: dict[str, Any] = {"base": base}
    if base == "boolean":
        datatype["format"] = f"{field['trueValues'][0]}|{field['falseValues'][0]}"
    if "enum" in constraints:
        values = constraints["enum"]
        if base == "integer":
            datatype["minimum"], datatype["maximum"] = min(values), max(values)
        else:
            datatype["format"] = "|".join(re.escape(str(v)) for v in values)
    if "pattern" in constraints:
        datatype["format"] = constraints["pattern"]
    if "minLength" in constraints:
        datatype["minLength"] = constraints["minLength"]
    if "minimum" in constraints:
        datatype["minimum"] = constraints["minimum"]
    return base if datatype == {"base": base} else datatype


def _column(field: dict[str, Any]) -> dict[str, Any]:
    column: dict[str, Any] = {
        "name": field["name"],
        "titles": field["name"],
        "datatype": _datatype(field),
    }
    if field.get("description"):
        column["dc:description"] = field["description"]
    if field.get("constraints", {}).get("required"):
        column["required"] = True
    return column


def table_group(resources: Sequence[dict[str, Any]], title: str, prefix: str) -> dict[str, Any]:
    """The table group of the data package's tabular ``resources`` (their CSV files, at
    ``prefix`` + the file name from the metadata file)."""
    tables = []
    for resource in resources:
        schema = resource["schema"]
        table_schema: dict[str, Any] = {
            "columns": [_column(f) for f in schema["fields"]],
            "primaryKey": schema["primaryKey"],
        }
        if "foreignKeys" in schema:
            table_schema["foreignKeys"] = [
                {
                    "columnReference": key["fields"],
                    "reference": {
                        "resource": prefix
                        + _file(key["reference"]["resource"] or resource["name"]),
                        "columnReference": key["reference"]["fields"],
                    },
                }
                for key in schema["foreignKeys"]
            ]
        tables.append(
            {
                "url": prefix + _file(resource["name"]),
                "dc:title": resource["title"],
                "dc:description": resource["description"],
                "tableSchema": table_schema,
            }
        )
    return {
        "@context": [CSVW_CONTEXT, {"@language": "en"}],
        "dc:title": title,
        # The downloads' own dialect: UTF-8, a header row, CRLF line ends.
        "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
        "tables": tables,
    }


def _file(table: str) -> str:
    return f"{table}.csv"
