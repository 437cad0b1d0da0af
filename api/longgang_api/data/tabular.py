"""Records as rows: flattened columns, CSV and NDJSON bytes.

Pure rendering, shared by the API's list answers and the build's downloads:
nested objects become ``parent_child`` columns, nested lists are left out
(they have their own collections).
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import msgspec

#: The UTF-8 byte order mark Excel wants before CSV.
BOM = "\ufeff".encode()


def _flatten(prefix: str, value: Any, row: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}_{key}" if prefix else key, inner, row)
    elif isinstance(value, list):
        return
    else:
        row[prefix] = value


def flat_row(record: msgspec.Struct) -> dict[str, Any]:
    """``record`` as one flat row: nested objects joined by ``_``, lists left out."""
    row: dict[str, Any] = {}
    _flatten("", msgspec.to_builtins(record), row)
    return row


@dataclass(frozen=True, slots=True)
class Column:
    """A flattened column of a record type: its name, leaf type and description."""

    name: str
    type: msgspec.inspect.Type
    nullable: bool
    description: str


def _columns(
    prefix: str, info: msgspec.inspect.Type, nullable: bool, description: str
) -> list[Column]:
    if isinstance(info, msgspec.inspect.Metadata):
        extra = info.extra_json_schema or {}
        text = str(extra.get("description", "")) or description
        return _columns(prefix, info.type, nullable, text)
    if isinstance(info, msgspec.inspect.UnionType):
        kept = [t for t in info.types if not isinstance(t, msgspec.inspect.NoneType)]
        optional = nullable or len(kept) < len(info.types)
        if len(kept) == 1:
            return _columns(prefix, kept[0], optional, description)
        return [Column(prefix, info, optional, description)]
    if isinstance(info, msgspec.inspect.StructType):
        columns: list[Column] = []
        for field in info.fields:
            name = f"{prefix}_{field.name}" if prefix else field.name
            columns += _columns(name, field.type, nullable, description)
        return columns
    if isinstance(info, msgspec.inspect.ListType | msgspec.inspect.VarTupleType):
        return []
    return [Column(prefix, info, nullable, description)]


def columns_of(record_type: type[msgspec.Struct]) -> tuple[Column, ...]:
    """The flattened columns of ``record_type``: nested objects joined by ``_``, lists left out."""
    return tuple(_columns("", msgspec.inspect.type_info(record_type), False, ""))


def csv_columns(record_type: type[msgspec.Struct]) -> tuple[str, ...]:
    return tuple(column.name for column in columns_of(record_type))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: Records per chunk of a streamed answer: big enough to keep writes few, small
#: enough that the first bytes leave before the last row is rendered.
CHUNK_RECORDS = 100


def _batches(records: Iterable[msgspec.Struct]) -> Iterator[tuple[msgspec.Struct, ...]]:
    # itertools.batched arrives only with Python 3.12.
    iterator = iter(records)
    while batch := tuple(itertools.islice(iterator, CHUNK_RECORDS)):
        yield batch


def csv_chunks(
    records: Iterable[msgspec.Struct], columns: Sequence[str], bom: bool
) -> Iterator[bytes]:
    """The CSV representation in pieces: the header line, then rows in chunks."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    head = out.getvalue().encode("utf-8")
    yield BOM + head if bom else head
    for batch in _batches(records):
        out.seek(0)
        out.truncate()
        for record in batch:
            row = flat_row(record)
            writer.writerow([_cell(row.get(column)) for column in columns])
        yield out.getvalue().encode("utf-8")


def ndjson_chunks(records: Iterable[msgspec.Struct]) -> Iterator[bytes]:
    """The NDJSON representation in pieces of up to :data:`CHUNK_RECORDS` lines."""
    encoder = msgspec.json.Encoder()
    for batch in _batches(records):
        buffer = bytearray()
        for record in batch:
            encoder.encode_into(record, buffer, len(buffer))
            buffer.extend(b"\n")
        yield bytes(buffer)


def render_csv(records: Sequence[msgspec.Struct], columns: Sequence[str], bom: bool) -> bytes:
    return b"".join(csv_chunks(records, columns, bom))


def render_ndjson(records: Sequence[msgspec.Struct]) -> bytes:
    return b"".join(ndjson_chunks(records))
