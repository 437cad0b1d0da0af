"""Bad input: every case is a 4xx in the one problem+json shape, never a 500."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from markupsafe import escape

from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.declarations import LISTINGS
from longgang_api.engine.list_request import list_parameters, page_parameters
from longgang_api.engine.parameter_values import WRITTEN, Kind, kind_of
from longgang_api.engine.text_search import WORST
from longgang_api.pages import texts
from tests.support import PAGES

Client = TestClient[Litestar]
PROBLEM_FIELDS = {"type", "title", "status", "detail", "parameter", "suggestions"}
#: Parser wording a detail must never show a person.
PARSER_WORDING = ("Expected", "regex", "Invalid enum", "$.", "`")
#: Words by which a 400 detail says what to do instead.
FIXES = ("must be", "accepted here", "only once", "remove it")

#: (method, url, headers, expected status, parameter named in the problem or None)
CASES: list[tuple[str, str, dict[str, str], int, str | None]] = [
    ("GET", "/v1/indicators?limit=0", {}, 400, "limit"),
    ("GET", "/v1/indicators?limit=-1", {}, 400, "limit"),
    ("GET", "/v1/indicators?limit=501", {}, 400, "limit"),
    ("GET", "/v1/indicators?limit=abc", {}, 400, "limit"),
    ("GET", "/v1/indicators?limit=1.5", {}, 400, "limit"),
    ("GET", "/v1/indicators?limit=1&limit=2", {}, 400, "limit"),
    ("GET", "/v1/indicators?cursor=garbage!!", {}, 400, "cursor"),
    ("GET", "/v1/indicators?cursor=AAAAAZbEF--RnPvIYyObow", {}, 400, "cursor"),
    ("GET", "/v1/indicators?cursor=" + "A" * 65, {}, 400, "cursor"),
    ("GET", "/v1/indicators?cursor=", {}, 400, "cursor"),
    ("GET", "/v1/indicators?colour=red", {}, 400, "colour"),
    ("GET", "/v1/indicators?Category=economy", {}, 400, "Category"),
    ("GET", "/v1/indicators?category=weather", {}, 400, "category"),
    ("GET", "/v1/indicators?headline=maybe", {}, 400, "headline"),
    ("GET", "/v1/observations?period=2025", {}, 400, "period"),
    ("GET", "/v1/observations?kind=forecast", {}, 400, "kind"),
    ("GET", "/v1/projects?year=1999", {}, 400, "year"),
    ("GET", "/v1/indicators?sort=colour", {}, 400, "sort"),
    ("GET", "/v1/observations?sort=valu", {}, 400, "sort"),
    ("GET", "/v1/observations?indicator_id=gdp-grwth", {}, 400, "indicator_id"),
    ("GET", "/v1/observations?indicator_id=gdp-growth&indicator_id=nope", {}, 400, "indicator_id"),
    ("GET", "/v1/sections?parent_id=p9", {}, 400, "parent_id"),
    ("GET", "/v1/indicators?sort=id,id", {}, 200, None),
    ("GET", "/v1/indicators?sort=;drop", {}, 400, "sort"),
    ("GET", "/v1/indicators?q=" + "x" * 10_000, {}, 414, None),
    ("GET", "/v1/indicators?q=" + "x" * 201, {}, 400, "q"),
    ("GET", "/v1/search", {}, 400, "q"),
    ("GET", "/v1/search?q=", {}, 400, "q"),
    ("GET", "/v1/indicators?format=xml", {}, 400, "format"),
    ("GET", "/v1/indicators?bom=perhaps", {}, 400, "bom"),
    ("GET", "/v1/indicators?q=%ZZ", {}, 200, None),
    ("GET", "/v1/indicators", {"accept": "image/png"}, 406, None),
    ("GET", "/v1/indicators", {"accept": "application/xml, text/html;q=0.5"}, 406, None),
    ("GET", "/v1/indicators/gdp-growth", {"accept": "text/csv"}, 406, None),
    ("GET", "/v1/indicators/no-such-indicator", {}, 404, None),
    ("GET", "/v1/indicators/GDP-GROWTH", {}, 404, None),
    ("GET", "/v1/projects/..%2F..%2Fetc%2Fpasswd", {}, 404, None),
    ("GET", "/v1/nowhere", {}, 404, None),
    ("GET", "/v2/indicators", {}, 404, None),
    ("GET", "/v1/indicators/gdp-growth?limit=5", {}, 400, "limit"),
    ("GET", "/v1/dataset?x=1", {}, 400, "x"),
    ("POST", "/v1/indicators", {}, 405, None),
    ("PUT", "/v1/indicators/gdp-growth", {}, 405, None),
    ("DELETE", "/v1/projects", {}, 405, None),
    ("PATCH", "/v1/glossary", {}, 405, None),
    # Repeated and empty parameters.
    ("GET", "/v1/indicators?q=a&q=b", {}, 400, "q"),
    ("GET", "/v1/indicators?sort=id&sort=-id", {}, 400, "sort"),
    ("GET", "/v1/indicators?limit=", {}, 400, "limit"),
    ("GET", "/v1/indicators?sort=", {}, 400, "sort"),
    ("GET", "/v1/indicators?format=", {}, 400, "format"),
    ("GET", "/v1/indicators?category=", {}, 400, "category"),
    ("GET", "/v1/indicators?q=", {}, 200, None),
    ("GET", "/v1/indicators?=x", {}, 400, ""),
    # Text that is not text.
    ("GET", "/v1/indicators?q=%00", {}, 400, "q"),
    ("GET", "/v1/search?q=a%00b", {}, 400, "q"),
    ("GET", "/v1/indicators?q=%FF%FE", {}, 400, "q"),
    ("GET", "/v1/search?q=%E5%85", {}, 400, "q"),
    ("GET", "/v1/indicators?q=%1B%5B31m", {}, 400, "q"),
    ("GET", "/v1/indicators?limit=%FF", {}, 400, "limit"),
    ("GET", "/v1/indicators?q=%", {}, 200, None),
    # One spelling of a number and of a flag: digits alone; true or false.
    ("GET", "/v1/indicators?limit=1e2", {}, 400, "limit"),
    ("GET", "/v1/indicators?limit=5.0", {}, 400, "limit"),
    ("GET", "/v1/observations?limit=%2B5", {}, 400, "limit"),
    ("GET", "/v1/glossary?limit=05", {}, 400, "limit"),
    ("GET", "/v1/sections?limit=%D9%A5", {}, 400, "limit"),
    ("GET", "/v1/search?q=GDP&limit=%EF%BC%95", {}, 400, "limit"),
    ("GET", "/v1/projects?limit=5%20", {}, 400, "limit"),
    ("GET", "/v1/projects?year=2023.0", {}, 400, "year"),
    ("GET", "/v1/projects?year=2.023e3", {}, 400, "year"),
    ("GET", "/v1/indicators?headline=1", {}, 400, "headline"),
    ("GET", "/v1/observations?headline=0", {}, 400, "headline"),
    ("GET", "/v1/indicators?headline=True", {}, 400, "headline"),
    ("GET", "/v1/indicators?headline=true", {}, 200, None),
    ("GET", "/v1/indicators?format=csv&bom=1", {}, 400, "bom"),
    ("GET", "/v1/downloads/glossary.csv?bom=TRUE", {}, 400, "bom"),
    ("GET", "/v1/downloads/glossary.csv?bom=false", {}, 200, None),
    # Sizes.
    ("GET", "/v1/indicators?q=" + "x" * 16_000, {}, 414, None),
    ("GET", "/v1/" + "a" * 9_000, {}, 414, None),
    ("GET", "/v1", {f"x-filler-{i}": "y" * 1000 for i in range(20)}, 431, None),
    # Downloads: traversal and odd names.
    ("GET", "/v1/downloads/..%2F..%2Fbuild%2Flonggang-2024.json", {}, 404, None),
    ("GET", "/v1/downloads/%2Fetc%2Fpasswd", {}, 404, None),
    ("GET", "/v1/downloads/%00.csv", {}, 404, None),
    ("GET", "/v1/downloads/.hidden", {}, 404, None),
    ("GET", "/v1/downloads/" + "a" * 300 + ".csv", {}, 404, None),
    ("GET", "/v1/downloads/Observations.CSV", {}, 404, None),
    ("GET", "/v1/downloads/longgang-2024.json?bom=true", {}, 200, None),
    ("GET", "/v1/downloads/glossary.csv?bom=perhaps", {}, 400, "bom"),
    ("GET", "/v1/downloads/glossary.csv", {"range": "bytes=0-10"}, 206, None),
    ("GET", "/v1/downloads/glossary.csv", {"range": "bytes=99999999-"}, 416, None),
    ("GET", "/v1/glossary", {"range": "bytes=-0"}, 416, None),
    ("GET", "/v1/glossary", {"range": "bytes=0-1,5-9"}, 200, None),
    ("GET", "/v1/downloads/glossary.csv", {"range": "bytes=garbage"}, 200, None),
    # Accept, Accept-Encoding, If-None-Match of every shape.
    ("GET", "/v1/indicators", {"accept": ";;;"}, 406, None),
    ("GET", "/v1/indicators", {"accept": "application/json;q=abc"}, 406, None),
    ("GET", "/v1/indicators", {"accept": "*/*;q=0"}, 406, None),
    ("GET", "/v1/indicators", {"accept": "text/*"}, 200, None),
    ("GET", "/v1/indicators", {"accept": "application/json;q=0.1, text/csv;q=0.9"}, 200, None),
    ("GET", "/v1/catalog", {"accept": "image/*"}, 406, None),
    ("GET", "/v1/indicators", {"accept-encoding": ";q=x"}, 200, None),
    ("GET", "/v1/indicators", {"accept-encoding": "br, zstd"}, 200, None),
    ("GET", "/v1/indicators", {"accept-encoding": "gzip;q=0"}, 200, None),
    ("GET", "/v1/indicators", {"if-none-match": "garbage"}, 200, None),
    ("GET", "/v1/indicators", {"if-none-match": '"nope", W/"nope"'}, 200, None),
    ("GET", "/v1/indicators", {"if-none-match": "*"}, 304, None),
    # Trailing slashes and case.
    ("GET", "/v1/indicators/", {}, 200, None),
    ("GET", "/v1/glossary/two-mountains/", {}, 200, None),
    ("GET", "/V1/indicators", {}, 404, None),
    ("GET", "/v1/Indicators", {}, 404, None),
    ("GET", "/v1/glossary/Two-Mountains", {}, 404, None),
    ("GET", "/?lang=EN", {"accept": "application/problem+json"}, 400, "lang"),
    ("GET", "/indicators?lang=fr", {"accept": "application/json"}, 400, "lang"),
    ("GET", "/projects?year=1999", {"accept": "application/problem+json"}, 400, "year"),
    # Paths that reach no page at all: the router's 404.
    ("GET", "/problems/..%2Fnot-found", {}, 404, None),
    ("GET", "/assets/..%2F..%2Fpyproject.toml", {}, 404, None),
    ("GET", "/projects/a/b", {}, 404, None),
    # Odd methods.
    ("TRACE", "/v1", {}, 405, None),
    ("CONNECT", "/v1/indicators", {}, 405, None),
    ("PROPFIND", "/v1/projects", {}, 405, None),
]

ROOT = Path(__file__).resolve().parents[1]


def _call(client: Client, method: str, url: str, headers: dict[str, str]) -> Any:
    return client.request(method, url, headers=headers)


@pytest.mark.parametrize(("method", "url", "headers", "status", "parameter"), CASES)
def test_bad_input_is_a_problem(
    client: Client,
    method: str,
    url: str,
    headers: dict[str, str],
    status: int,
    parameter: str | None,
) -> None:
    response = _call(client, method, url, headers)
    assert response.status_code == status, response.text[:300]
    if status < 400:
        return
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) == PROBLEM_FIELDS
    assert body["status"] == status
    assert body["type"].startswith("/problems/")
    assert body["parameter"] == parameter
    detail = body["detail"]
    assert not [word for word in PARSER_WORDING if word in detail], detail
    if status == 400 and parameter:
        assert parameter in detail, detail
        assert any(fix in detail for fix in FIXES), detail
    assert "Traceback" not in response.text and "site-packages" not in response.text
    assert str(ROOT) not in response.text and ".py" not in response.text
    if status == 405:
        assert response.headers["allow"] == "GET, HEAD, OPTIONS"


#: (url, what its detail must say): the accepted values or form of each kind of parameter.
FIX_NAMED: list[tuple[str, tuple[str, ...]]] = [
    ("/v1/indicators?sort=colour", ("category", "id", "name_en", "name_zh", "order")),
    ("/v1/indicators?sort=-id,nope", ("sortable fields", "name_en")),
    ("/v1/search?q=x&sort=bad", ("sortable fields: id, rank",)),
    ("/v1/indicators?headline=yes", ("true or false",)),
    ("/v1/projects?status=dreamt", ("must be one of", "under_construction")),
    ("/v1/observations?kind=forecast", ("actual, target, plan",)),
    ("/v1/observations?period=2025", ("2023, 2024",)),
    ("/v1/observations?period=soon", ("2023, 2024",)),
    ("/v1/indicators?limit=0", ("from 1 to 500",)),
    ("/v1/indicators?limit=lots", ("from 1 to 500",)),
    ("/v1/indicators?limit=1e2", ("from 1 to 500", "digits 0-9 alone")),
    ("/v1/indicators?headline=1", ("true or false",)),
    ("/v1/projects?year=2023.0", ("one of: 2023, 2024",)),
    ("/v1/downloads/glossary.csv?bom=1", ("true or false",)),
    ("/v1/indicators?cursor=garbage!!", ("next_cursor", "same query")),
    ("/v1/indicators?cursor=AAAAAZbEF--RnPvIYyObow", ("next_cursor", "same query")),
    ("/v1/indicators?format=xml", ("auto, json, csv, ndjson",)),
    ("/v1/indicators/gdp-growth?format=csv", ("'format'", "JSON only", "remove it")),
    ("/v1/search", ("'q'", "required", "1 to 200 characters")),
    ("/v1/indicators?q=%00", ("without control characters",)),
]


@pytest.mark.parametrize(("url", "fragments"), FIX_NAMED)
def test_a_parameter_error_names_the_fix(
    client: Client, url: str, fragments: tuple[str, ...]
) -> None:
    body = client.get(url).json()
    assert body["status"] == 400
    for fragment in fragments:
        assert fragment in body["detail"], body["detail"]
    assert not [word for word in PARSER_WORDING if word in body["detail"]], body["detail"]


#: Spellings the lenient readers of query text take, or might, for each kind of value.
MISSPELT: dict[Kind, tuple[str, ...]] = {
    "integer": ("1e2", "5.0", "5e0", "%2B5", "-5", "%205", "5%20", "05", "%D9%A5", "%EF%BC%95",
                "0x5", "1_0", "Infinity", ""),
    "boolean": ("1", "0", "True", "TRUE", "yes", "t", "%20true", "true%20", ""),
}  # fmt: skip
#: A value for each path parameter and required query parameter of an operation that
#: takes an integer or a boolean.
GIVEN = {"name": "glossary.csv", "q": "GDP", "folder": "sdmx"}
#: Where a route needs other values: the one CSV file of a format's folder.
GIVEN_AT = {"/v1/downloads/{folder:str}/{name:str}": {"name": "observations.csv"}}


#: The list pages, by their handler's name.
_PAGES = {f"page-{listing.name}": listing for listing in LISTINGS}
#: The lists, by their route's name.
_LISTS = {listing.operation_id: listing for listing in LISTINGS}


def _with_values(path: str) -> str:
    """``path`` with a value in each of its path parameters."""
    given = {**GIVEN, **GIVEN_AT.get(path, {})}
    return re.sub(r"\{(\w+):\w+\}", lambda m: given[m.group(1)], path)


def written_parameters(app: Litestar) -> list[tuple[str, str, Kind]]:
    """Every integer and boolean query parameter of the app: (a URL to it, its name, its kind)."""
    found: list[tuple[str, str, Kind]] = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            fields = handler.parsed_fn_signature.parameters
            queried = {n: f.raw for n, f in fields.items() if n not in route.path_parameters}
            required_names = {n for n, f in fields.items() if f.is_required}
            page = _PAGES.get(handler.name or "")
            if page is not None:  # a list page reads its parameters by their declarations
                queried = {p.name: p.type for p in page_parameters(page)}
            listing = _LISTS.get(handler.name or "")
            if listing is not None:  # and so does a list
                declared = list_parameters(listing)
                queried = {p.name: p.type for p in declared}
                required_names = {p.name for p in declared if p.required}
            kinds = [(n, kind) for n, raw in queried.items() if (kind := kind_of(raw))]
            if not kinds:
                continue
            path = _with_values(route.path)
            required = "".join(
                f"{n}={v}&" for n, v in GIVEN.items() if n in queried and n in required_names
            )
            found += [(f"{path}?{required}", name, kind) for name, kind in kinds]
    return found


def test_every_integer_and_boolean_parameter_is_found(app: Litestar) -> None:
    found = {(url.partition("?")[0], name) for url, name, _ in written_parameters(app)}
    # The lists' limit and bom, their flag and year filters, the pages', a download's bom.
    assert {("/v1/observations", "limit"), ("/v1/search", "bom"), ("/v1/projects", "year"),
            ("/indicators", "headline"), ("/glossary", "limit"),
            ("/v1/downloads/glossary.csv", "bom")} <= found  # fmt: skip


def test_every_integer_and_boolean_parameter_takes_one_spelling(
    app: Litestar, client: Client
) -> None:
    """Digits alone for an integer, true or false for a boolean, on every operation and page."""
    for url, name, kind in written_parameters(app):
        for text in MISSPELT[kind]:
            asked = f"{url}{name}={text}"
            response = client.get(asked, headers={"accept": "application/json"})
            if response.history:  # a list page's form field sent blank: no filter, not a 400
                assert not text and name not in str(response.url), (asked, response.url)
                continue
            assert response.status_code == 400, (url, name, text)
            body = response.json()
            assert body["parameter"] == name, (url, name, text)
            # A year filter's values are the dataset's: its detail lists them.
            accepted = (WRITTEN[kind],) if kind == "boolean" else (WRITTEN[kind], "one of: ")
            assert any(a in body["detail"] for a in accepted), (url, body["detail"])
        if kind == "boolean":
            for text in ("true", "false"):
                assert client.get(f"{url}{name}={text}").status_code == 200, (url, name, text)


@pytest.mark.parametrize(
    ("url", "suggested"),
    [
        ("/v1/indicators/gdp", "gdp-growth"),
        ("/v1/indicators/GDP-GROWTH", "gdp-growth"),
        ("/v1/glossary/two-mountain", "two-mountains"),
        ("/v1/projects/cuhk-shenzen", "cuhk-shenzhen"),
        ("/v1/observations/gdp-growth.2024.targt", "gdp-growth.2024.target"),
    ],
)
def test_a_missing_id_suggests_the_closest_ids(client: Client, url: str, suggested: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    body = response.json()
    assert body["suggestions"][0] == suggested and len(body["suggestions"]) <= 3
    assert f"did you mean {suggested}" in body["detail"]


@pytest.mark.parametrize(
    ("url", "parameter", "suggested"),
    [
        ("/v1/observations?indicator_id=gdp-grwth", "indicator_id", ("gdp-growth",)),
        ("/v1/observations?indicator_id=gdp-growth&indicator_id=GDP-Growth", "indicator_id",
         ("gdp-growth",)),
        ("/v1/sections?parent_id=p2x&kind=item", "parent_id", ("p2",)),
        ("/v1/sections?parent_id=zzzzzzzz", "parent_id", ()),
        ("/v1/observations?sort=valu", "sort", ("value", "base_value")),
        ("/v1/observations?sort=id,-valu", "sort", ("value", "base_value")),
        ("/v1/indicators?sort=name", "sort", ("name_en", "name_zh")),
        ("/v1/indicators?sort=zzzz", "sort", ()),
    ],
)  # fmt: skip
def test_an_unknown_id_filter_or_sort_field_suggests_the_closest(
    client: Client, url: str, parameter: str, suggested: tuple[str, ...]
) -> None:
    # Through the direct path (a JSON page) and through the framework (CSV) alike.
    for shown in (url, url + "&format=csv"):
        response = client.get(shown)
        assert response.status_code == 400, shown
        body = response.json()
        assert body["parameter"] == parameter
        assert tuple(body["suggestions"]) == suggested, shown
        assert ("did you mean " + ", ".join(suggested) in body["detail"]) == bool(suggested)


@pytest.mark.parametrize(
    ("url", "noun"),
    [
        ("/v1/indicators/nope", "indicator"),
        ("/v1/observations/nope", "observation"),
        ("/v1/projects/nope", "project"),
        ("/v1/glossary/nope", "glossary term"),
        ("/v1/sections/nope", "section"),
    ],
)
def test_a_missing_id_is_named_with_what_a_record_is_called(
    client: Client, url: str, noun: str
) -> None:
    assert client.get(url).json()["detail"].startswith(f"no {noun} with id 'nope'")


def test_an_id_like_nothing_suggests_nothing(client: Client) -> None:
    body = client.get("/v1/indicators/zzzzzzzzzzzz").json()
    assert body["suggestions"] == []
    # Longer than any id: not compared at all, even though it begins with one.
    assert client.get("/v1/indicators/gdp-growth" + "x" * 200).json()["suggestions"] == []
    assert "did you mean" not in body["detail"] and "/v1/indicators" in body["detail"]


def test_there_are_at_least_50_cases() -> None:
    assert len(CASES) >= 50


ROUTES = [
    "/",
    "/healthz",
    "/readyz",
    "/docs",
    "/openapi.json",
    "/v1",
    "/v1/dataset",
    "/v1/releases",
    "/v1/indicators",
    "/v1/indicators/gdp-growth",
    "/v1/observations",
    "/v1/projects",
    "/v1/projects/cuhk-shenzhen",
    "/v1/glossary",
    "/v1/glossary/two-mountains",
    "/v1/sections",
    "/v1/sections/p4",
    "/v1/search?q=x",
    "/v1/catalog",
    "/v1/catalog.jsonld",
    "/v1/catalog.ttl",
    "/v1/datapackage.json",
    "/v1/downloads/observations.csv",
    *PAGES[1:],
]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
def test_every_method_on_every_route(client: Client, route: str, method: str) -> None:
    response = client.request(method, route)
    if method in ("GET", "HEAD"):
        assert response.status_code == 200
        assert (response.content == b"") == (method == "HEAD")
    elif method == "OPTIONS":
        assert response.status_code == 204
        assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    else:
        assert response.status_code == 405
        assert response.headers["allow"] == "GET, HEAD, OPTIONS"
        assert response.headers["content-type"] == "application/problem+json"


def test_a_cursor_from_another_dataset_version_is_refused(
    client: Client, dataset: LoadedDataset
) -> None:
    from longgang_api.engine.cursor import CursorCodec
    from longgang_api.engine.declarations import OBSERVATIONS
    from longgang_api.engine.query import build_query

    collection = OBSERVATIONS.collection(dataset, "")
    # The scope the server binds a cursor of this query to, signed by each version's key.
    query = build_query(collection, CursorCodec(dataset.sha256), {}, None, None, 10, None)
    scope = f"{collection.name}|{query.scope}"
    this_version = CursorCodec(dataset.sha256).encode(scope, (9,))
    assert client.get(f"/v1/observations?limit=10&cursor={this_version}").status_code == 200
    other_version = CursorCodec("0" * 64).encode(scope, (9,))
    response = client.get(f"/v1/observations?limit=10&cursor={other_version}")
    assert response.status_code == 400
    assert response.json()["parameter"] == "cursor"


def test_a_cursor_from_another_query_or_collection_is_refused(client: Client) -> None:
    cursor = client.get("/v1/observations?limit=5&period=2023").json()["next_cursor"]
    assert client.get(f"/v1/observations?limit=5&period=2023&cursor={cursor}").status_code == 200
    assert client.get(f"/v1/observations?limit=9&period=2023&cursor={cursor}").status_code == 200
    for foreign in (
        f"/v1/observations?limit=5&period=2024&cursor={cursor}",
        f"/v1/observations?limit=5&cursor={cursor}",
        f"/v1/projects?limit=5&cursor={cursor}",
    ):
        response = client.get(foreign)
        assert response.status_code == 400
        assert response.json()["parameter"] == "cursor"
    tampered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    assert client.get(f"/v1/observations?limit=5&period=2023&cursor={tampered}").status_code == 400


#: Lists as a forged cursor may reach them: where relevance leads the order (a search),
#: one term (a presorted posting answers), several (every match ranked), every match
#: streamed, the order reversed; and lists in the order of a field.
RELEVANCE_ORDERED = [
    "/v1/search?q=碧道",
    "/v1/search?q=碧道+学校",
    "/v1/search?q=碧道&format=csv",
    "/v1/search?q=碧道&format=ndjson",
    "/v1/search?q=碧道+学校&format=csv",
]
FIELD_ORDERED = [
    "/v1/observations?limit=5",
    "/v1/observations?format=csv",
    "/v1/search?q=碧道&sort=id",
    "/glossary?sort=id",  # a page for people
]
#: Places no record holds: a rank alone, or a rank out of range, where a match rank and a
#: rank are the place; a match rank no match has (0 to WORST ascending).
NO_RELEVANCE_PLACE = [(5,), (0, -1), (0, 10**6), (WORST + 1, 3), (-1, 3)]
#: Where a rank alone is the place: two numbers, or a rank out of range.
NO_FIELD_PLACE = [(0, 5), (-1,), (10**6,)]


def _forged(client: Client, dataset: LoadedDataset, url: str, place: tuple[int, ...]) -> str:
    """``url`` with a cursor signed as the server signs one, holding ``place``."""
    from urllib.parse import parse_qs, urlsplit

    from longgang_api.app import COLLECTIONS_STATE
    from longgang_api.engine.cursor import CursorCodec
    from longgang_api.engine.query import build_query

    # Anyone can sign a cursor: the key is the artifact's published sha256.
    parts = urlsplit(url)
    collection = client.app.state[COLLECTIONS_STATE][parts.path.rsplit("/", 1)[1]]
    asked = {name: values[0] for name, values in parse_qs(parts.query).items()}
    codec = CursorCodec(dataset.sha256)
    query = build_query(collection, codec, {}, asked.get("q"), asked.get("sort"), 5, None)
    return f"{url}&cursor={codec.encode(f'{collection.name}|{query.scope}', place)}"


@pytest.mark.parametrize(
    ("url", "place"),
    [(u, p) for u in RELEVANCE_ORDERED for p in NO_RELEVANCE_PLACE]
    + [("/v1/search?q=碧道&sort=-rank", (1, 3))]  # descending: 0 to -WORST
    + [(u, p) for u in FIELD_ORDERED for p in NO_FIELD_PLACE],
)
def test_a_forged_cursor_holding_no_place_of_the_order_is_refused(
    client: Client, dataset: LoadedDataset, url: str, place: tuple[int, ...]
) -> None:
    problem = {"accept": "application/problem+json"}  # a page answers browsers in HTML
    answer = client.get(_forged(client, dataset, url, place), headers=problem)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["parameter"] == "cursor"


def test_one_error_shape(client: Client) -> None:
    shapes = {
        tuple(sorted(client.request(m, u, headers=h).json()))
        for m, u, h, status, _ in CASES
        if status >= 400
    }
    assert shapes == {tuple(sorted(PROBLEM_FIELDS))}


#: Every page, with ids where a page takes one.
PAGE_ROUTES = [*PAGES, "/problems"]
#: Ids no page has, of every shape the API's table tries.
PAGE_IDS = [
    "/indicators/no-such-indicator",
    "/indicators/GDP-GROWTH",
    "/glossary/Two-Mountains",
    "/glossary/%00",
    "/indicators/" + "a" * 300,
    "/projects/%E5%AD%A6",
    "/problems/Not-Found",
    "/assets/site.css",
]


def _page_answer_is_readable(response: Any, status: int) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert f"<title>{status} " in response.text
    assert "Traceback" not in response.text and "/work/" not in response.text


@pytest.mark.parametrize("route", PAGE_ROUTES)
def test_no_page_is_a_500_on_any_bad_input(client: Client, route: str) -> None:
    """Every query and header of the API's table, put to every page."""
    for method, url, headers, _, _ in CASES:
        if method != "GET":
            continue
        query = url.partition("?")[2]
        response = client.get(f"{route}?{query}" if query else route, headers=headers)
        assert response.status_code < 500, (route, url, response.text[:300])
        if response.status_code >= 400:
            if response.headers["content-type"] == "application/problem+json":
                assert set(response.json()) == PROBLEM_FIELDS
            else:
                _page_answer_is_readable(response, response.status_code)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_error_page_names_its_problem_in_the_page_language(client: Client, lang: str) -> None:
    # docs/pages.md: "The page names and explains the problem type in the page's language;
    # the problem's own detail is in English and marked `lang="en"`."
    page = client.get(f"/indicators?limit=abc&lang={lang}", headers={"accept": BROWSER})
    _page_answer_is_readable(page, 400)
    _, names, explanation = texts.PROBLEM_TYPES["bad-request"]
    chosen = 1 if lang == "en" else 0
    assert f"<title>400 {names[chosen]} " in page.text
    assert f"<p>{escape(explanation[chosen])}</p>" in page.text
    problem = {"accept": "application/problem+json"}
    detail = client.get("/indicators?limit=abc", headers=problem).json()["detail"]
    marked = ' lang="en"' if lang == "zh" else ""
    assert f'<p class="lead"{marked}>{escape(detail)}</p>' in page.text
    assert "The page names and explains the problem type in the page's language" in (
        ROOT / "docs" / "pages.md"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize("url", PAGE_IDS)
def test_an_unknown_id_is_a_readable_404(client: Client, url: str) -> None:
    _page_answer_is_readable(client.get(url), 404)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/indicators?lang=fr", "lang"),
        ("/indicators?lang=en&lang=zh", "lang"),
        ("/indicators?lang=", "lang"),
        ("/indicators?category=weather", "category"),
        ("/indicators?headline=maybe", "headline"),
        ("/indicators?format=csv", "format"),
        ("/projects?year=1999", "year"),
        ("/projects?status=finished", "status"),
        ("/projects?sort=colour", "sort"),
        ("/projects?limit=0", "limit"),
        ("/projects?limit=5.0", "limit"),
        ("/projects?year=2023.0", "year"),
        ("/indicators?headline=1", "headline"),
        ("/projects?cursor=garbage!!", "cursor"),
        ("/glossary?cursor=AAAAAZbEF--RnPvIYyObow", "cursor"),
        ("/glossary?q=%00", "q"),
        ("/glossary?category=economy", "category"),
        ("/indicators/gdp-growth?limit=5", "limit"),
        ("/source?q=x", "q"),
        ("/problems/not-found?x=1", "x"),
    ],
)
def test_bad_page_parameters_are_readable_400s(client: Client, url: str, parameter: str) -> None:
    response = client.get(url)
    _page_answer_is_readable(response, 400)
    assert f"<code>{parameter}</code>" in response.text
    problem = client.get(url, headers={"accept": "application/problem+json"})
    assert problem.status_code == 400 and problem.json()["parameter"] == parameter


#: What a browser sends when it opens a link.
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8"
UNKNOWN_PATHS = ("/nothing-here", "/indicator", "/source/x", "/v1/nowhere", "/v2/indicators")


@pytest.mark.parametrize("path", UNKNOWN_PATHS)
def test_a_browser_gets_a_page_for_a_path_nothing_serves(client: Client, path: str) -> None:
    page = client.get(path, headers={"accept": BROWSER, "accept-language": "en"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "404 Not found" in page.text and 'href="/problems/not-found' in page.text
    assert page.headers["vary"] == "Accept"
    refused = client.post(path.replace("/nothing-here", "/indicators"), headers={"accept": BROWSER})
    assert refused.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", UNKNOWN_PATHS)
@pytest.mark.parametrize(
    "accept", [None, "*/*", "application/json", "application/problem+json", "text/csv, */*"]
)
def test_a_program_keeps_the_problem_for_a_path_nothing_serves(
    client: Client, path: str, accept: str | None
) -> None:
    headers = {"accept": accept} if accept else {}
    answer = client.get(path, headers=headers)
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["type"] == "/problems/not-found"


@pytest.mark.parametrize(
    "path", ["/indicators", "/v1/indicators", "/", "/v1/indicators/gdp-growth"]
)
def test_a_method_no_route_takes_is_a_page_for_a_browser_and_a_problem_for_a_program(
    client: Client, path: str
) -> None:
    page = client.delete(path, headers={"accept": BROWSER})
    assert page.status_code == 405 and page.headers["content-type"].startswith("text/html")
    assert page.headers["allow"] == "GET, HEAD, OPTIONS"
    problem = client.delete(path, headers={"accept": "*/*"})
    assert problem.status_code == 405
    assert problem.headers["content-type"] == "application/problem+json"
    assert problem.headers["allow"] == "GET, HEAD, OPTIONS"


def test_a_missing_record_of_the_api_stays_a_problem_for_a_browser(client: Client) -> None:
    # The route exists: its handler's answer is the API's, whoever asks.
    answer = client.get("/v1/indicators/nope", headers={"accept": BROWSER})
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
