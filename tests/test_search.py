"""What ``q`` finds: terms, English words, synonyms, ranking, matched fields and snippets."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.declarations import SEARCHED
from longgang_api.engine.text_search import Synonyms, fold, normalise_text, parse_query, pieces

Client = TestClient[Litestar]


def hits(client: Client, q: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/search", params={"q": q, "limit": 50, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


@pytest.mark.parametrize(
    ("q", "first"),
    [
        # The English name is "Growth of gross regional product (GDP)": two words, any order.
        ("GDP growth", "gdp-growth"),
        ("growth GDP", "gdp-growth"),
        # The report writes 轨道 and 号线; a reader types 地铁 or subway.
        ("subway", "metro-line-10-east-extension"),
        ("地铁", "metro-line-10-east-extension"),
        # Two Chinese terms, both required.
        ("幼儿园 学位", "new-kindergarten-places"),
        ("区第四人民医院，床位", "fourth-peoples-hospital-new-beds"),
    ],
)
def test_the_right_record_comes_first(client: Client, q: str, first: str) -> None:
    assert hits(client, q)[0]["id"] == first


def test_subway_and_its_chinese_synonyms_find_the_same_lines(client: Client) -> None:
    ids = {h["id"] for h in hits(client, "subway")}
    assert ids == {h["id"] for h in hits(client, "地铁")}
    assert ids == {h["id"] for h in hits(client, "metro")}
    assert {"metro-line-10-east-extension", "metro-line-17"} <= ids


def test_every_term_must_match(client: Client) -> None:
    both = {h["id"] for h in hits(client, "医院 床位")}
    hospital = {h["id"] for h in hits(client, "医院")}
    beds = {h["id"] for h in hits(client, "床位")}
    assert both == hospital & beds
    assert both < hospital
    assert hits(client, "GDP xyzzy") == []


def test_english_matches_whole_words_case_insensitively(client: Client) -> None:
    # "row" is inside "growth" and "grow": a word, not a substring, must match.
    assert all("row" not in h["id"] for h in hits(client, "row"))
    assert [h["id"] for h in hits(client, "gdp")] == [h["id"] for h in hits(client, "GDP")]


def test_plurals_fold_to_one_word(client: Client) -> None:
    assert fold("hospitals") == fold("hospital") and fold("facilities") == fold("facility")
    singular = [h["id"] for h in hits(client, "hospital", kind="indicator")]
    assert singular and singular == [h["id"] for h in hits(client, "hospitals", kind="indicator")]


def test_exact_id_or_name_ranks_before_a_name_before_a_quote(client: Client) -> None:
    found = hits(client, "新增医院床位")
    assert found[0]["id"] == "new-hospital-beds"
    # A name match outranks matches only in quotes or section text, whatever the kind.
    found = hits(client, "医院")
    in_names = [h for h in found if {"name.zh", "name.en"} & set(h["matched_fields"])]
    elsewhere = [h for h in found if h not in in_names]
    assert in_names and elsewhere
    order = [h["id"] for h in found]
    assert max(order.index(h["id"]) for h in in_names) < min(
        order.index(h["id"]) for h in elsewhere
    )


def _chinese_names(dataset: LoadedDataset) -> dict[tuple[str, str], str]:
    """The Chinese name of every record search finds, by (kind, id)."""
    data = dataset.artifact
    return {
        **{("indicator", i.id): i.name.zh for i in data.indicators},
        **{("project", p.id): p.name.zh for p in data.projects},
        **{("glossary", g.id): g.term.zh for g in data.glossary},
        **{("section", s.id): s.heading.zh for s in data.sections},
    }


@pytest.mark.parametrize("term", ["公园", "道路", "医院", "幼儿园"])
def test_records_whose_chinese_name_holds_the_term_come_first(
    client: Client, dataset: LoadedDataset, term: str
) -> None:
    # Names that hold only a synonym of the term come after those written with it.
    named = {key for key, name in _chinese_names(dataset).items() if term in name}
    found = [(h["kind"], h["id"]) for h in hits(client, term, limit=500)]
    assert named and set(found[: len(named)]) == named, found
    assert found[len(named) :], "and other hits after them"


def _searched_texts(dataset: LoadedDataset) -> dict[tuple[str, str], str]:
    """Every text search looks in, normalised and joined, by hit (kind, id)."""
    return {
        (searched.kind, searched.listing.id_of(r)): normalise_text(
            " ".join(text for _, text in searched.listing.text_of(r, dataset))
        )
        for searched in SEARCHED
        for r in searched.listing.records(dataset, "")
    }


def test_a_term_with_a_broader_word_finds_only_where_it_is_written(
    client: Client, dataset: LoadedDataset
) -> None:
    # "park" also renders 园区 (an industrial park): 公园 must not find every "park".
    texts = _searched_texts(dataset)
    written = {key for key, text in texts.items() if "公园" in text}
    found = {(h["kind"], h["id"]) for h in hits(client, "公园", limit=500)}
    assert written and found == written
    # The broader word still finds 公园 where no English word of the record says "park".
    park = {(h["kind"], h["id"]) for h in hits(client, "park", limit=500)}
    assert written < park
    assert any(("word", "park") not in pieces(texts[key]) for key in written)


def test_a_broader_term_finds_its_group_and_is_found_by_none_of_it() -> None:
    synonyms = Synonyms([(["公园", "public park"], ["park"])])

    def alternatives(q: str) -> set[str]:
        (term,) = parse_query(q, synonyms).terms
        return {" ".join(value for _, value in a) for a in term.alternatives}

    assert alternatives("park") == {"公园", "public park", "park"}
    assert alternatives("公园") == alternatives("Public Parks") == {"公园", "public park"}


def test_each_hit_says_where_it_matched_with_a_snippet(client: Client) -> None:
    for hit in hits(client, "碧道"):
        assert hit["matched_fields"], hit
        assert "碧道" in normalise_text(hit["snippet"])
    section = next(h for h in hits(client, "轨道五期", kind="section"))
    assert "text" in section["matched_fields"]
    assert "轨道五期" in section["snippet"]


def test_english_snippets_keep_their_spelling(client: Client) -> None:
    hit = hits(client, "GDP growth")[0]
    assert "name.en" in hit["matched_fields"]
    assert "Growth of gross regional product (GDP)" in hit["snippet"]


def test_list_q_uses_the_same_terms(client: Client) -> None:
    response = client.get("/v1/projects", params={"q": "subway", "limit": 50})
    ids = [p["id"] for p in response.json()["items"]]
    assert "metro-line-17" in ids


def test_synonyms_are_data_of_the_dataset(dataset: LoadedDataset) -> None:
    groups = [set(g.terms) for g in dataset.artifact.synonyms]
    assert any({"地铁", "轨道", "subway"} <= g for g in groups)
    assert any({"学位", "school places"} <= g for g in groups)
