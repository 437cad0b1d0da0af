"""Representations of lists: JSON (default), CSV and NDJSON (and of a record: JSON or its
JSON-LD view); and the one reader of the
weighted headers (``Accept``, ``Accept-Encoding``, ``Accept-Language``).

Chosen by ``format=`` when given, else by ``Accept``; anything else is 406.
The rows themselves are :mod:`longgang_api.data.tabular`'s: CSV flattens nested
objects into ``parent_child`` columns (``name_zh``, ``name_en``,
``source_quote`` …) and leaves out nested lists, which have their own
collections; ``bom=true`` prepends the UTF-8 BOM Excel needs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Literal

from longgang_api.data import media_types
from longgang_api.engine.query_error import QueryError

#: ``jsonld`` is offered by the get-one operations only (a record's JSON-LD view), never by a
#: list's ``format=``.
Format = Literal["json", "csv", "ndjson", "jsonld"]
MEDIA_TYPES: dict[Format, str] = {
    "json": media_types.JSON,
    "csv": media_types.CSV,  # Litestar adds "; charset=utf-8" to every text/* type
    "ndjson": media_types.NDJSON,
    "jsonld": media_types.JSON_LD,
}
_ACCEPTED: dict[str, Format] = {
    media_types.JSON: "json",
    media_types.JSON_LD: "jsonld",
    media_types.CSV: "csv",
    media_types.NDJSON: "ndjson",
    media_types.NDJSON_ALIAS: "ndjson",
}


class NotAcceptable(Exception):
    """No representation the client accepts is available."""


#: Distinct header values remembered by the readers below: clients repeat a few
#: spellings, and reading one costs more than the rest of a cached answer.
_REMEMBERED = 512


@functools.lru_cache(maxsize=_REMEMBERED)
def weighted(header: str | None) -> tuple[tuple[str, float], ...]:
    """The choices of a weighted header, lower-cased, with their qualities, in the order written.

    The one reader of ``Accept``, ``Accept-Encoding`` and ``Accept-Language``
    (RFC 9110 §12.4.2): a choice without ``q`` weighs 1, one whose ``q`` is not
    a number 0; empty choices are left out.
    """
    choices: list[tuple[str, float]] = []
    for item in (header or "").split(","):
        value, _, params = item.strip().partition(";")
        value = value.strip().lower()
        if not value:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, number = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(number)
                except ValueError:
                    quality = 0.0
        choices.append((value, quality))
    return tuple(choices)


@functools.lru_cache(maxsize=_REMEMBERED)
def preferred(header: str | None) -> tuple[str, ...]:
    """The acceptable choices of a weighted header (0 < q ≤ 1), most preferred first.

    Of two choices of the same quality, the one written first comes first.
    """
    ranked = [(-q, position, value) for position, (value, q) in enumerate(weighted(header))]
    return tuple(value for q, _, value in sorted(ranked) if 0 < -q <= 1)


def negotiate(accept: str | None, format_: str | None, offered: Sequence[Format]) -> Format:
    """The representation to answer with; raises :class:`NotAcceptable`."""
    if format_ is not None:
        for candidate in offered:
            if candidate == format_:
                return candidate
        raise QueryError("format", f"format must be one of: {', '.join(offered)}")
    if not accept or not accept.strip():
        return offered[0]
    for media in preferred(accept):
        if media in ("*/*", "application/*", media_types.PROBLEM_JSON):
            return offered[0]
        chosen = _ACCEPTED.get(media)
        if chosen is not None and chosen in offered:
            return chosen
        if media == "text/*" and "csv" in offered:
            return "csv"
    raise NotAcceptable("available representations: " + ", ".join(MEDIA_TYPES[f] for f in offered))


def representation_chooser(
    format_: str | None, offered: Sequence[Format]
) -> Callable[[str | None], str | None]:
    """:func:`negotiate` as the media type it picks for an ``Accept``, None for a 406."""

    def choose(accept: str | None) -> str | None:
        try:
            return MEDIA_TYPES[negotiate(accept, format_, offered)]
        except (NotAcceptable, QueryError):
            return None

    return choose


def accepted_media(accept: str | None, offered: Sequence[str], alias: str) -> str | None:
    """The first of ``offered`` that ``accept`` allows (``alias`` stands for the first one)."""
    if not accept or not accept.strip():
        return offered[0]
    for media in preferred(accept):
        if media in ("*/*", alias):
            return offered[0]
        if media in offered:
            return media
        if media.endswith("/*"):
            family = media[:-1]
            for candidate in offered:
                if candidate.startswith(family):
                    return candidate
    return None
