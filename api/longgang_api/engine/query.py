"""The one query grammar of every list: filters, ``q``, ``sort``, ``limit``, ``cursor``.

- equality filters on documented fields; a repeated parameter means OR;
- ``q``: terms that must all match the record's text in both languages
  (:mod:`longgang_api.engine.text_search` says how);
- ``sort``: comma-separated fields, ``-`` for descending; the record id is
  always the last key, so every order is total and pages are stable;
- ``limit`` and an opaque ``cursor`` (see :mod:`longgang_api.engine.cursor`), which
  carries the last record's place in the chosen order.

Queries are answered from the collection's indexes (:mod:`longgang_api.engine.index`).

Anything the grammar does not know is a 400 naming the parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import msgspec

from longgang_api.engine.cursor import CursorCodec, CursorError
from longgang_api.engine.index import CollectionIndex, Key, PlaceError, SortSpec
from longgang_api.engine.query_error import QueryError
from longgang_api.engine.suggestions import closest_ids, did_you_mean
from longgang_api.engine.text_search import (
    NO_SYNONYMS,
    Match,
    Query,
    Synonyms,
    normalise_text,
    parse_query,
    prepare,
)

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


__all__ = ["normalise_text"]  # re-exported: the form ``q`` is compared in


def canonical(value: Scalar) -> str:
    """A filter value as compared: booleans as ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Ids:
    """The ids a filter takes, a closed set: those of the records of a list."""

    #: What one record of that list is called, with its article (``an indicator``).
    noun: str
    #: The path of that list.
    listed_at: str
    values: frozenset[str]

    def check(self, parameter: str, value: str) -> None:
        """Refuse an id no record has, naming the closest that exist."""
        if value in self.values:
            return
        suggestions = closest_ids(value, self.values)
        raise QueryError(
            parameter,
            f"{parameter}={value!r} is not accepted; {parameter} must be the id of "
            f"{self.noun} listed at {self.listed_at}{did_you_mean(suggestions)}",
            suggestions,
        )


@dataclass(frozen=True, slots=True)
class Collection(Generic[R]):
    """A list resource: its records and what can be filtered, sorted and searched."""

    name: str
    #: What one record is called (``indicator``, ``glossary term``).
    noun: str
    records: tuple[R, ...]
    id_of: Callable[[R], str]
    filters: Mapping[str, Callable[[R], Iterable[Scalar]]]
    sorts: Mapping[str, Callable[[R], Scalar]]
    #: The searched fields of a record: (field name, text) pairs.
    text_of: Callable[[R], Iterable[tuple[str, str]]]
    default_sort: tuple[str, ...] = ("id",)
    #: Columns of the CSV representation.
    csv_columns: tuple[str, ...] = ()
    #: Values a filter accepts where its type does not say (the dataset's years).
    choices: Mapping[str, frozenset[Scalar]] = field(default_factory=dict)
    #: The filters whose values are the ids of another list's records.
    ids: Mapping[str, Ids] = field(default_factory=dict)
    synonyms: Synonyms = NO_SYNONYMS
    #: The sort field that, leading the order, puts better matches of ``q`` first.
    relevance: str | None = None
    #: Adds to each record of a page how it matched ``q`` (the records, their matches).
    annotate: Callable[[Sequence[R], Sequence[Match]], tuple[R, ...]] | None = None
    #: Collections whose records, one after the other, are this one's records with the
    #: same searched text: the text index is then theirs, joined, not built again.
    parts: tuple[Collection[Any], ...] = ()
    #: Rewrites the filters asked for into those the index answers (vintages).
    rewrite: Callable[[dict[str, tuple[str, ...]]], dict[str, tuple[str, ...]]] | None = None
    #: Filters the index holds that no parameter names: what ``rewrite`` maps onto.
    index_only: Mapping[str, Callable[[R], Iterable[Scalar]]] = field(default_factory=dict)
    by_id: Mapping[str, R] = field(init=False, repr=False)
    index: CollectionIndex[R] = field(init=False, repr=False)
    #: The query parameters a list takes: the common ones and its filters.
    parameters: frozenset[str] = field(init=False, repr=False)
    #: Those that may be given more than once: the filters.
    repeatable: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {self.id_of(r): r for r in self.records})
        object.__setattr__(self, "repeatable", frozenset(self.filters))
        object.__setattr__(self, "parameters", COMMON_PARAMETERS | self.repeatable)
        filters = {
            name: _canonical_values(values_of)
            for name, values_of in {**self.filters, **self.index_only}.items()
        }
        records, text_of = self.records, self.text_of
        index = CollectionIndex(
            records,
            filters,
            self.sorts,
            lambda: [prepare(text_of(r)) for r in records],
            self.synonyms,
            [part.index for part in self.parts],
            self.relevance,
        )
        object.__setattr__(self, "index", index)


class ListQuery(msgspec.Struct, frozen=True):
    """A validated, normalised list query; equal queries have equal keys."""

    filters: tuple[tuple[str, tuple[str, ...]], ...]
    q: str | None
    sort: tuple[tuple[str, bool], ...]
    limit: int
    #: Place of the last record served, from the cursor; None for the first page.
    after: Key | None = None
    #: The filters the index answers, where the list rewrites those asked (vintages);
    #: the cursor stays bound to what was asked.
    rewritten: tuple[tuple[str, tuple[str, ...]], ...] | None = None

    @property
    def answered(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The filters the index applies."""
        return self.filters if self.rewritten is None else self.rewritten

    @property
    def scope(self) -> str:
        """What a cursor is bound to: everything but the page position and size."""
        filters = ";".join(f"{name}={','.join(values)}" for name, values in self.filters)
        sort = ",".join(("-" if desc else "") + name for name, desc in self.sort)
        return f"{filters}|{self.q or ''}|{sort}"


class Page(msgspec.Struct, Generic[R], frozen=True):
    items: tuple[R, ...]
    #: Place of the last item, when a further page follows.
    next_key: Key | None
    #: Records matching the query, all pages together.
    total: int


def _canonical_values(values_of: Callable[[R], Iterable[Scalar]]) -> Callable[[R], list[str]]:
    return lambda record: [canonical(v) for v in values_of(record)]


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
            suggestions = closest_ids(name, collection.sorts)
            raise QueryError(
                "sort",
                f"cannot sort by {name!r}{did_you_mean(suggestions)} "
                f"(sort by one or more of: {known})",
                suggestions,
            )
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
        ids = collection.ids.get(name)
        for v in values:
            if ids is not None:
                ids.check(name, canonical(v))
            if allowed and v not in allowed:
                known = ", ".join(sorted(canonical(c) for c in allowed))
                shown = canonical(v)
                raise QueryError(
                    name, f"{name}={shown!r} is not accepted; {name} must be one of: {known}"
                )
        if values:
            normalised.append((name, tuple(sorted({canonical(v) for v in values}))))
    rewritten = None
    if collection.rewrite is not None:
        rewritten = tuple(sorted(collection.rewrite(dict(normalised)).items()))
    query_text = normalise_text(q).strip() if q is not None else None
    query = ListQuery(
        filters=tuple(normalised),
        q=query_text or None,
        sort=parse_sort(collection, sort),
        limit=limit,
        rewritten=rewritten,
    )
    if cursor is None:
        return query
    try:
        after = codec.decode(f"{collection.name}|{query.scope}", cursor)
        # Anyone can sign a cursor (see cursor.py): its place is checked as well.
        relevance = query.q is not None and _relevance(collection, query.sort)
        collection.index.check_place(after, query.sort, relevance)
    except (CursorError, PlaceError) as error:
        raise QueryError("cursor", f"{error}; {CURSOR_FIX}") from None
    return ListQuery(query.filters, query.q, query.sort, query.limit, after, rewritten)


def _parsed(collection: Collection[Any], query: ListQuery) -> Query | None:
    return None if query.q is None else parse_query(query.q, collection.synonyms)


def _relevance(collection: Collection[Any], sort: SortSpec) -> bool:
    return collection.relevance is not None and sort[0][0] == collection.relevance


def select(collection: Collection[R], query: ListQuery) -> list[R]:
    """Every record matching ``query``, in its order."""
    found = collection.index.page(
        query.answered, _parsed(collection, query), query.sort,
        _relevance(collection, query.sort), None, None,
    )  # fmt: skip
    return list(found.items)


def paginate(collection: Collection[R], query: ListQuery, *, whole: bool = False) -> Page[R]:
    """The page of ``query`` after its cursor's place, annotated with how items matched.

    ``whole`` takes every record after that place, whatever the limit (the
    complete CSV and NDJSON answers). A cursor's place with nothing after it is
    refused: a server never issues one, since the last page has no next cursor.
    """
    found = collection.index.page(
        query.answered, _parsed(collection, query), query.sort,
        _relevance(collection, query.sort), query.after, None if whole else query.limit,
    )  # fmt: skip
    items = found.items
    if query.after is not None and not items:
        raise QueryError("cursor", f"cursor points past the end of the list; {CURSOR_FIX}")
    if collection.annotate is not None and found.matches:
        items = collection.annotate(items, found.matches)
    return Page(items, found.next_key, found.total)
