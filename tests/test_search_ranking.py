"""How ``q`` ranks a term as written against its synonyms, on records made for the purpose.

Each case takes a term of the dataset's synonym table as the user types it (a
member of a group, or a broader term), another member of its group, and records
that differ only in which of the two a field holds. Both the scan
(:func:`match_record`) and the index (a page ranked by relevance, presorted or
not) must put the record holding what was typed first. The cases are few (terms
× members × fields): every one is checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.declarations import synonyms_of
from longgang_api.engine.index import CollectionIndex
from longgang_api.engine.text_search import (
    Piece,
    Synonyms,
    field_weight,
    match_record,
    parse_query,
    prepare,
)

#: Searched fields of each weight: names, body text, a section's text.
FIELDS = (
    "name.zh",
    "name.en",
    "id",
    "term.en",
    "definition.zh",
    "observations.source.quote",
    "text",
)
#: Every two fields of which the first weighs less (ranks better).
_BETTER_AND_WORSE = [(a, b) for a in FIELDS for b in FIELDS if field_weight(a) < field_weight(b)]
_SPEC = (("rank", False), ("id", False))


def _written(member: tuple[Piece, ...]) -> str:
    return " ".join(value for _, value in member)


def _record(field: str, member: str) -> tuple[tuple[str, str], ...]:
    # Text around the member, so that no field is the whole query (an exact match).
    return ((field, f"a {member} b"),)


def _ranked(
    synonyms: Synonyms, q: str, records: list[tuple[tuple[str, str], ...]]
) -> list[list[int]]:
    """The records' positions as a page of an index ranks them: presorted, then not."""
    index: CollectionIndex[int] = CollectionIndex(
        list(range(len(records))),
        {},
        {"rank": lambda r: 0, "id": lambda r: f"{r:04}"},
        lambda: [prepare(r) for r in records],
        synonyms,
        relevance="rank",
    )
    query = parse_query(q, synonyms)
    return [
        list(index.page((), query, _SPEC, True, None, limit, presorted=presorted).items)
        for presorted, limit in ((True, 10), (False, None))
    ]


def typed_and_synonym(synonyms: Synonyms) -> Iterator[tuple[str, str]]:
    """Each term of the table as typed, with each other member its query finds."""
    for term in synonyms.terms:
        typed = _written(term.typed)
        for other in map(_written, term.alternatives):
            # A synonym that holds the typed words (none of the dataset's) is no case.
            if match_record(parse_query(typed), prepare(_record("text", other))) is None:
                yield typed, other


def test_a_term_as_written_ranks_above_its_synonym_in_the_same_field(
    dataset: LoadedDataset,
) -> None:
    synonyms = synonyms_of(dataset)
    cases = list(typed_and_synonym(synonyms))
    assert len(cases) >= 20
    for typed, other in cases:
        query = parse_query(typed, synonyms)
        for field in FIELDS:
            found = match_record(query, prepare(_record(field, typed)))
            reached = match_record(query, prepare(_record(field, other)))
            assert found is not None and reached is not None
            assert found.rank < reached.rank, (typed, other, field)
            # The index agrees, whichever record comes first in id order.
            pair = [_record(field, other), _record(field, typed)]
            assert _ranked(synonyms, typed, pair) == [[1, 0], [1, 0]], (typed, other, field)
            assert _ranked(synonyms, typed, pair[::-1]) == [[0, 1], [0, 1]], (typed, other)


def test_a_synonym_in_a_better_field_outranks_the_term_as_written_in_a_worse_one(
    dataset: LoadedDataset,
) -> None:
    synonyms = synonyms_of(dataset)
    for typed, other in typed_and_synonym(synonyms):
        query = parse_query(typed, synonyms)
        for better, worse in _BETTER_AND_WORSE:
            in_better = match_record(query, prepare(_record(better, other)))
            in_worse = match_record(query, prepare(_record(worse, typed)))
            assert in_better is not None and in_worse is not None
            assert in_better.rank < in_worse.rank, (typed, other, better, worse)
