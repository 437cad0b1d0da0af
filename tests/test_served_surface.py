"""Outside the API: nothing of the framework's own is served, nothing loads from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.data.artifact import LoadedDataset
from longgang_api.pages.rendering import STYLESHEET_PATH

Client = TestClient[Litestar]

FRAMEWORK_DOCS = (
    "/schema",
    "/schema/",
    "/schema/swagger",
    "/schema/elements",
    "/schema/rapidoc",
    "/schema/redoc",
    "/schema/openapi.json",
    "/schema/openapi.yaml",
    "/schema/openapi.yml",
    "/schema/oauth2-redirect.html",
)
#: ``rel`` values of ``<link>`` that make a browser fetch the target.
_LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}
_LOADING_TAGS = {"script", "img", "iframe", "source", "video", "audio", "embed", "object", "track"}
_OTHER_HOST = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_SCRIPT_TYPES = {"", "text/javascript", "module"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""", re.IGNORECASE)


@pytest.mark.parametrize("path", FRAMEWORK_DOCS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_framework_documentation_routes_are_not_served(
    client: Client, path: str, method: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 404, (method, path)
    assert response.headers["content-type"] == "application/problem+json", (method, path)
    if method == "GET":
        assert response.json()["status"] == 404


def test_our_own_documentation_stays(client: Client) -> None:
    assert client.get("/docs").status_code == 200
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")


class _Loads(HTMLParser):
    """Every URL an HTML page makes a browser fetch by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.styles: list[str] = []
        #: What a Content-Security-Policy must allow: scripts run, stylesheets, images, forms.
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.images: list[str] = []
        self.forms = 0
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _LOADING_TAGS:
            self.urls += [values[k] for k in ("src", "data", "poster") if k in values]
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and _LOADING_RELS & rels:
            self.urls.append(values.get("href", ""))
        # A script of another type (the landing page's JSON-LD) is data: it never runs.
        if tag == "script" and values.get("type", "text/javascript") in _SCRIPT_TYPES:
            self.scripts.append(values.get("src", "inline"))
        if tag == "link" and "stylesheet" in rels:
            self.stylesheets.append(values["href"])
        if tag == "img" or (tag == "link" and "icon" in rels):
            self.images.append(values.get("src", values.get("href", "")))
        self.forms += tag == "form"
        if "style" in values:
            self.styles.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _every_served_get(app: Litestar, dataset: LoadedDataset) -> list[str]:
    """One URL per route (path parameters filled in from the dataset), and the English page."""
    urls = ["/?lang=en"]
    for route in app.routes:
        if not route.path.startswith("/schema"):
            urls += _urls(route.path, dataset)
    return urls


def _urls(path: str, dataset: LoadedDataset) -> list[str]:
    """Served URLs of the route ``path``: its parameters filled in from the dataset."""
    artifact = dataset.artifact
    examples = {
        "indicator_id": artifact.indicators[0].id,
        "project_id": artifact.projects[0].id,
        "term_id": artifact.glossary[0].id,
        "section_id": artifact.sections[0].id,
        "observation_id": artifact.observations[0].id,
        "version": artifact.dataset.version,
        "report_id": dataset.report_ids[0],
        "target_id": next(o.id for o in artifact.observations if o.kind != "actual"),
        "promise_id": "cuhk-shenzhen.longgang-2024.2",
    }
    if "{folder:str}" in path:
        files = ["parquet/observations.parquet", "sdmx/observations.csv", "sdmx/structure.xml"]
        return [path.replace("{folder:str}/{name:str}", file) for file in files]
    if "{name:str}" in path:
        if path.startswith("/docs"):
            names = ["swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png"]
        elif path.startswith("/assets"):
            names = [STYLESHEET_PATH.removeprefix("/assets/")]
        else:
            names = ["observations.csv", "longgang-2024.sqlite"]
        return [path.replace("{name:str}", name) for name in names]
    slug = "rest-quickstart" if path.startswith("/docs") else "not-found"
    for key, value in {**examples, "slug": slug}.items():
        path = path.replace(f"{{{key}:str}}", value)
    return [path + ("?q=%E9%BE%99%E5%B2%97" if path == "/v1/search" else "")]


def test_no_response_loads_anything_from_another_host(
    app: Litestar, client: Client, dataset: LoadedDataset
) -> None:
    checked: dict[str, Any] = {}
    for url in _every_served_get(app, dataset):
        response = client.get(url)
        assert response.status_code == 200, url
        media = response.headers["content-type"].split(";")[0]
        loads: list[str] = []
        if media == "text/html":
            parser = _Loads()
            parser.feed(response.text)
            loads = parser.urls + [u for s in parser.styles for u in _CSS_URL.findall(s)]
        elif media == "text/css":
            loads = _CSS_URL.findall(response.text)
        checked[url] = loads
        assert not [u for u in loads if _OTHER_HOST.match(u)], (url, loads)
    # The pages were among those checked, and the parser does see what they load (our own files).
    assert checked["/docs"]
    assert checked["/"]
    assert checked["/source"]


def _directives(policy: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        assert name not in found, (name, policy)
        found[name] = tuple(sources)
    return found


#: Pages answered with an error for a browser: a bad parameter and an unknown id.
ERROR_PAGES = ("/indicators?sort=nonsense", "/projects/no-such-project")


def test_each_html_answer_allows_what_it_uses_and_nothing_more(
    app: Litestar, client: Client, dataset: LoadedDataset
) -> None:
    """Every HTML answer's Content-Security-Policy, read beside what its page holds.

    Nothing is allowed by default; a stylesheet from this host is; a script, a
    connection or an image only where the page runs a script or shows an image;
    a form may be sent (to this host) only from a page that has one; no page has
    an inline style, so none needs 'unsafe-inline'.
    """
    policies: dict[str, dict[str, tuple[str, ...]]] = {}
    for url in [*_every_served_get(app, dataset), *ERROR_PAGES]:
        response = client.get(url, headers={"accept": "text/html"})
        if not response.headers["content-type"].startswith("text/html"):
            continue
        parser = _Loads()
        parser.feed(response.text)
        policy = _directives(response.headers["content-security-policy"])
        policies[url] = policy
        sources = [source for directive in policy.values() for source in directive]
        assert not [s for s in sources if "unsafe" in s or "*" in s or "http" in s], (url, policy)
        assert policy["default-src"] == ("'none'",), url
        assert policy["base-uri"] == policy["frame-ancestors"] == ("'none'",), url
        assert parser.styles == [], (url, parser.styles)
        assert parser.stylesheets and policy["style-src"] == ("'self'",), url
        # Pages, guides, errors and the reference share one stylesheet; Swagger UI adds its own.
        assert STYLESHEET_PATH in parser.stylesheets, url
        assert policy["form-action"] == (("'self'",) if parser.forms else ("'none'",)), url
        runs = bool(parser.scripts)
        assert policy.get("script-src") == (("'self'",) if runs else None), url
        assert policy.get("connect-src") == (("'self'",) if runs else None), url
        # A stylesheet's ``data:`` image is an image too.
        drawn = [u for href in parser.stylesheets for u in _CSS_URL.findall(client.get(href).text)]
        expected = ("'self'",) * bool(parser.images) + ("data:",) * any(
            u.startswith("data:") for u in drawn
        )
        assert policy.get("img-src", ()) == expected, (url, policy)
    # Each kind of page was read: the reference, lists, records, guides and errors.
    assert "script-src" in policies["/docs"]
    assert policies["/indicators"]["form-action"] == ("'self'",)
    assert policies["/indicators/" + dataset.artifact.indicators[0].id]["form-action"] == (
        "'none'",
    )
    assert {"/", "/source", "/docs/guides", "/docs/guides/rest-quickstart", *ERROR_PAGES} <= set(
        policies
    )


#: What a browser asks for when it follows a link.
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8"
UNKNOWN = "unknown-parameter"


def test_every_route_refuses_an_unknown_parameter(
    app: Litestar, client: Client, dataset: LoadedDataset
) -> None:
    """Every route of the app (the framework's own /schema ones are never served) answers an
    unknown parameter with a 400 naming it: problem details for a program; for a browser,
    problem details from the API (its operations and its document), the error page elsewhere."""
    api = {re.sub(r"\{(\w+)\}", r"{\1:str}", path) for path in app.openapi_schema.paths or {}}
    api.add("/openapi.json")
    walked: dict[str, str] = {}
    for route in app.routes:
        if route.path.startswith("/schema"):
            continue
        for url in _urls(route.path, dataset):
            assert client.get(url).status_code == 200, url
            asked = f"{url}{'&' if '?' in url else '?'}{UNKNOWN}=1"
            program = client.get(asked, headers={"accept": "application/problem+json"})
            assert program.status_code == 400, url
            assert program.headers["content-type"] == "application/problem+json", url
            assert program.json()["parameter"] == UNKNOWN, url
            browser = client.get(asked, headers={"accept": BROWSER_ACCEPT})
            assert browser.status_code == 400, url
            media = browser.headers["content-type"].split(";")[0]
            assert media == ("application/problem+json" if route.path in api else "text/html"), url
            assert UNKNOWN in browser.text, url
            walked[url] = media
    assert {"/openapi.json", "/healthz", "/readyz", "/docs", "/docs/guides"} <= set(walked)
    assert walked["/v1/dataset"] == "application/problem+json"
    assert walked["/docs/guides/rest-quickstart"] == "text/html"
