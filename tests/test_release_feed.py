"""The release feed (/v1/releases.atom) as feed readers read it: feedparser, and XML itself."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import create_app
from longgang_api.data.artifact import LoadedDataset
from longgang_api.settings import Settings
from longgang_build.feed import build_feed, entry_id

Client = TestClient[Litestar]
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _parsed(data: bytes) -> Any:
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def _alternates(entry: Any) -> list[str]:
    return [link.href for link in entry.links if link.rel == "alternate"]


def test_feedparser_reads_one_entry_per_release_newest_first(
    client: Client, dataset: LoadedDataset
) -> None:
    response = client.get("/v1/releases.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml"
    feed = _parsed(response.content)
    releases = client.get("/v1/releases").json()["items"]
    assert [e.title for e in feed.entries] == [
        f"Release {r['version']} of {dataset.artifact.dataset.id}" for r in releases
    ]
    assert [e.updated for e in feed.entries] == [f"{r['date']}T00:00:00Z" for r in releases]
    assert feed.feed.updated == feed.entries[0].updated
    # Ids name the release, not the deployment: the same on every server.
    assert [e.id for e in feed.entries] == [
        entry_id(dataset.artifact.dataset.id, r["version"]) for r in releases
    ]
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    for entry, release in zip(feed.entries, releases, strict=True):
        (content,) = entry.content
        assert release["notes"]["zh"] in content.value
        assert release["notes"]["en"] in content.value


def test_each_entry_says_what_its_change_list_says(client: Client) -> None:
    root = ET.fromstring(client.get("/v1/releases.atom").content)
    entries = root.findall(f"{ATOM}entry")
    releases = client.get("/v1/releases").json()["items"]
    for entry, release in zip(entries, releases, strict=True):
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "xhtml"
        (outer,) = content
        parts = {part.get(LANG): part for part in outer.findall(f"{XHTML}div")}
        assert set(parts) == {"zh-Hans", "en"}
        texts = {lang: "".join(part.itertext()) for lang, part in parts.items()}
        assert release["notes"]["zh"] in texts["zh-Hans"]
        assert release["notes"]["en"] in texts["en"]
        changes = client.get(f"/v1/releases/{release['version']}/changes")
        if changes.status_code == 404:
            assert "The first release has no change list." in texts["en"]
            assert "这是首次发布，没有变更清单。" in texts["zh-Hans"]
            continue
        listed = changes.json()
        assert (
            f"Since {listed['previous_version']}: {len(listed['added'])} records added, "
            f"{len(listed['removed'])} removed, {len(listed['renamed'])} renamed, "
            f"{len(listed['values_changed'])} values changed."
        ) in texts["en"]
        for text in texts.values():
            for renamed in listed["renamed"]:
                assert f"{renamed['old_id']} → {renamed['new_id']}" in text
            for removed in listed["removed"]:
                assert removed["id"] in text
                assert all(new in text for new in removed["replaced_by"])


def test_every_link_of_the_feed_resolves_in_process(dataset: LoadedDataset) -> None:
    base = "https://data.example.org/longgang/"
    with TestClient(create_app(dataset, Settings(public_base_url=base))) as client:
        served = client.get("/v1/releases.atom").content
        # The built bytes with the base declared on <feed>, and nothing else changed.
        assert (
            served.replace(f' xml:base="{base}"'.encode(), b"", 1) == dataset.files["releases.atom"]
        )
        feed = _parsed(served)
        hrefs = [link.href for link in feed.feed.links]
        hrefs += [link.href for entry in feed.entries for link in entry.links]
        assert f"{base}v1/releases.atom" in hrefs
        # The page first (feed readers open it), then the data.
        assert feed.feed.link == f"{base}releases"
        for entry in feed.entries:
            version = entry.title.split()[1]
            data = (
                f"{base}v1/releases"
                if entry is feed.entries[-1]
                else f"{base}v1/releases/{version}/changes"
            )
            assert _alternates(entry) == [f"{base}releases#v{version}", data]
            assert entry.link == f"{base}releases#v{version}"
        for href in set(hrefs):
            assert href.startswith(base), href
            path = "/" + href.removeprefix(base)
            assert client.get(path).status_code == 200, path


class _Ids(HTMLParser):
    """Every ``id`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def test_each_entry_opens_its_release_on_the_releases_page(client: Client) -> None:
    feed = _parsed(client.get("/v1/releases.atom").content)
    releases = client.get("/v1/releases").json()["items"]
    assert urlsplit(feed.feed.link).path == "/releases"
    pages: dict[str, set[str]] = {}
    for entry, release in zip(feed.entries, releases, strict=True):
        # feedparser's link is what a reader opens: the page, not the urn:uuid id.
        link = urlsplit(entry.link)
        assert (link.path, link.fragment) == ("/releases", f"v{release['version']}")
        (html,) = [li for li in entry.links if li.rel == "alternate" and li.type == "text/html"]
        assert html.href == entry.link
        if link.path not in pages:
            page = client.get(link.path, headers={"accept": "text/html"})
            assert page.status_code == 200
            assert page.headers["content-type"] == "text/html; charset=utf-8"
            parser = _Ids()
            parser.feed(page.text)
            pages[link.path] = parser.ids
        assert link.fragment in pages[link.path], entry.link


def test_feedparser_reads_the_served_feed_and_its_links_resolve(served_url: str) -> None:
    feed = _parsed(httpx.get(f"{served_url}/v1/releases.atom").content)
    assert len(feed.entries) == len(httpx.get(f"{served_url}/v1/releases").json()["items"])
    for entry in feed.entries:
        for link in entry.links:
            if link.rel != "alternate":
                continue
            # The base is PUBLIC_BASE_URL, which this instance leaves at its default: what
            # the links must get right is the path under it.
            response = httpx.get(served_url + urlsplit(link.href).path)
            assert response.status_code == 200, link.href
            assert response.headers["content-type"].startswith(link.type), link.href


def test_the_feed_is_a_function_of_the_artifact(dataset: LoadedDataset) -> None:
    assert build_feed(dataset.artifact) == build_feed(dataset.artifact)
    assert build_feed(dataset.artifact) == dataset.files["releases.atom"]


@pytest.mark.parametrize("header", ["if-none-match", "if-modified-since"])
def test_the_feed_revalidates(client: Client, header: str) -> None:
    first = client.get("/v1/releases.atom")
    validator = first.headers["etag" if header == "if-none-match" else "last-modified"]
    again = client.get("/v1/releases.atom", headers={header: validator})
    assert again.status_code == 304 and again.content == b""
