"""The maintainers' guide names every module of the server's package with its role, and no other."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "maintainers.md"
PACKAGE = ROOT / "api" / "longgang_api"


def _table() -> dict[str, str]:
    text = GUIDE.read_text()
    table = text.split("<!-- modules -->", 1)[1].split("<!-- /modules -->", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| (.+) \|$", table, re.M)
    return dict(rows)


def test_every_module_of_the_package_has_its_line_and_no_other_is_named() -> None:
    files = {str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*.py")}
    named = set(_table())
    assert files - named == set(), "modules without a line in docs/maintainers.md"
    assert named - files == set(), "lines of docs/maintainers.md naming no module"


def test_each_role_is_a_line_of_words() -> None:
    assert all(len(role.split()) >= 3 for role in _table().values())
