"""One pure parser reads every list request: values, refusals and the representation.

:class:`~longgang_api.engine.list_request.ListParser` reads a raw query string and
``Accept`` by the lists' declarations. Its refusals are worded from those
declarations, and the API answers them as problems, word for word — for each
parameter in valid, odd and invalid spellings, repeated, unknown or missing,
for several faults at once, and for generated query strings. (That these words
are the ones the API has always answered, the recorded answers show:
``tests/test_recorded_answers.py``.)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import markupsafe
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import TestClient

from longgang_api.app import create_app
from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.declarations import (
    GLOSSARY,
    INDICATORS,
    LISTINGS,
    OBSERVATIONS,
    PROJECTS,
    SEARCH,
    Listing,
)
from longgang_api.engine.list_request import ListParser, ListRequest
from longgang_api.engine.query import build_query
from longgang_api.engine.query_error import QueryError
from longgang_api.settings import Settings
from longgang_api.web.representation import NotAcceptable
from longgang_api.web.served import Served
from tests.test_bad_input import CASES
from tests.test_recorded_answers import ODD

Client = TestClient[Litestar]
#: What a request comes to: 200, 406, or a 400's parameter, detail and suggestions.
Outcome = tuple[Any, ...]
_BY_PATH = {listing.path: listing for listing in LISTINGS}


@dataclass(frozen=True, repr=False)  # a short repr in hypothesis' reports
class Api:
    client: Client
    served: Served


_NAMES = st.sampled_from(
    ["q", "sort", "limit", "cursor", "format", "bom", "kind", "period", "category", "headline",
     "year", "status", "indicator_id", "parent_id", "x", "Limit"]
)  # fmt: skip
_VALUES = st.one_of(
    st.sampled_from(
        ["", "1", "50", "500", "501", "json", "csv", "true", "2023", "2024", "actual", "economy",
         "id", "-id", "rank", "name", "gdp-growth", "GDP", "地铁", "%E5%9C%B0", "%ZZ", "+"]
    ),
    st.text(alphabet="0123456789abc-_,%+&=中", max_size=8),
)  # fmt: skip


@pytest.fixture(scope="module")
def api(dataset: LoadedDataset) -> Iterator[Api]:
    # Every request through the app, without its response cache: each one is read anew.
    app = create_app(dataset, Settings(response_cache=False))
    provided = app.dependencies["served"]
    assert isinstance(provided, Provide)
    served = provided.dependency()
    assert isinstance(served, Served)
    with TestClient(app) as client:
        yield Api(client, served)


def parsed(served: Served, url: str, accept: str | None = None) -> Outcome:
    """What the parser and the query engine make of ``url``."""
    # The query string as the client sends it (what is not ASCII percent-encoded).
    sent = httpx.URL(url)
    listing = _BY_PATH[sent.path]
    collection = served.collections[listing.name]
    try:
        request = ListParser(listing, collection).parse(sent.query, accept)
        build_query(
            collection, served.codec, request.filters, request.q, request.sort,
            request.limit, request.cursor,
        )  # fmt: skip
    except QueryError as refused:
        return (400, refused.parameter, refused.detail, list(refused.suggestions))
    except NotAcceptable:
        return (406,)
    return (200,)


def answered(client: Client, url: str, accept: str | None = None) -> Outcome:
    """What the API answers to ``url``."""
    answer = client.get(url, headers={"accept": accept} if accept else {})
    if answer.status_code == 400:
        problem = answer.json()
        return (400, problem["parameter"], problem["detail"], problem["suggestions"])
    return (answer.status_code,)


def urls_of(listing: Any) -> list[str]:
    base = f"{listing.path}?" + ("q=GDP&" if listing.q_required else "")
    names = [f.name for f in listing.filters] + ["q", "sort", "limit", "cursor", "format", "bom"]
    values = ODD
    urls = [f"{base}{name}={value}" for name, value in itertools.product(names, values)]
    urls += [f"{base}{name}=a&{name}=b" for name in names]
    urls += [f"{base}{name}=1&{name}=1" for name in names]
    urls += [f"{base}colour=1", f"{base}Limit=1", f"{base}=x", f"{base}colour=", listing.path]
    return urls


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.name)
def test_each_refusal_is_worded_as_the_api_answers_it(api: Api, listing: Any) -> None:
    client, served = api.client, api.served
    for url in urls_of(listing):
        assert parsed(served, url) == answered(client, url), url


SEVERAL_FAULTS = [
    "/v1/indicators?limit=0&category=x",
    "/v1/indicators?category=x&limit=0",
    "/v1/indicators?sort=zz&category=x",
    "/v1/indicators?colour=1&limit=0",
    "/v1/indicators?limit=1.5&headline=maybe",
    "/v1/indicators?headline=maybe&limit=1.5",
    "/v1/indicators?sort=id&sort=zzz",
    "/v1/indicators?sort=zzz&sort=id",
    "/v1/observations?period=2025&kind=x",
    "/v1/observations?indicator_id=nope&period=2025",
    "/v1/search?q=GDP&q=",
    "/v1/search?q=&q=GDP",
    "/v1/search?kind=x",
    "/v1/projects?year=1999&year=2.0",
    "/v1/indicators?format=csv&limit=1&limit=2",
]


def test_several_faults_are_told_in_the_same_order(api: Api) -> None:
    client, served = api.client, api.served
    for url in SEVERAL_FAULTS:
        assert parsed(served, url) == answered(client, url), url


def test_the_bad_input_table_is_read_alike(api: Api) -> None:
    client, served = api.client, api.served
    for method, url, headers, _, _ in CASES:
        path = urlsplit(url).path
        if method == "GET" and path in _BY_PATH and set(headers) <= {"accept"}:
            accept = headers.get("accept")
            expected = answered(client, url, accept)
            if expected[0] in (414, 431):  # refused for its size, before any reading
                continue
            assert parsed(served, url, accept) == expected, (url, headers)


@settings(
    # One request an example, in-process: the profile's number (many more under fuzz).
    max_examples=settings().max_examples,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from([listing.path for listing in LISTINGS]),
    params=st.lists(st.tuples(_NAMES, _VALUES), max_size=4),
)
def test_generated_query_strings_are_read_alike(
    api: Api, path: str, params: list[tuple[str, str]]
) -> None:
    client, served = api.client, api.served
    url = path + "?" + "&".join(f"{n}={v}" for n, v in params)
    assert parsed(served, url) == answered(client, url), url


def read(served: Served, listing: Any, query: str, accept: str | None = None) -> ListRequest:
    return ListParser(listing, served.collections[listing.name]).parse(query.encode(), accept)


def test_values_take_their_declared_types(api: Api) -> None:
    served = api.served
    request = read(served, INDICATORS, "headline=true&category=economy&category=urban&limit=7")
    assert request.filters["headline"] == [True]
    assert request.filters["category"] == ["economy", "urban"]
    assert request.filters["period"] is None
    assert (request.limit, request.limit_given, request.bom, request.format) == (
        7,
        True,
        False,
        None,
    )
    years = read(served, PROJECTS, "year=2024&bom=true")
    assert years.filters["year"] == [2024] and years.bom is True
    assert read(served, OBSERVATIONS, "").limit == 50
    assert read(served, OBSERVATIONS, "").limit_given is False


def test_blank_values_are_left_out_of_the_items_as_written(api: Api) -> None:
    request = read(api.served, INDICATORS, "q=&sort=-id&colour=&limit=3")
    assert request.items == (("sort", "-id"), ("limit", "3"))


def test_the_representation_is_chosen_by_format_then_accept(api: Api) -> None:
    served = api.served
    assert read(served, INDICATORS, "").representation == "json"
    assert read(served, INDICATORS, "", "text/csv").representation == "csv"
    assert read(served, INDICATORS, "format=ndjson", "text/csv").representation == "ndjson"
    with pytest.raises(NotAcceptable):
        read(served, INDICATORS, "", "image/png")


def test_a_required_q_is_named_when_missing(api: Api) -> None:
    with pytest.raises(QueryError) as refused:
        read(api.served, SEARCH, "limit=5")
    assert refused.value.parameter == "q"
    assert refused.value.detail.startswith("query parameter 'q' is required")


#: The list pages and the lists they show: each page reads its request with the list's parser.
PAGES: dict[str, Listing[Any]] = {
    "/indicators": INDICATORS,
    "/projects": PROJECTS,
    "/glossary": GLOSSARY,
    "/search": SEARCH,
}
_PROBLEM = {"accept": "application/problem+json"}


def problem(client: Client, url: str) -> Outcome:
    answer = client.get(url, headers=_PROBLEM, follow_redirects=False)
    if answer.status_code != 400:
        return (answer.status_code,)
    body = answer.json()
    return (400, body["parameter"], body["detail"], body["suggestions"])


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.strip("/"))
def test_a_page_refuses_what_its_list_refuses_in_the_same_words(api: Api, page: str) -> None:
    client = api.client
    listing = PAGES[page]
    # Search's page takes q optional (its form comes first): the other parameters alike.
    names = [f.name for f in listing.filters] + ["sort", "limit", "cursor"]
    names += [] if listing.q_required else ["q"]
    # Blank values aside: a page's form sends its fields blank, and the page drops them.
    values = [v for v in (*ODD, "a", "valu", "2022", "x" * 70) if v]
    required = "q=GDP&" if listing.q_required else ""
    for name, value in itertools.product(names, values):
        expected = answered(client, f"{listing.path}?{required}{name}={value}")
        if expected[0] == 400:
            assert problem(client, f"{page}?{required}{name}={value}") == expected, (name, value)


def test_a_page_names_a_wrong_or_repeated_language(api: Api) -> None:
    client = api.client
    assert problem(client, "/glossary?lang=fr") == (
        400, "lang", "lang must be 'zh' (中文) or 'en' (English), not 'fr'", [],
    )  # fmt: skip
    assert problem(client, "/glossary?lang=en&lang=zh") == (
        400, "lang", "query parameter 'lang' may be given only once", [],
    )  # fmt: skip
    assert problem(client, "/glossary?colour=")[1] == "colour"  # a page's names count blank too


def test_a_refused_page_tells_a_browser_what_the_problem_tells_a_program(
    api: Api,
) -> None:
    client = api.client
    for url in ("/indicators?sort=nam_en", "/projects?year=1999", "/search?q=GDP&limit=0"):
        detail = problem(client, url)[2]
        page = client.get(url, headers={"accept": "text/html"})
        assert page.status_code == 400
        assert str(markupsafe.escape(detail)) in page.text, (url, detail)
