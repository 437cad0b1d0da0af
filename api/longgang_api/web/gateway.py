"""The layers every request passes before routing, as one ASGI wrapper.

There: oversized requests are refused, CORS preflights are answered (before
the optional rate limit, which does not count them), the rate limit applies,
HEAD is answered as GET without the body (so the document lists each
operation once), every answer gets its request id, security and CORS headers
(this is the one place they are set), a :class:`ResponseCache` answers
repeated reads before any routing, and :class:`~longgang_api.web.listing.Lists`
answers every read of a list: the framework routes the rest.

These layers make their answer before sending any of it, so a fault in them
is answered as the app answers one of its own: a 500 problem with the request
id and CORS headers, never the server's bare 500.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
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

from longgang_api.web import cors, variants
from longgang_api.web.headers import Answer, Streamed, standard_headers, wrap_send
from longgang_api.web.limits import Network, RateLimiter, client_address, oversize_status
from longgang_api.web.problems import problem_answer
from longgang_api.web.response_cache import ResponseCache

if TYPE_CHECKING:
    from longgang_api.web.listing import Lists

_log = logging.getLogger("longgang_api")


@dataclass(frozen=True, slots=True)
class _Routed:
    """A request for the framework to answer: its own scope, and how to send the answer."""

    scope: HTTPScope
    head: bool
    #: Whether the response cache keeps the answer.
    kept: bool


@dataclass(frozen=True, slots=True)
class _Kept:
    """A streamed answer the response cache keeps as it is sent."""

    scope: HTTPScope
    answer: Streamed


class Gateway:
    """Wraps Litestar's ASGI handler (``app.asgi_handler``) with the pre-routing layers."""

    def __init__(
        self,
        inner: ASGIApp,
        response_cache: ResponseCache | None = None,
        rate_limiter: RateLimiter | None = None,
        lists: Lists | None = None,
        proxies: tuple[Network, ...] = (),
    ) -> None:
        self.inner = inner
        #: Proxies whose X-Forwarded-For names the client the rate limit counts.
        self.proxies = proxies
        self.lists = lists
        self.response_cache = response_cache
        self.rate_limiter = rate_limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.inner(scope, receive, send)
            return
        http_scope = scope
        extra = standard_headers(http_scope) + cors.HEADERS
        try:
            step = self._before_routing(http_scope, extra)
        except Exception:
            _log.exception("unhandled error on %s %s", http_scope["method"], http_scope["path"])
            step = problem_answer(500, "the server could not answer this request")
        if isinstance(step, _Routed):
            outgoing = wrap_send(send, extra, head=step.head)
            if step.kept and self.response_cache is not None:
                outgoing = self.response_cache.recording(step.scope, outgoing)
            await self.inner(step.scope, receive, outgoing)
            return
        headers: list[tuple[bytes, bytes]]
        body: bytes | Iterator[bytes]
        if isinstance(step, _Kept):
            # The cache keeps the answer's own headers; ``extra`` is added on the way out.
            send = wrap_send(send, extra, head=False)
            send = self.response_cache.recording(step.scope, send)  # type: ignore[union-attr]
            status, headers, body = step.answer
        else:
            status, answered, body = step
            # Sent as they are: an answer made here never shares a header name with ``extra``.
            headers = answered + extra
        start: HTTPResponseStartEvent = {
            "type": "http.response.start",
            "status": status,
            "headers": headers,
        }
        await send(start)
        head = http_scope["method"] == "HEAD"
        if not isinstance(body, bytes) and not head:
            for chunk in body:
                more: HTTPResponseBodyEvent = {
                    "type": "http.response.body",
                    "body": chunk,
                    "more_body": True,
                }
                await send(more)
        ending: HTTPResponseBodyEvent = {
            "type": "http.response.body",
            "body": body if isinstance(body, bytes) and not head else b"",
            "more_body": False,
        }
        await send(ending)

    def _before_routing(
        self, scope: HTTPScope, extra: list[tuple[bytes, bytes]]
    ) -> Answer | Streamed | _Routed | _Kept:
        """The answer of the layers before routing, or the request as the framework gets it.

        Adds to ``extra`` the headers that the answer, whoever makes it, carries.
        """
        oversize = oversize_status(scope)
        if oversize is not None:
            return problem_answer(oversize, "the request is larger than this server accepts")
        if cors.is_preflight(scope):
            return _preflight(scope)
        if self.rate_limiter is not None:
            decision = self.rate_limiter.check(client_address(scope, self.proxies))
            extra += decision.headers()
            if not decision.allowed:
                detail = f"too many requests; retry in {decision.reset_seconds} s"
                return problem_answer(429, detail)
        head = scope["method"] == "HEAD"
        get = head or scope["method"] == "GET"  # HEAD is answered as GET
        cache = self.response_cache
        kept = False
        if cache is not None and get:
            remembered = cache.answer(scope)
            if remembered is not None:
                return remembered
            kept = cache.admits(scope)
        # A fresh scope: the HEAD rewrite and the handler's variant slot stay with this request.
        choosers: list[variants.Chooser] = []
        fields: dict[str, Any] = {**scope, variants.SCOPE_KEY: choosers}
        if head:
            fields["method"] = "GET"
        routed = cast("HTTPScope", fields)
        lists = self.lists
        answer = lists.answer(routed) if lists is not None and get else None
        if answer is None:
            return _Routed(routed, head, kept)
        if not kept:
            return answer
        status, headers, body = answer
        if isinstance(body, bytes):
            cache.keep(routed, status, headers, body)  # type: ignore[union-attr]
            return answer
        # A streamed answer is kept as it is sent (and so not when HEAD sends none of it).
        return answer if head else _Kept(routed, (status, headers, body))


def _preflight(scope: HTTPScope) -> Answer:
    refusal = cors.preflight_refusal(scope)
    if refusal is not None:
        return problem_answer(400, refusal)
    return 204, [*cors.PREFLIGHT_HEADERS, (b"content-length", b"0")], b""
