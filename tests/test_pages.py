"""Pages for people: every record in both languages, every value one click from its sentence."""

from __future__ import annotations

import re
import typing
from html import escape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import DATASET_STATE, create_app
from longgang_api.checkout import checkout_folder
from longgang_api.data import model, vocabulary
from longgang_api.data.artifact import ArtifactError, LoadedDataset, read_source
from longgang_api.data.built import SOURCE_VIEW
from longgang_api.data.source_layout import SourceView
from longgang_api.data.source_text import SourceText
from longgang_api.pages import docs, guides, texts
from longgang_api.pages.figures import number_text
from longgang_api.pages.language import Lang
from longgang_api.pages.rendering import STYLESHEET_PATH
from longgang_api.pages.texts import PROBLEM_TYPES
from longgang_api.settings import DEFAULT_PUBLIC_BASE_URL, Settings
from longgang_api.web.problems import PROBLEM_SLUGS
from longgang_build.build import DEFAULT_DATASET
from longgang_build.source_view import build_source_view
from tests.support import PAGES

Client = TestClient[Litestar]
#: The public address the test app runs with (create_app's default).
BASE = DEFAULT_PUBLIC_BASE_URL


class Marks(HTMLParser):
    """The marked spans of ``/source``: which quotes each covers and on which line it stands."""

    def __init__(self) -> None:
        super().__init__()
        self.line: str | None = None
        self.cite: list[str] | None = None
        self.text: dict[str, str] = {}
        self.first_line: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "span" and attributes.get("class") == "line":
            self.line = attributes["id"]
        elif tag == "mark":
            self.cite = (attributes.get("data-cite") or "").split()
            for key in self.cite:
                self.first_line.setdefault(key, self.line or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.cite = None
        elif tag == "span":
            self.line = None

    def handle_data(self, data: str) -> None:
        for key in self.cite or ():
            self.text[key] = self.text.get(key, "") + data


@pytest.fixture(scope="module")
def marks(client: Client) -> Marks:
    parser = Marks()
    parser.feed(client.get("/source").text)
    return parser


def _cited(dataset: LoadedDataset) -> list[tuple[str, str, int]]:
    artifact = dataset.artifact
    found = [(f"observation:{o.id}", o.source.quote, o.source.line) for o in artifact.observations]
    for project in artifact.projects:
        for index, mention in enumerate(project.mentions, start=1):
            found.append(
                (f"mention:{project.id}:{index}", mention.source.quote, mention.source.line)
            )
    found += [(f"glossary:{g.id}", g.source.quote, g.source.line) for g in artifact.glossary]
    return found


def test_every_quote_is_marked_on_its_line_of_the_source(
    marks: Marks, dataset: LoadedDataset
) -> None:
    cited = _cited(dataset)
    assert len(cited) == len(marks.text)
    for key, quote, line in cited:
        assert marks.text.get(key) == quote, key
        assert marks.first_line[key] == f"L{line}", key


def test_every_marked_quote_links_back_to_its_record(
    client: Client, dataset: LoadedDataset
) -> None:
    html = client.get("/source?lang=en").text
    links = set(re.findall(r'<sup class="cite"><a href="([^"]+)"', html))
    for observation in dataset.artifact.observations:
        assert f"/indicators/{observation.indicator_id}?lang=en#{observation.id}" in links
    for project in dataset.artifact.projects:
        for index in range(1, len(project.mentions) + 1):
            assert f"/projects/{project.id}?lang=en#mention-{index}" in links
    for term in dataset.artifact.glossary:
        assert f"/glossary/{term.id}?lang=en" in links


def test_the_source_has_an_anchor_per_line_and_its_outline(
    client: Client, dataset: LoadedDataset
) -> None:
    html = client.get("/source").text
    raw = (DEFAULT_DATASET / dataset.artifact.dataset.source_document.file).read_text()
    for number, line in enumerate(raw.split("\n"), start=1):
        assert (f'id="L{number}"' in html) == bool(line.strip()), number
    for section in dataset.artifact.sections:
        if section.kind in ("part", "subpart"):
            assert f'href="#L{section.line}"' in html, section.id


def test_every_record_page_links_to_the_line_of_each_quote(
    client: Client, dataset: LoadedDataset
) -> None:
    for indicator in dataset.artifact.indicators:
        html = client.get(f"/indicators/{indicator.id}").text
        for observation in dataset.observations_by_indicator[indicator.id]:
            row = re.search(rf'<tr id="{re.escape(observation.id)}">(.*?)</tr>', html, re.S)
            assert row is not None, observation.id
            assert escape(observation.source.quote) in row.group(1), observation.id
            assert f'href="/source?lang=zh#L{observation.source.line}"' in row.group(1)
    for project in dataset.artifact.projects:
        html = client.get(f"/projects/{project.id}?lang=en").text
        for index, mention in enumerate(project.mentions, start=1):
            block = re.search(
                rf'<section class="mention" id="mention-{index}">(.*?)</section>', html, re.S
            )
            assert block is not None, (project.id, index)
            assert escape(mention.source.quote) in block.group(1)
            assert f'href="/source?lang=en#L{mention.source.line}"' in block.group(1)
    for term in dataset.artifact.glossary:
        html = client.get(f"/glossary/{term.id}").text
        assert escape(term.source.quote) in html
        assert f'href="/source?lang=zh#L{term.source.line}"' in html


@pytest.mark.parametrize("path", PAGES)
def test_both_languages_and_the_choice_is_kept(client: Client, path: str) -> None:
    chinese = client.get(path)
    english = client.get(f"{path}?lang=en")
    assert (
        '<html lang="zh-Hans">' in chinese.text and chinese.headers["content-language"] == "zh-Hans"
    )
    assert '<html lang="en">' in english.text and english.headers["content-language"] == "en"
    # Each page names its language versions and its canonical address on PUBLIC_BASE_URL.
    assert f'<link rel="alternate" hreflang="en" href="{BASE}{path}?lang=en">' in chinese.text
    assert f'<link rel="alternate" hreflang="zh-Hans" href="{BASE}{path}?lang=zh">' in english.text
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}{path}">' in english.text
    assert f'<link rel="canonical" href="{BASE}{path}?lang=en">' in english.text
    # Every link to another page keeps the reader's language.
    for href in re.findall(
        r'<a href="(/(?!v1|docs|openapi)[^"#]*)[^"]*"(?! hreflang)', english.text
    ):
        assert ("lang", "en") in parse_qsl(urlsplit(href.replace("&amp;", "&")).query), href
    # Without ?lang=, the browser's preference decides.
    preferred = client.get(path, headers={"accept-language": "en-GB,en;q=0.9,zh;q=0.5"})
    assert '<html lang="en">' in preferred.text
    assert "Accept-Language" in preferred.headers["vary"]
    chinese_browser = client.get(path, headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert '<html lang="zh-Hans">' in chinese_browser.text


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_nothing_from_another_host(client: Client, path: str) -> None:
    for lang in ("zh", "en"):
        response = client.get(f"{path}?lang={lang}")
        html = response.text
        # A canonical or alternate link names an address; nothing is fetched from it.
        fetching = re.sub(r'<link rel="(canonical|alternate)"[^>]*>', "", html)
        assert not re.search(
            r'<(script|img|link|iframe|source)[^>]+(src|href)="(https?:)?//', fetching
        )
        assert not re.search(r"url\(", html)
        # JSON-LD only: the landing page's Dataset, an indicator page's StatisticalVariable.
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts == [] or (
            scripts == ['<script type="application/ld+json">']
            and (path == "/" or path.startswith("/indicators/"))
        )
        # Nothing runs and nothing loads but what the policy names (test_served_surface.py).
        assert "script-src" not in response.headers["content-security-policy"]
        assert "default-src 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_cached_like_the_api(client: Client, path: str) -> None:
    response = client.get(path)
    api = client.get("/v1/dataset")
    etag = response.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}(-gzip)?"', etag)  # strong: no W/
    assert response.headers["cache-control"] == api.headers["cache-control"]
    assert response.headers["last-modified"] == api.headers["last-modified"]
    again = client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(f"{path}?lang=en").headers["etag"] != etag


#: The guides rendered for people: their index and each guide.
GUIDE_PAGES = ("/docs/guides", *(f"/docs/guides/{slug}" for slug in guides.guides()))


@pytest.mark.parametrize("path", GUIDE_PAGES)
def test_guides_are_cached_like_the_pages(client: Client, path: str) -> None:
    response = client.get(path)
    page = client.get("/")
    etag = response.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}(-gzip)?"', etag)  # strong: no W/
    assert response.headers["cache-control"] == page.headers["cache-control"]
    assert response.headers["last-modified"] == page.headers["last-modified"]
    again = client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    since = client.get(path, headers={"if-modified-since": response.headers["last-modified"]})
    assert since.status_code == 304 and since.content == b""
    assert response.headers["content-language"] == "en"


def test_each_guide_has_its_own_etag(client: Client) -> None:
    tags = {client.get(path).headers["etag"] for path in GUIDE_PAGES}
    assert len(tags) == len(GUIDE_PAGES)


def test_a_changed_guide_has_another_etag(
    dataset: LoadedDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The guides ship with the code: a new release of the code with the same dataset
    # must not leave a cache holding the old text as current.
    with TestClient(create_app(dataset, Settings(response_cache=False))) as client:
        before = client.get("/docs/guides/portals")
        changed = {**guides.pages(), "portals": b"<!doctype html><p>portals, rewritten</p>"}
        monkeypatch.setattr(docs, "pages", lambda: changed)
        after = client.get(
            "/docs/guides/portals", headers={"if-none-match": before.headers["etag"]}
        )
    assert after.status_code == 200 and after.content == changed["portals"]
    assert after.headers["etag"] != before.headers["etag"]


def test_the_stylesheet_is_one_file_cached_for_a_year(client: Client) -> None:
    for path in PAGES:
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', client.get(path).text) == [
            STYLESHEET_PATH
        ]
    css = client.get(STYLESHEET_PATH)
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert css.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert (
        client.get(STYLESHEET_PATH, headers={"if-none-match": css.headers["etag"]}).status_code
        == 304
    )
    assert client.get("/assets/site.0000000000000000.css").status_code == 404


#: A problem type's page explains an error: it has no data to offer in another format.
TWINNED_PAGES = [path for path in PAGES if not path.startswith("/problems/")]
_TYPED_ALTERNATE = r'<link rel="alternate" type="([^"]+)" href="([^"]+)"'


@pytest.mark.parametrize("path", TWINNED_PAGES)
def test_every_page_links_to_its_machine_readable_twin(client: Client, path: str) -> None:
    html = client.get(path).text
    twins = re.findall(_TYPED_ALTERNATE, html)
    assert twins, path
    for media_type, href in twins:
        answer = client.get(href.replace("&amp;", "&"))
        assert answer.status_code == 200, href
        assert answer.headers["content-type"].split(";")[0] == media_type, href


def test_a_problem_type_page_links_to_no_machine_readable_twin(client: Client) -> None:
    assert "/problems/not-found" in PAGES
    for slug in PROBLEM_TYPES:
        for lang in ("zh", "en"):
            page = client.get(f"/problems/{slug}?lang={lang}")
            assert page.status_code == 200, slug
            assert re.findall(_TYPED_ALTERNATE, page.text) == [], slug


def test_lists_hold_what_the_api_holds(client: Client) -> None:
    cases = [
        ("/indicators", "/v1/indicators", "category=economy&headline=true"),
        ("/indicators", "/v1/indicators", "kind=plan&sort=-category&q=%E5%AD%A6"),
        ("/projects", "/v1/projects", "category=education&year=2024&status=started&sort=line"),
        ("/projects", "/v1/projects", "sort=-line&limit=7"),
        ("/glossary", "/v1/glossary", "q=%E7%A2%B3"),
    ]
    for page, api, query in cases:
        html = client.get(f"{page}?{query}").text
        shown = re.findall(r'<tr id="([^"]+)">', html)
        expected = [item["id"] for item in client.get(f"{api}?{query}").json()["items"]]
        assert shown == expected, (page, query)
        assert expected, (page, query)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_projects_are_listed_by_the_name_shown(client: Client, lang: str) -> None:
    pages, href = [], f"/projects?lang={lang}&limit=40"
    while href:
        html = client.get(href).text
        pages.append(html)
        found = re.search(r'<a href="([^"]+)" rel="next">', html)
        href = found.group(1).replace("&amp;", "&") if found else ""
    shown = [i for html in pages for i in re.findall(r'<tr id="([^"]+)">', html)]
    api = client.get(f"/v1/projects?limit=500&sort=name_{lang}").json()["items"]
    assert shown == [p["id"] for p in api]
    names = [p["name"][lang].casefold() if lang == "en" else p["name"][lang] for p in api]
    assert names == sorted(names)
    # The column says so: its header carries the arrow of the order.
    assert re.search(r"<th><a [^>]*>(名称|Name) ↑</a></th>", pages[0])
    # A search keeps its order of relevance.
    searched = client.get(f"/projects?lang={lang}&q=park").text
    api_searched = client.get("/v1/projects?q=park").json()["items"]
    assert re.findall(r'<tr id="([^"]+)">', searched) == [p["id"] for p in api_searched]


def test_list_pages_follow_the_api_cursor(client: Client) -> None:
    first = client.get("/projects?limit=5&sort=name_en&lang=en").text
    following = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert following is not None
    second = client.get(following.group(1).replace("&amp;", "&")).text
    api = client.get("/v1/projects?limit=5&sort=name_en").json()
    api_second = client.get(f"/v1/projects?limit=5&sort=name_en&cursor={api['next_cursor']}").json()
    assert re.findall(r'<tr id="([^"]+)">', second) == [p["id"] for p in api_second["items"]]
    previous = re.search(r'<a href="([^"]+)" rel="prev">', second)
    assert previous is not None
    back = client.get(previous.group(1).replace("&amp;", "&")).text
    assert re.findall(r'<tr id="([^"]+)">', back) == [p["id"] for p in api["items"]]


def test_list_columns_sort(client: Client) -> None:
    html = client.get("/indicators?lang=en").text
    assert 'href="/indicators?sort=name_en&amp;lang=en"' in html
    descending = client.get("/indicators?sort=-category").text
    ids = re.findall(r'<tr id="([^"]+)">', descending)
    api = client.get("/v1/indicators?sort=-category").json()["items"]
    assert ids == [i["id"] for i in api]


def test_text_is_escaped(client: Client) -> None:
    html = client.get("/glossary", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_api_records_carry_their_page_address(client: Client, dataset: LoadedDataset) -> None:
    app = create_app(dataset, Settings(public_base_url="https://data.example.org/longgang/"))
    with TestClient(app) as elsewhere:
        for api, page in (
            ("/v1/indicators/gdp-growth", "/indicators/gdp-growth"),
            ("/v1/projects/cuhk-shenzhen", "/projects/cuhk-shenzhen"),
            ("/v1/glossary/two-mountains", "/glossary/two-mountains"),
        ):
            record = elsewhere.get(api).json()
            assert record["html_url"] == f"https://data.example.org/longgang{page}"
            assert client.get(page).status_code == 200
    for collection in ("indicators", "projects", "glossary"):
        items = client.get(f"/v1/{collection}?limit=500").json()["items"]
        for item in items:
            assert item["html_url"] == f"http://127.0.0.1:8000/{collection}/{item['id']}"
        header = client.get(f"/v1/{collection}?format=csv").text.splitlines()[0]
        assert "html_url" in header.split(",")


def test_indicator_page_chart_and_units(client: Client, dataset: LoadedDataset) -> None:
    html = client.get("/indicators/gdp-growth?lang=en").text
    figure = re.search(r"<figure>(.*?)</figure>", html, re.S)
    assert figure is not None
    svg = figure.group(1)
    for observation in dataset.observations_by_indicator["gdp-growth"]:
        assert f">{observation.value:g}{observation.unit}<" in svg
    # The legend names each kind as the vocabulary does, as every format does.
    assert f">{vocabulary.KINDS['actual'][1]}<" in svg
    assert f">{vocabulary.KINDS['target'][1]}<" in svg
    assert "Unit: %" in figure.group(1)
    assert "单位：%" in client.get("/indicators/gdp-growth").text


def test_the_landing_page_links_to_the_pages(client: Client, dataset: LoadedDataset) -> None:
    html = client.get("/?lang=en").text
    for indicator in dataset.artifact.indicators:
        if indicator.headline:
            assert f'href="/indicators/{indicator.id}?lang=en"' in html, indicator.id
    for category in {p.category for p in dataset.artifact.projects}:
        assert f'href="/projects?category={category}&amp;lang=en"' in html, category
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert caption is not None
    assert caption.group(1) == escape(dataset.artifact.dataset.source_document.title.en)


def test_every_problem_type_has_a_page(client: Client) -> None:
    assert set(PROBLEM_TYPES) == PROBLEM_SLUGS
    for slug, (status, _, _) in PROBLEM_TYPES.items():
        for lang in ("zh", "en"):
            page = client.get(f"/problems/{slug}?lang={lang}")
            assert page.status_code == 200 and f"HTTP {status}" in page.text
    # The type of an actual error resolves.
    problem = client.get("/v1/indicators/nope").json()
    assert client.get(problem["type"]).status_code == 200
    assert client.get("/problems/teapot").status_code == 404


def test_an_unknown_language_is_a_readable_page(client: Client) -> None:
    for path in PAGES:
        response = client.get(f"{path}?lang=fr")
        assert response.status_code == 400
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "lang" in response.text and "/problems/bad-request" in response.text
        as_json = client.get(f"{path}?lang=fr", headers={"accept": "application/problem+json"})
        assert as_json.status_code == 400 and as_json.json()["parameter"] == "lang"


def test_the_app_refuses_a_source_other_than_the_one_built(dataset: LoadedDataset) -> None:
    meta = dataset.artifact.dataset
    document = msgspec.structs.replace(meta.source_document, sha256="0" * 64)
    artifact = msgspec.structs.replace(
        dataset.artifact, dataset=msgspec.structs.replace(meta, source_document=document)
    )
    other = LoadedDataset(
        artifact=artifact, sha256=dataset.sha256, data=dataset.data, files=dataset.files
    )
    with pytest.raises(ArtifactError, match=r"but the dataset artifact says 0{64}"):
        create_app(other)


def test_the_source_page_shows_the_layout_the_build_wrote(dataset: LoadedDataset) -> None:
    source = SourceText(read_source(dataset, checkout_folder(dataset.artifact.dataset.id)))
    laid_out = build_source_view(source, dataset.artifact)
    app = create_app(dataset, Settings(response_cache=False))
    with TestClient(app) as client:
        page = client.get("/source")
    assert page.status_code == 200
    served = app.state[DATASET_STATE].files[SOURCE_VIEW]
    assert msgspec.json.decode(served, type=SourceView) == laid_out
    some = laid_out.citations[0]
    assert f'id="L{some.line}"' in page.text


@pytest.mark.parametrize(
    ("kind", "table"),
    [
        (model.MentionStatus, texts.MENTION_STATUS),
        (model.ProjectCategory, texts.PROJECT_CATEGORY),
        (model.IndicatorCategory, texts.INDICATOR_CATEGORY),
        (model.ObservationKind, texts.KIND),
        (model.Qualifier, texts.QUALIFIER),
    ],
)
def test_every_value_of_the_model_has_a_label_on_the_pages(
    kind: object, table: dict[str, texts.Pair]
) -> None:
    assert set(typing.get_args(kind)) <= set(table)


class FormFields(HTMLParser):
    """The fields of a list page's filter form, in the order a browser sends them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "input" and "name" in attributes:
            self.fields.append((attributes["name"], attributes.get("value", "")))
        elif tag == "select":
            self._select = attributes["name"]
            self.fields.append((self._select, ""))
            self.options[self._select] = []
        elif tag == "option" and self._select is not None:
            self.options[self._select].append(attributes["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


@pytest.mark.parametrize("path", ["/indicators", "/projects", "/glossary"])
def test_the_filter_form_sent_with_fields_left_on_any_filters_by_the_others(
    client: Client, path: str
) -> None:
    form = FormFields()
    form.feed(client.get(f"{path}?lang=en").text)
    # The first filter set to its first value, every other field as the form sends it: blank.
    chosen = [(name, values[1]) for name, values in form.options.items()][:1]
    sent = [chosen[0] if chosen and name == chosen[0][0] else (name, v) for name, v in form.fields]
    page = client.get(f"{path}?{urlencode(sent)}")
    assert page.status_code == 200, page.text[:300]
    # Shown at the address the page's own links write: the blank fields left out.
    assert parse_qsl(urlsplit(str(page.url)).query) == [("lang", "en"), *chosen]
    # The projects page lists by the names it shows (its default order, not the API's).
    order = [("sort", "name_en")] if path == "/projects" else []
    api = client.get(f"/v1{path}?{urlencode([*chosen, *order, ('limit', '500')])}")
    shown = re.findall(r'<tr id="([^"]+)">', page.text)
    assert shown == [item["id"] for item in api.json()["items"]][: len(shown)] and shown


def _indicator_list_pages(client: Client, lang: str) -> str:
    """Every page of ``/indicators`` in ``lang``, joined."""
    pages, href = [], f"/indicators?lang={lang}"
    while href:
        html = client.get(href).text
        pages.append(html)
        found = re.search(r'<a href="([^"]+)" rel="next">', html)
        href = found.group(1).replace("&amp;", "&") if found else ""
    return "\n".join(pages)


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("en", ["at least 200 enterprises", "at least 85%", "over 148.2 billion yuan (CNY)"]),
        ("zh", ["200家以上", "85%以上", "超过1482亿元"]),
    ],
)
def test_list_pages_write_values_with_their_qualifier_and_unit(
    client: Client, lang: str, written: list[str]
) -> None:
    html = _indicator_list_pages(client, lang)
    for text in written:
        assert text in html
    assert "enterprise(s)" not in html
    assert "2023 完成 10 ·" not in html and "2024 plan 200 enterprise" not in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_qualified_value_says_so_on_every_page_showing_it(
    client: Client, dataset: LoadedDataset, lang: Lang
) -> None:
    lists = _indicator_list_pages(client, lang)
    landing = client.get(f"/?lang={lang}").text
    headline = {i.id for i in dataset.artifact.indicators if i.headline}
    qualified = [o for o in dataset.artifact.observations if o.qualifier is not None]
    assert qualified
    for observation in qualified:
        assert observation.qualifier is not None
        word = texts.pick(texts.QUALIFIER[observation.qualifier], lang).replace("{}", "").strip()
        shown = re.compile(rf"{re.escape(word)}[^<·]*\d|\d[^<·]*{re.escape(word)}")
        page = client.get(f"/indicators/{observation.indicator_id}?lang={lang}").text
        row = re.search(rf'<tr id="{re.escape(observation.id)}">(.*?)</tr>', page, re.S)
        assert row is not None and shown.search(row.group(1)), observation.id
        figure = re.search(r"<figure>(.*?)</figure>", page, re.S)
        assert figure is not None and shown.search(figure.group(1)), observation.id
        assert shown.search(lists), observation.id
        if observation.indicator_id in headline and observation.kind in ("actual", "target"):
            assert shown.search(landing), observation.id


@pytest.mark.parametrize(
    ("number", "lang", "written"),
    [
        (714_000_000.0000001, "en", "714 million"),
        (714_000_000, "zh", "7.14亿"),
        (148_200_000_000, "en", "148.2 billion"),
        (1_234_567, "en", "1,234,567"),
        (1_234_567, "zh", "1,234,567"),
        (38_000, "en", "38,000"),
        (66_000, "zh", "66,000"),
        (1_482, "zh", "1482"),
        (1_482, "en", "1,482"),
        (12_345.6, "en", "12,345.6"),
        (3.17, "zh", "3.17"),
        (0.05, "en", "0.05"),
        (-2.42, "zh", "-2.42"),
        (10, "en", "10"),
        (0, "zh", "0"),
    ],
)
def test_numbers_are_written_for_people(number: float, lang: Lang, written: str) -> None:
    assert number_text(number, lang) == written


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_writes_a_number_in_scientific_notation(
    client: Client, dataset: LoadedDataset, lang: str
) -> None:
    pages = [_indicator_list_pages(client, lang), client.get(f"/?lang={lang}").text]
    pages += [
        client.get(f"/indicators/{i.id}?lang={lang}").text for i in dataset.artifact.indicators
    ]
    for html in pages:
        assert not re.search(r"\d[eE][+-]\d", html)


def test_english_indicator_pages_name_the_unit_in_english(client: Client) -> None:
    html = client.get("/indicators/new-national-high-tech-enterprises?lang=en").text
    facts = re.search(r'<dl class="facts">(.*?)</dl>', html, re.S)
    assert facts is not None
    assert "<dt>Unit</dt><dd>enterprise(s)</dd>" in facts.group(1)
    assert "家" not in facts.group(1)


@pytest.mark.parametrize("path", ["/docs", "/docs/guides", "/docs/guides/rest-quickstart"])
def test_the_documentation_wears_the_pages_bar_and_says_it_is_english_only(
    client: Client, path: str
) -> None:
    html = client.get(path).text
    assert f'<link rel="stylesheet" href="{STYLESHEET_PATH}">' in html
    bar = re.search(r'<header class="site">(.*?)</header>', html, re.S)
    assert bar is not None
    assert "English only" in bar.group(1)
    assert 'href="/?lang=zh"' in bar.group(1)


@pytest.mark.parametrize("path", ["/docs", "/docs/guides", "/docs/guides/rest-quickstart"])
def test_the_documentation_has_no_stylesheet_of_its_own(client: Client, path: str) -> None:
    # Beside Swagger UI's own, the reference wears the pages' one stylesheet, as the guides do.
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', client.get(path).text)
    assert [s for s in sheets if s != "/docs/assets/swagger-ui.css"] == [STYLESHEET_PATH]
    assert client.get("/docs/assets/docs.css").status_code == 404


def test_the_reference_names_the_api_version_and_the_dataset_version(
    client: Client, dataset: LoadedDataset
) -> None:
    api_version = client.get("/openapi.json").json()["info"]["version"]
    data_version = dataset.artifact.dataset.version
    assert api_version != data_version  # else this test could not tell one from the other
    bar = re.search(r'<header class="site">(.*?)</header>', client.get("/docs").text, re.S)
    assert bar is not None
    assert f"API version {api_version}" in bar.group(1)
    assert f"dataset version {data_version}" in bar.group(1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_page_searches_and_the_search_page_shows_the_hits(
    client: Client, lang: str
) -> None:
    home = client.get(f"/?lang={lang}")
    form = re.search(r'<form [^>]*action="([^"]+)"[^>]*>(.*?)</form>', home.text, re.S)
    assert form is not None and form.group(1) == "/search"
    assert 'name="q"' in form.group(2) and f'name="lang" value="{lang}"' in form.group(2)
    assert "form-action 'self'" in home.headers["content-security-policy"]
    found = client.get(f"/search?lang={lang}&q=%E5%85%AC%E5%9B%AD")  # 公园
    assert found.status_code == 200
    api = client.get("/v1/search?q=%E5%85%AC%E5%9B%AD&limit=50").json()["items"]
    rows = re.findall(
        r'<tr id="([^"]+)">\s*<td[^>]*>[^<]*</td>\s*<td[^>]*><a href="([^"]+)"', found.text
    )
    assert [row_id for row_id, _ in rows] == [f"{h['kind']}-{h['id']}" for h in api]
    for _, href in rows:
        assert client.get(href.replace("&amp;", "&").split("#")[0]).status_code == 200, href
    # Before anything is asked: the form, and no list of everything.
    empty = client.get(f"/search?lang={lang}")
    assert empty.status_code == 200
    assert 'name="q"' in empty.text and "<tr id=" not in empty.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_page_names_each_link_of_the_data_differently(client: Client, lang: str) -> None:
    html = client.get(f"/?lang={lang}").text
    links = re.findall(r'<a href="(/v1[^"]*|/docs[^"]*|/openapi[^"]*)"[^>]*>([^<]+)</a>', html)
    names: dict[str, set[str]] = {}
    for href, name in links:
        names.setdefault(name, set()).add(href)
    assert {name: hrefs for name, hrefs in names.items() if len(hrefs) > 1} == {}
    if lang == "zh":
        machine = re.search(r'<p class="sub">机器可读(.*?)</p>', html, re.S)
        assert machine is not None and "catalogue" not in machine.group(1)
