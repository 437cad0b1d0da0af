"""The Content-Security-Policy of each kind of HTML answer: what it uses, and nothing else.

Every policy starts from ``default-src 'none'``, so a kind of load it does not
name is refused; ``base-uri``, ``form-action`` and ``frame-ancestors`` do not
fall back to ``default-src`` and are named in each.

The pages and the guides run no script (the landing page's JSON-LD is a data
block, which no policy governs), draw their charts as inline SVG and hold no
inline style: their one stylesheet is ours. Only the list pages have a form
(the GET filters), so only they may submit one, and only to this host.

Swagger UI at ``/docs`` runs its own scripts, from this host; fetches the
document and "Try it out" requests from this host; and its stylesheet draws
its icons as ``data:`` images. It submits no form: requests go by ``fetch``.
"""

from __future__ import annotations


def _policy(*directives: str) -> str:
    return "; ".join(
        ("default-src 'none'", *directives, "base-uri 'none'", "frame-ancestors 'none'")
    )


#: A page, a guide or an error page.
PAGE = _policy("style-src 'self'", "form-action 'none'")
#: A list page, whose filter form is sent by GET to the page itself.
FORM_PAGE = _policy("style-src 'self'", "form-action 'self'")
#: The API reference (Swagger UI).
SWAGGER_UI = _policy(
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'none'",
)
