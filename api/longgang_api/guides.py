"""The guides of ``docs/``, rendered to HTML for ``/docs/guides``.

The Markdown files ship in the package (``longgang_api/guides`` links the
repository's ``docs/`` folder) and are rendered once, on first use, by
markdown-it-py; links between guides (``portals.md``) become links between
their pages (``portals``). The pages load nothing from another host.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

from markdown_it import MarkdownIt

#: The folder of the guides inside the package.
GUIDES_RESOURCE = "guides"
#: The reading order; a guide not named here follows, by file name.
_ORDER = (
    "rest-quickstart",
    "sdk-quickstart",
    "analysts",
    "portals",
    "errors-and-caching",
    "stability-and-releases",
    "maintainers",
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


_STYLE = """body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1b1b1b}pre{background:#f4f4f4;padding:.75rem;overflow-x:auto}
code{font-size:.9em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}
nav{margin-bottom:1.5rem}"""


def page(title: str, body: str) -> str:
    """A documentation page: the navigation between the reference and the guides, then ``body``."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — Longgang Open Data</title>
<style>{_STYLE}</style>
</head>
<body>
<nav><a href="/">Longgang Open Data</a> · <a href="/docs">API reference</a> ·
<a href="/docs/guides">Guides</a> · <a href="/openapi.json">OpenAPI document</a></nav>
<main>
{body}
</main>
</body>
</html>
"""


def index_page() -> str:
    items = "\n".join(
        f'<li><a href="/docs/guides/{escape(guide.slug)}">{escape(guide.title)}</a></li>'
        for guide in guides().values()
    )
    body = (
        "<h1>Guides</h1>\n<p>Every shell and Python block of these guides is run by the tests "
        f"against a served instance.</p>\n<ul>\n{items}\n</ul>"
    )
    return page("Guides", body)


def guide_page(slug: str) -> str | None:
    guide = guides().get(slug)
    return None if guide is None else page(guide.title, guide.html)
