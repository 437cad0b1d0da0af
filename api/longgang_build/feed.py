"""The releases as an Atom 1.0 feed (RFC 4287), written from the artifact.

One entry per release, newest first. An entry's content holds the release
notes in both languages, each part tagged with its ``xml:lang``, and what the
release's change list says: how many ids it added, removed and renamed and how
many values it changed, the renamed ids old → new and the removed ids with
what replaces them. Those sentences are written from the change list itself,
so the feed cannot say other than ``/v1/releases/{version}/changes``.

Each entry's first ``alternate`` is its release on the releases page (HTML), which
feed readers open (feedparser's ``entry.link``), the second its change list (JSON);
the feed's own are the page and ``/v1/releases``. Links are relative to the API's
public root, where the pages are too (the server declares ``PUBLIC_BASE_URL`` as
``xml:base``, see :mod:`longgang_api.data.release_feed`) and every ``atom:id`` is a
``urn:uuid:`` made from the dataset's id and the version, so the bytes are the
same wherever and whenever the same artifact is built.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from longgang_api.data import addresses, media_types
from longgang_api.data.model import Artifact, ChangeList, Release
from longgang_api.data.release_changes import summary
from longgang_api.data.release_feed import FEED_HEAD

XHTML_NS = "http://www.w3.org/1999/xhtml"
#: The root of the names the ids are made from: a feed id never changes with the deployment.
_ID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "urn:longgang-opendata:releases")
#: Where the feed and what it links to are, relative to the API's root (its xml:base).
FEED_PATH = addresses.href(addresses.RELEASES_FEED).removeprefix("/")
RELEASES_PATH = addresses.href(addresses.RELEASES).removeprefix("/")
PAGE_PATH = addresses.RELEASES_PAGE.removeprefix("/")
AUTHOR = "Longgang Open Data"
#: The language tags of the two parts of every text, as the dataset declares its languages.
ZH = "zh-Hans"
EN = "en"


def changes_path(version: str) -> str:
    return addresses.release_changes_href(version).removeprefix("/")


def page_path(version: str) -> str:
    """The release's part of the releases page, relative to the root like every link here."""
    return addresses.release_page_href(version).removeprefix("/")


def feed_id(dataset_id: str) -> str:
    return uuid.uuid5(_ID_ROOT, dataset_id).urn


def entry_id(dataset_id: str, version: str) -> str:
    return uuid.uuid5(_ID_ROOT, f"{dataset_id}/{version}").urn


def _timestamp(day: str) -> str:
    # Atom wants a date-time; a release has a day, which starts at midnight UTC here.
    return f"{day}T00:00:00Z"


def _version_key(release: Release) -> tuple[int, ...]:
    return tuple(int(part) for part in release.version.split("."))


def _link(rel: str, href: str, media_type: str, title: str | None = None) -> str:
    named = f" title={quoteattr(title)}" if title else ""
    attributes = f"rel={quoteattr(rel)} type={quoteattr(media_type)} href={quoteattr(href)}"
    return f"<link {attributes}{named}/>"


def _code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def _change_items(changes: ChangeList, lang: str) -> Iterator[str]:
    zh = lang == ZH
    if changes.renamed:
        yield f"<p>{'改名（旧 → 新）：' if zh else 'Renamed (old → new):'}</p>"
        yield "<ul>"
        for record in changes.renamed:
            yield (
                f"<li>{escape(record.collection)}: {_code(record.old_id)} → "
                f"{_code(record.new_id)}</li>"
            )
        yield "</ul>"
    if changes.removed:
        yield f"<p>{'删除：' if zh else 'Removed:'}</p>"
        yield "<ul>"
        for gone in changes.removed:
            if gone.replaced_by:
                successors = ", ".join(_code(new) for new in gone.replaced_by)
                by = f"（由 {successors} 取代）" if zh else f" (replaced by {successors})"
            else:
                by = "（无替代）" if zh else " (no replacement)"
            yield f"<li>{escape(gone.collection)}: {_code(gone.id)}{by}</li>"
        yield "</ul>"


def _part(release: Release, changes: ChangeList | None, first: bool, lang: str) -> Iterator[str]:
    zh = lang == ZH
    yield f"<div xml:lang={quoteattr(lang)}>"
    yield f"<p>{escape(release.notes.zh if zh else release.notes.en)}</p>"
    if changes is not None:
        yield f"<p>{escape(summary(changes, 'zh' if lang == ZH else 'en'))}</p>"
        yield from _change_items(changes, lang)
    elif first:
        none = "这是首次发布，没有变更清单。" if zh else "The first release has no change list."
        yield f"<p>{none}</p>"
    else:
        # A dataset may begin its change lists later than its first release.
        none = "此版本没有变更清单。" if zh else "No change list is recorded for this release."
        yield f"<p>{none}</p>"
    yield "</div>"


def _entry(
    dataset_id: str, release: Release, changes: ChangeList | None, first: bool
) -> Iterator[str]:
    updated = _timestamp(release.date)
    yield f"<entry xml:lang={quoteattr(EN)}>"
    yield f"<id>{entry_id(dataset_id, release.version)}</id>"
    yield f'<title type="text">{escape(f"Release {release.version} of {dataset_id}")}</title>'
    yield f"<published>{updated}</published>"
    yield f"<updated>{updated}</updated>"
    # Written first: a reader that takes the first alternate opens the page too.
    yield _link(
        "alternate", page_path(release.version), media_types.HTML, f"Release {release.version}"
    )
    if changes is not None:
        yield _link(
            "alternate",
            changes_path(release.version),
            media_types.JSON,
            f"Change list of {release.version}",
        )
        yield _link("related", RELEASES_PATH, media_types.JSON, "Every release")
    else:
        yield _link("alternate", RELEASES_PATH, media_types.JSON, "Every release")
    yield '<content type="xhtml">'
    yield f'<div xmlns="{XHTML_NS}">'
    for lang in (ZH, EN):
        yield from _part(release, changes, first, lang)
    yield "</div>"
    yield "</content>"
    yield "</entry>"


def build_feed(artifact: Artifact) -> bytes:
    """The feed of every release of the artifact's dataset, newest first."""
    meta = artifact.dataset
    releases = sorted(meta.releases, key=_version_key, reverse=True)
    changes = {change.version: change for change in artifact.changes}
    lines = [
        # FEED_HEAD closes with the root's namespace: the server adds xml:base right after it.
        FEED_HEAD.decode() + f" xml:lang={quoteattr(EN)}>",
        f"<id>{feed_id(meta.id)}</id>",
        f'<title type="text">{escape(meta.title.en)}: releases</title>',
        f'<subtitle type="text" xml:lang={quoteattr(ZH)}>'
        f"{escape(meta.title.zh)}：版本记录</subtitle>",
        f"<updated>{_timestamp(releases[0].date)}</updated>",
        f"<author><name>{AUTHOR}</name></author>",
        _link("self", FEED_PATH, media_types.ATOM),
        _link("alternate", PAGE_PATH, media_types.HTML, "Releases"),
        _link("alternate", RELEASES_PATH, media_types.JSON, "Every release"),
        f'<rights type="text">{escape(meta.license.id)}</rights>',
    ]
    for index, release in enumerate(releases):
        first = index == len(releases) - 1
        lines += _entry(meta.id, release, changes.get(release.version), first)
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode()
