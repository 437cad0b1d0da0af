"""HTTP caching: strong ETags from the artifact hash, 304s, byte ranges, gzip, cache headers.

The dataset never changes under a running server, so the ETag of a
representation is a function of the artifact's sha256, the path, the
normalised query and the representation — it is known before any body is
serialised, and a revalidation costs no serialisation at all.

This is the one conditional-request path, and it knows no web framework: it
reads request headers from any mapping and makes a :class:`Reply`.
:func:`conditional_tag` is the rule of every answer — :func:`buffered` (and
:func:`revalidation` before any work) for buffered answers,
:func:`streamed` for streamed ones, and the response cache. Buffered answers
also honour one byte range (:func:`byte_range`); streamed ones say
``Accept-Ranges: none``.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Literal, Protocol

from longgang_api.data import media_types
from longgang_api.web.headers import Answer, Streamed
from longgang_api.web.problems import problem_body
from longgang_api.web.representation import weighted

GZIP_MIN_BYTES = 1024
VARY = "Accept, Accept-Encoding"
#: The one range of ``Range: bytes=first-last``, either number left out. ASCII digits
#: only: ``str.isdigit`` also takes ``²``, which ``int`` refuses.
_BYTE_RANGE = re.compile(r"\s*([0-9]*)\s*-\s*([0-9]*)\s*", re.ASCII)
#: Digits past which a byte position is beyond every answer's end: ``int`` refuses to
#: read more than 4,300 digits, and no answer is an exabyte.
_MAX_POSITION_DIGITS = 18
_PAST_EVERY_END: int = 10**_MAX_POSITION_DIGITS


@dataclass(frozen=True, slots=True)
class CachePolicy:
    """What every cacheable answer of one dataset version shares."""

    seed: str
    max_age: int
    last_modified: str

    @classmethod
    def for_release(cls, sha256: str, release_date: str, max_age: int) -> CachePolicy:
        released = datetime.combine(date.fromisoformat(release_date), datetime.min.time())
        return cls(
            seed=sha256,
            max_age=max_age,
            last_modified=format_datetime(released.replace(tzinfo=UTC), usegmt=True),
        )

    def etag(self, key: str) -> str:
        digest = hashlib.sha256(f"{self.seed}\x00{key}".encode()).hexdigest()[:32]
        return f'"{digest}"'

    def headers(self, etag: str, *, ranges: bool = True) -> dict[str, str]:
        """The cache headers of the answer tagged ``etag``; ``ranges``: whether it honours Range."""
        return {
            "ETag": etag,
            "Cache-Control": f"public, max-age={self.max_age}",
            "Last-Modified": self.last_modified,
            "Vary": VARY,
            "Accept-Ranges": "bytes" if ranges else "none",
        }


def _gzip_variant(etag: str) -> str:
    return etag[:-1] + '-gzip"'


def _identity_variant(etag: str) -> str:
    return etag.replace('-gzip"', '"')


def accepts_gzip(header: str | None) -> bool:
    """Whether ``Accept-Encoding`` takes gzip: its first gzip (or ``*``) has a positive quality."""
    for coding, quality in weighted(header):
        if coding in ("gzip", "*"):
            return quality > 0
    return False


def revalidated_tag(if_none_match: str, etag: str) -> str | None:
    """The tag of ``If-None-Match`` that names ``etag``'s content in either encoding, or None.

    The 304 carries that tag: it is the one the client (or shared cache) holds,
    so the 304 repeats the ETag of the 200 it revalidates — whether that 200
    was gzipped or, being small, was not. ``*`` gives ``etag`` itself.
    """
    if if_none_match == etag:  # the common case, before any parsing
        return etag
    if if_none_match.strip() == "*":
        return etag
    identity = _identity_variant(etag)
    family = (identity, _gzip_variant(identity))
    for tag in if_none_match.split(","):
        candidate = tag.strip().removeprefix("W/")
        if candidate in family:
            return candidate
    return None


def conditional_tag(
    if_none_match: str | None, if_modified_since: str | None, etag: str, last_modified: str
) -> str | None:
    """The ETag of a 304 when the client holds the answer tagged ``etag``; None: answer it.

    The one rule of every answer — buffered, streamed, or from the response
    cache: ``If-None-Match`` decides when sent; otherwise ``If-Modified-Since``
    at our ``Last-Modified`` or later (RFC 9110 §13.2.2).
    """
    if if_none_match:
        return revalidated_tag(if_none_match, etag)
    return etag if unmodified_since(if_modified_since, last_modified) else None


def _http_date(text: str) -> datetime | None:
    """``text`` as a moment in UTC, or None when it is not a date we can compare.

    A date with fields out of range (a second, day or year too large, an offset
    that moves it past year 9999) is as invalid as one that does not parse:
    the header is ignored (RFC 9110 §13.1.3).
    """
    try:
        moment = parsedate_to_datetime(text)
        return moment.astimezone(UTC) if moment.tzinfo is not None else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def unmodified_since(if_modified_since: str | None, last_modified: str) -> bool:
    """Whether ``If-Modified-Since`` is our ``Last-Modified`` or later (then: 304).

    Only asked when the request has no ``If-None-Match`` (RFC 9110 §13.1.3).
    """
    since = _http_date(if_modified_since) if if_modified_since else None
    if since is None:
        return False
    modified = _http_date(last_modified)
    return modified is not None and modified <= since


def _position(digits: str) -> int:
    """A byte position written in ASCII digits, however many; past any end when huge."""
    significant = digits.lstrip("0")
    if len(significant) > _MAX_POSITION_DIGITS:
        return _PAST_EVERY_END
    return int(significant or "0")


def byte_range(header: str, size: int) -> tuple[int, int] | Literal["unsatisfiable"] | None:
    """The one range ``Range: bytes=…`` asks of ``size`` bytes, as (first, last).

    None when the header is to be ignored (not bytes, malformed, or several
    ranges: the whole representation is a valid answer to those); and
    ``"unsatisfiable"`` when it asks for nothing that exists (416).
    """
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    found = _BYTE_RANGE.fullmatch(spec)
    if found is None or not (found[1] or found[2]):
        return None
    first_text, last_text = found[1], found[2]
    if not first_text:  # the last N bytes
        suffix = _position(last_text)
        if suffix == 0 or size == 0:
            return "unsatisfiable"
        return max(size - suffix, 0), size - 1
    first = _position(first_text)
    if last_text and _position(last_text) < first:
        return None
    if first >= size:
        return "unsatisfiable"
    last = _position(last_text) if last_text else size - 1
    return first, min(last, size - 1)


def range_applies(if_range: str | None, etag: str, last_modified: str) -> bool:
    """``If-Range``: the range is served only if the client's copy is this one."""
    if if_range is None:
        return True
    if_range = if_range.strip()
    if if_range.startswith('"'):
        return if_range == etag  # a strong comparison: a weak tag never matches
    return if_range == last_modified


class RequestHeaders(Protocol):
    """A request's headers by lower-case name (the first value of each)."""

    def get(self, name: str, /) -> str | None: ...


def first_values(headers: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """An ASGI scope's headers as :class:`RequestHeaders`: each name's first value."""
    found: dict[str, str] = {}
    for name, value in headers:
        found.setdefault(name.decode("latin-1"), value.decode("latin-1"))
    return found


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer before it is sent: its status, headers, body and media type.

    The body is bytes, or chunks rendered as they are sent (a streamed answer,
    whose length is not known before). ``media_type`` is None for a 304.
    """

    status: int
    headers: Mapping[str, str]
    body: bytes | Iterator[bytes]
    media_type: str | None

    def encoded(self) -> Answer | Streamed:
        """The reply as ASGI headers: ``Content-Type`` (text in UTF-8) and the length known."""
        headers = [(_header_name(n), v.encode("latin-1")) for n, v in self.headers.items()]
        if self.media_type is not None:
            headers.append((b"content-type", _content_type_bytes(self.media_type)))
        if isinstance(self.body, bytes):
            if self.status != 304:
                headers.append((b"content-length", str(len(self.body)).encode()))
            return self.status, headers, self.body
        return self.status, headers, self.body


# Memoised: a handful of names and media types, encoded on every answer otherwise.
@functools.cache
def _header_name(name: str) -> bytes:
    return name.lower().encode()


@functools.cache
def _content_type_bytes(media_type: str) -> bytes:
    return content_type(media_type).encode()


def content_type(media_type: str) -> str:
    """The ``Content-Type`` of a media type: every text is UTF-8."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def revalidation(
    request: RequestHeaders, policy: CachePolicy, key: str, *, ranges: bool = True
) -> Reply | None:
    """A 304 when the client's ``If-None-Match`` names this representation, else None.

    Known before any work: the ETag depends on the key, not on the body.
    ``ranges``: whether the answer honours ``Range``.
    """
    if_none_match = request.get("if-none-match")
    if not if_none_match:
        return None
    etag = policy.etag(key)
    gzip_ok = accepts_gzip(request.get("accept-encoding"))
    tag = revalidated_tag(if_none_match, _gzip_variant(etag) if gzip_ok else etag)
    if tag is None:
        return None
    return Reply(304, policy.headers(tag, ranges=ranges), b"", None)


def _unchanged(
    request: RequestHeaders, policy: CachePolicy, etag: str, *, ranges: bool
) -> Reply | None:
    """The 304 of the answer tagged ``etag`` when the client holds it (:func:`conditional_tag`)."""
    tag = conditional_tag(
        request.get("if-none-match"), request.get("if-modified-since"), etag, policy.last_modified
    )
    if tag is None:
        return None
    return Reply(304, policy.headers(tag, ranges=ranges), b"", None)


def encoded(
    body: bytes, etag: str, gzip_ok: bool, headers: Mapping[str, str] | None = None
) -> tuple[bytes, str, dict[str, str]]:
    """The bytes as sent, their ETag and the headers: gzipped when accepted and worth it."""
    extra = dict(headers or {})
    if gzip_ok and len(body) > GZIP_MIN_BYTES:
        body = gzip.compress(body, compresslevel=6, mtime=0)
        etag = _gzip_variant(etag)
        extra["Content-Encoding"] = "gzip"
    return body, etag, extra


def buffered(
    request: RequestHeaders,
    policy: CachePolicy,
    key: str,
    media_type: str,
    render: Callable[[], bytes],
    headers: Mapping[str, str] | None = None,
) -> Reply:
    """Answer with ``render()``'s bytes, or 304 when the client already has them.

    Also answers ``If-Modified-Since`` (without ``If-None-Match``) and one
    byte range (``Range``, ``If-Range``) of the bytes as sent.
    """
    revalidated = revalidation(request, policy, key)
    if revalidated is not None:
        return revalidated
    gzip_ok = accepts_gzip(request.get("accept-encoding"))
    body, etag, extra = encoded(render(), policy.etag(key), gzip_ok, headers)
    # The ETag of a 304 for If-Modified-Since is that of the bytes: gzipped or, small, not.
    revalidated = _unchanged(request, policy, etag, ranges=True)
    if revalidated is not None:
        return revalidated
    status = 200
    range_header = request.get("range")
    if range_header and range_applies(request.get("if-range"), etag, policy.last_modified):
        wanted = byte_range(range_header, len(body))
        if wanted == "unsatisfiable":
            detail = f"the range {range_header!r} is outside the {len(body)} bytes of this answer"
            unsatisfiable = {"Content-Range": f"bytes */{len(body)}", "Accept-Ranges": "bytes"}
            return Reply(416, unsatisfiable, problem_body(416, detail), media_types.PROBLEM_JSON)
        if wanted is not None:
            first, last = wanted
            extra["Content-Range"] = f"bytes {first}-{last}/{len(body)}"
            body = body[first : last + 1]
            status = 206
    return Reply(status, {**policy.headers(etag), **extra}, body, media_type)


#: Same level as the buffered answers; wbits=31 writes a gzip member (mtime 0).
_GZIP_LEVEL = 6
_GZIP_WBITS = 31


def gzipped(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks`` as one gzip member, compressed as they come."""
    compressor = zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, _GZIP_WBITS)
    for chunk in chunks:
        compressed = compressor.compress(chunk)
        if compressed:
            yield compressed
    yield compressor.flush()


def streamed(
    request: RequestHeaders,
    policy: CachePolicy,
    key: str,
    media_type: str,
    chunks: Callable[[], Iterator[bytes]],
) -> Reply:
    """Answer with ``chunks()`` sent as rendered, or 304 when the client already has them.

    Such an answer is gzipped on the fly when the client accepts gzip, under
    the same ETag and 304 rules as every other answer: its ETag depends on the
    request, not on the bytes. It does not honour ``Range`` and says so
    (``Accept-Ranges: none``): its length is known only once its last byte is
    sent, so a range would mean rendering and holding the whole answer for each
    range asked, which streaming exists to avoid. A ``Range`` is ignored, as
    RFC 9110 allows; the same rows page with ``limit``, and each page honours ranges.
    """
    revalidated = revalidation(request, policy, key, ranges=False)
    if revalidated is not None:
        return revalidated
    gzip_ok = accepts_gzip(request.get("accept-encoding"))
    # Gzipped whenever asked, however short: the ETag is known before any byte is made.
    etag = _gzip_variant(policy.etag(key)) if gzip_ok else policy.etag(key)
    revalidated = _unchanged(request, policy, etag, ranges=False)
    if revalidated is not None:
        return revalidated
    headers = policy.headers(etag, ranges=False)
    body = chunks()
    if gzip_ok:
        body = gzipped(body)
        headers["Content-Encoding"] = "gzip"
    return Reply(200, headers, body, media_type)
