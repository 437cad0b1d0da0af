"""Every quote's selectors on the records served, and each record's JSON-LD view.

Everything is read over the API (the in-process app): the records from their
get-one operations, the text the selectors index from its download. The
selectors are resolved by anchorpoint, an implementation of the Web Annotation
selectors of its own, and the JSON-LD views are read by rdflib's JSON-LD parser.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from anchorpoint.textselectors import TextPositionSelector, TextQuoteSelector
from litestar import Litestar
from litestar.testing import TestClient
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from longgang_api.engine.declarations import LISTINGS

Client = TestClient[Litestar]
JSON_LD = "application/ld+json"
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
GET_ONE = [listing for listing in LISTINGS if listing.item is not None]


def _ids(client: Client, path: str) -> list[str]:
    page = client.get(path, params={"limit": 500}).json()
    assert page["next_cursor"] is None, f"{path} has more than one page"
    return [item["id"] for item in page["items"]]


@functools.cache
def _records(client: Client) -> dict[str, dict[str, Any]]:
    """Every record of every get-one operation, by its address."""
    records: dict[str, dict[str, Any]] = {}
    for listing in GET_ONE:
        for id_ in _ids(client, listing.path):
            address = f"{listing.path}/{quote(id_, safe='')}"
            answer = client.get(address)
            assert answer.status_code == 200, address
            records[address] = answer.json()
    return records


def _sources(value: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every source of a record's JSON (an object with a quote and a section), by JSON Pointer."""
    if isinstance(value, dict):
        if "quote" in value and "section_id" in value:
            yield pointer, value
            return
        for key, inner in value.items():
            yield from _sources(inner, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _sources(inner, f"{pointer}/{index}")


def _text(client: Client) -> str:
    return client.get("/v1/downloads/source/text.txt").content.decode()


def test_every_source_of_every_record_served_has_its_selector(client: Client) -> None:
    records = _records(client)
    counted = {listing.name: 0 for listing in GET_ONE}
    for address, record in records.items():
        for pointer, source in _sources(record):
            counted[address.split("/")[2]] += 1
            selector = source.get("selector")
            assert selector is not None, f"{address}#{pointer}"
            assert set(selector) == {"text_quote", "text_position"}
            assert selector["text_quote"]["exact"] == source["quote"], f"{address}#{pointer}"
    # Every collection of statements carries quotes; sections are the text itself.
    assert {name for name, count in counted.items() if count} == set(counted) - {"sections"}


def test_anchorpoint_resolves_every_served_selector_to_its_quote(client: Client) -> None:
    text = _text(client)
    seen = 0
    for address, record in _records(client).items():
        for pointer, source in _sources(record):
            where = f"{address}#{pointer}"
            quoted, position = source["selector"]["text_quote"], source["selector"]["text_position"]
            by_quote = TextQuoteSelector(
                exact=quoted["exact"], prefix=quoted["prefix"], suffix=quoted["suffix"]
            )
            by_position = TextPositionSelector(start=position["start"], end=position["end"])
            assert by_quote.is_unique_in(text), where
            assert by_quote.as_unique_position(text) == by_position, where
            assert by_position.select_text(text) == source["quote"], where
            seen += 1
    assert seen > 343  # the 343 quotes, and their copies in indicators, targets and promises


def _graph(client: Client, address: str) -> tuple[Graph, Any]:
    answer = client.get(address, headers={"Accept": JSON_LD})
    assert answer.status_code == 200, address
    assert answer.headers["content-type"] == JSON_LD
    graph = Graph().parse(data=answer.text, format="json-ld")
    return graph, answer.json()


@pytest.mark.parametrize("listing", GET_ONE, ids=[listing.name for listing in GET_ONE])
def test_the_json_ld_view_states_derivation_and_annotations(client: Client, listing: Any) -> None:
    records = {a: r for a, r in _records(client).items() if a.split("/")[2] == listing.name}
    text_url = "http://127.0.0.1:8000/v1/downloads/source/text.txt"
    for address, record in records.items():
        graph, _ = _graph(client, address)
        entity = URIRef(f"http://127.0.0.1:8000{address}")
        assert (entity, RDF.type, PROV.Entity) in graph
        derived = set(graph.objects(entity, PROV.wasDerivedFrom))
        assert derived == {URIRef("http://127.0.0.1:8000/source/longgang-2024")}, address
        sources = dict(_sources(record))
        annotations = set(graph.subjects(RDF.type, OA.Annotation))
        assert {str(a) for a in annotations} == {f"{entity}#{p}" for p in sources}, address
        for annotation in annotations:
            source = sources[str(annotation).split("#", 1)[1]]
            assert (annotation, OA.hasBody, entity) in graph
            (target,) = graph.objects(annotation, OA.hasTarget)
            assert (target, OA.hasSource, URIRef(text_url)) in graph
            kinds = {
                graph.value(selector, RDF.type): selector
                for selector in graph.objects(target, OA.hasSelector)
            }
            assert set(kinds) == {OA.TextQuoteSelector, OA.TextPositionSelector}
            by_quote, by_position = kinds[OA.TextQuoteSelector], kinds[OA.TextPositionSelector]
            served = source["selector"]
            assert graph.value(by_quote, OA.exact) == Literal(served["text_quote"]["exact"])
            assert graph.value(by_quote, OA.prefix) == Literal(served["text_quote"]["prefix"])
            assert graph.value(by_quote, OA.suffix) == Literal(served["text_quote"]["suffix"])
            start = graph.value(by_position, OA.start)
            end = graph.value(by_position, OA.end)
            assert isinstance(start, Literal) and isinstance(end, Literal)
            assert (start.toPython(), end.toPython()) == (
                served["text_position"]["start"],
                served["text_position"]["end"],
            )


def test_the_views_are_negotiated_by_accept_with_their_own_etags(client: Client) -> None:
    address = "/v1/projects/" + _ids(client, "/v1/projects")[0]
    as_json = client.get(address)
    linked = client.get(address, headers={"Accept": f"{JSON_LD}, application/json;q=0.5"})
    assert as_json.headers["content-type"] == "application/json"
    assert linked.headers["content-type"] == JSON_LD
    assert as_json.headers["etag"] != linked.headers["etag"]
    assert "Accept" in linked.headers["vary"] and "Accept" in as_json.headers["vary"]
    again = client.get(
        address, headers={"Accept": JSON_LD, "If-None-Match": linked.headers["etag"]}
    )
    assert again.status_code == 304
    # The JSON's validator is not the JSON-LD's.
    other = client.get(address, headers={"If-None-Match": linked.headers["etag"]})
    assert other.status_code == 200
    refused = client.get(address, headers={"Accept": "text/turtle"})
    assert refused.status_code == 406
    assert JSON_LD in refused.json()["detail"]


def test_a_list_still_refuses_json_ld(client: Client) -> None:
    answer = client.get("/v1/observations", headers={"Accept": JSON_LD})
    assert answer.status_code == 406
    assert client.get("/v1/observations?format=jsonld").status_code == 400
