"""The indexes of one collection, built once per served dataset.

A list query is answered without a scan of the records:

- equality filters from per-field inverted indexes: each value maps to the
  set of record positions holding it; a repeated parameter is the union of
  its values' sets, several filters their intersection. For each two fields
  of few values, each pair of values is intersected once, at start-up, and
  kept where that halves the smaller set: a query naming both starts from it;
- sort orders precomputed: for every sortable field, ascending and
  descending (the id closing the order), a permutation of the positions and
  its inverse, the *rank* of each position; so is every order of two fields,
  by the served app's start-up thread after the text indexes (or on first
  use); a longer one is computed on first use (the order of its later
  fields, stably sorted by its first) and kept;
- ``q`` from a text index: each Chinese character and each pair of adjacent
  Chinese characters (bigram), and each folded English word, maps to the
  positions whose text holds it, ascending in an array, with the best field
  weight there, one byte each (a :class:`Posting`). A query reads only the
  postings of its pieces, and a later piece only where the earlier ones
  matched (by binary search when those are few). A Chinese piece longer than
  two characters is looked up by its bigrams and confirmed on the few
  candidates. A collection made of others (search) joins their text indexes
  instead of building its own: each of its postings reads theirs, moved by
  offsets. The text index is built once, by whichever comes first: the served
  app's start-up thread (:mod:`longgang_api.engine.text_warmup`) or a ``q``, which
  otherwise waits for the build under way;
- pages by keyset: a cursor carries the rank of the last record served in
  the chosen order (with its match rank, where relevance leads the order),
  and the next page is the ``limit`` smallest ranks after it. Each set kept
  for filters (a value's, a pair's) also holds its members' ranks in id
  order, ascending: a filtered page in id order (most lists' default) reads
  the smallest of its sets from the cursor on, a page's worth, unless its
  matches are few there (then they are ranked);
- where relevance leads the order (either way, the id after it), each piece
  with a posting, and each term of the synonym table that matches (a group
  as each of its members is typed, a broader term), is also kept presorted:
  its order ranks grouped by match rank, ascending within each group (a
  :class:`Presorted`). A ``q`` of one term (a piece, or a term of the synonym
  table) and no filter is then paged by reading the ranks after the cursor, a
  page's worth, not by ranking every match; the few records whose name is the
  query exactly are merged in at their own match rank.

The answers are those of :func:`longgang_api.engine.text_search.match_record` and of
sorting every record, which a test checks on generated queries.
"""

from __future__ import annotations

import functools
import gc
import heapq
import threading
from abc import ABC, abstractmethod
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, chain, combinations, islice, repeat
from typing import Any, Generic, NamedTuple, TypeVar

import msgspec

from longgang_api.engine.text_search import (
    EXACT,
    NAME,
    SYNONYM,
    WORST,
    Piece,
    Query,
    SearchField,
    Synonyms,
    Term,
    match_records,
    pieces,
)

R = TypeVar("R")
_NO_POSITIONS: frozenset[int] = frozenset()
Scalar = str | int | float | bool | None
#: A sort order: (field, descending) pairs, the id last.
SortSpec = tuple[tuple[str, bool], ...]
#: A record's place in an order: its rank, led by its match rank where relevance leads.
Key = tuple[int, ...]

# A filtered set is paged by walking the precomputed order for at most this many steps
# a member (a step costs about 40% of ranking one member), then by ranking every
# member: the walk is quick where members are many or come early in the order, and
# adds at most 1.6 times the cost of ranking them where they come late.
_WALK_FACTOR = 4
# Two filter fields of at most this many values each are intersected at start-up, value
# by value: a query naming a value of each starts from their intersection. One is kept
# only where it at least halves the smaller of its two sets (elsewhere that set serves as
# well), which keeps the pairs to a few megabytes at a hundred times the records.
_PAIRED_VALUES = 16
# Candidates fewer than a posting's length divided by this are looked up in it one by
# one (a binary search each) instead of reading the whole posting.
_PROBE_SHARE = 16


def sort_value(value: Scalar) -> tuple[int, Scalar]:
    # Nulls rank after every value, whatever the field's type (see _compute_order).
    return (1, None) if value is None else (0, value)


#: The order of ids, ascending: most lists' default order.
_ID_ORDER: SortSpec = (("id", False),)


class Held(NamedTuple):
    """The positions holding a filter's value (or a value of each of two filters)."""

    members: frozenset[int]
    #: Their ranks in id order, ascending: a page in that order reads them from its
    #: cursor on, instead of walking every record's rank.
    id_ranks: array[int]


_HELD_NOWHERE = Held(frozenset(), array("I"))


class PlaceError(ValueError):
    """A page was asked after a place that no record holds in the page's order."""


class IndexedPage(msgspec.Struct, Generic[R], frozen=True):
    """One page of an indexed query."""

    items: tuple[R, ...]
    #: Match of each item, where the query has a ``q``.
    matches: tuple[Any, ...]
    #: Key of the last item, when a further page follows.
    next_key: Key | None
    #: Records matching the query, all pages together.
    total: int


class Postings(ABC):
    """Where one piece stands in a collection, with the best field weight at each place."""

    __slots__ = ()

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def weight_at(self, position: int) -> int | None:
        """The weight at ``position``; None where the piece is not."""

    @abstractmethod
    def pairs(self, offset: int = 0) -> Iterable[tuple[int, int]]:
        """Every (position + offset, weight), positions ascending."""

    @abstractmethod
    def held(self, offset: int = 0) -> Iterable[int]:
        """Every position + offset, ascending."""

    def weighted(self, within: Collection[int] | None) -> dict[int, int]:
        """Position → weight, of the positions in ``within`` (of all for None)."""
        if within is None:
            return dict(self.pairs())
        if len(within) * _PROBE_SHARE < len(self):
            found: dict[int, int] = {}
            for position in within:
                weight = self.weight_at(position)
                if weight is not None:
                    found[position] = weight
            return found
        return {p: w for p, w in self.pairs() if p in within}

    def keep(self, candidates: set[int]) -> None:
        """Remove from ``candidates`` the positions this posting does not hold."""
        if len(candidates) * _PROBE_SHARE < len(self):
            for position in list(candidates):
                if self.weight_at(position) is None:
                    candidates.discard(position)
        else:
            candidates.intersection_update(self.held())


@dataclass(frozen=True, slots=True)
class Posting(Postings):
    """The positions holding one piece, ascending, and the best weight at each."""

    positions: array[int]
    #: One byte a position: the weight of the best field holding the piece there.
    weights: bytes

    def __len__(self) -> int:
        return len(self.positions)

    def weight_at(self, position: int) -> int | None:
        positions = self.positions
        at = bisect_left(positions, position)
        if at < len(positions) and positions[at] == position:
            return self.weights[at]
        return None

    def pairs(self, offset: int = 0) -> Iterable[tuple[int, int]]:
        return zip(self.held(offset), self.weights, strict=True)

    def held(self, offset: int = 0) -> Iterable[int]:
        return map(offset.__add__, self.positions) if offset else self.positions


class JoinedPosting(Postings):
    """The posting of a collection made of others, in order: each part's, moved by its offset."""

    __slots__ = ("_offsets", "_parts", "_size")

    def __init__(self, parts: Sequence[Postings], offsets: Sequence[int]) -> None:
        self._parts = tuple(parts)
        #: Where each part's positions start in the joined collection (the first at 0).
        self._offsets = tuple(offsets)
        self._size = sum(len(p) for p in self._parts)

    def __len__(self) -> int:
        return self._size

    def weight_at(self, position: int) -> int | None:
        part = bisect_right(self._offsets, position) - 1
        return self._parts[part].weight_at(position - self._offsets[part])

    def pairs(self, offset: int = 0) -> Iterable[tuple[int, int]]:
        return chain.from_iterable(
            part.pairs(offset + start)
            for start, part in zip(self._offsets, self._parts, strict=True)
        )

    def held(self, offset: int = 0) -> Iterable[int]:
        return chain.from_iterable(
            part.held(offset + start)
            for start, part in zip(self._offsets, self._parts, strict=True)
        )


_NOWHERE = Posting(array("I"), b"")
#: What a term matches: the alternatives of one (a piece alone, or a synonym group).
Alternatives = tuple[tuple[Piece, ...], ...]
#: What a term's presorted matches are kept under: the alternatives of a lone piece (it
#: is what was typed), or the term of a synonym group as one member was typed (that member
#: ranks above the others, so each member has its own order).
PresortedKey = Alternatives | Term
#: A text index before its presorted postings: fields, postings, exact names.
_TextParts = tuple[
    tuple[tuple[SearchField, ...], ...], dict[Piece, Postings], dict[str, tuple[int, ...]]
]


@dataclass(frozen=True, slots=True)
class Presorted:
    """One posting in one relevance order: the keys of its positions, ascending.

    A key is (sign × match rank, rank in the order); keys of one match rank
    share their first part, so each group is stored as the ranks alone.
    """

    #: Order ranks, group after group, ascending within each.
    ranks: array[int]
    #: Each group: (sign × match rank, where it starts in ``ranks``, where it ends).
    groups: tuple[tuple[int, int, int], ...]

    @classmethod
    def of(
        cls, matched: Iterable[tuple[int, int]], ranks: Sequence[int], sign: int, typecode: str
    ) -> Presorted:
        """``matched``: the (position, match rank) pairs to keep."""
        scale = max(len(ranks), 1)
        shift = WORST  # as in _best_after: never negative
        packed = sorted([(sign * w + shift) * scale + ranks[p] for p, w in matched])
        firsts = sorted({k // scale for k in packed})
        starts = [bisect_left(packed, first * scale) for first in firsts]
        ends = [*starts[1:], len(packed)]
        return cls(
            array(typecode, [k % scale for k in packed]),
            tuple(
                (first - shift, start, end)
                for first, start, end in zip(firsts, starts, ends, strict=True)
            ),
        )

    def after(self, key: Key | None, wanted: int, skip: Collection[int]) -> list[Key]:
        """The first ``wanted`` keys after ``key`` whose rank is not in ``skip``."""
        found: list[Key] = []
        ranks = self.ranks
        for first, start, end in self.groups:
            if key is not None:
                if first < key[0]:
                    continue
                if first == key[0]:
                    start = bisect_right(ranks, key[1], start, end)
            # Those still wanted are among the next ones, once those skipped are passed:
            # one slice of the array, not a step of Python for each rank.
            needed = wanted - len(found)
            taken = ranks[start : min(end, start + needed + len(skip))]
            if skip:
                found.extend([(first, rank) for rank in taken if rank not in skip][:needed])
            else:
                found.extend(zip(repeat(first), taken))
            if len(found) == wanted:
                return found
        return found


@dataclass(frozen=True, slots=True)
class TextIndex:
    """What ``q`` is answered from, for one collection."""

    #: The searched fields of each record.
    fields: tuple[tuple[SearchField, ...], ...]
    #: Each folded word, Chinese character and Chinese bigram, and where it stands.
    postings: Mapping[Piece, Postings]
    #: The positions whose name or id is exactly this normalised text.
    exact: dict[str, tuple[int, ...]]
    #: Every posting and every synonym group that matches, presorted: by relevance order
    #: (its sort spec), then by the term (see :func:`_presorted_key`).
    presorted: Mapping[SortSpec, Mapping[PresortedKey, Presorted]]


class CollectionIndex(Generic[R]):
    """Filters, orders and text of one collection, indexed."""

    def __init__(
        self,
        records: Sequence[R],
        filters: Mapping[str, Callable[[R], Iterable[str]]],
        sorts: Mapping[str, Callable[[R], Scalar]],
        fields: Callable[[], Sequence[tuple[SearchField, ...]]],
        synonyms: Synonyms,
        parts: Sequence[CollectionIndex[Any]] = (),
        relevance: str | None = None,
    ) -> None:
        """``parts``: collections whose records, one after the other, are these records
        (with the same searched text); the text index is then theirs, joined.
        ``relevance``: the sort field that, leading the order, puts better matches first."""
        self.records = tuple(records)
        self.relevance = relevance
        self.size = len(self.records)
        # Positions and ranks in two bytes each while they fit: every order kept is two
        # arrays of them (a collection keeps up to some two hundred orders), and the text
        # index holds a position for each piece of each record.
        self._typecode = "H" if self.size <= 0xFFFF else "I"
        self.synonyms = synonyms
        self._fields_of = fields
        self._parts = tuple(parts) if sum(p.size for p in parts) == self.size else ()
        self._text_lock = threading.Lock()
        self._text_built: TextIndex | None = None
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
        #: The ranks a descending sort reverses: those of the field, nulls made smallest
        #: so that they stay last.
        self._descending: dict[str, array[int]] = {}
        for name, get in sorts.items():
            values = [sort_value(get(r)) for r in self.records]
            rank_of = {v: i for i, v in enumerate(sorted(set(values)))}
            self._dense[name] = array(self._typecode, [rank_of[v] for v in values])
            # A missing value means nothing to order by: it comes last either way.
            self._descending[name] = _nulls_smallest(self._dense[name], rank_of.get((1, None)))
        sets: dict[str, dict[str, frozenset[int]]] = {}
        # One int object for each position, shared by every posting: intersecting two
        # postings then finds each common position by identity, without reading the ints.
        shared = list(range(self.size))
        for name, values_of in filters.items():
            postings: dict[str, set[int]] = {}
            for position, record in zip(shared, self.records, strict=True):
                for value in set(values_of(record)):
                    postings.setdefault(value, set()).add(position)
            sets[name] = {v: frozenset(p) for v, p in postings.items()}
        self._orders: dict[SortSpec, tuple[array[int], array[int]]] = {}
        # Every order of one field, from start-up; those of two, by build_orders.
        for name in sorts:
            for descending in (False, True):
                self.order(_spec(name, descending))
        id_rank = self.order(_ID_ORDER)[1].__getitem__

        def held(members: frozenset[int]) -> Held:
            return Held(members, array(self._typecode, sorted(map(id_rank, members))))

        self._postings = {
            name: {value: held(members) for value, members in values.items()}
            for name, values in sets.items()
        }
        few = sorted(name for name, values in sets.items() if len(values) <= _PAIRED_VALUES)
        self._pairs: dict[tuple[str, str], dict[tuple[str, str], Held]] = {
            (first, second): {
                (a, b): held(both)
                for a, held_a in sets[first].items()
                for b, held_b in sets[second].items()
                # Only where it at least halves the smaller set: elsewhere that set is as good.
                if 2 * len(both := held_a & held_b) <= min(len(held_a), len(held_b))
            }
            for first, second in combinations(few, 2)
        }

    @property
    def fields(self) -> tuple[tuple[SearchField, ...], ...]:
        """The searched fields of each record, prepared with the text index."""
        return self._text_index.fields

    @property
    def text_ready(self) -> bool:
        """Whether the text index is built (a ``q`` then never waits for it)."""
        return self._text_built is not None

    def build_orders(self) -> None:
        """Compute every order of two fields not computed yet.

        One costs milliseconds at a hundred times the records, and an order
        computed on its first request stalls every request queued behind it;
        computing them all takes most of a second there, which the server's
        first answer need not wait for: the served app's start-up thread
        computes them (:mod:`longgang_api.engine.text_warmup`).
        """
        directed = [(name, descending) for name in self._dense for descending in (False, True)]
        for first in directed:
            for second in directed:
                if first[0] != "id" and first[0] != second[0]:
                    self.order((first, second, ("id", False)))

    def build_text(self) -> None:
        """Build the text index now, unless it is built or being built (then wait for it)."""
        self._text_index  # noqa: B018

    @property
    def _text_index(self) -> TextIndex:
        built = self._text_built
        if built is None:
            # One build, whichever thread comes first; the others wait for it and see
            # it only once it is whole (the attribute is set last).
            with self._text_lock:
                built = self._text_built
                if built is None:
                    built = self._text_built = self._build_text()
        return built

    def _build_text(self) -> TextIndex:
        fields, postings, exact = self._join_text() if self._parts else self._own_text()
        text = TextIndex(fields, postings, exact, {})
        if self.relevance is None:
            return text
        # Each member of a synonym group, and each broader term, matches where a query of
        # it alone does: its alternatives' matches, ranked as it was typed (the others one
        # worse). Each alternative is looked up once, whichever terms share it.
        each: dict[tuple[Piece, ...], dict[int, int]] = {}
        groups: dict[PresortedKey, dict[int, int]] = {}
        for term in self.synonyms.terms:
            for alternative in term.alternatives:
                if alternative not in each:
                    each[alternative] = self._alternative(alternative, None, text)
            groups[_presorted_key(term)] = _merged(
                {a: each[a] for a in term.alternatives}, term.typed
            )
        presorted: dict[SortSpec, dict[PresortedKey, Presorted]] = {}
        for descending in (False, True):
            spec = _spec(self.relevance, descending)
            ranks = self.order(spec)[1]
            sign = -1 if descending else 1
            # Every posting, however short: ranking even a few dozen matches on each request
            # costs more than reading a page of them (a third of a search page at 1×), and
            # the short postings add little to the index, which the long ones make.
            presorted[spec] = {
                **{
                    ((piece,),): Presorted.of(posting.pairs(), ranks, sign, self._typecode)
                    for piece, posting in postings.items()
                },
                **{
                    term: Presorted.of(matched.items(), ranks, sign, self._typecode)
                    for term, matched in groups.items()
                    if matched
                },
            }
        return replace(text, presorted=presorted)

    def _own_text(self) -> _TextParts:
        fields = tuple(self._fields_of())
        # Per piece, the positions holding it (ascending) and the best field weight at
        # each, one byte: a few bytes an entry where a dict of ints costs some fifty.
        positions: dict[Piece, array[int]] = {}
        weights: dict[Piece, bytearray] = {}
        exact: dict[str, list[int]] = {}
        # Fields are shared between records (a quote serves its observation and its
        # indicator; names repeat across periods): a text met more than once is split once,
        # into its pieces mapped to the field's weight. Only those: a section's long text is
        # met once, and keeping its pieces would double what the build holds at its peak.
        seen = Counter((f.text, f.weight) for record_fields in fields for f in record_fields)
        weighted: dict[tuple[str, int], dict[Piece, int]] = {}
        for position, record_fields in enumerate(fields):
            # The best (lowest) weight of each piece: the lowest is applied last.
            best: dict[Piece, int] = {}
            for f in sorted(record_fields, key=_heaviest_first):
                grams = weighted.get((f.text, f.weight))
                if grams is None:
                    grams = dict.fromkeys(_grams(f.text), f.weight)
                    if seen[f.text, f.weight] > 1:
                        weighted[f.text, f.weight] = grams
                best.update(grams)
            for key, weight in best.items():
                held = positions.get(key)
                if held is None:
                    positions[key] = array(self._typecode, (position,))
                    weights[key] = bytearray((weight,))
                else:
                    held.append(position)
                    weights[key].append(weight)
            for f in record_fields:
                if f.weight == NAME:
                    exact.setdefault(f.text.strip(), []).append(position)
        postings: dict[Piece, Postings] = {
            key: Posting(held, bytes(weights[key])) for key, held in positions.items()
        }
        return (
            fields,
            postings,
            # A name is usually one record's: a tuple of one int, not a set.
            {text: tuple(dict.fromkeys(held)) for text, held in exact.items()},
        )

    def _join_text(self) -> _TextParts:
        # Each part's index, built (or waited for) under its own lock: a part never asks
        # for this one's, so the locks are always taken in the same order.
        built = [part._text_index for part in self._parts]
        offsets = tuple(accumulate((part.size for part in self._parts[:-1]), initial=0))
        pieces = dict.fromkeys(chain.from_iterable(text.postings for text in built))
        postings: dict[Piece, Postings] = {
            piece: JoinedPosting([text.postings.get(piece, _NOWHERE) for text in built], offsets)
            for piece in pieces
        }
        exact: dict[str, tuple[int, ...]] = {}
        for offset, text in zip(offsets, built, strict=True):
            for name, held in text.exact.items():
                exact[name] = exact.get(name, ()) + tuple(offset + p for p in held)
        fields = tuple(chain.from_iterable(text.fields for text in built))
        return fields, postings, exact

    @property
    def _text(self) -> Mapping[Piece, Postings]:
        return self._text_index.postings

    @property
    def _exact(self) -> dict[str, tuple[int, ...]]:
        return self._text_index.exact

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
        # spec, so no two positions tie. Arrays of small integers hold the result: a list
        # would hold an int object per record.
        (name, descending), rest = spec[0], spec[1:]
        within = self.order(rest)[0] if rest else range(self.size)
        ranked_by = (self._descending if descending else self._dense)[name].__getitem__
        positions = array(self._typecode, sorted(within, key=ranked_by, reverse=descending))
        ranks = array(self._typecode, bytes(positions.itemsize * self.size))
        for rank, position in enumerate(positions):
            ranks[position] = rank
        # Orders of one and two fields are kept from start-up; longer ones are bounded here.
        if len(self._orders) < 512:
            self._orders[spec] = (positions, ranks)
        return positions, ranks

    # -- filters and text -------------------------------------------------------------------

    def filtered(self, filters: Sequence[tuple[str, Sequence[str]]]) -> Held | None:
        """Positions matching every filter (any of its values); None for no filter.

        Their ``id_ranks`` are those of the smallest set kept from start-up that
        holds them all (a filter's single value, or a pair of them); empty where
        every filter has several values.
        """
        if not filters:
            return None
        sets: dict[str, frozenset[int]] = {}
        base = _HELD_NOWHERE
        single: list[tuple[str, str]] = []
        for name, values in filters:
            postings = self._postings[name]
            if len(values) == 1:
                found = postings.get(values[0], _HELD_NOWHERE)
                if not base.members or len(found.members) < len(base.members):
                    base = found
                single.append((name, values[0]))
                union = found.members
            else:
                union = _NO_POSITIONS.union(
                    *(postings.get(v, _HELD_NOWHERE).members for v in values)
                )
            if not union:
                return _HELD_NOWHERE
            sets[name] = union
        if len(single) > 1:
            # The smallest pair of single values intersected at start-up replaces its two sets.
            single.sort()
            paired: tuple[str, str, Held] | None = None
            for (first, a), (second, b) in combinations(single, 2):
                # Kept only where it at least halves the smaller of the two sets.
                both = self._pairs.get((first, second), {}).get((a, b))
                if both is not None and (
                    paired is None or len(both.members) < len(paired[2].members)
                ):
                    paired = (first, second, both)
            if paired is not None:
                first, second, both = paired
                del sets[first], sets[second]
                sets[""] = both.members
                if len(both.members) < len(base.members):
                    base = both
        # From the smallest: each intersection reads the smaller of its two sets.
        smallest, *rest = sorted(sets.values(), key=len)
        return Held(smallest.intersection(*rest) if rest else smallest, base.id_ranks)

    @staticmethod
    def _piece(piece: Piece, within: Collection[int] | None, text: TextIndex) -> dict[int, int]:
        kind, value = piece
        postings = text.postings
        if kind == "word" or len(value) <= 2:
            return postings.get(piece, _NOWHERE).weighted(within)
        grams = sorted(
            (postings.get(g, _NOWHERE) for g in _grams_of_run(value) if len(g[1]) == 2), key=len
        )
        if not grams:
            return {}
        # From the fewest: the positions asked about, or the rarest bigram's.
        if within is not None and len(within) < len(grams[0]):
            candidates, rest = set(within), grams
        else:
            candidates, rest = set(grams[0].held()), grams[1:]
            if within is not None:
                candidates.intersection_update(within)
        for posting in rest:
            if not candidates:
                break
            posting.keep(candidates)
        result: dict[int, int] = {}
        for position in candidates:
            weights = [f.weight for f in text.fields[position] if f.has(piece)]
            if weights:
                result[position] = min(weights)
        return result

    @classmethod
    def _term(cls, term: Term, within: Collection[int] | None, text: TextIndex) -> dict[int, int]:
        if len(term.alternatives) == 1:
            # No synonyms: nothing to merge.
            return cls._alternative(term.alternatives[0], within, text)
        return _merged(
            {a: cls._alternative(a, within, text) for a in term.alternatives}, term.typed
        )

    @classmethod
    def _alternative(
        cls, alternative: tuple[Piece, ...], within: Collection[int] | None, text: TextIndex
    ) -> dict[int, int]:
        """Positions holding every piece of ``alternative``, each at its worst piece's weight."""
        postings = text.postings
        weights: dict[int, int] | None = None
        for piece in sorted(alternative, key=lambda p: len(postings.get(p, _NOWHERE))):
            # A later piece is looked for only where the earlier ones matched.
            found = cls._piece(piece, within if weights is None else weights, text)
            if weights is None:
                weights = found
            else:
                weights = {p: max(w, found[p]) for p, w in weights.items() if p in found}
            if not weights:
                break
        return weights or {}

    def searched(self, query: Query, within: frozenset[int] | None) -> dict[int, int]:
        """Positions matching every term of ``query``, each with its match rank."""
        if not query.terms:
            return {}
        text = self._text_index
        ranked: dict[int, int] | None = None
        for term in query.terms:
            found = self._term(term, within, text)
            if ranked is None:
                ranked = found
            else:
                ranked = {p: max(w, found[p]) for p, w in ranked.items() if p in found}
            if not ranked:
                return {}
            within = frozenset(ranked)
        assert ranked is not None
        for position in text.exact.get(query.text, ()):
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
        *,
        presorted: bool = True,
    ) -> IndexedPage[R]:
        """The page after ``after`` (every match when ``limit`` is None).

        ``presorted=False`` ranks every match even where a presorted posting
        could answer (the answers are the same; a test compares them). A place
        that is not one of the order's is a :class:`PlaceError`.
        """
        if after is not None:
            self.check_place(after, spec, query is not None and relevance)
        if presorted and query is not None and relevance and limit is not None and not filters:
            found = self._presorted_page(query, spec, after, limit)
            if found is not None:
                return found
        held = self.filtered(filters)
        chosen = None if held is None else held.members
        positions, ranks = self.order(spec)
        ranked: dict[int, int] | None = None
        if query is not None:
            ranked = self.searched(query, chosen)
            chosen = frozenset(ranked)
        total = self.size if chosen is None else len(chosen)
        wanted = total if limit is None else limit + 1
        keys: list[Key]
        if ranked is not None and relevance:
            keys = _best_after(ranked, ranks, -1 if spec[0][1] else 1, after, wanted)
        elif chosen is None:
            start = 0 if after is None else max(0, after[0] + 1)
            keys = [(r,) for r in range(start, min(start + wanted, self.size))]
        else:
            start = 0 if after is None else max(0, after[0] + 1)
            steps = _WALK_FACTOR * len(chosen)
            candidates: Iterable[int]
            if held is not None and held.id_ranks and spec == _ID_ORDER:
                # In id order, the records of the smallest filter set, from the cursor on.
                base = held.id_ranks
                at = bisect_left(base, start)
                candidates = map(positions.__getitem__, base[at : at + steps])
                exhausted = at + steps >= len(base)
            else:
                candidates = positions[start : start + steps]
                exhausted = start + steps >= self.size
            walked = list(islice(filter(chosen.__contains__, candidates), wanted))
            if len(walked) == wanted or exhausted:
                keys = [(ranks[p],) for p in walked]
            else:
                keys = _smallest_after(sorted(map(ranks.__getitem__, chosen)), after, wanted)
        return self._page_of(keys, positions, query, limit, total)

    def check_place(self, after: Key, spec: SortSpec, relevance: bool) -> None:
        """Refuse ``after`` unless a record could hold it in the order of ``spec``.

        A place comes from a cursor, which anyone can sign (its key is
        published): its parts are read as indexes and packed, so each must be
        in range. Where relevance leads the order, a place is a match rank
        (signed as the order runs) and a rank; elsewhere a rank alone.
        """
        if len(after) != (2 if relevance else 1):
            parts = "a match rank and a rank" if relevance else "a rank alone"
            raise PlaceError(f"a place in this order is {parts}")
        if not 0 <= after[-1] < self.size:
            raise PlaceError(f"rank {after[-1]} is not one of the {self.size} records")
        if relevance and not EXACT <= (-1 if spec[0][1] else 1) * after[0] <= WORST:
            raise PlaceError(f"match rank {after[0]} is not one of this order's")

    def _presorted_page(
        self, query: Query, spec: SortSpec, after: Key | None, limit: int
    ) -> IndexedPage[R] | None:
        """The page from a presorted posting or group; None where the query has none."""
        if len(query.terms) != 1:
            return None
        term = query.terms[0]
        text = self._text_index
        # A longer Chinese piece alone has no posting of its own, so none presorted: it
        # is confirmed record by record.
        kept = text.presorted.get(spec, {}).get(_presorted_key(term))
        if kept is None:
            return None
        positions, ranks = self.order(spec)
        named = text.exact.get(query.text, ())
        matched = self._term(term, frozenset(named), text) if named else {}
        exact = [(EXACT, ranks[p]) for p in named if p in matched]
        wanted = limit + 1
        # The exact names rank ahead of (or, descending, behind) their own group: they
        # are left out of the presorted walk and merged back at their own key.
        keys = kept.after(after, wanted, {rank for _, rank in exact})
        if exact:
            keys = sorted(keys + [k for k in exact if after is None or k > after])[:wanted]
        return self._page_of(keys, positions, query, limit, len(kept.ranks))

    def _page_of(
        self,
        keys: list[Key],
        positions: Sequence[int],
        query: Query | None,
        limit: int | None,
        total: int,
    ) -> IndexedPage[R]:
        """The page of the first ``limit`` of ``keys`` (of all for None); a further page
        follows when ``keys`` holds more."""
        more = limit is not None and len(keys) > limit
        shown = keys[:limit] if limit is not None else keys
        chosen_positions = [positions[k[-1]] for k in shown]
        matches: tuple[Any, ...] = ()
        if query is not None:
            text = self._text_index
            # A name may be many records' (hundreds, in a large dataset): a set, once a page.
            exact = frozenset(text.exact.get(query.text, ()))
            matches = tuple(match_records(query, text.fields, chosen_positions, exact))
        records = self.records
        return IndexedPage(
            items=tuple([records[p] for p in chosen_positions]),
            matches=matches,
            next_key=shown[-1] if more and shown else None,
            total=total,
        )


def _best_after(
    ranked: Mapping[int, int], ranks: Sequence[int], sign: int, after: Key | None, wanted: int
) -> list[Key]:
    """The ``wanted`` smallest keys (sign × match rank, order rank) after ``after``.

    Each key is packed into one integer while they are compared: there may be
    as many as there are matches, and integers compare several times faster
    than tuples.
    """
    scale = max(len(ranks), 1)
    shift = WORST  # the worst match rank: sign × match rank + shift is never negative
    packed = [(sign * w + shift) * scale + ranks[p] for p, w in ranked.items()]
    if after is not None:
        floor = (after[0] + shift) * scale + after[1]
        packed = [k for k in packed if k > floor]
    return [(k // scale - shift, k % scale) for k in heapq.nsmallest(wanted, packed)]


def _presorted_key(term: Term) -> PresortedKey:
    # A piece's posting is kept under its alternatives alone: one Term a piece would cost
    # a struct for each of the index's pieces, in each relevance order.
    return term.alternatives if len(term.alternatives) == 1 else term


def _merged(
    found: Mapping[tuple[Piece, ...], Mapping[int, int]], typed: tuple[Piece, ...]
) -> dict[int, int]:
    """Each position at its best weight among the alternatives of a term: one more where
    the alternative is not the one typed (a synonym ranks below what was written)."""
    best: dict[int, int] = {}
    for alternative, weights in found.items():
        extra = 0 if alternative == typed else SYNONYM
        for position, weight in weights.items():
            if best.get(position, WORST + 1) > weight + extra:
                best[position] = weight + extra
    return best


def _smallest_after(ranks: list[int], after: Key | None, wanted: int) -> list[Key]:
    """The first ``wanted`` keys of sorted ``ranks`` after ``after``."""
    start = 0 if after is None else bisect_right(ranks, after[0])
    return [(r,) for r in ranks[start : start + wanted]]


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


def _nulls_smallest(dense: array[int], null_rank: int | None) -> array[int]:
    """Ranks where the null rank (the largest, if any) is below every other, the rest kept."""
    if null_rank is None:
        return dense
    return array(dense.typecode, [rank + 1 if rank != null_rank else 0 for rank in dense])


def _spec(name: str, descending: bool) -> SortSpec:
    return ((name, descending),) if name == "id" else ((name, descending), ("id", False))
