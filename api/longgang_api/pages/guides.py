"""The guides of ``docs/``, rendered to HTML for ``/docs/guides``.

The Markdown files ship in the package (``longgang_api/guides`` links the
repository's ``docs/`` folder) and are rendered once, on first use, by
markdown-it-py; links between guides (``portals.md``) become links between
their pages (``portals``). Each page is ``guide.html`` (the index ``guides_index.html``)
on the pages' layout, under the documentation's bar; it loads nothing but the
pages' stylesheet.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from longgang_api.pages.rendering import render

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


def _page(template: str, path: str, title: str, **context: Any) -> bytes:
    """A documentation page, on the pages' layout under the documentation's bar, in English."""
    return render(template, "en", path, title=title, alternates=[], **context).encode()


#: The address of the index among the pages' (``/docs/guides`` itself).
INDEX = ""


@functools.cache
def pages() -> dict[str, bytes]:
    """Every page of ``/docs/guides`` by its address below it (:data:`INDEX` for the index)."""
    found = {INDEX: _page("guides_index.html", "/docs/guides", "Guides", guides=guides().values())}
    for guide in guides().values():
        # Markup: the HTML is markdown-it's, from the guides that ship in the package.
        body = Markup(guide.html)
        found[guide.slug] = _page(
            "guide.html", f"/docs/guides/{guide.slug}", guide.title, body=body
        )
    return found
