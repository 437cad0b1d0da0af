"""The layers every request passes before routing, as one ASGI wrapper.

There: oversized requests are refused, CORS preflights are answered (before
the optional rate limit, which does not count them), the rate limit applies,
HEAD is answered as GET without the body (so the document lists each
operation once), every answer gets its request id, security and CORS headers
(this is the one place they are set), a :class:`ResponseCache` answers
repeated reads before any routing, and :class:`~longgang_api.direct.DirectLists`
answers the plainly valid JSON pages of the lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    HTTPScope,
    Receive,
    Scope,
    Send,
)

from longgang_api import cors, variants
from longgang_api.headers import standard_headers, wrap_send
from longgang_api.limits import Network, RateLimiter, client_address, oversize_status
from longgang_api.problems import send_problem
from longgang_api.response_cache import ResponseCache

if TYPE_CHECKING:
    from longgang_api.direct import DirectLists


class Gateway:
    """Wraps Litestar's ASGI handler (``app.asgi_handler``) with the pre-routing layers."""

    def __init__(
        self,
        inner: ASGIApp,
        response_cache: ResponseCache | None = None,
        rate_limiter: RateLimiter | None = None,
        direct: DirectLists | None = None,
        proxies: tuple[Network, ...] = (),
    ) -> None:
        self.inner = inner
        #: Proxies whose X-Forwarded-For names the client the rate limit counts.
        self.proxies = proxies
        self.direct = direct
        self.response_cache = response_cache
        self.rate_limiter = rate_limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.inner(scope, receive, send)
            return
        http_scope = scope
        extra = standard_headers(http_scope) + cors.HEADERS
        oversize = oversize_status(http_scope)
        if oversize is not None:
            detail = "the request is larger than this server accepts"
            await send_problem(send, oversize, detail, extra)
            return
        if cors.is_preflight(http_scope):
            await _answer_preflight(http_scope, send, extra)
            return
        if self.rate_limiter is not None:
            decision = self.rate_limiter.check(client_address(http_scope, self.proxies))
            extra += decision.headers()
            if not decision.allowed:
                detail = f"too many requests; retry in {decision.reset_seconds} s"
                await send_problem(send, 429, detail, extra)
                return
        head = http_scope["method"] == "HEAD"
        get = head or http_scope["method"] == "GET"  # HEAD is answered as GET
        cache = self.response_cache
        kept = False
        if cache is not None and get:
            if await cache.answer(http_scope, send, extra, head=head):
                return
            kept = cache.admits(http_scope)
        # A fresh scope: the HEAD rewrite and the handler's variant slot stay with this request.
        choosers: list[variants.Chooser] = []
        fields: dict[str, Any] = {**http_scope, variants.SCOPE_KEY: choosers}
        if head:
            fields["method"] = "GET"
        http_scope = cast("HTTPScope", fields)
        direct = self.direct
        answer = direct.answer(http_scope) if direct is not None and get else None
        if answer is not None:
            status, headers, body = answer
            if cache is not None and kept:
                cache.keep(http_scope, status, headers, body)
            # Sent as they are: a direct answer's headers never share a name with ``extra``.
            start: HTTPResponseStartEvent = {
                "type": "http.response.start",
                "status": status,
                "headers": headers + extra,
            }
            await send(start)
            ending: HTTPResponseBodyEvent = {
                "type": "http.response.body",
                "body": b"" if head else body,
                "more_body": False,
            }
            await send(ending)
            return
        outgoing = wrap_send(send, extra, head=head)
        if cache is not None and kept:
            outgoing = cache.recording(http_scope, outgoing)
        await self.inner(http_scope, receive, outgoing)


async def _answer_preflight(scope: HTTPScope, send: Send, extra: list[tuple[bytes, bytes]]) -> None:
    refusal = cors.preflight_refusal(scope)
    if refusal is not None:
        await send_problem(send, 400, refusal, extra)
        return
    await send(
        {
            "type": "http.response.start",
            "status": 204,
            "headers": [*extra, *cors.PREFLIGHT_HEADERS, (b"content-length", b"0")],
        }
    )
    await send({"type": "http.response.body", "body": b"", "more_body": False})
