"""The landing page in a real browser: headline figures on screen, nothing fetched from elsewhere.

Headless Chromium loads the page from a served instance through a trap proxy:
the browser never proxies loopback, so any request that would leave the
machine reaches the trap instead, and the test fails if the trap saw one.
The browser's own housekeeping calls to its vendor's services (time, updates,
accounts), which no page asks for, are told apart by host and left aside.
Screenshots at phone and desktop widths go to ``screenshots/`` (git-ignored).
Each kind of page is also read, and used, under its own Content-Security-Policy.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from longgang_api.data.artifact import LoadedDataset
from tests.devtools import Page, chromium, chromium_command

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "screenshots"
SIZES = {"phone": (390, 2600), "desktop": (1366, 2000)}
FIGURES = ("6.3%", "6.5%", "5.2%", "5.5%", "6%", "8%", "13.3%", "-2.42%")
_BROWSER_OWN = re.compile(
    rb"^\S+ (?:https?://)?[\w.-]*\.(?:google\.com|googleapis\.com|gstatic\.com)[:/ ]"
)


class Trap:
    """A proxy that answers nobody and remembers every connection made to it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.server.settimeout(0.2)
        self.port: int = self.server.getsockname()[1]
        self.seen: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            with connection:
                # A loaded machine may take seconds to send a request it has connected for.
                connection.settimeout(5)
                try:
                    self.seen.append(connection.recv(1024))
                except OSError:
                    self.seen.append(b"")

    def page_requests(self) -> list[bytes]:
        """What was sent on the page's behalf: everything but the browser's housekeeping.

        A connection that sent nothing (a socket the browser opened ahead of need and
        closed unused) asked for nothing.
        """
        return [r for r in self.seen if r and not _BROWSER_OWN.match(r)]

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


@pytest.fixture
def trap() -> Iterator[Trap]:
    trap = Trap()
    yield trap
    trap.close()


def _chromium(trap: Trap, profile: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        chromium_command(trap.port, profile, *arguments),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_landing_page_in_a_browser(served_url: str, trap: Trap, tmp_path: Path, lang: str) -> None:
    url = f"{served_url}/?lang={lang}"
    dom = _chromium(trap, tmp_path / "dom", "--dump-dom", url).stdout
    for figure in FIGURES:
        assert f">{figure}<" in dom, figure
    assert "<svg" in dom
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, (width, height) in SIZES.items():
        shot = SCREENSHOTS / f"landing-{lang}-{name}.png"
        shot.unlink(missing_ok=True)
        _chromium(
            trap, tmp_path / name, f"--window-size={width},{height}", f"--screenshot={shot}", url
        )
        assert shot.stat().st_size > 20_000, f"{shot} looks empty"
    assert trap.page_requests() == [], f"requests left the machine: {trap.page_requests()[:3]}"


def test_the_api_documentation_loads_nothing_from_elsewhere(
    served_url: str, trap: Trap, tmp_path: Path
) -> None:
    dom = _chromium(
        trap, tmp_path / "docs", "--virtual-time-budget=5000", "--dump-dom", f"{served_url}/docs"
    ).stdout
    assert "Longgang Open Data API" in dom  # rendered by Swagger UI from /openapi.json
    assert "listObservations" in dom or "List observations" in dom
    assert trap.page_requests() == [], f"requests left the machine: {trap.page_requests()[:3]}"


def test_the_trap_would_see_an_outside_request(trap: Trap, tmp_path: Path) -> None:
    # The proof that the trap works: an outside URL does reach it.
    with contextlib.suppress(subprocess.CalledProcessError):
        _chromium(trap, tmp_path / "outside", "--dump-dom", "http://example.org/")
    assert any(b"example.org" in r for r in trap.page_requests()), (
        "the trap proxy saw no request for the page: the browser test would prove nothing"
    )


PAGE_SIZES = {"phone": (390, 844), "desktop": (1366, 900)}
#: The highlight of the line a link lands on (``.line:target`` in site.css).
TARGET_BACKGROUND = "rgb(255, 214, 102)"


def test_from_a_figure_to_its_sentence_in_a_browser(
    served_url: str, trap: Trap, tmp_path: Path, dataset: LoadedDataset
) -> None:
    """Open the GDP page, follow “in the source”, and find the sentence on screen, highlighted.

    One browser session also takes every page screenshot: the GDP indicator, a
    project with two mentions and a line of the source, at phone and desktop
    widths, in both languages.
    """
    gdp = dataset.observations_by_indicator["gdp-growth"][0]
    project = next(p for p in dataset.artifact.projects if len(p.mentions) == 2)
    SCREENSHOTS.mkdir(exist_ok=True)
    with chromium(trap.port, tmp_path / "profile") as page:
        page.viewport(*PAGE_SIZES["desktop"])
        page.goto(f"{served_url}/indicators/gdp-growth?lang=en")
        page.click(f'tr[id="{gdp.id}"] a.in-source')
        assert page.evaluate("location.pathname + location.search + location.hash") == (
            f"/source?lang=en#L{gdp.source.line}"
        )
        target = page.evaluate(
            """(() => {
                const line = document.querySelector(':target');
                const box = line.getBoundingClientRect();
                const cited = [...line.querySelectorAll('mark')]
                    .filter(m => m.dataset.cite.split(' ').includes(KEY))
                    .map(m => m.textContent).join('');
                const other = document.querySelector('.line:not(:target)');
                return {id: line.id, top: box.top, bottom: box.bottom, height: innerHeight,
                        background: getComputedStyle(line).backgroundColor,
                        plain: getComputedStyle(other).backgroundColor, cited: cited};
            })()""".replace("KEY", json.dumps(f"observation:{gdp.id}"))
        )
        assert target["id"] == f"L{gdp.source.line}"
        assert target["cited"] == gdp.source.quote  # the quoted sentence, marked
        assert target["top"] >= 0 and target["bottom"] <= target["height"], target  # on screen
        assert target["background"] == TARGET_BACKGROUND != target["plain"], target

        pages = {
            "indicator-gdp-growth": "/indicators/gdp-growth",
            f"project-{project.id}": f"/projects/{project.id}",
            f"source-L{gdp.source.line}": f"/source#L{gdp.source.line}",
        }
        for size, (width, height) in PAGE_SIZES.items():
            page.viewport(width, height)
            for lang in ("zh", "en"):
                for name, path in pages.items():
                    route, _, fragment = path.partition("#")
                    page.goto(
                        f"{served_url}{route}?lang={lang}{'#' + fragment if fragment else ''}"
                    )
                    assert page.evaluate("document.documentElement.scrollWidth") <= width, (
                        f"{name} is wider than a {size} screen"
                    )
                    shot = SCREENSHOTS / f"{name}-{lang}-{size}.png"
                    page.screenshot(shot)
                    assert shot.stat().st_size > 20_000, f"{shot} looks empty"
    assert trap.page_requests() == [], f"requests left the machine: {trap.page_requests()[:3]}"


#: One page of each kind, and a style its stylesheet gives it: (selector, property, value).
#: Each value differs from the browser's default, so it shows the stylesheet applied.
KINDS = {
    "landing": ("/?lang=en", "figure svg", "display", "block"),
    "list": ("/projects?lang=en", "form.filters", "display", "flex"),
    "record with a chart": ("/indicators/gdp-growth?lang=en", "figure svg", "display", "block"),
    "source": ("/source?lang=en", "nav.toc", "backgroundColor", "rgb(255, 255, 255)"),
    "releases": (
        "/releases?lang=en",
        "section.release",
        "backgroundColor",
        "rgb(255, 255, 255)",
    ),
    "guides": ("/docs/guides", "header.site", "borderBottomStyle", "solid"),
    "a guide": ("/docs/guides/rest-quickstart", "main.guide pre", "overflowX", "auto"),
    "reference": ("/docs", "header.site", "borderBottomStyle", "solid"),
    "error": ("/indicators/no-such-indicator?lang=en", "header.site", "borderBottomStyle", "solid"),
}


def _complaints(page: Page, url: str) -> list[str]:
    """What the browser logged, but the page's own error status and its favicon's absence."""
    return [
        complaint
        for complaint in page.complaints
        if not (
            complaint.startswith("network: Failed to load resource")
            and (complaint.endswith(f"({url})") or complaint.endswith("/favicon.ico)"))
        )
    ]


def _until(page: Page, expression: str) -> None:
    deadline = time.monotonic() + 30
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        time.sleep(0.05)


def _use_the_reference(page: Page) -> None:
    """Open an operation of Swagger UI and run it: a fetch from this host, icons as data: URLs."""
    _until(page, "!!document.querySelector('#operations-dataset-getDataset')")
    page.evaluate(
        "document.querySelector('#operations-dataset-getDataset .opblock-summary-control').click()"
    )
    _until(page, "!!document.querySelector('#operations-dataset-getDataset .execute')")
    page.evaluate("document.querySelector('#operations-dataset-getDataset .execute').click()")
    _until(page, "!!document.querySelector('.live-responses-table tbody .response-col_status')")
    status = page.evaluate(
        "document.querySelector('.live-responses-table tbody .response-col_status').textContent"
    )
    assert status.strip() == "200"
    # Swagger UI's own stylesheet applied too.
    title = "getComputedStyle(document.querySelector('.swagger-ui .info .title')).fontSize"
    assert page.evaluate(title) == "36px"


def test_every_kind_of_page_keeps_to_its_policy_in_a_browser(
    served_url: str, trap: Trap, tmp_path: Path
) -> None:
    """Each kind of page, read and used in Chromium, under its own Content-Security-Policy.

    The browser reports no violation and logs no error; the stylesheet applied.
    And the policy is not a bystander: an inline style put on the page is refused
    and reported. A list page's filter form is sent, as its policy allows.
    """
    with chromium(trap.port, tmp_path / "profile") as page:
        for kind, (path, selector, name, value) in KINDS.items():
            url = served_url + path
            page.complaints.clear()
            page.goto(url)
            if path == "/docs":
                _use_the_reference(page)
            page.settle()
            assert page.violations() == [], kind
            assert _complaints(page, url) == [], kind
            style = f"getComputedStyle(document.querySelector({json.dumps(selector)})).{name}"
            assert page.evaluate(style) == value, (kind, selector, name)
            if path.startswith("/projects"):
                page.click("form.filters button")  # a refused form would never load a page
                assert page.evaluate("location.pathname") == "/projects", kind
                page.settle()
                assert page.violations() == [], kind
            page.evaluate("document.body.setAttribute('style', 'border-top: 7px solid red')")
            page.settle()
            assert [v for v in page.violations() if v.startswith("style-src-attr")], kind
            assert page.evaluate("getComputedStyle(document.body).borderTopWidth") != "7px", kind
    assert trap.page_requests() == [], f"requests left the machine: {trap.page_requests()[:3]}"


#: Pages whose tables and charts must fit a phone: lists, record pages with money and charts.
FITTING = (
    "/?lang={lang}",
    "/indicators?lang={lang}",
    "/projects?lang={lang}",
    "/glossary?lang={lang}",
    "/releases?lang={lang}",
    "/indicators/intended-investment?lang={lang}",
    "/indicators/new-national-high-tech-enterprises?lang={lang}",
    "/indicators/fixed-asset-investment-growth?lang={lang}",
)
#: Every table container whose content is wider than the container: a clipped column.
_OVERFLOWING = """
[...document.querySelectorAll('.scroll, table')]
  .filter((e) => e.scrollWidth > e.clientWidth + 1)
  .map((e) => `${e.tagName}#${e.id} ${e.scrollWidth}>${e.clientWidth}`)
"""
#: Every chart text that reaches beyond its SVG's drawing (its viewBox).
_CUT_TEXTS = """
[...document.querySelectorAll('svg')].flatMap((svg) => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].map((t) => [t, t.getBBox()])
    .filter(([t, b]) => b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5)
    .map(([t, b]) => `${t.textContent}: ${b.x.toFixed(1)}+${b.width.toFixed(1)} > ${box.width}`);
})
"""


#: Every cell of a table shown without its header (a phone's cards) that names nothing of
#: its column: the first cell of a list row (the record's name) and a quote read alone.
_UNNAMED_CELLS = """
[...document.querySelectorAll('table')]
  .filter((t) => getComputedStyle(t.querySelector('thead tr')).display !== 'table-row'
                 || getComputedStyle(t.querySelector('thead')).display === 'none')
  .flatMap((t) => [...t.querySelectorAll('tbody td:not(:first-child):not(.quote)')])
  .filter((td) => td.textContent.trim() !== ''
                  && !getComputedStyle(td, '::before').content.includes(':'))
  .map((td) => `${td.closest('table').id || 'table'}: ${td.textContent.trim().slice(0, 20)}`)
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_every_cell_is_named_by_its_column(
    served_url: str, trap: Trap, tmp_path: Path, lang: str
) -> None:
    with chromium(trap.port, tmp_path / "profile") as page:
        page.viewport(390, 900)
        for path in FITTING:
            url = served_url + path.format(lang=lang)
            page.goto(url)
            page.settle(0.1)
            assert page.evaluate(_UNNAMED_CELLS) == [], url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_and_charts_fit_a_phone(
    served_url: str, trap: Trap, tmp_path: Path, lang: str
) -> None:
    """At 390 px no table column is cut off (rows stack or scroll), no page scrolls sideways,
    and no chart text runs past the edge of its drawing."""
    with chromium(trap.port, tmp_path / "profile") as page:
        for width in (390, 1280):
            page.viewport(width, 900)
            for path in FITTING:
                url = served_url + path.format(lang=lang)
                page.goto(url)
                page.settle(0.1)
                assert page.evaluate(_OVERFLOWING) == [], (url, width)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (url, width)
                assert page.evaluate(_CUT_TEXTS) == [], (url, width)
