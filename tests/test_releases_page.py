"""The releases page (/releases): every release of /v1/releases with what its change list says."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.data import release_changes
from longgang_api.pages import texts
from longgang_api.pages.language import Lang
from tests.support import PAGES

Client = TestClient[Litestar]
ROOT = Path(__file__).resolve().parents[1]
#: Each part of a change list, and the element of a release's section that lists it.
PARTS = {
    "added": ("ul", "added", "li"),
    "removed": ("ul", "removed", "li"),
    "renamed": ("ul", "renamed", "li"),
    "values_changed": ("table", "values", "tr"),
}


def _sections(html: str) -> dict[str, str]:
    """Each release's section of the page, by its anchor, in the page's order."""
    found = re.findall(r'<section class="release" id="([^"]+)">(.*?)</section>', html, re.S)
    return dict(found)


def _items(section: str, tag: str, name: str, item: str) -> list[str]:
    """The items (list items, or the rows of a table's body) of one part of a section."""
    match = re.search(rf'<{tag} class="[^"]+" id="v[\d.]+-{name}">(.*?)</{tag}>', section, re.S)
    if match is None:
        return []
    body = match.group(1).split("<tbody>")[-1]
    return re.findall(rf"<{item}>(.*?)</{item}>", body, re.S)


def _codes(item: str) -> list[str]:
    return [unescape(code) for code in re.findall(r"<code>(.*?)</code>", item)]


def _linked(item: str) -> dict[str, str]:
    """The ids an item links, each to its address."""
    pairs = re.findall(r'<a href="([^"]+)"><code>(.*?)</code></a>', item)
    return {unescape(code): unescape(href) for href, code in pairs}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_lists_every_release_with_its_change_list(client: Client, lang: Lang) -> None:
    page = client.get(f"/releases?lang={lang}")
    assert page.status_code == 200
    assert f'<html lang="{"en" if lang == "en" else "zh-Hans"}">' in page.text
    sections = _sections(page.text)
    releases = client.get("/v1/releases").json()["items"]
    # Newest first, as /v1/releases: one section each, anchored by its version.
    assert list(sections) == [f"v{r['version']}" for r in releases]
    for release in releases:
        section = sections[f"v{release['version']}"]
        assert f"<h2>{release['version']}</h2>" in section
        assert f'<time datetime="{release["date"]}">' in section
        assert f'<code class="hash">{release["artifact_sha256"]}</code>' in section
        other = "zh" if lang == "en" else "en"
        # Jinja2 and html.escape spell an apostrophe differently: compare the text.
        assert release["notes"][lang] in unescape(section)
        assert release["notes"][other] in unescape(section)
        answer = client.get(f"/v1/releases/{release['version']}/changes")
        if answer.status_code == 404:
            assert texts.pick(texts.UI["first_release"], lang) in section
            assert all(_items(section, *part) == [] for part in PARTS.values())
            continue
        changes = answer.json()
        summary = release_changes.SUMMARY[lang].format(
            changes["previous_version"], *(len(changes[key]) for key in PARTS)
        )
        assert f'<p class="summary">{summary}</p>' in unescape(section)
        for key, part in PARTS.items():
            items = _items(section, *part)
            assert len(items) == len(changes[key]), (release["version"], key)
            if items:
                heading = texts.pick(texts.UI[key], lang)
                assert re.search(rf"<h3>{heading}\W+{len(items)}\W+</h3>", section), key
        added = [_codes(item) for item in _items(section, *PARTS["added"])]
        assert added == [[a["id"]] for a in changes["added"]]
        renamed = [_codes(item) for item in _items(section, *PARTS["renamed"])]
        assert renamed == [[r["old_id"], r["new_id"]] for r in changes["renamed"]]
        removed = [_codes(item) for item in _items(section, *PARTS["removed"])]
        assert removed == [[r["id"], *r["replaced_by"]] for r in changes["removed"]]
        values = _items(section, *PARTS["values_changed"])
        for row, value in zip(values, changes["values_changed"], strict=True):
            assert _codes(row) == [value["id"], value["field"]]


def _record_exists(client: Client, collection: str, id_: str) -> bool:
    return client.get(f"/v1/{collection}/{quote(id_, safe='')}").status_code == 200


def test_an_id_links_to_its_record_page_when_the_record_is_served(client: Client) -> None:
    html = client.get("/releases?lang=en").text
    sections = _sections(html)
    pages: dict[str, str] = {}
    checked = 0
    for version, section in sections.items():
        answer = client.get(f"/v1/releases/{version.removeprefix('v')}/changes")
        if answer.status_code == 404:
            continue
        changes = answer.json()
        named = [(a["collection"], a["id"]) for a in changes["added"]]
        named += [(r["collection"], r["id"]) for r in changes["removed"]]
        named += [(r["collection"], r[k]) for r in changes["renamed"] for k in ("old_id", "new_id")]
        named += [(v["collection"], v["id"]) for v in changes["values_changed"]]
        linked: dict[str, str] = {}
        for part in PARTS.values():
            for item in _items(section, *part):
                linked.update(_linked(item))
        for collection, id_ in named:
            assert (id_ in linked) == _record_exists(client, collection, id_), (version, id_)
        for removed in changes["removed"]:
            for new in removed["replaced_by"]:
                assert new in linked, (version, new)
        for href in linked.values():
            target = urlsplit(href)
            assert ("lang", "en") in parse_qsl(target.query), href
            if target.path not in pages:
                page = client.get(f"{target.path}?{target.query}")
                assert page.status_code == 200, href
                pages[target.path] = page.text
            if target.fragment:
                assert f'id="{target.fragment}"' in pages[target.path], href
            checked += 1
    assert checked > 50


def test_the_page_names_its_twins_and_the_feed(client: Client) -> None:
    html = client.get("/releases?lang=zh").text
    assert '<link rel="alternate" type="application/json" href="/v1/releases"' in html
    # Where browsers and feed readers look for a site's feed.
    assert '<link rel="alternate" type="application/atom+xml" href="/v1/releases.atom"' in html
    assert client.get("/v1/releases.atom").headers["content-type"] == "application/atom+xml"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_links_the_releases_page_and_the_ledger(client: Client, path: str) -> None:
    for lang in ("zh", "en"):
        html = client.get(f"{path}?lang={lang}").text
        for linked, words in (("/releases", "releases"), ("/targets", "targets")):
            name = texts.pick(texts.UI[words], lang)
            assert f'<a href="{linked}?lang={lang}">{name}</a>' in html, (path, linked)


@pytest.mark.parametrize("path", ["/docs", "/docs/guides", "/docs/guides/rest-quickstart"])
def test_the_documentation_bar_links_the_releases_page(client: Client, path: str) -> None:
    html = client.get(path).text
    bar = html[html.index('<nav aria-label="Documentation">') :]
    assert '<a href="/releases?lang=en">Releases</a>' in bar[: bar.index("</nav>")], path


@pytest.mark.parametrize(
    ("url", "parameter"),
    [("/releases?version=1.2.0", "version"), ("/releases?lang=fr", "lang"), ("/releases?q=x", "q")],
)
def test_a_bad_parameter_is_a_readable_400(client: Client, url: str, parameter: str) -> None:
    page = client.get(url)
    assert page.status_code == 400
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert f"<code>{parameter}</code>" in page.text and "/problems/bad-request" in page.text
    problem: Any = client.get(url, headers={"accept": "application/problem+json"}).json()
    assert problem["parameter"] == parameter


def test_the_pages_guide_lists_the_releases_page() -> None:
    text = " ".join((ROOT / "docs" / "pages.md").read_text().split())
    assert (
        "| `/releases` | every release, newest first, with its date, notes, artifact sha256 and "
        "change list (the ids added, removed with what replaces them, renamed old → new, and "
        "the values changed old → new, each id linked to its record's page while it is "
        "served); each release has its anchor (`/releases#v1.2.0`), which the release feed's "
        "entries link to |"
    ) in text
