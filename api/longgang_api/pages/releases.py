"""The releases page (``/releases``): every release, newest first, and what each changed.

Written from what ``/v1/releases`` and ``/v1/releases/{version}/changes`` answer
(:attr:`~longgang_api.web.served.Served.releases`,
:meth:`~longgang_api.web.served.Served.change_list`), so the page cannot say
other than the API. Each release has its anchor
(:func:`~longgang_api.data.addresses.release_anchor`), which the release feed's
entries link to. An id in a change list links to its record's page when the
record is served: an observation to its row of its indicator's page, a section
to its first line of the source; an id a later release removed or renamed
links nowhere.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from longgang_api.data import addresses, media_types, release_changes
from longgang_api.data.model import ChangedValue, ChangeList, Release
from longgang_api.engine.declarations import GLOSSARY, INDICATORS, OBSERVATIONS, PROJECTS, SECTIONS
from longgang_api.pages import texts
from longgang_api.pages.language import Lang, page_url
from longgang_api.web.links import href, site_link
from longgang_api.web.served import Served

#: The collections a change list names, in the order an id "in any collection" is looked for.
_COLLECTIONS = (INDICATORS.name, PROJECTS.name, GLOSSARY.name, OBSERVATIONS.name, SECTIONS.name)


@dataclass(frozen=True, slots=True)
class Named:
    """An id as the page writes it, with the address of its record's page when it is served."""

    id: str
    href: str | None


@dataclass(frozen=True, slots=True)
class Added:
    collection: str
    record: Named


@dataclass(frozen=True, slots=True)
class Removed:
    collection: str
    record: Named
    replaced_by: tuple[Named, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Renamed:
    collection: str
    old: Named
    new: Named


@dataclass(frozen=True, slots=True)
class Changed:
    collection: str
    record: Named
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ShownRelease:
    """One release as the page shows it; ``summary`` is None without a change list."""

    release: Release
    anchor: str
    notes: str
    other_notes: str
    summary: str | None
    no_changes: str | None
    changes_href: str | None
    added: tuple[Added, ...]
    removed: tuple[Removed, ...]
    renamed: tuple[Renamed, ...]
    changed: tuple[Changed, ...]


class RecordPages:
    """The page of a served record, by collection and id, in the reader's language."""

    def __init__(self, served: Served, lang: Lang) -> None:
        self.served = served
        self.lang = lang
        self.report_id = served.dataset.artifact.dataset.id

    def href(self, collection: str, id_: str) -> str | None:
        records = self.served.collections.get(collection)
        record: Any = records.by_id.get(id_) if records is not None else None
        if record is None:
            return None
        if collection == OBSERVATIONS.name:
            return f"{page_url(f'/indicators/{record.indicator_id}', self.lang)}#{id_}"
        if collection == SECTIONS.name:
            page, _, line = addresses.source_line_href(
                record.line, record.report_id, self.report_id
            ).partition("#")
            return f"{page_url(page, self.lang)}#{line}"
        return page_url(f"/{collection}/{id_}", self.lang)

    def named(self, collection: str, id_: str) -> Named:
        return Named(id_, self.href(collection, id_))

    def anywhere(self, id_: str) -> Named:
        """An id that may be of any collection (what replaces a removed record)."""
        for collection in _COLLECTIONS:
            found = self.href(collection, id_)
            if found is not None:
                return Named(id_, found)
        return Named(id_, None)


def value_shown(value: ChangedValue) -> str:
    """A changed value as the page writes it: a whole number without ".0", none as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.15g}"
    return value


def _shown(
    release: Release, changes: ChangeList | None, first: bool, pages: RecordPages
) -> ShownRelease:
    lang = pages.lang
    en = lang == "en"
    shown = ShownRelease(
        release=release,
        anchor=addresses.release_anchor(release.version),
        notes=release.notes.en if en else release.notes.zh,
        other_notes=release.notes.zh if en else release.notes.en,
        summary=None,
        no_changes=texts.pick(texts.UI["first_release" if first else "no_change_list"], lang),
        changes_href=None,
        added=(),
        removed=(),
        renamed=(),
        changed=(),
    )
    if changes is None:
        return shown
    return dataclasses.replace(
        shown,
        summary=release_changes.summary(changes, lang),
        no_changes=None,
        changes_href=addresses.release_changes_href(release.version),
        added=tuple(Added(a.collection, pages.named(a.collection, a.id)) for a in changes.added),
        removed=tuple(
            Removed(
                r.collection,
                pages.named(r.collection, r.id),
                tuple(pages.anywhere(new) for new in r.replaced_by),
                r.reason,
            )
            for r in changes.removed
        ),
        renamed=tuple(
            Renamed(
                r.collection,
                pages.named(r.collection, r.old_id),
                pages.named(r.collection, r.new_id),
            )
            for r in changes.renamed
        ),
        changed=tuple(
            Changed(
                v.collection,
                pages.named(v.collection, v.id),
                v.field,
                value_shown(v.old),
                value_shown(v.new),
            )
            for v in changes.values_changed
        ),
    )


def shown_releases(served: Served, lang: Lang) -> list[ShownRelease]:
    """Every release of ``/v1/releases``, newest first, with its change list."""
    pages = RecordPages(served, lang)
    releases = served.releases
    return [
        _shown(release, served.change_list(release.version), index == len(releases) - 1, pages)
        for index, release in enumerate(releases)
    ]


def alternates(lang: Lang) -> list[tuple[str, str, str]]:
    """The page's machine-readable twins: the releases as JSON, and the feed readers follow."""
    feed = site_link("releases-feed")
    return [
        (media_types.JSON, href(addresses.RELEASES), "JSON"),
        (media_types.ATOM, href(addresses.RELEASES_FEED), feed.en if lang == "en" else feed.zh),
    ]
