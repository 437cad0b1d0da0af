"""``make docs``: the table of settings in ``docs/running.md``, written from :class:`Settings`.

    python -m tools.settings_table [--check]

The table sits between two marker comments; the rest of the guide is left as
it is. ``--check`` writes nothing and exits non-zero when the table differs
from the one :func:`longgang_api.settings.markdown_table` renders.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from longgang_api.settings import markdown_table

#: The guide that holds the table (``api/longgang_api/guides`` links to its folder).
GUIDE = Path(__file__).resolve().parents[1] / "docs" / "running.md"
BEGIN = "<!-- settings: written from longgang_api.settings.Settings by `make docs` -->\n"
END = "<!-- end of settings -->\n"


class NoTable(ValueError):
    """The guide lacks the marker comments, or has them out of order."""


def table_in(text: str) -> str:
    """The text between the markers of ``text``."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise NoTable(f"the guide has no {BEGIN.strip()} … {END.strip()} block")
    return text[start + len(BEGIN) : end]


def with_table(text: str, table: str) -> str:
    """``text`` with ``table`` between its markers."""
    current = table_in(text)
    start = text.index(BEGIN) + len(BEGIN)
    return text[:start] + table + text[start + len(current) :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.settings_table")
    parser.add_argument("--check", action="store_true", help="fail if the table is stale")
    parser.add_argument("--guide", type=Path, default=GUIDE)
    args = parser.parse_args(argv)
    text = args.guide.read_text()
    try:
        current = table_in(text)
    except NoTable as error:
        print(f"{args.guide}: {error}", file=sys.stderr)
        return 1
    # A blank line ends the table before the closing marker.
    table = markdown_table() + "\n"
    if args.check:
        if current != table:
            print(f"{args.guide}: the table of settings is stale: run `make docs`", file=sys.stderr)
            return 1
        return 0
    if current != table:
        args.guide.write_text(with_table(text, table))
        print(f"wrote the table of settings in {args.guide}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
