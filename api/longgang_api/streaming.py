"""Answers sent in pieces: the complete CSV and NDJSON representations of a list.

Such an answer is rendered chunk by chunk as it is sent (chunked transfer
encoding), gzipped on the fly when the client accepts gzip, under the same
ETag and 304 rules as every other answer: its ETag depends on the request, not
on the bytes. The response cache may still keep the whole answer.

It does not honour ``Range`` and says so (``Accept-Ranges: none``): its length
is known only once its last byte is sent, so a range would mean rendering and
holding the whole answer for each range asked, which streaming exists to avoid.
A ``Range`` is ignored, as RFC 9110 allows: the answer is the whole of it. The
same rows page with ``limit``, and each page honours ranges.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from litestar import Request, Response
from litestar.response import Stream

from longgang_api import variants
from longgang_api.http_caching import (
    CachePolicy,
    accepts_gzip,
    gzip_etag,
    not_modified,
    unchanged,
)

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


async def _sent(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


def respond_streamed(
    request: Request[Any, Any, Any],
    policy: CachePolicy,
    key: str,
    media_type: str,
    chunks: Callable[[], Iterator[bytes]],
    headers: dict[str, str] | None = None,
    variant: variants.Chooser = variants.constant,
) -> Response[Any]:
    """Answer with ``chunks()`` sent as rendered, or 304 when the client already has them."""
    revalidated = not_modified(request, policy, key, variant, ranges=False)
    if revalidated is not None:
        return revalidated
    gzip_ok = accepts_gzip(request.headers.get("accept-encoding"))
    # Gzipped whenever asked, however short: the ETag is known before any byte is made.
    etag = gzip_etag(policy.etag(key)) if gzip_ok else policy.etag(key)
    revalidated = unchanged(request, policy, etag, ranges=False)
    if revalidated is not None:
        return revalidated
    extra = dict(headers or {})
    body = chunks()
    if gzip_ok:
        body = gzipped(body)
        extra["Content-Encoding"] = "gzip"
    return Stream(
        content=_sent(body),
        media_type=media_type,
        headers={**policy.headers(etag, ranges=False), **extra},
    )
