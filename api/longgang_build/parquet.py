"""One Parquet file per table: the CSV's columns, typed, made from the same table declarations.

A column's Arrow type follows its declared type, as the data package's Table
Schema does: integers (and integer enums) as int64, numbers as float64,
booleans as bool, everything else as UTF-8 text (a ``period`` stays text, as
in the API and the data package: it names a year, it is not a quantity). A
column that may be null in the records is nullable; the others are not, so a
reader sees the same guarantees as the data package's ``required``. Each field
carries its description in the field metadata.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from longgang_api.data.tabular import Column, columns_of, flat_row


def arrow_type(column: Column) -> pa.DataType:
    info = column.type
    if isinstance(info, msgspec.inspect.BoolType):
        return pa.bool_()
    if isinstance(info, msgspec.inspect.IntType):
        return pa.int64()
    if isinstance(info, msgspec.inspect.FloatType):
        return pa.float64()
    if isinstance(info, msgspec.inspect.LiteralType) and all(
        isinstance(v, int) for v in info.values
    ):
        return pa.int64()
    return pa.string()


def arrow_schema(row_type: type[msgspec.Struct]) -> pa.Schema:
    return pa.schema(
        [
            pa.field(
                c.name,
                arrow_type(c),
                nullable=c.nullable,
                metadata={"description": c.description} if c.description else None,
            )
            for c in columns_of(row_type)
        ]
    )


def render_parquet(rows: Sequence[msgspec.Struct], row_type: type[msgspec.Struct]) -> bytes:
    """The rows as one Parquet file (zstd, one row group: the tables are small)."""
    schema = arrow_schema(row_type)
    flat = [flat_row(row) for row in rows]
    # A float column may hold integral values (6 for 6.0): Arrow takes them as floats.
    columns = [
        pa.array(
            [
                float(r[f.name])
                if f.type == pa.float64() and r.get(f.name) is not None
                else r.get(f.name)
                for r in flat
            ],
            type=f.type,
        )
        for f in schema
    ]
    table = pa.Table.from_arrays(columns, schema=schema)
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd", row_group_size=max(len(flat), 1))
    return out.getvalue()
