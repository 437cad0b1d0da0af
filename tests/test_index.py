"""The indexes answer exactly what a scan of every record answers.

The scan below is the definition, written the straightforward way: every
record tested against every filter and against ``q`` with
:func:`~longgang_api.engine.text_search.match_record`, then sorted with stable sorts
key by key (relevance, where it leads, last). The indexed answer is walked
page by page through real cursors, so keyset paging is checked with it.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine import index as index_module
from longgang_api.engine.cursor import CursorCodec
from longgang_api.engine.declarations import LISTINGS, SEARCH
from longgang_api.engine.index import PlaceError
from longgang_api.engine.query import (
    Collection,
    ListQuery,
    build_query,
    canonical,
    paginate,
    select,
)
from longgang_api.engine.query_error import QueryError
from longgang_api.engine.text_search import match_record, normalise_text, parse_query, prepare
from longgang_api.settings import DEFAULT_PUBLIC_BASE_URL

CODEC = CursorCodec("k" * 64)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z0-9]+")


@pytest.fixture(scope="module")
def collections(dataset: LoadedDataset) -> dict[str, Collection[Any]]:
    # As the server builds them: the search index joins those of the lists it is made of.
    built: dict[str, Collection[Any]] = {}
    for listing in LISTINGS:
        built[listing.name] = listing.collection(dataset, DEFAULT_PUBLIC_BASE_URL, built)
    return built


@pytest.fixture(scope="module")
def vocabulary(collections: dict[str, Collection[Any]]) -> list[str]:
    """Words and Chinese fragments of the records, synonyms, and text found nowhere."""
    chooser = random.Random(20241)
    found: set[str] = set()
    for collection in collections.values():
        for record in collection.records:
            for _, text in collection.text_of(record):
                found.update(w for w in _WORD.findall(text))
                for run in _CJK_RUN.findall(text):
                    start = chooser.randrange(len(run))
                    found.add(run[start : start + chooser.randint(1, 4)])
    words = sorted(found)
    return [
        *chooser.sample(words, min(400, len(words))),
        "地铁", "subway", "Metro", "school places", "hospitals", "GDP", "ＧＤＰ", "xyzzy", "龙",
        "park", "公园", "Public Parks", "道路",
    ]  # fmt: skip


def scan(collection: Collection[Any], query: ListQuery) -> list[Any]:
    parsed = parse_query(query.q, collection.synonyms) if query.q is not None else None
    rows: list[tuple[Any, int]] = []
    # The filters a query names, and those the index holds for rewritten ones (vintages).
    filters = {**collection.filters, **collection.index_only}
    for record in collection.records:
        if not all(
            set(values) & {canonical(v) for v in filters[name](record)}
            for name, values in query.filters
        ):
            continue
        rank = 0
        if parsed is not None:
            match = match_record(parsed, prepare(collection.text_of(record)))
            if match is None:
                continue
            rank = match.rank
        rows.append((record, rank))
    for name, descending in reversed(query.sort):
        get = collection.sorts[name]
        # Records without a value come last in either direction.
        present = [row for row in rows if get(row[0]) is not None]
        present.sort(key=lambda row: (0, get(row[0])), reverse=descending)
        rows = present + [row for row in rows if get(row[0]) is None]
    if parsed is not None and query.sort[0][0] == collection.relevance:
        rows.sort(key=lambda row: row[1], reverse=query.sort[0][1])
    return [record for record, _ in rows]


def built(collection: Collection[Any], raw: dict[str, Any], cursor: str | None) -> ListQuery:
    return build_query(
        collection, CODEC, raw["filters"], raw["q"], raw["sort"], raw["limit"], cursor
    )


def walk(collection: Collection[Any], raw: dict[str, Any]) -> tuple[list[Any], int]:
    """Every page of the query through its cursors; the items and the reported total."""
    items: list[Any] = []
    cursor: str | None = None
    while True:
        query = built(collection, raw, cursor)
        page = paginate(collection, query)
        items.extend(page.items)
        if page.next_key is None:
            return items, page.total
        assert len(page.items) == query.limit
        cursor = CODEC.encode(f"{collection.name}|{query.scope}", page.next_key)


@st.composite
def queries(draw: st.DrawFn, collection: Collection[Any], vocabulary: list[str]) -> dict[str, Any]:
    filters: dict[str, list[Any]] = {}
    for name, values_of in collection.filters.items():
        if draw(st.booleans()):
            # Typed values, as the handler passes them (years as int, flags as bool).
            present = {v for r in collection.records for v in values_of(r) if v is not None}
            known = sorted(collection.choices.get(name) or present, key=canonical)
            if known:
                filters[name] = draw(st.lists(st.sampled_from(known), min_size=1, max_size=2))
    q = None
    if collection.relevance is not None or draw(st.booleans()):
        terms = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=3))
        q = draw(st.sampled_from([" ", ",", "，", " - "])).join(terms)
    # Up to three keys: orders of two are built at start-up, longer ones on first use.
    keys = draw(st.lists(st.sampled_from(sorted(collection.sorts)), max_size=3, unique=True))
    sort = ",".join(("-" if draw(st.booleans()) else "") + k for k in keys) or None
    return {"filters": filters, "q": q, "sort": sort, "limit": draw(st.integers(1, 7))}


@pytest.mark.parametrize("name", [listing.name for listing in LISTINGS])
@given(data=st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_indexed_answers_equal_a_scan(
    name: str,
    data: st.DataObject,
    collections: dict[str, Collection[Any]],
    vocabulary: list[str],
) -> None:
    collection = collections[name]
    raw = data.draw(queries(collection, vocabulary))
    query = built(collection, raw, None)
    expected = scan(collection, query)
    assert select(collection, query) == expected
    items, total = walk(collection, raw)
    # Search hits on a page carry how they matched; the records are compared by id.
    assert [collection.id_of(r) for r in items] == [collection.id_of(r) for r in expected]
    assert total == len(expected)
    if collection.annotate is not None and query.q is not None:
        parsed = parse_query(query.q, collection.synonyms)
        for hit, record in zip(items, expected, strict=True):
            match = match_record(parsed, prepare(collection.text_of(record)))
            assert match is not None and hit.matched_fields == match.fields


def _nullable_sorts(collections: dict[str, Collection[Any]]) -> list[tuple[str, str]]:
    return [
        (name, field)
        for name, collection in collections.items()
        for field, get in collection.sorts.items()
        if any(get(r) is None for r in collection.records)
    ]


def test_records_without_a_value_come_last_in_both_directions(
    collections: dict[str, Collection[Any]],
) -> None:
    nullable = _nullable_sorts(collections)
    assert ("observations", "value") in nullable
    for name, field in nullable:
        collection = collections[name]
        get = collection.sorts[field]
        for sort in (field, f"-{field}", f"-{field},-id", f"kind,-{field}"):
            if sort.startswith("kind") and "kind" not in collection.sorts:
                continue
            query = build_query(collection, CODEC, {}, None, sort, 7, None)
            items, _ = walk(collection, {"filters": {}, "q": None, "sort": sort, "limit": 7})
            assert select(collection, query) == scan(collection, query), sort
            assert [collection.id_of(r) for r in items] == [
                collection.id_of(r) for r in scan(collection, query)
            ], sort
            if sort == f"-{field}" or sort == field:
                values = [get(r) for r in items]
                present = [v for v in values if v is not None]
                assert values == present + [None] * (len(values) - len(present)), sort


@pytest.mark.parametrize("share", [0, 10**9], ids=["probed", "read-whole"])
def test_both_ways_of_reading_a_posting_answer_what_a_scan_does(
    share: int,
    collections: dict[str, Collection[Any]],
    vocabulary: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A posting is read whole, or probed by binary search for a few candidates; the
    # share decides which. Forced one way, then the other, every answer stays the scan's.
    monkeypatch.setattr(index_module, "_PROBE_SHARE", share)
    chooser = random.Random(share)
    for name in ("observations", "projects", "sections", "search"):
        collection = collections[name]
        filter_name = sorted(collection.filters)[0]
        present = sorted(
            {canonical(v) for r in collection.records for v in collection.filters[filter_name](r)}
        )
        for _ in range(40):
            terms = chooser.sample(vocabulary, chooser.randint(1, 3))
            filters = {filter_name: [chooser.choice(present)]} if chooser.random() < 0.5 else {}
            query = build_query(collection, CODEC, filters, " ".join(terms), None, 500, None)
            assert select(collection, query) == scan(collection, query), (name, filters, terms)


def test_long_chinese_terms_within_a_few_records_answer_what_a_scan_does(
    collections: dict[str, Collection[Any]],
) -> None:
    # A filter leaves fewer records than the rarest bigram of a common three-character
    # term holds: the term is then confirmed on those records, not on the bigram's.
    found = 0
    for name in ("observations", "projects", "sections", "search"):
        collection = collections[name]
        runs = (
            run
            for record in collection.records
            for _, text in collection.text_of(record)
            for run in _CJK_RUN.findall(text)
        )
        counts = Counter(run[i : i + 3] for run in runs for i in range(len(run) - 2))
        filter_name = sorted(collection.filters)[0]
        values = {
            canonical(v) for r in collection.records for v in collection.filters[filter_name](r)
        }
        for value in sorted(values):
            for term, _ in counts.most_common(4):
                query = build_query(
                    collection, CODEC, {filter_name: [value]}, term, None, 500, None
                )
                expected = scan(collection, query)
                assert select(collection, query) == expected, (name, value, term)
                found += bool(expected)
    assert found >= 20


def test_the_joined_search_index_is_the_one_search_builds_alone(
    collections: dict[str, Collection[Any]], dataset: LoadedDataset
) -> None:
    joined = collections["search"]
    alone = SEARCH.collection(dataset, DEFAULT_PUBLIC_BASE_URL)
    assert [part.name for part in joined.parts] == list(SEARCH.made_of) != []
    assert alone.parts == ()
    assert joined.index.fields == alone.index.fields
    assert joined.index._exact == alone.index._exact
    assert set(joined.index._text) == set(alone.index._text)
    for piece, posting in alone.index._text.items():
        assert list(joined.index._text[piece].pairs()) == list(posting.pairs()), piece


def test_the_generated_queries_find_records(
    collections: dict[str, Collection[Any]], vocabulary: list[str]
) -> None:
    # The comparison means something only if queries of the vocabulary match records.
    collection = collections["search"]
    hits = 0
    for term in vocabulary[:100]:
        query = build_query(collection, CODEC, {}, term, None, 50, None)
        hits += bool(scan(collection, query))
    assert hits >= 80


def test_a_cursor_resumes_after_its_record(collections: dict[str, Collection[Any]]) -> None:
    collection = collections["observations"]
    query = build_query(collection, CODEC, {"period": ["2024"]}, None, "-value", 10, None)
    first = paginate(collection, query)
    assert first.next_key is not None
    cursor = CODEC.encode(f"{collection.name}|{query.scope}", first.next_key)
    second = paginate(
        collection, build_query(collection, CODEC, {"period": ["2024"]}, None, "-value", 10, cursor)
    )
    everything = scan(collection, query)
    assert [*first.items, *second.items] == everything[:20]


def test_orders_of_one_or_two_fields_are_ready_once_built(
    collections: dict[str, Collection[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Those of one field from start-up, those of two by build_orders (the served app's
    # warm-up thread calls it): then no request computes an order of one or two fields.
    collection = collections["observations"]
    collection.index.build_orders()

    def computed_on_request(spec: Any) -> Any:
        raise AssertionError(f"order {spec} computed on a request")

    monkeypatch.setattr(collection.index, "_compute_order", computed_on_request)
    directed = [d + name for name in sorted(collection.sorts) for d in ("", "-")]
    sorts = [*directed, *(f"{a},{b}" for a in directed for b in directed)]
    for sort in sorts:
        query = build_query(collection, CODEC, {}, None, sort, 5, None)
        assert list(paginate(collection, query).items) == scan(collection, query)[:5]


def test_normalised_queries_use_the_same_index(collections: dict[str, Collection[Any]]) -> None:
    collection = collections["search"]
    wide = build_query(collection, CODEC, {}, "ＧＤＰ", None, 50, None)
    narrow = build_query(collection, CODEC, {}, "gdp", None, 50, None)
    assert wide.q == normalise_text("ＧＤＰ")
    assert select(collection, wide) == select(collection, narrow) != []


def test_anyone_can_make_a_cursor_and_it_names_only_a_place(
    client: Any, dataset: LoadedDataset
) -> None:
    # The REST quickstart says what the signature protects: its key is the published sha256,
    # so a cursor made outside the server is accepted, and it serves the public list.
    published = CursorCodec(dataset.sha256)
    made = published.encode("observations|||id", (9,))
    mine = client.get(f"/v1/observations?limit=5&cursor={made}")
    assert mine.status_code == 200
    everything = client.get("/v1/observations?limit=15").json()["items"]
    assert mine.json()["items"] == everything[10:15]
    # What it catches: a cursor carried to another query.
    other = client.get(f"/v1/observations?limit=5&period=2024&cursor={made}")
    assert other.status_code == 400 and other.json()["parameter"] == "cursor"


@pytest.mark.parametrize("name", ["search", "observations"])
@given(data=st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_place_pages_or_is_a_place_error(
    name: str, data: st.DataObject, collections: dict[str, Collection[Any]], vocabulary: list[str]
) -> None:
    # A cursor's place reaches the engine from anyone (the signing key is published):
    # one of any length or value, near the records' ranks or far, is a page or refused.
    collection = collections[name]
    size = collection.index.size
    number = st.one_of(st.integers(-5, size + 5), st.integers(-(2**31), 2**31 - 1))
    place = tuple(data.draw(st.lists(number, min_size=1, max_size=2)))
    query = replace(
        built(collection, data.draw(queries(collection, vocabulary)), None), after=place
    )
    try:
        page = paginate(collection, query, whole=data.draw(st.booleans()))
    except PlaceError:
        return
    except QueryError as refused:  # a place with nothing after it
        assert refused.parameter == "cursor"
        return
    assert page.items and len(page.items) <= page.total


def test_filter_pairs_and_id_order_pages_answer_what_a_scan_does(
    collections: dict[str, Collection[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two filters of few values each start from their intersection made at start-up, and a
    # page in id order reads the smallest set kept from start-up from its cursor on, or
    # ranks every member where they are few in that set. Every combination of a value of
    # each such field (and each with a second value for the first field), walked page by
    # page, is the scan's answer.
    ranked_all = 0
    real = index_module._smallest_after

    def counted(*args: Any) -> Any:
        nonlocal ranked_all
        ranked_all += 1
        return real(*args)

    monkeypatch.setattr(index_module, "_smallest_after", counted)
    chooser = random.Random(7)
    compared = 0
    for name in ("observations", "indicators", "projects"):
        collection = collections[name]
        index = collection.index
        assert index._pairs, name
        fields = sorted({field for pair in index._pairs for field in pair})
        # Typed values, as the handler passes them (years as int, flags as bool).
        values = {
            f: sorted(
                collection.choices.get(f)
                or {
                    v
                    for r in collection.records
                    for v in {**collection.filters, **collection.index_only}[f](r)
                },
                key=canonical,
            )
            for f in fields
        }
        for size in (2, 3):
            for chosen in itertools.combinations(fields, size):
                for combo in itertools.product(*(values[f] for f in chosen)):
                    if chooser.random() > 0.3:
                        continue
                    filters = {f: [v] for f, v in zip(chosen, combo, strict=True)}
                    if chooser.random() < 0.3:
                        filters[chosen[0]] = values[chosen[0]][:2]
                    raw = {"filters": filters, "q": None, "sort": None,
                           "limit": chooser.choice((1, 3, 50))}  # fmt: skip
                    expected = scan(collection, built(collection, raw, None))
                    items, total = walk(collection, raw)
                    assert (items, total) == (expected, len(expected)), (name, filters)
                    compared += bool(expected)
    assert compared >= 200 and ranked_all >= 10, (compared, ranked_all)
