"""The one query grammar of every list: filters, ``q``, ``sort``, ``limit``, ``cursor``.

- equality filters on documented fields; a repeated parameter means OR;
- ``q``: case-insensitive substring over the record's text in both languages,
  NFKC-normalised so full-width and half-width forms match;
- ``sort``: comma-separated fields, ``-`` for descending; the record id is
  always the last key, so every order is total and pages are stable;
- ``limit`` and an opaque ``cursor`` (see :mod:`longgang_api.cursor`).

Anything the grammar does not know is a 400 naming the parameter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from longgang_api.cursor import CursorCodec, CursorError
from longgang_api.problems import BadParameter

R = TypeVar("R")
Scalar = str | int | float | bool | None

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_Q_LENGTH = 200
#: What ``q`` may hold: text without control characters; U+FFFD is what invalid
#: UTF-8 decodes to, and it is in none of the records.
Q_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f\\ufffd]*$"
#: How to get a cursor right, said with every refused cursor.
CURSOR_FIX = "a cursor must be the next_cursor of a page of this same query, unchanged"
#: Parameters every list accepts besides its filters.
COMMON_PARAMETERS = frozenset({"q", "sort", "limit", "cursor", "format", "bom"})


def normalise_text(text: str) -> str:
    """The form both ``q`` and the searched text are compared in."""
    return unicodedata.normalize("NFKC", text).casefold()


def canonical(value: Scalar) -> str:
    """A filter value as compared: booleans as ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Collection(Generic[R]):
    """A list resource: its records and what can be filtered, sorted and searched."""

    name: str
    records: tuple[R, ...]
    id_of: Callable[[R], str]
    filters: Mapping[str, Callable[[R], Iterable[Scalar]]]
    sorts: Mapping[str, Callable[[R], Scalar]]
    text_of: Callable[[R], Iterable[str]]
    default_sort: tuple[str, ...] = ("id",)
    #: Columns of the CSV representation.
    csv_columns: tuple[str, ...] = ()
    #: Values a filter accepts where its type does not say (the dataset's years).
    choices: Mapping[str, frozenset[Scalar]] = field(default_factory=dict)
    _search_text: tuple[str, ...] = field(init=False, repr=False)
    by_id: Mapping[str, R] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        texts = tuple(normalise_text("\n".join(self.text_of(r))) for r in self.records)
        object.__setattr__(self, "_search_text", texts)
        object.__setattr__(self, "by_id", {self.id_of(r): r for r in self.records})

    @property
    def parameters(self) -> frozenset[str]:
        return COMMON_PARAMETERS | frozenset(self.filters)


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A validated, normalised list query; equal queries have equal keys."""

    filters: tuple[tuple[str, tuple[str, ...]], ...]
    q: str | None
    sort: tuple[tuple[str, bool], ...]
    limit: int
    offset: int

    @property
    def scope(self) -> str:
        """What a cursor is bound to: everything but the page position and size."""
        filters = ";".join(f"{name}={','.join(values)}" for name, values in self.filters)
        sort = ",".join(("-" if desc else "") + name for name, desc in self.sort)
        return f"{filters}|{self.q or ''}|{sort}"


@dataclass(frozen=True, slots=True)
class Page(Generic[R]):
    items: tuple[R, ...]
    next_offset: int | None


def parse_sort(collection: Collection[Any], sort: str | None) -> tuple[tuple[str, bool], ...]:
    """``-year,id`` → ``(("year", True), ("id", False))``; the id always closes the order."""
    text = sort if sort is not None else ",".join(collection.default_sort)
    keys: list[tuple[str, bool]] = []
    for part in text.split(","):
        name = part.strip()
        descending = name.startswith("-")
        name = name.removeprefix("-")
        if name not in collection.sorts:
            known = ", ".join(sorted(collection.sorts))
            raise BadParameter("sort", f"cannot sort by {name!r}; sort by one or more of: {known}")
        if all(existing != name for existing, _ in keys):  # a repeat adds nothing
            keys.append((name, descending))
    if all(name != "id" for name, _ in keys):
        keys.append(("id", False))
    return tuple(keys)


def build_query(
    collection: Collection[Any],
    codec: CursorCodec,
    filters: Mapping[str, Sequence[Scalar] | Scalar],
    q: str | None,
    sort: str | None,
    limit: int,
    cursor: str | None,
) -> ListQuery:
    normalised: list[tuple[str, tuple[str, ...]]] = []
    for name in sorted(filters):
        value = filters[name]
        if value is None:
            continue
        values: Sequence[Scalar] = value if isinstance(value, list | tuple) else [value]  # type: ignore[list-item]
        allowed = collection.choices.get(name, frozenset())
        for v in values:
            if allowed and v not in allowed:
                known = ", ".join(sorted(canonical(c) for c in allowed))
                shown = canonical(v)
                raise BadParameter(
                    name, f"{name}={shown!r} is not accepted; {name} must be one of: {known}"
                )
        if values:
            normalised.append((name, tuple(sorted({canonical(v) for v in values}))))
    query_text = normalise_text(q).strip() if q is not None else None
    query = ListQuery(
        filters=tuple(normalised),
        q=query_text or None,
        sort=parse_sort(collection, sort),
        limit=limit,
        offset=0,
    )
    if cursor is None:
        return query
    try:
        offset = codec.decode(f"{collection.name}|{query.scope}", cursor)
    except CursorError as error:
        raise BadParameter("cursor", f"{error}; {CURSOR_FIX}") from None
    return ListQuery(query.filters, query.q, query.sort, query.limit, offset)


def _sort_key(value: Scalar) -> tuple[int, Scalar]:
    # Nulls sort last in ascending order, whatever the field's type.
    return (1, None) if value is None else (0, value)


def select(collection: Collection[R], query: ListQuery) -> list[R]:
    """Every record matching ``query``, in its order."""
    chosen: list[tuple[R, str]] = list(
        zip(collection.records, collection._search_text, strict=True)
    )
    for name, values in query.filters:
        get = collection.filters[name]
        wanted = set(values)
        chosen = [(r, t) for r, t in chosen if wanted.intersection(canonical(v) for v in get(r))]
    if query.q:
        chosen = [(r, t) for r, t in chosen if query.q in t]
    records = [r for r, _ in chosen]
    for name, descending in reversed(query.sort):
        get_key = collection.sorts[name]
        records.sort(key=lambda r: _sort_key(get_key(r)), reverse=descending)
    return records


def paginate(records: Sequence[R], query: ListQuery) -> Page[R]:
    end = query.offset + query.limit
    following = end if end < len(records) else None
    return Page(tuple(records[query.offset : end]), following)
