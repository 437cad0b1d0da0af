"""Representations of lists: JSON (default), CSV and NDJSON.

Chosen by ``format=`` when given, else by ``Accept``; anything else is 406.
The rows themselves are :mod:`longgang_api.data.tabular`'s: CSV flattens nested
objects into ``parent_child`` columns (``name_zh``, ``name_en``,
``source_quote`` …) and leaves out nested lists, which have their own
collections; ``bom=true`` prepends the UTF-8 BOM Excel needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from longgang_api.engine.query_error import QueryError

Format = Literal["json", "csv", "ndjson"]
MEDIA_TYPES: dict[Format, str] = {
    "json": "application/json",
    "csv": "text/csv",  # Litestar adds "; charset=utf-8" to every text/* type
    "ndjson": "application/x-ndjson",
}
_ACCEPTED: dict[str, Format] = {
    "application/json": "json",
    "text/csv": "csv",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
}


class NotAcceptable(Exception):
    """No representation the client accepts is available."""


def _parse_accept(header: str) -> list[tuple[float, int, str]]:
    ranges: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        media, _, params = item.strip().partition(";")
        media = media.strip().lower()
        if not media:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if 0 < quality <= 1:
            ranges.append((quality, position, media))
    ranges.sort(key=lambda r: (-r[0], r[1]))
    return ranges


def negotiate(accept: str | None, format_: str | None, offered: Sequence[Format]) -> Format:
    """The representation to answer with; raises :class:`NotAcceptable`."""
    if format_ is not None:
        for candidate in offered:
            if candidate == format_:
                return candidate
        raise QueryError("format", f"format must be one of: {', '.join(offered)}")
    if not accept or not accept.strip():
        return offered[0]
    for _, _, media in _parse_accept(accept):
        if media in ("*/*", "application/*", "application/problem+json"):
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
    for _, _, media in _parse_accept(accept):
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
