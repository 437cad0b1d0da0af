"""Tables as pandas DataFrames with typed, nullable columns (the ``pandas`` extra).

pandas is imported on first use, so the core SDK installs and imports without it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from longgang_opendata.lib.tables import Kind, Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["INSTALL_HINT", "import_pandas", "to_frame"]

INSTALL_HINT = "pip install 'longgang-opendata[pandas]'"
#: Nullable dtypes: a null stays <NA> (NaN for floats) instead of turning a column to object.
DTYPES: dict[Kind, str] = {
    "string": "string",
    "integer": "Int64",
    "float": "float64",
    "boolean": "boolean",
    "any": "object",
}


def import_pandas() -> ModuleType:
    try:
        return importlib.import_module("pandas")
    except ImportError as error:
        raise ImportError(f"to_pandas() needs pandas: {INSTALL_HINT}") from error


def to_frame(table: Table) -> pd.DataFrame:
    """One typed column per table column, in order; an empty table keeps its columns."""
    pandas = import_pandas()
    data = {}
    for index, column in enumerate(table.columns):
        values = [row[index] for row in table.rows]
        try:
            data[column.name] = pandas.Series(values, dtype=DTYPES[column.kind])
        except (TypeError, ValueError):
            # A value the model's known enum did not foresee (an open enum) keeps the column usable.
            data[column.name] = pandas.Series(values, dtype="object")
    frame: pd.DataFrame = pandas.DataFrame(data, columns=[c.name for c in table.columns])
    return frame
