"""How ``q`` ranks a term as written against its synonyms, on records made for the purpose.

Each case takes a term of the dataset's synonym table as the user types it (a
member of a group, or a broader term) and another member of its group, and two
records that differ only in which of the two a field holds. Both the scan
(:func:`match_record`) and the index (a page ranked by relevance, presorted or
not) must put the record holding what was typed first.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from longgang_api.artifact import LoadedDataset
from longgang_api.declarations import synonyms_of
from longgang_api.index import CollectionIndex
from longgang_api.text_search import (
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


def _record(field: str, member: tuple[Piece, ...]) -> tuple[tuple[str, str], ...]:
    # Text around the member, so that no field is the whole query (an exact match).
    return ((field, f"a {_written(member)} b"),)


def _ranked(synonyms: Synonyms, q: str, records: list[tuple[tuple[str, str], ...]]) -> list[Any]:
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


@st.composite
def written_and_synonym(draw: st.DrawFn, synonyms: Synonyms) -> tuple[str, str, str, str]:
    """(typed, synonym, a field, a field of a worse weight)."""
    term = draw(st.sampled_from([t for t in synonyms.terms if len(t.alternatives) > 1]))
    typed = term.typed
    other = draw(st.sampled_from([a for a in term.alternatives if a != typed]))
    better, worse = draw(st.sampled_from(_BETTER_AND_WORSE))
    return _written(typed), _written(other), better, worse


def test_a_term_as_written_ranks_above_its_synonym_in_the_same_field(
    dataset: LoadedDataset,
) -> None:
    synonyms = synonyms_of(dataset)

    @given(written_and_synonym(synonyms))
    def check(case: tuple[str, str, str, str]) -> None:
        typed, other, field, _ = case
        query = parse_query(typed, synonyms)
        (term,) = query.terms
        (synonym,) = [a for a in term.alternatives if _written(a) == other]
        (written,) = [a for a in term.alternatives if _written(a) == typed]
        as_written = prepare(_record(field, written))
        through_synonym = prepare(_record(field, synonym))
        # A synonym that holds the typed words (none of the dataset's) is no case of this.
        assume(match_record(parse_query(typed), through_synonym) is None)
        found, reached = match_record(query, as_written), match_record(query, through_synonym)
        assert found is not None and reached is not None
        assert found.rank < reached.rank, (typed, other, field)
        # The index agrees, listed either way round.
        records = [_record(field, synonym), _record(field, written)]
        assert _ranked(synonyms, typed, records) == [[1, 0], [1, 0]]

    check()


def test_a_synonym_in_a_better_field_outranks_the_term_as_written_in_a_worse_one(
    dataset: LoadedDataset,
) -> None:
    synonyms = synonyms_of(dataset)

    @given(written_and_synonym(synonyms))
    def check(case: tuple[str, str, str, str]) -> None:
        typed, other, better, worse = case
        query = parse_query(typed, synonyms)
        (term,) = query.terms
        (synonym,) = [a for a in term.alternatives if _written(a) == other]
        (written,) = [a for a in term.alternatives if _written(a) == typed]
        in_better = match_record(query, prepare(_record(better, synonym)))
        in_worse = match_record(query, prepare(_record(worse, written)))
        assert in_better is not None and in_worse is not None
        assert in_better.rank < in_worse.rank, (typed, other, better, worse)

    check()
