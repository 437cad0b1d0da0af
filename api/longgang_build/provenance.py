"""Every quote as a W3C Web Annotation: the record it supports, and the text it stands in.

The text the selectors index is the source document's *normalised* text (see
:mod:`longgang_api.data.source_text`: markup removed, the PDF conversion's
line breaks joined), the text every quote is checked against and the one
served as ``source/text.txt``; offsets count Unicode characters (code points)
from its first. A quote's target has two selectors of the Web Annotation Data
Model: a ``TextQuoteSelector`` whose ``prefix`` and ``suffix`` are
:data:`CONTEXT` characters each side of the quote (fewer at the text's ends),
more when needed to make ``prefix + exact + suffix`` occur once in the text, and
a ``TextPositionSelector`` with the quote's ``start`` and ``end``.
The build refuses a quote whose selectors do not both resolve to that one place,
and gives every record's source its selectors (``source.selector``); the
annotations file is written from them.

The annotations' IRIs are relative to the file (served at
``/v1/downloads/provenance/annotations.jsonld``), so they resolve to the API's
records and to the text wherever the API is served.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from longgang_api.data.model import (
    Artifact,
    QuoteSelector,
    Source,
    TextPositionSelector,
    TextQuoteSelector,
)
from longgang_api.data.source_text import SourceText
from longgang_api.data.web_annotation import (
    ANNOTATION_CONTEXT,
    PROV,
    SOURCE_TEXT_NAME,
    web_selectors,
)

ANNOTATIONS_NAME = "provenance/annotations.jsonld"
ANNOTATION_STANDARD = "http://www.w3.org/TR/annotation-model/"
#: From the annotations file to the API's root (``/v1/``) and to the text.
_TO_API = "../../"
_TO_TEXT = "../" + SOURCE_TEXT_NAME
#: Characters of context each side of a quote at least: enough for a reader to re-anchor
#: the quote in a text that changed a little, short enough to read.
CONTEXT = 8


class SelectorError(ValueError):
    """A quote's selectors do not resolve to exactly one place of the text."""


@functools.lru_cache(maxsize=4096)
def _occurrences(text: str, needle: str) -> tuple[int, ...]:
    # Remembered: every quote of a text is looked for once, however many widths of context
    # are tried around it (a text's hash is computed once, so the lookup is cheap).
    found: list[int] = []
    at = text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return tuple(found)


def _places(text: str, prefix: str, exact: str, suffix: str) -> list[int]:
    """Where ``prefix + exact + suffix`` stands in ``text``: among the places of ``exact``
    (each found once), those with the prefix before and the suffix after."""
    return [
        at - len(prefix)
        for at in _occurrences(text, exact)
        if at >= len(prefix)
        and text.startswith(prefix, at - len(prefix))
        and text.startswith(suffix, at + len(exact))
    ]


def select(text: str, start: int, end: int) -> QuoteSelector:
    """The selectors of the span ``start``…``end`` of ``text``: :data:`CONTEXT` characters each
    side, or the fewest more that make it unique."""
    exact = text[start:end]

    def unique(width: int) -> bool:
        prefix = text[max(0, start - width) : start]
        suffix = text[end : end + width]
        return _places(text, prefix, exact, suffix) == [start - len(prefix)]

    def covers_all(width: int) -> bool:
        return start - width <= 0 and end + width >= len(text)

    # Doubled until unique, then the fewest between the last two widths: a text that repeats
    # itself (a synthetic copy of the report) needs wide context, found in a few searches.
    narrow, width = CONTEXT - 1, CONTEXT
    while not unique(width):
        if covers_all(width):
            raise SelectorError("the quote is not unique even with the whole text around it")
        narrow, width = width, width * 2
    while width - narrow > 1:  # unique at width, not at narrow
        middle = (narrow + width) // 2
        narrow, width = (narrow, middle) if unique(middle) else (middle, width)
    prefix = text[max(0, start - width) : start]
    return QuoteSelector(
        text_quote=TextQuoteSelector(exact=exact, prefix=prefix, suffix=text[end : end + width]),
        text_position=TextPositionSelector(start=start, end=end),
    )


def check(text: str, selector: QuoteSelector) -> None:
    """Refuse a selector that does not resolve to exactly its one place."""
    quote, position = selector.text_quote, selector.text_position
    if text[position.start : position.end] != quote.exact:
        raise SelectorError(f"the text at {position.start}…{position.end} is not the quote")
    places = _places(text, quote.prefix, quote.exact, quote.suffix)
    if places != [position.start - len(quote.prefix)]:
        raise SelectorError(f"prefix, quote and suffix occur {len(places)} time(s), not once")


def selector_of(source_text: SourceText, source: Source) -> QuoteSelector:
    """The checked selectors of ``source``'s quote, located as the build locates it."""
    start, end = source_text.locate(source.quote, source.line)
    selector = select(source_text.text, start, end)
    check(source_text.text, selector)
    return selector


def quoted(artifact: Artifact) -> Iterable[tuple[str, Source]]:
    """Every quote of the records, with the address of its record relative to ``/v1/``."""
    for observation in artifact.observations:
        yield f"observations/{observation.id}", observation.source
    for project in artifact.projects:
        for position, mention in enumerate(project.mentions, start=1):
            yield f"projects/{project.id}#mention-{position}", mention.source
    for term in artifact.glossary:
        yield f"glossary/{term.id}", term.source


def annotation(record: str, source: Source) -> dict[str, Any]:
    """The annotation of one quote, from the selector the build gave its source: its record
    (derived from the text) is the body."""
    if source.selector is None:
        raise SelectorError(f"the quote of {record} has no selector")
    target = _TO_API + record
    return {
        "id": f"{target}-quote" if "#" in target else f"{target}#quote",
        "type": "Annotation",
        "motivation": "linking",
        "body": {"id": target, "prov:wasDerivedFrom": {"id": _TO_TEXT}},
        "target": {
            "source": _TO_TEXT,
            "selector": web_selectors(source.selector),
        },
    }


def annotation_collection(artifact: Artifact) -> dict[str, Any]:
    """The annotation collection of every quote, in the records' order, from the selectors
    the records carry (computed and checked once, by the build)."""
    items = [annotation(record, source) for record, source in quoted(artifact)]
    meta = artifact.dataset
    return {
        "@context": [ANNOTATION_CONTEXT, {"prov": PROV}],
        "id": "annotations.jsonld",
        "type": "AnnotationCollection",
        "label": f"{meta.title.en}: the quote of every value, mention and term",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
