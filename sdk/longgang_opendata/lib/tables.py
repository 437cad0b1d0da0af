"""Records as flat tables: one column per scalar field, nested objects as ``name_zh``-style columns.

The columns come from the generated models (``msgspec.inspect``), so a field the API adds reaches
every table once the SDK is regenerated, without code here knowing of it. Lists inside a record
(an indicator's observations, a project's mentions) are left out; the joined tables below give
them rows of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec
from msgspec import inspect

from longgang_opendata._resources import CSV_COLUMNS

__all__ = [
    "Column",
    "Table",
    "localized",
    "mentions_table",
    "model_table",
    "observations_table",
]

Kind = Literal["string", "integer", "float", "boolean", "any"]
_SCALARS: dict[type[inspect.Type], Kind] = {
    inspect.StrType: "string",
    inspect.IntType: "integer",
    inspect.FloatType: "float",
    inspect.BoolType: "boolean",
}
#: The two languages of every ``LocalizedText``.
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Column:
    """One column: its name, the attribute path into a record, and the type of its values."""

    name: str
    kind: Kind
    path: tuple[str, ...] = ()


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[object]] = field(default_factory=list)

    def column(self, name: str) -> list[object]:
        index = [c.name for c in self.columns].index(name)
        return [row[index] for row in self.rows]


def _unwrap(type_: inspect.Type) -> inspect.Type:
    while isinstance(type_, inspect.Metadata):
        type_ = type_.type
    return type_


def _literal_kind(values: Iterable[object]) -> Kind:
    kinds = {type(v) for v in values}
    if kinds <= {str}:
        return "string"
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "integer"
    return "any"


def _kind(types: Sequence[inspect.Type]) -> Kind:
    literals = [t for t in types if isinstance(t, inspect.LiteralType)]
    if literals:
        # An open enum (``Literal[2023, 2024] | str``) is typed by its known values.
        return _literal_kind(v for t in literals for v in t.values)
    kinds = {_SCALARS.get(type(t), "any") for t in types}
    if kinds == {"integer", "float"}:
        return "float"
    return kinds.pop() if len(kinds) == 1 else "any"


def model_columns(model: type[msgspec.Struct], prefix: str = "") -> list[Column]:
    """The flat columns of a model in the order of the API's CSV of it; a column that CSV lacks
    (or a model without one) comes after, the id first, then in field order."""
    info = inspect.type_info(model)
    assert isinstance(info, inspect.StructType)
    columns: list[Column] = []
    for field_info in sorted(info.fields, key=lambda f: f.name != "id"):
        type_ = _unwrap(field_info.type)
        types = list(type_.types) if isinstance(type_, inspect.UnionType) else [type_]
        types = [_unwrap(t) for t in types if not isinstance(t, inspect.NoneType)]
        name = f"{prefix}{field_info.name}"
        if len(types) == 1 and isinstance(types[0], inspect.StructType):
            nested = model_columns(types[0].cls, f"{name}_")
            columns += [Column(c.name, c.kind, (field_info.name, *c.path)) for c in nested]
        elif any(isinstance(t, inspect.CollectionType | inspect.DictType) for t in types):
            continue
        else:
            columns.append(Column(name, _kind(types), (field_info.name,)))
    if not prefix:
        _in_csv_order(columns, CSV_COLUMNS.get(model.__name__, ()))
    return columns


def _in_csv_order(columns: list[Column], order: Sequence[str]) -> None:
    # The generated models list their fields alphabetically, as the OpenAPI document does.
    rank = {name: index for index, name in enumerate(order)}
    columns.sort(key=lambda column: rank.get(column.name, len(rank)))


def _value(record: object, path: tuple[str, ...]) -> object:
    for name in path:
        if record is None:
            return None
        record = getattr(record, name)
    return record


def model_table(items: Iterable[msgspec.Struct], model: type[msgspec.Struct]) -> Table:
    """One row per record."""
    columns = model_columns(model)
    return Table(columns, [[_value(item, c.path) for c in columns] for item in items])


def observations_table(observations: Iterable[Any], indicators: Iterable[Any]) -> Table:
    """Observations with their indicator's names (zh, en) and unit beside ``indicator_id``.

    Both arguments are lists of the generated ``Observation`` and ``IndicatorDetail``.
    """
    from longgang_opendata.types import Observation

    by_id = {i.id: i for i in indicators}
    base = model_columns(Observation)
    joined = [
        Column("indicator_name_zh", "string"),
        Column("indicator_name_en", "string"),
        Column("indicator_unit", "string"),
    ]
    at = [c.name for c in base].index("indicator_id") + 1
    columns = base[:at] + joined + base[at:]
    rows = []
    for observation in observations:
        indicator = by_id.get(observation.indicator_id)
        names = (
            [indicator.name.zh, indicator.name.en, indicator.unit]
            if indicator is not None
            else [None, None, None]
        )
        values = [_value(observation, c.path) for c in base]
        rows.append(values[:at] + names + values[at:])
    return Table(columns, rows)


def mentions_table(
    projects: Iterable[Any], *, years: set[str] | None = None, statuses: set[str] | None = None
) -> Table:
    """One row per mention of each project, led by the project's id, names and category.

    ``years`` and ``statuses`` keep only the mentions of those years or statuses.
    """
    from longgang_opendata.types import Mention, Project

    project_columns = model_columns(Project)
    mention_columns = model_columns(Mention)
    columns = [
        Column(f"project_{c.name}", c.kind, c.path) for c in project_columns
    ] + mention_columns
    rows = []
    for project in projects:
        head = [_value(project, c.path) for c in project_columns]
        for mention in project.mentions:
            if years is not None and str(mention.year) not in years:
                continue
            if statuses is not None and mention.status not in statuses:
                continue
            rows.append(head + [_value(mention, c.path) for c in mention_columns])
    return Table(columns, rows)


def localized(table: Table, lang: str) -> Table:
    """Every ``x_zh``/``x_en`` pair of columns as one column ``x`` in ``lang``."""
    names = [c.name for c in table.columns]
    keep: list[int] = []
    columns: list[Column] = []
    for index, column in enumerate(table.columns):
        stem, _, suffix = column.name.rpartition("_")
        pair = stem and suffix in LANGUAGES and all(f"{stem}_{x}" in names for x in LANGUAGES)
        if pair and suffix != lang:
            continue
        keep.append(index)
        columns.append(Column(stem, column.kind, column.path) if pair else column)
    return Table(columns, [[row[i] for i in keep] for row in table.rows])
