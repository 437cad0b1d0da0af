"""HTTP caching: strong ETags from the artifact hash, 304s, gzip, cache headers.

The dataset never changes under a running server, so the ETag of a
representation is a function of the artifact's sha256, the path, the
normalised query and the representation — it is known before any body is
serialised, and a revalidation costs no serialisation at all.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from typing import Any

from litestar import Request, Response

GZIP_MIN_BYTES = 1024
VARY = "Accept, Accept-Encoding"


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

    def headers(self, etag: str) -> dict[str, str]:
        return {
            "ETag": etag,
            "Cache-Control": f"public, max-age={self.max_age}",
            "Last-Modified": self.last_modified,
            "Vary": VARY,
        }


def _gzip_variant(etag: str) -> str:
    return etag[:-1] + '-gzip"'


def gzip_etag(etag: str) -> str:
    """The ETag of the gzipped bytes of the representation tagged ``etag``."""
    return _gzip_variant(etag)


def _identity_variant(etag: str) -> str:
    return etag.replace('-gzip"', '"')


def accepts_gzip(header: str | None) -> bool:
    if not header:
        return False
    for item in header.split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=").strip() if params else "1"
            try:
                return float(quality) > 0
            except ValueError:
                return False
    return False


def revalidates(if_none_match: str, etag: str) -> bool:
    """Whether ``If-None-Match`` names ``etag`` or the same content in the other encoding.

    The one test of a revalidation, for the app and the response cache alike.
    """
    if if_none_match.strip() == "*":
        return True
    identity = _identity_variant(etag)
    family = (identity, _gzip_variant(identity))
    return any(tag.strip().removeprefix("W/") in family for tag in if_none_match.split(","))


def not_modified(
    request: Request[Any, Any, Any], policy: CachePolicy, key: str
) -> Response[bytes] | None:
    """A 304 when the client's ``If-None-Match`` names this representation, else None.

    Known before any work: the ETag depends on the key, not on the body.
    """
    if_none_match = request.headers.get("if-none-match")
    if not if_none_match:
        return None
    etag = policy.etag(key)
    if not revalidates(if_none_match, etag):
        return None
    gzip_ok = accepts_gzip(request.headers.get("accept-encoding"))
    chosen = _gzip_variant(etag) if gzip_ok else etag
    return Response(content=b"", status_code=304, headers=policy.headers(chosen))


def respond(
    request: Request[Any, Any, Any],
    policy: CachePolicy,
    key: str,
    media_type: str,
    render: Callable[[], bytes],
    headers: dict[str, str] | None = None,
) -> Response[bytes]:
    """Answer with ``render()``'s bytes, or 304 when the client already has them."""
    unchanged = not_modified(request, policy, key)
    if unchanged is not None:
        return unchanged
    etag = policy.etag(key)
    gzip_ok = accepts_gzip(request.headers.get("accept-encoding"))
    body = render()
    extra = dict(headers or {})
    if gzip_ok and len(body) > GZIP_MIN_BYTES:
        body = gzip.compress(body, compresslevel=6, mtime=0)
        etag = _gzip_variant(etag)
        extra["Content-Encoding"] = "gzip"
    return Response(
        content=body,
        media_type=media_type,
        headers={**policy.headers(etag), **extra},
    )
