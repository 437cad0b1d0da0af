"""A page's matches and snippets, made the fast way, are those of the general way.

Every page of a ``q`` annotates its records with
:func:`~longgang_api.engine.text_search.match_records`: a query of one term whose
alternatives are each one piece (one word or Chinese run, or a synonym group of
those) is matched in one pass over each record's fields, its exact names read
from the text index's map, and a long field's snippet finds its word from
``str.find`` candidates. The references are the general term loop
(:func:`~longgang_api.engine.text_search.match_terms`, which tests every field of
the record for the exact name) and the snippet that reads every word of the
field (:func:`tests.test_snippet.reference_snippet`). Both are asked a few
hundred queries, on every record of the report's collections and of search
and observations ten times larger: single words, plurals, Chinese of one to
four characters, ids and their words, whole names, synonyms, and each of those
in capitals and in full-width forms.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from typing import Any

import pytest

from longgang_api.data.artifact import LoadedDataset, load
from longgang_api.engine.declarations import LISTINGS
from longgang_api.engine.query import Collection
from longgang_api.engine.text_search import (
    EXACT,
    match_records,
    match_terms,
    parse_query,
    pieces,
    snippet,
)
from longgang_api.settings import DEFAULT_PUBLIC_BASE_URL
from longgang_build.build import compile_artifact, load_records, write
from tests.test_snippet import reference_snippet
from tools.scale import generate

_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# The collections whose text a q searches with its own index (search joins the others').
_SCALED = ("search", "observations")


def _collections(dataset: LoadedDataset) -> dict[str, Collection[Any]]:
    built: dict[str, Collection[Any]] = {}
    for listing in LISTINGS:
        built[listing.name] = listing.collection(dataset, DEFAULT_PUBLIC_BASE_URL, built)
    for collection in built.values():
        collection.index.build_text()
    return built


@pytest.fixture(scope="module")
def report(dataset: LoadedDataset) -> dict[str, Collection[Any]]:
    return _collections(dataset)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Collection[Any]]:
    out = tmp_path_factory.mktemp("scale10")
    folder = generate(10, out)
    return _collections(load(write(compile_artifact(load_records(folder)), out / "build")))


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    return word + "s"


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def queries(search: Collection[Any], seed: int, count: int) -> list[str]:
    """``count`` of each kind of query, and each of those in capitals or full width."""
    chooser = random.Random(seed)
    fields = [f for record in search.index.fields for f in record]
    words = sorted({v for f in fields for kind, v in pieces(f.text) if kind == "word"})
    by_use = Counter(v for f in fields for kind, v in pieces(f.text) if kind == "word")
    common = [w for w, _ in by_use.most_common(count)]
    runs = sorted({run for f in fields for run in _CJK_RUN.findall(f.text)})
    chinese = []
    for run in chooser.sample(runs, count):
        size = chooser.randint(1, min(4, len(run)))
        start = chooser.randrange(len(run) - size + 1)
        chinese.append(run[start : start + size])
    ids = sorted({f.original for f in fields if f.name == "id"})
    id_words = sorted({v for f in fields if f.name == "id" for _, v in pieces(f.text)})
    # Whole names and ids, as the text index maps them: of one piece (the fast path
    # ranks them exact from that map) and of several.
    names = sorted(search.index._exact)
    one_piece_names = [n for n in names if len(pieces(n)) == 1]
    # Every member of every group, and every broader term, also in capitals and full
    # width: groups of one-piece members (a word or a Chinese run each) take the fast path,
    # a group with a member of several words does not.
    typed = [" ".join(value for _, value in term.typed) for term in search.synonyms.terms]
    synonyms = list(dict.fromkeys([*typed, *(t.upper() for t in typed), *map(_full_width, typed)]))
    texts = [
        *common,
        *chooser.sample(words, count),
        *(_plural(w) for w in chooser.sample(common + words, count)),
        "facilities",
        "facility",
        *chinese,
        *chooser.sample(ids, count),
        *chooser.sample(id_words, count),
        *chooser.sample(names, count),
        *chooser.sample(one_piece_names, count),
        *synonyms,
        "xyzzy",
        "鑫",
    ]
    texts += [
        text.upper() if chooser.random() < 0.5 else _full_width(text)
        for text in chooser.sample(texts, count)
    ]
    return list(dict.fromkeys(texts))


def compare(collection: Collection[Any], texts: list[str]) -> Counter[str]:
    """Match every record both ways for each query; what was compared, counted."""
    index = collection.index
    fields_of = index.fields
    everyone = range(len(fields_of))
    seen: Counter[str] = Counter()
    for q in texts:
        query = parse_query(q, collection.synonyms)
        # As a page asks: the positions whose name is the query, from the text index.
        exact = frozenset(index._exact.get(query.text, ()))
        fast = match_records(query, fields_of, everyone, exact)
        terms = query.terms
        sizes = [len(a) for a in terms[0].alternatives] if len(terms) == 1 else []
        one_piece = sizes == [1]
        one_piece_each = len(sizes) > 1 and set(sizes) == {1}
        for position, fields in enumerate(fields_of):
            general = match_terms(query, fields)
            assert fast[position] == general, (collection.name, q, position)
            if general is None:
                continue
            assert snippet(general) == reference_snippet(general), (collection.name, q, position)
            seen["one piece" if one_piece else "general"] += 1
            seen["synonyms of one piece each"] += one_piece_each
            seen["a synonym's snippet"] += one_piece_each and general.piece not in terms[0].typed
            seen["exact"] += one_piece and general.rank == EXACT
            long = general.best.whole is None and general.piece[0] == "word"
            seen["long field, word"] += one_piece and long
            seen["folded"] += one_piece and query.text != general.piece[1]
    return seen


def assert_taken(seen: Counter[str], fewest: dict[str, int]) -> None:
    """Each way compared was taken more often than its fewest."""
    short = {way: seen[way] for way, least in fewest.items() if seen[way] <= least}
    assert not short, short


def test_page_matches_equal_the_general_matches_on_the_report(
    report: dict[str, Collection[Any]],
) -> None:
    texts = queries(report["search"], seed=41, count=40)
    assert len(texts) > 300
    for name, collection in report.items():
        if collection.index.size and name != "search":
            compare(collection, texts)
    seen = compare(report["search"], texts)
    # Each way the fast path could go wrong was taken, many times.
    assert_taken(
        seen,
        {
            "one piece": 2_000,
            "general": 100,
            "exact": 30,
            "long field, word": 300,
            "folded": 60,
            "synonyms of one piece each": 100,
            "a synonym's snippet": 10,
        },
    )


def test_page_matches_equal_the_general_matches_at_ten_times_the_records(
    scaled: dict[str, Collection[Any]],
) -> None:
    texts = queries(scaled["search"], seed=42, count=25)
    assert len(texts) > 200
    seen: Counter[str] = Counter()
    for name in _SCALED:
        seen += compare(scaled[name], texts)
    assert_taken(
        seen,
        {
            "one piece": 15_000,
            "exact": 150,
            "long field, word": 2_000,
            "folded": 400,
            "synonyms of one piece each": 1_000,
            "a synonym's snippet": 100,
        },
    )
