"""A search page read from a presorted posting is the page that ranking every match gives.

A ``q`` of one term (one piece, or a member of a synonym group) and no filter,
ordered by relevance, is paged from the posting or group presorted at start-up
(:class:`longgang_api.engine.index.Presorted`);
``page(..., presorted=False)`` ranks every match instead. Both are asked the
same generated queries (pieces common and rare, names matched exactly, every
limit size, cursors from real pages and made up, every order of search), on
the real dataset and on a synthetic one ten times larger, and must give the
same items, matches, next cursor and total, page after page.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from longgang_api.data.artifact import LoadedDataset, load
from longgang_api.engine.cursor import CursorCodec
from longgang_api.engine.declarations import LISTINGS
from longgang_api.engine.index import Key
from longgang_api.engine.query import Collection, build_query, paginate, parse_sort
from longgang_api.engine.text_search import (
    WORST,
    Query,
    match_record,
    match_terms,
    parse_query,
    pieces,
)
from longgang_api.settings import DEFAULT_PUBLIC_BASE_URL
from longgang_build.build import compile_artifact, load_records, write
from tools.scale import generate

CODEC = CursorCodec("p" * 64)
# Every order of search: relevance leading (presorted both ways) or not, the id either way.
SORTS = (None, "rank", "-rank", "rank,-id", "-rank,-id", "id", "-id")


def _search(dataset: LoadedDataset) -> Collection[Any]:
    # As the server builds it: its text index joins those of the lists it is made of.
    built: dict[str, Collection[Any]] = {}
    for listing in LISTINGS:
        built[listing.name] = listing.collection(dataset, DEFAULT_PUBLIC_BASE_URL, built)
    search = built["search"]
    search.index.build_text()
    return search


@pytest.fixture(scope="module")
def real_search(dataset: LoadedDataset) -> Collection[Any]:
    return _search(dataset)


@pytest.fixture(scope="module")
def scaled_search(tmp_path_factory: pytest.TempPathFactory) -> Collection[Any]:
    out = tmp_path_factory.mktemp("scale10")
    folder = generate(10, out)
    return _search(load(write(compile_artifact(load_records(folder)), out / "build")))


def one_piece_queries(search: Collection[Any], seed: int, count: int) -> list[str]:
    """Pieces of the index, the most common, the rarest and some between, and names."""
    index = search.index
    postings = index._text
    pieces = sorted(postings, key=lambda p: (-len(postings[p]), p))
    chooser = random.Random(seed)
    chosen = pieces[:count] + pieces[-count:] + chooser.sample(pieces, count)
    texts = [value for _, value in chosen]
    # Whole names of one piece: their records rank first, out of their posting's order.
    names = sorted(
        text
        for text in index._exact
        if len(parse_query(text, search.synonyms).terms) == 1 and _presorted(search, text)
    )
    texts += chooser.sample(names, min(count, len(names)))
    return list(dict.fromkeys(texts))


def _presorted(search: Collection[Any], q: str) -> bool:
    query = parse_query(q, search.synonyms)
    spec = parse_sort(search, "rank")
    return search.index._presorted_page(query, spec, None, 1) is not None


def _both(
    search: Collection[Any], query: Query, sort: str | None, after: Key | None, limit: int
) -> tuple[Any, Any]:
    spec = parse_sort(search, sort)
    relevance = spec[0][0] == search.relevance
    return tuple(  # type: ignore[return-value]
        search.index.page((), query, spec, relevance, after, limit, presorted=presorted)
        for presorted in (True, False)
    )


def assert_same_walks(search: Collection[Any], texts: list[str], seed: int) -> int:
    """Walk each query both ways; the number of pages the presorted path answered."""
    chooser = random.Random(seed)
    fast_pages = 0
    for q in texts:
        query = parse_query(q, search.synonyms)
        for sort in SORTS:
            spec = parse_sort(search, sort)
            limit = chooser.choice((1, 2, 3, 7, 20, 100))
            after: Key | None = None
            for _ in range(6):
                fast, general = _both(search, query, sort, after, limit)
                assert fast == general, (q, sort, after, limit)
                if after is None or spec[0][0] == search.relevance:
                    taken = search.index._presorted_page(query, spec, after, limit) is not None
                    fast_pages += taken and spec[0][0] == search.relevance
                if fast.next_key is None:
                    break
                after = fast.next_key
            # A made-up place, anywhere among the keys: any key is a cursor.
            sign = -1 if spec[0][1] else 1
            made_up: Key = (sign * chooser.randint(0, WORST), chooser.randrange(search.index.size))
            if spec[0][0] != search.relevance:
                made_up = made_up[1:]
            fast, general = _both(search, query, sort, made_up, limit)
            assert fast == general, (q, sort, made_up, limit)
    return fast_pages


def assert_same_served_pages(search: Collection[Any], texts: list[str]) -> None:
    """Through the query layer: annotated items, next cursor and total, page by page."""
    for q in texts:
        for sort in ("rank", "-rank"):
            cursor: str | None = None
            for _ in range(3):
                query = build_query(search, CODEC, {}, q, sort, 5, cursor)
                fast = paginate(search, query)
                general_found = search.index.page(
                    (), parse_query(q, search.synonyms), query.sort, True, query.after, 5,
                    presorted=False,
                )  # fmt: skip
                assert search.annotate is not None
                general_items = search.annotate(general_found.items, general_found.matches)
                assert fast.items == general_items, (q, sort, cursor)
                assert (fast.next_key, fast.total) == (general_found.next_key, general_found.total)
                if fast.next_key is None:
                    break
                cursor = CODEC.encode(f"{search.name}|{query.scope}", fast.next_key)


def test_presorted_pages_equal_ranked_pages_on_the_report(real_search: Collection[Any]) -> None:
    texts = one_piece_queries(real_search, seed=1, count=25)
    assert all(_presorted(real_search, q) for q in texts)
    assert assert_same_walks(real_search, texts, seed=2) >= 2 * len(texts)
    assert_same_served_pages(real_search, texts[:30])


def test_presorted_pages_equal_ranked_pages_at_ten_times_the_records(
    scaled_search: Collection[Any],
) -> None:
    texts = one_piece_queries(scaled_search, seed=3, count=15)
    # Every piece with a posting is presorted, the rarest as well as the most common.
    assert all(_presorted(scaled_search, q) for q in texts)
    assert assert_same_walks(scaled_search, texts, seed=4) >= 2 * len(texts)
    assert_same_served_pages(scaled_search, texts[:30])


def synonym_queries(search: Collection[Any]) -> list[str]:
    """Every member of every synonym group, and every broader term, as a reader would type it."""
    return [" ".join(value for _, value in term.typed) for term in search.synonyms.terms]


def test_synonym_groups_are_paged_from_their_presorted_matches(
    real_search: Collection[Any], scaled_search: Collection[Any]
) -> None:
    # A member asks for its whole group: each is paged from the group's presorted matches,
    # whichever member is typed (the snippet then prefers that member's own words).
    for search, seed in ((real_search, 7), (scaled_search, 8)):
        texts = synonym_queries(search)
        presorted = [q for q in texts if _presorted(search, q)]
        groups = {parse_query(q, search.synonyms).terms[0].alternatives for q in presorted}
        assert len(groups) >= 5, groups
        assert assert_same_walks(search, texts, seed=seed) >= 2 * len(presorted)
        assert_same_served_pages(search, presorted)


def test_exact_names_are_merged_at_their_own_rank(real_search: Collection[Any]) -> None:
    # The cursors walk across the exact names both ways: first ascending, last descending.
    index = real_search.index
    names = [q for q in index._exact if len(q) <= 2 and _presorted(real_search, q)]
    assert names
    for q in names:
        query = parse_query(q, real_search.synonyms)
        for sort in ("rank", "-rank"):
            after: Key | None = None
            first_keys: list[Key] = []
            while True:
                fast, general = _both(real_search, query, sort, after, 1)
                assert fast == general, (q, sort, after)
                if fast.next_key is None:
                    break
                first_keys.append(fast.next_key)
                after = fast.next_key
            exact_at = [i for i, key in enumerate(first_keys) if key[0] == 0]
            if sort == "rank" and first_keys:
                assert exact_at and exact_at[0] == 0, q


def test_one_piece_matches_are_the_general_matches(
    real_search: Collection[Any], scaled_search: Collection[Any]
) -> None:
    for search, seed in ((real_search, 5), (scaled_search, 6)):
        chooser = random.Random(seed)
        fields_of = search.index.fields
        # Words of ids too: where the id and a name both match, the snippet is the name's.
        id_words = sorted(
            {value for fields in fields_of for f in fields if f.name == "id"
             for kind, value in pieces(f.text) if kind == "word"}
        )  # fmt: skip
        texts = one_piece_queries(search, seed=seed, count=10)
        texts += chooser.sample(id_words, min(30, len(id_words)))
        matched = 0
        for q in texts:
            query = parse_query(q, search.synonyms)
            for fields in chooser.sample(fields_of, min(1000, len(fields_of))):
                match = match_record(query, fields)
                assert match == match_terms(query, fields), (q, fields)
                matched += match is not None
        assert matched >= 100
