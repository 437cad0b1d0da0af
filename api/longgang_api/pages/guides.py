"""The guides of ``docs/``, rendered to HTML for ``/docs/guides``.

The Markdown files ship in the package (``longgang_api/guides`` links the
repository's ``docs/`` folder) and are rendered once, on first use, by
markdown-it-py; links between guides (``portals.md``) become links between
their pages (``portals``). The pages load nothing but the pages' stylesheet.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

from markdown_it import MarkdownIt

from longgang_api.pages.rendering import STYLESHEET_PATH

#: The folder of the guides inside the package.
GUIDES_RESOURCE = "guides"
#: The reading order; a guide not named here follows, by file name.
_ORDER = (
    "rest-quickstart",
    "sdk-quickstart",
    "analysts",
    "portals",
    "pages",
    "errors-and-caching",
    "stability-and-releases",
    "running",
    "maintainers",
    "performance",
)


@dataclass(frozen=True, slots=True)
class Guide:
    slug: str
    title: str
    html: str


def _folder() -> Path:
    return Path(str(resources.files("longgang_api") / GUIDES_RESOURCE))


def _render(markdown: MarkdownIt, text: str) -> str:
    tokens = markdown.parse(text)
    for token in tokens:
        for child in token.children or ():
            href = child.attrGet("href") if child.type == "link_open" else None
            # A link to another guide (``portals.md``) leads to its page (``portals``).
            if isinstance(href, str) and "/" not in href and href.endswith(".md"):
                child.attrSet("href", href.removesuffix(".md"))
    html: str = markdown.renderer.render(tokens, markdown.options, {})
    return html


@functools.cache
def guides() -> dict[str, Guide]:
    """Every guide by its slug (the file name without ``.md``), in reading order."""
    # The guides are ours: their HTML comments (the tests' no-run marks) pass through unseen.
    markdown = MarkdownIt("commonmark", {"html": True}).enable("table")
    found: dict[str, Guide] = {}
    paths = sorted(
        _folder().glob("*.md"),
        key=lambda p: (_ORDER.index(p.stem) if p.stem in _ORDER else len(_ORDER), p.name),
    )
    for path in paths:
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.removeprefix("# ").strip() if first.startswith("# ") else path.stem
        found[path.stem] = Guide(path.stem, title, _render(markdown, text))
    return found


def site_header(versions: str = "") -> str:
    """The bar above every documentation page (the reference and the guides), as on the pages.

    The documentation is written in English only, and says so where the pages
    offer their language switch, with a way to the Chinese home page; ``versions``
    (already escaped) stands beside the navigation.
    """
    shown = f'\n<p class="versions">{versions}</p>' if versions else ""
    return f"""<header class="site"><div>
<nav aria-label="Documentation"><a class="brand" href="/">Longgang Open Data</a>
<a href="/docs">API reference</a> <a href="/docs/guides">Guides</a>
<a href="/openapi.json">OpenAPI document</a></nav>{shown}
<nav class="lang" aria-label="Language"><span>English only</span> ·
<a href="/?lang=zh" hreflang="zh-Hans" lang="zh-Hans">中文首页</a></nav>
</div></header>"""


def page(title: str, body: str) -> str:
    """A documentation page: the navigation between the reference and the guides, then ``body``.

    Styled by the pages' stylesheet (``main.guide``), so the policy of the pages holds.
    """
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — Longgang Open Data</title>
<link rel="stylesheet" href="{STYLESHEET_PATH}">
</head>
<body>
{site_header()}
<main class="guide">
{body}
</main>
</body>
</html>
"""


def _index_page() -> str:
    items = "\n".join(
        f'<li><a href="/docs/guides/{escape(guide.slug)}">{escape(guide.title)}</a></li>'
        for guide in guides().values()
    )
    body = (
        "<h1>Guides</h1>\n<p>Every shell and Python block of these guides is run by the tests "
        f"against a served instance.</p>\n<ul>\n{items}\n</ul>"
    )
    return page("Guides", body)


#: The address of the index among the pages' (``/docs/guides`` itself).
INDEX = ""


@functools.cache
def pages() -> dict[str, bytes]:
    """Every page of ``/docs/guides`` by its address below it (:data:`INDEX` for the index)."""
    found = {INDEX: _index_page().encode()}
    for guide in guides().values():
        found[guide.slug] = page(guide.title, guide.html).encode()
    return found
