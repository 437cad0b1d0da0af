"""The README and the guides in docs/: every shell and Python block runs against a served instance.

Blocks are read from the Markdown itself:

* ``sh`` — run with ``sh -e``; it must succeed;
* ``console`` — each ``$ `` line is a command, the lines after it (up to the
  next ``$ ``) its output, compared with what the command prints;
* ``python`` — run with this Python; a block fenced as ``output`` right after
  it is what it prints;
* ``<!-- no-run: reason -->`` just before a block leaves it out (counted,
  and the count is small).

``http://127.0.0.1:8000`` in a block and in its output stands for the served
instance. Each block runs in a fresh folder that links the repository's files
(so ``make build`` or a download writes there, never into the checkout), with
the project's ``.venv/bin`` first on ``PATH`` and ``LONGGANG_OPENDATA_BASE_URL``
set to the served instance.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.support import REPORT

ROOT = Path(__file__).resolve().parents[1]
GUIDES = sorted((ROOT / "docs").glob("*.md"))
DOCUMENTS = [ROOT / "README.md", *GUIDES]
BASE_URL = "http://127.0.0.1:8000"
RUN = ("sh", "console", "python")
#: Blocks left out need what a test run here does not have.
MAX_NOT_RUN = 4
_FENCE = re.compile(r"^```([\w-]*)\s*$")
_NO_RUN = re.compile(r"^<!-- no-run: (.+) -->$")
#: What a block's folder links from the repository.
_LINKED = ("api", "datasets", "docs", "examples", "openapi", "sdk", "tests", "Makefile",
           "pyproject.toml", "README.md", ".venv")  # fmt: skip


@dataclass(frozen=True)
class Block:
    document: Path
    line: int
    language: str
    text: str
    output: str | None
    no_run: str | None

    @property
    def label(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def blocks(document: Path) -> list[Block]:
    lines = document.read_text().splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        language, start = match.group(1), i
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        text = "\n".join(lines[start + 1 : end]) + "\n"
        before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
        no_run = _NO_RUN.match(before)
        output = None
        after = end + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        if language == "python" and after < len(lines) and lines[after] == "```output":
            close = next(j for j in range(after + 1, len(lines)) if lines[j].startswith("```"))
            output = "\n".join(lines[after + 1 : close]) + "\n"
            end = close
        if language in RUN:
            found.append(
                Block(document, start + 1, language, text, output, no_run and no_run.group(1))
            )
        i = end + 1
    return found


ALL = [block for document in DOCUMENTS for block in blocks(document)]
RUNNABLE = [block for block in ALL if block.no_run is None]


def _folder(tmp_path: Path) -> Path:
    for name in _LINKED:
        (tmp_path / name).symlink_to(ROOT / name)
    return tmp_path


def _run(command: list[str], served_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "LONGGANG_OPENDATA_BASE_URL": served_url,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "LONGGANG_OPENDATA_LOG": "",
    }
    return subprocess.run(
        command, env=environment, cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _console(text: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    pairs: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        elif pairs and pairs[-1][0].endswith("\\") and not pairs[-1][1]:
            pairs[-1] = (pairs[-1][0] + "\n" + line, [])
        elif pairs:
            pairs[-1][1].append(line)
    return [(command, "".join(f"{out}\n" for out in output)) for command, output in pairs]


def test_guides_are_there_and_few_blocks_are_left_out() -> None:
    names = {guide.name for guide in GUIDES}
    assert len(names) >= 7, names
    left_out = [block for block in ALL if block.no_run is not None]
    REPORT.append(
        f"docs: {len(RUNNABLE)} blocks run ({len(ALL)} sh/console/python blocks in "
        f"{len(DOCUMENTS)} documents), {len(left_out)} left out: "
        + "; ".join(f"{b.label} ({b.no_run})" for b in left_out)
    )
    assert len(left_out) <= MAX_NOT_RUN
    # What the README says of them.
    assert len(left_out) == 2
    assert all(block.document.name == "README.md" for block in left_out)
    readme = (ROOT / "README.md").read_text()
    for guide in GUIDES:
        assert f"(docs/{guide.name})" in readme, f"the README does not link {guide.name}"


def test_the_parser_finds_outputs_and_marks() -> None:
    # The block reader is what makes the runs below mean anything: it must see
    # commands, outputs and the no-run mark as the Markdown states them.
    assert _console("$ echo a\na\n$ printf 'b\\\\n' \\\n  'c'\nb\n") == [
        ("echo a", "a\n"),
        ("printf 'b\\\\n' \\\n  'c'", "b\n"),
    ]
    assert any(block.output for block in RUNNABLE if block.language == "python")
    assert any(block.language == "console" for block in RUNNABLE)


@pytest.mark.parametrize("block", RUNNABLE, ids=[block.label for block in RUNNABLE])
def test_block_runs_and_prints_what_it_shows(block: Block, served_url: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    text = block.text.replace(BASE_URL, served_url)
    if block.language == "sh":
        result = _run(["sh", "-e", "-c", text], served_url, folder)
        assert result.returncode == 0, result.stderr[-3000:]
    elif block.language == "python":
        result = _run([sys.executable, "-c", text], served_url, folder)
        assert result.returncode == 0, result.stderr[-3000:]
        if block.output is not None:
            assert result.stdout == block.output.replace(BASE_URL, served_url)
    else:
        for command, expected in _console(text):
            result = _run(["sh", "-e", "-c", command], served_url, folder)
            assert result.returncode == 0, (command, result.stderr[-3000:])
            assert result.stdout == expected.replace(BASE_URL, served_url), command


def test_docs_serves_every_guide_beside_the_reference(client: TestClient[Litestar]) -> None:
    reference = client.get("/docs")
    assert 'href="/docs/guides"' in reference.text
    index = client.get("/docs/guides")
    assert index.status_code == 200
    assert index.headers["content-type"].startswith("text/html")
    for guide in GUIDES:
        assert f'href="/docs/guides/{guide.stem}"' in index.text
        page = client.get(f"/docs/guides/{guide.stem}")
        assert page.status_code == 200
        title = guide.read_text().splitlines()[0].removeprefix("# ")
        assert f"<h1>{html.escape(title, quote=False)}</h1>" in page.text
        assert "<pre><code" in page.text
        assert "Content-Security-Policy" in page.headers
        # Nothing is loaded from another host: no script, stylesheet or image but our own.
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', page.text)
        # A link to another guide leads to its page.
        for target in re.findall(r'href="([a-z-]+)"', page.text):
            assert client.get(f"/docs/guides/{target}").status_code == 200, target
    # A missing guide is a page for a browser, problem details for a program.
    missing = client.get("/docs/guides/no-such-guide", headers={"accept": "text/html"})
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert "no-such-guide" in missing.text
    asked = client.get("/docs/guides/no-such-guide", headers={"accept": "application/json"})
    assert asked.status_code == 404
    assert asked.headers["content-type"] == "application/problem+json"


def test_landing_page_links_the_guides(client: TestClient[Litestar]) -> None:
    for lang in ("", "?lang=en"):
        assert 'href="/docs/guides"' in client.get(f"/{lang}").text
