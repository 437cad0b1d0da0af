"""The indexes of one collection, built once per served dataset.

A list query is answered without a scan of the records:

- equality filters from per-field inverted indexes: each value maps to the
  set of record positions holding it; a repeated parameter is the union of
  its values' sets, several filters their intersection;
- sort orders precomputed: for every sortable field, ascending and
  descending (the id closing the order), a permutation of the positions and
  its inverse, the *rank* of each position; so is every order of two
  fields; a longer one is computed on first use (the order of its later
  fields, stably sorted by its first) and kept;
- ``q`` from a text index: each Chinese character and each pair of adjacent
  Chinese characters (bigram), and each folded English word, maps to the
  positions whose text holds it, with the best field weight there. A Chinese
  piece longer than two characters is looked up by its bigrams and confirmed
  on the few candidates;
- pages by keyset: a cursor carries the rank of the last record served in
  the chosen order (with its match rank, where relevance leads the order),
  and the next page is the ``limit`` smallest ranks after it.

The answers are those of :func:`longgang_api.text_search.match_record` and of
sorting every record, which a test checks on generated queries.
"""

from __future__ import annotations

import functools
import gc
import heapq
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from longgang_api.text_search import (
    EXACT,
    Piece,
    Query,
    SearchField,
    Synonyms,
    Term,
    match_record,
    pieces,
)

R = TypeVar("R")
Scalar = str | int | float | bool | None
#: A sort order: (field, descending) pairs, the id last.
SortSpec = tuple[tuple[str, bool], ...]
#: A record's place in an order: its rank, led by its match rank where relevance leads.
Key = tuple[int, ...]

# A filtered set larger than this share of the records is paged by walking the
# precomputed order instead of ranking every member.
_WALK_SHARE = 8


def sort_value(value: Scalar) -> tuple[int, Scalar]:
    # Nulls sort last in ascending order, whatever the field's type.
    return (1, None) if value is None else (0, value)


@dataclass(frozen=True, slots=True)
class IndexedPage(Generic[R]):
    """One page of an indexed query."""

    items: tuple[R, ...]
    #: Match of each item, where the query has a ``q``.
    matches: tuple[Any, ...]
    #: Key of the last item, when a further page follows.
    next_key: Key | None
    #: Records matching the query, all pages together.
    total: int


class CollectionIndex(Generic[R]):
    """Filters, orders and text of one collection, indexed."""

    def __init__(
        self,
        records: Sequence[R],
        filters: Mapping[str, Callable[[R], Iterable[str]]],
        sorts: Mapping[str, Callable[[R], Scalar]],
        fields: Callable[[], Sequence[tuple[SearchField, ...]]],
        synonyms: Synonyms,
    ) -> None:
        self.records = tuple(records)
        self.size = len(self.records)
        self.synonyms = synonyms
        self._fields_of = fields
        # Nothing built here is ever freed: the collector need not walk it while it grows.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._build(filters, sorts)
        finally:
            if collecting:
                gc.enable()

    def _build(
        self,
        filters: Mapping[str, Callable[[R], Iterable[str]]],
        sorts: Mapping[str, Callable[[R], Scalar]],
    ) -> None:
        # Each sortable field's values as dense ranks (equal values, equal ranks): orders
        # are then sorts on small integers.
        self._dense: dict[str, array[int]] = {}
        for name, get in sorts.items():
            values = [sort_value(get(r)) for r in self.records]
            rank_of = {v: i for i, v in enumerate(sorted(set(values)))}
            self._dense[name] = array("I", [rank_of[v] for v in values])
        self._postings: dict[str, dict[str, frozenset[int]]] = {}
        for name, values_of in filters.items():
            postings: dict[str, set[int]] = {}
            for position, record in enumerate(self.records):
                for value in set(values_of(record)):
                    postings.setdefault(value, set()).add(position)
            self._postings[name] = {v: frozenset(p) for v, p in postings.items()}
        self._orders: dict[SortSpec, tuple[array[int], array[int]]] = {}
        # Every order of one or two fields, from start-up: an order computed on its first
        # request stalls every request queued behind it.
        directed = [(name, descending) for name in sorts for descending in (False, True)]
        for first in directed:
            self.order(_spec(*first))
            for second in directed:
                if first[0] != "id" and first[0] != second[0]:
                    self.order((first, second, ("id", False)))

    @functools.cached_property
    def fields(self) -> tuple[tuple[SearchField, ...], ...]:
        """The searched fields of each record, prepared on the first ``q``."""
        return tuple(self._fields_of())

    @functools.cached_property
    def _text_index(self) -> tuple[dict[Piece, dict[int, int]], dict[str, set[int]]]:
        # Built on the first q of this collection, not at start-up: a server that is
        # only listed and filtered never pays for it.
        text: dict[Piece, dict[int, int]] = {}
        exact: dict[str, set[int]] = {}
        collecting = gc.isenabled()
        gc.disable()
        # Fields are shared between records (a quote serves its observation, its indicator
        # and its search hit; names repeat across periods): each text is split once, into
        # its pieces mapped to the field's weight.
        weighted: dict[tuple[str, int], dict[Piece, int]] = {}
        try:
            for position, record_fields in enumerate(self.fields):
                # The best (lowest) weight of each piece: the lowest is applied last.
                best: dict[Piece, int] = {}
                for f in sorted(record_fields, key=_heaviest_first):
                    grams = weighted.get((f.text, f.weight))
                    if grams is None:
                        grams = weighted[f.text, f.weight] = dict.fromkeys(_grams(f.text), f.weight)
                    best.update(grams)
                for key, weight in best.items():
                    posting = text.get(key)
                    if posting is None:
                        text[key] = {position: weight}
                    else:
                        posting[position] = weight
                for f in record_fields:
                    if f.weight == 1:
                        exact.setdefault(f.text.strip(), set()).add(position)
        finally:
            if collecting:
                gc.enable()
        return text, exact

    @property
    def _text(self) -> dict[Piece, dict[int, int]]:
        return self._text_index[0]

    @property
    def _exact(self) -> dict[str, set[int]]:
        return self._text_index[1]

    # -- orders -------------------------------------------------------------------------

    def order(self, spec: SortSpec) -> tuple[array[int], array[int]]:
        """The positions in the order of ``spec``, and the rank of each position."""
        # The id is unique: the fields after it never change the order.
        for at, (name, _) in enumerate(spec):
            if name == "id":
                spec = spec[: at + 1]
                break
        found = self._orders.get(spec)
        if found is None:
            found = self._compute_order(spec)
        return found

    def _compute_order(self, spec: SortSpec) -> tuple[array[int], array[int]]:
        # The order of the later fields, sorted by the first field, is the order of all of
        # them: Python's sort keeps ties in place, reversed or not. The id closes every
        # spec, so no two positions tie. Arrays of 4-byte integers hold the result: a list
        # would hold an int object per record.
        (name, descending), rest = spec[0], spec[1:]
        within = self.order(rest)[0] if rest else range(self.size)
        ranked_by = self._dense[name].__getitem__
        positions = array("I", sorted(within, key=ranked_by, reverse=descending))
        ranks = array("I", bytes(4 * self.size))
        for rank, position in enumerate(positions):
            ranks[position] = rank
        # Orders of one and two fields are kept from start-up; longer ones are bounded here.
        if len(self._orders) < 512:
            self._orders[spec] = (positions, ranks)
        return positions, ranks

    # -- filters and text -------------------------------------------------------------------

    def filtered(self, filters: Sequence[tuple[str, Sequence[str]]]) -> frozenset[int] | None:
        """Positions matching every filter (any of its values); None for no filter."""
        chosen: frozenset[int] | None = None
        for name, values in sorted(filters, key=lambda f: self._smallest(f[0], f[1])):
            postings = self._postings[name]
            union = frozenset().union(*(postings.get(v, frozenset()) for v in values))
            chosen = union if chosen is None else chosen & union
            if not chosen:
                return frozenset()
        return chosen

    def _smallest(self, name: str, values: Sequence[str]) -> int:
        postings = self._postings[name]
        return sum(len(postings.get(v, ())) for v in values)

    def _piece(self, piece: Piece, within: frozenset[int] | None) -> dict[int, int]:
        kind, value = piece
        if kind == "word" or len(value) <= 2:
            found = self._text.get(piece, {})
            if within is None:
                return found
            return {p: w for p, w in found.items() if p in within}
        grams = sorted(
            (self._text.get(g, {}) for g in _grams_of_run(value) if len(g[1]) == 2), key=len
        )
        candidates = set(grams[0]) if grams else set()
        for postings in grams[1:]:
            candidates.intersection_update(postings)
        if within is not None:
            candidates &= within
        result: dict[int, int] = {}
        for position in candidates:
            weights = [f.weight for f in self.fields[position] if f.has(piece)]
            if weights:
                result[position] = min(weights)
        return result

    def _term(self, term: Term, within: frozenset[int] | None) -> dict[int, int]:
        best: dict[int, int] = {}
        for alternative in term.alternatives:
            weights: dict[int, int] | None = None
            for piece in sorted(alternative, key=lambda p: len(self._text.get(p, ()))):
                found = self._piece(piece, within)
                if weights is None:
                    weights = dict(found)
                else:
                    weights = {p: max(w, found[p]) for p, w in weights.items() if p in found}
                if not weights:
                    break
            for position, weight in (weights or {}).items():
                if best.get(position, 99) > weight:
                    best[position] = weight
        return best

    def searched(self, query: Query, within: frozenset[int] | None) -> dict[int, int]:
        """Positions matching every term of ``query``, each with its match rank."""
        if not query.terms:
            return {}
        ranked: dict[int, int] | None = None
        for term in query.terms:
            found = self._term(term, within)
            if ranked is None:
                ranked = found
            else:
                ranked = {p: max(w, found[p]) for p, w in ranked.items() if p in found}
            if not ranked:
                return {}
            within = frozenset(ranked)
        assert ranked is not None
        for position in self._exact.get(query.text, ()):
            if position in ranked:
                ranked[position] = EXACT
        return ranked

    # -- pages ----------------------------------------------------------------------------------

    def page(
        self,
        filters: Sequence[tuple[str, Sequence[str]]],
        query: Query | None,
        spec: SortSpec,
        relevance: bool,
        after: Key | None,
        limit: int | None,
    ) -> IndexedPage[R]:
        """The page after ``after`` (every match when ``limit`` is None)."""
        chosen = self.filtered(filters)
        positions, ranks = self.order(spec)
        ranked: dict[int, int] | None = None
        if query is not None:
            ranked = self.searched(query, chosen)
            chosen = frozenset(ranked)
        total = self.size if chosen is None else len(chosen)
        wanted = total if limit is None else limit + 1
        keys: list[Key]
        if ranked is not None and relevance:
            descending = spec[0][1]
            sign = -1 if descending else 1
            candidates = ((sign * w, ranks[p]) for p, w in ranked.items())
            keys = _smallest_after(candidates, after, wanted)
        elif chosen is None:
            start = 0 if after is None else max(0, after[0] + 1)
            keys = [(r,) for r in range(start, min(start + wanted, self.size))]
        elif len(chosen) * _WALK_SHARE > self.size:
            start = 0 if after is None else max(0, after[0] + 1)
            keys = []
            for rank in range(start, self.size):
                if positions[rank] in chosen:
                    keys.append((rank,))
                    if len(keys) == wanted:
                        break
        else:
            keys = _smallest_after(((ranks[p],) for p in chosen), after, wanted)
        more = limit is not None and len(keys) > limit
        shown = keys[:limit] if limit is not None else keys
        chosen_positions = [positions[k[-1]] for k in shown]
        matches: tuple[Any, ...] = ()
        if query is not None:
            matches = tuple(match_record(query, self.fields[p]) for p in chosen_positions)
        return IndexedPage(
            items=tuple(self.records[p] for p in chosen_positions),
            matches=matches,
            next_key=shown[-1] if more and shown else None,
            total=total,
        )


def _smallest_after(keys: Iterable[Key], after: Key | None, wanted: int) -> list[Key]:
    if after is not None:
        keys = (k for k in keys if k > after)
    return heapq.nsmallest(wanted, keys)


@functools.lru_cache(maxsize=4096)
def _grams_of_run(run: str) -> tuple[Piece, ...]:
    chars = tuple(("cjk", c) for c in dict.fromkeys(run))
    pairs = tuple(("cjk", run[i : i + 2]) for i in range(len(run) - 1))
    return chars + tuple(dict.fromkeys(pairs))


def _grams(text: str) -> set[Piece]:
    """What the text index holds of normalised text: its words, characters and bigrams."""
    found: set[Piece] = set()
    for piece in pieces(text):
        if piece[0] == "word":
            found.add(piece)
        else:
            found.update(_grams_of_run(piece[1]))
    return found


def _heaviest_first(field: SearchField) -> int:
    return -field.weight


def _spec(name: str, descending: bool) -> SortSpec:
    return ((name, descending),) if name == "id" else ((name, descending), ("id", False))
