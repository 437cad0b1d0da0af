"""The report as a page: paragraphs joined as the build joins them, every quoted span marked.

Laid out by the build from ``source.md`` (the document the build verified)
and the artifact's records. Each quote is located in the normalised text exactly as
the build checked it; the text is then cut into pieces that each lie on one
source line and are covered by one set of quotes, so every line can carry its
own anchor (``#L123``) and every mark nests.
"""

from __future__ import annotations

from longgang_api.data.model import Artifact, LocalizedText, Section, Source
from longgang_api.data.source_layout import (
    Block,
    Citation,
    Line,
    Piece,
    RecordKind,
    SourceView,
    TocEntry,
)
from longgang_api.data.source_text import SourceText

_HEADINGS = {"document": "h1", "part": "h2", "subpart": "h3"}


def _cite(
    key: str,
    kind: RecordKind,
    record_id: str,
    title: LocalizedText,
    source: Source,
    fragment: str = "",
) -> Citation:
    return Citation(key, kind, record_id, title, source.quote, source.line, fragment)


def citations_of(artifact: Artifact) -> tuple[Citation, ...]:
    """Every quote of ``artifact``: its observations', its projects' mentions', its terms'."""
    names = {indicator.id: indicator.name for indicator in artifact.indicators}
    return (
        *(
            _cite(f"observation:{o.id}", "indicator", o.indicator_id, names[o.indicator_id],
                  o.source, o.id)
            for o in artifact.observations
        ),
        *(
            _cite(f"mention:{p.id}:{n}", "project", p.id, p.name, m.source, f"mention-{n}")
            for p in artifact.projects
            for n, m in enumerate(p.mentions, start=1)
        ),
        *(_cite(f"glossary:{t.id}", "glossary", t.id, t.term, t.source) for t in artifact.glossary),
    )  # fmt: skip


def _toc(sections: tuple[Section, ...]) -> tuple[TocEntry, ...]:
    """Parts with their sub-parts, in source order (numbered items would drown the outline)."""
    ordered = sorted(sections, key=lambda s: s.line)
    return tuple(
        TocEntry(
            part,
            tuple(
                TocEntry(sub, ())
                for sub in ordered
                if sub.parent_id == part.id and sub.kind == "subpart"
            ),
        )
        for part in ordered
        if part.kind == "part"
    )


def build_source_view(source: SourceText, artifact: Artifact) -> SourceView:
    text, line_of = source.text, source.line_of
    citations = citations_of(artifact)
    starts: dict[int, list[Citation]] = {}
    last_char: dict[int, list[Citation]] = {}
    for citation in citations:
        start, end = source.locate(citation.quote, citation.line)
        starts.setdefault(start, []).append(citation)
        last_char.setdefault(end - 1, []).append(citation)
    heading_at = {s.line: _HEADINGS[s.kind] for s in artifact.sections if s.kind in _HEADINGS}

    blocks: list[Block] = []
    lines: list[Line] = []
    pieces: list[Piece] = []
    buffer: list[str] = []
    active: set[str] = set()
    current_line = 0

    def flush_piece(ends: tuple[Citation, ...] = ()) -> None:
        if buffer or ends:
            pieces.append(Piece("".join(buffer), tuple(sorted(active)), ends))
            buffer.clear()

    def flush_line() -> None:
        flush_piece()
        if pieces:
            lines.append(Line(current_line, tuple(pieces)))
            pieces.clear()

    def flush_block() -> None:
        flush_line()
        if lines:
            blocks.append(Block(heading_at.get(lines[0].number, "p"), tuple(lines)))
            lines.clear()

    for index, char in enumerate(text):
        if char == "\n":
            flush_block()
            continue
        if line_of[index] != current_line:
            flush_line()
            current_line = line_of[index]
        opening = starts.get(index, [])
        if opening:
            flush_piece()
            active.update(c.key for c in opening)
        buffer.append(char)
        closing = last_char.get(index, [])
        if closing:
            flush_piece(tuple(closing))
            active.difference_update(c.key for c in closing)
    flush_block()
    numbers = frozenset(line.number for block in blocks for line in block.lines)
    return SourceView(tuple(blocks), _toc(artifact.sections), citations, numbers)
