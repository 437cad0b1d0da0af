"""The /source page's layout: the report's text cut into lines and pieces, each quote marked.

The build lays it out (:mod:`longgang_build.source_view`) and writes it as
JSON; the server decodes it and the page renders it.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from longgang_api.data.model import LocalizedText, Section

RecordKind = Literal["indicator", "project", "glossary"]
_PAGES: dict[RecordKind, str] = {
    "indicator": "/indicators/",
    "project": "/projects/",
    "glossary": "/glossary/",
}


class Citation(msgspec.Struct, frozen=True):
    """One quote of one record: an observation, a project's mention or a glossary term."""

    key: str
    kind: RecordKind
    record_id: str
    title: LocalizedText
    quote: str
    line: int
    fragment: str = ""

    @property
    def page(self) -> str:
        """Path of the page of the record that quotes this."""
        return _PAGES[self.kind] + self.record_id


class Piece(msgspec.Struct, frozen=True):
    text: str
    keys: tuple[str, ...]
    ends: tuple[Citation, ...]


class Line(msgspec.Struct, frozen=True):
    number: int
    pieces: tuple[Piece, ...]


class Block(msgspec.Struct, frozen=True):
    tag: str
    lines: tuple[Line, ...]


class TocEntry(msgspec.Struct, frozen=True):
    section: Section
    children: tuple[TocEntry, ...]


class SourceView(msgspec.Struct, frozen=True):
    blocks: tuple[Block, ...]
    toc: tuple[TocEntry, ...]
    citations: tuple[Citation, ...]
    lines: frozenset[int] = frozenset()
