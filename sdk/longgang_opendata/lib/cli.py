"""The ``longgang-opendata`` command line: list, get, search and download.

    longgang-opendata list observations --filter period=2024 --filter kind=target
    longgang-opendata get indicators gdp-growth --lang en
    longgang-opendata search 公园 --format json
    longgang-opendata download longgang-2024.sqlite -o data.sqlite

Exit status: 0 on success; 2 for bad usage (arguments, an id that is not one, a malformed base
URL), caught before any request; 1 for any other error: an error answer, an API that cannot be
reached, an answer that is not the API's or outgrows the client's bounds. An error is one line on
stderr, with whatever text came from the server stripped of control characters.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import io
import math
import sys
import typing
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import httpx
import msgspec

from longgang_opendata._base_client import DEFAULT_DEADLINE, path_segment
from longgang_opendata._client import Client
from longgang_opendata._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    LonggangOpenDataError,
)
from longgang_opendata._resources import MAX_LIMIT
from longgang_opendata._version import __version__
from longgang_opendata.lib.download import download_to
from longgang_opendata.lib.resources import item_model
from longgang_opendata.lib.tables import (
    Column,
    Table,
    localized,
    model_table,
    observations_table,
)
from longgang_opendata.types import Observation

__all__ = ["main"]

COLLECTIONS = (
    "indicators",
    "observations",
    "projects",
    "glossary",
    "sections",
    "targets",
    "promises",
)
#: Columns a list shows as a table (after ``--lang`` picks one of each zh/en pair); every column
#: goes to CSV and JSON.
TABLE_COLUMNS = {
    "IndicatorDetail": ("id", "name", "category", "unit", "headline"),
    "Observation": (
        "id",
        "indicator_name",
        "period",
        "kind",
        "value",
        "unit",
        "qualifier",
        "note",
    ),
    "Project": ("id", "name", "category"),
    "GlossaryTerm": ("number", "id", "term"),
    "Section": ("id", "kind", "number", "heading"),
    "SearchHit": ("kind", "id", "title"),
}
MAX_CELL = 48


class UsageError(Exception):
    """Bad input caught before any request."""


def _parser() -> argparse.ArgumentParser:
    # Options are accepted before or after the command: SUPPRESS keeps a later default from
    # overwriting an earlier value.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--base-url",
        default=argparse.SUPPRESS,
        help="root of the API (default: $LONGGANG_OPENDATA_BASE_URL or http://127.0.0.1:8000)",
    )
    common.add_argument(
        "--deadline",
        type=_seconds,
        default=argparse.SUPPRESS,
        metavar="SECONDS",
        help=f"longest a request may take, retries included (default: {DEFAULT_DEADLINE:g})",
    )
    # A download is bytes as the server sends them: the output options would do nothing there.
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default=argparse.SUPPRESS,
        help="output format (default: table)",
    )
    output.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=argparse.SUPPRESS,
        help="language of the names a table shows (default: zh, the source's)",
    )
    parser = argparse.ArgumentParser(
        prog="longgang-opendata",
        description="Query the Longgang Open Data API. English names are unofficial translations.",
        parents=[common, output],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    queries = [common, output]
    listing = commands.add_parser("list", parents=queries, help="every record of a collection")
    listing.add_argument("collection", choices=COLLECTIONS)
    listing.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a filter of the list, e.g. period=2024; repeat a name for any of several values",
    )
    getting = commands.add_parser("get", parents=queries, help="one record by id")
    getting.add_argument("collection", choices=COLLECTIONS)
    getting.add_argument("id")
    searching = commands.add_parser("search", parents=queries, help="search every collection")
    searching.add_argument("q")
    searching.add_argument(
        "--kind",
        action="append",
        type=_kind,
        help="only hits of this kind (indicator, project, glossary, section, or the plural "
        "names of list and get); repeat for several",
    )
    downloading = commands.add_parser("download", parents=[common], help="a bulk file")
    downloading.add_argument("name", choices=_download_names() or None)
    downloading.add_argument(
        "-o", "--output", help="file to write (default: NAME in this folder; '-' for stdout)"
    )
    downloading.add_argument(
        "--progress", action="store_true", help="show a progress bar even when not on a terminal"
    )
    downloading.add_argument("--bom", action="store_true", help="CSV with a byte order mark")
    return parser


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return seconds


def _kind(text: str) -> str:
    """A search kind; the plural collection names of ``list`` and ``get`` name their kind too.

    Any other word goes to the API as it is, which answers what it accepts.
    """
    return text.removesuffix("s") if text in COLLECTIONS else text


def _download_names() -> tuple[str, ...]:
    """The file names the API's document lists (a Literal in the generated signature)."""
    hints = typing.get_type_hints(Client.download)
    return tuple(str(v) for v in typing.get_args(hints.get("name")))


def _filters(resource: Any, pairs: Sequence[str]) -> dict[str, Any]:
    allowed = [
        name
        for name, parameter in inspect.signature(resource.list).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    filters: dict[str, list[str]] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        name = name.strip()
        if not equals or not name:
            raise UsageError(f"--filter takes NAME=VALUE, got {pair!r}")
        if name not in allowed:
            raise UsageError(f"unknown filter {name!r}; this list takes: {', '.join(allowed)}")
        filters.setdefault(name, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in filters.items()}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def printable(text: str) -> str:
    """``text`` on one line without control characters, safe to show on a terminal.

    Text from the server (a problem's detail, a record's name) could carry escape sequences
    that recolour, retitle or rewrite the terminal; they are dropped, line breaks become spaces.
    """
    return "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or not unicodedata.category(char).startswith("C")
    )


def _clip(text: str, limit: int) -> str:
    text = " ".join(printable(text).split())
    if _width(text) <= limit:
        return text
    out = ""
    for char in text:
        if _width(out + char) > limit - 1:
            break
        out += char
    return out + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render_table(table: Table, names: Sequence[str] | None) -> str:
    picked = [c.name for c in table.columns if names is None or c.name in names]
    if names is not None:
        picked.sort(key=list(names).index)
    index = [[c.name for c in table.columns].index(n) for n in picked]
    cells = [[_clip(_cell(row[i]), MAX_CELL) for i in index] for row in table.rows]
    widths = [max([_width(n), *(_width(r[k]) for r in cells)]) for k, n in enumerate(picked)]
    lines = ["  ".join(_pad(n, w) for n, w in zip(picked, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def render_record(table: Table) -> str:
    """One record as ``field  value`` lines."""
    width = max(_width(c.name) for c in table.columns)
    row = table.rows[0]
    return "".join(
        f"{_pad(c.name, width)}  {printable(_cell(v))}\n"
        for c, v in zip(table.columns, row, strict=True)
    )


def render_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([[_cell(v) for v in row] for row in table.rows])
    return buffer.getvalue()


def _json(value: object) -> str:
    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode() + "\n"


class _ProgressBar:
    """Progress of a download on stderr, in bytes received (compressed when the answer is).

    On a terminal, one line redrawn in place; elsewhere (a log, a pipe) a line of its own at
    every tenth, so that the updates never run together on one line.
    """

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name
        self._redraw = stream.isatty()
        self._shown = -1
        self.received = 0

    def __call__(self, received: int, total: int | None) -> None:
        self.received = received
        if not total:
            if self._redraw:
                self._write(f"{self._name} {received:,} bytes received")
            return
        percent = min(100, received * 100 // total)
        step = percent if self._redraw else percent - percent % 10
        if step == self._shown:
            return
        self._shown = step
        bar = "#" * (percent // 4) + "." * (25 - percent // 4)
        self._write(f"{self._name} [{bar}] {percent:3d}% {received:,}/{total:,} bytes received")

    def _write(self, line: str) -> None:
        self._stream.write(f"\r{line}" if self._redraw else f"{line}\n")
        self._stream.flush()

    def close(self) -> None:
        if self._redraw:
            self._stream.write("\n")
            self._stream.flush()


def _output_table(
    rows: list[Any], model: type[msgspec.Struct], table: Table, args: argparse.Namespace
) -> str:
    if args.format == "json":
        return _json(rows)
    if args.format == "csv":
        return render_csv(table)
    shown = localized(table, args.lang)
    if model is Observation:
        shown = with_statements(shown)
    return render_table(shown, TABLE_COLUMNS.get(model.__name__))


def with_statements(table: Table) -> Table:
    """Observations whose ``value`` cell shows the statement of a qualitative one, or "—".

    A qualitative observation has no number: its ``status`` says what the report states.
    """
    names = [c.name for c in table.columns]
    value, status = names.index("value"), names.index("status")
    rows = [list(row) for row in table.rows]
    for row in rows:
        if row[value] is None:
            row[value] = row[status] or "—"
    columns = [Column("value", "any", c.path) if c.name == "value" else c for c in table.columns]
    return Table(columns, rows)


def _observations_of(record: object, lang: str) -> str:
    """The observations a record holds (an indicator's), as a table below its fields."""
    observations = getattr(record, "observations", None)
    if not observations:
        return ""
    table = with_statements(localized(model_table(observations, Observation), lang))
    names = [c.name for c in table.columns]
    at = {name: names.index(name) for name in ("value", "unit", "qualifier")}
    rows = []
    for row in table.rows:
        row = list(row)
        if isinstance(row[at["value"]], int | float):
            # The value as the report writes it: its unit, and its qualifier (at_least …).
            shown = f"{_cell(row[at['value']])} {row[at['unit']] or ''}".rstrip()
            qualifier = row[at["qualifier"]]
            row[at["value"]] = f"{shown} ({qualifier})" if qualifier else shown
        rows.append(row)
    shown_table = Table(table.columns, rows)
    return "\nobservations\n" + render_table(shown_table, ("period", "kind", "value", "note"))


def _run(args: argparse.Namespace, client: Client, stdout: TextIO, stderr: TextIO) -> int:
    if args.command == "list":
        resource = getattr(client, args.collection)
        filters = _filters(resource, args.filter)
        page = resource.list(**{"limit": MAX_LIMIT, **filters})
        rows = list(page)
        model = item_model(page._page_type)
        if args.collection == "observations" and args.format != "json":
            # Indicator names in one more walk, not one request per row.
            table = observations_table(rows, client.indicators.list(limit=MAX_LIMIT))
        else:
            table = model_table(rows, model)
        stdout.write(_output_table(rows, model, table, args))
    elif args.command == "get":
        record = _getter(client, args.collection)(args.id)
        table = model_table([record], type(record))
        if args.format == "json":
            stdout.write(_json(record))
        elif args.format == "csv":
            stdout.write(render_csv(table))
        else:
            stdout.write(render_record(localized(table, args.lang)))
            stdout.write(_observations_of(record, args.lang))
    elif args.command == "search":
        page = client.search(q=args.q, kind=args.kind, limit=MAX_LIMIT)
        rows = list(page)
        model = item_model(page._page_type)
        stdout.write(_output_table(rows, model, model_table(rows, model), args))
    else:
        return _download(args, client, stdout, stderr)
    return 0


def _download(args: argparse.Namespace, client: Client, stdout: TextIO, stderr: TextIO) -> int:
    show = args.progress or stderr.isatty()
    bar = _ProgressBar(stderr, args.name) if show else None
    bom = True if args.bom else None
    try:
        if args.output == "-":
            buffer = getattr(stdout, "buffer", None)
            if buffer is None:
                raise UsageError("standard output takes no bytes here; use -o FILE")
            size = download_to(client, args.name, buffer, bom=bom, progress=bar)
            buffer.flush()
            return 0
        target = Path(args.output or args.name)
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("wb") as file:
                size = download_to(client, args.name, file, bom=bom, progress=bar)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(target)  # a failed download never leaves a file under the final name
    finally:
        if bar is not None:
            bar.close()
    received = f" ({bar.received:,} bytes received)" if bar and bar.received != size else ""
    stderr.write(f"wrote {size:,} bytes to {target}{received}\n")
    return 0


def _getter(client: Client, collection: str) -> Any:
    """The ``get`` of a collection; one without records by id is bad usage, not a traceback."""
    get = getattr(getattr(client, collection), "get", None)
    if get is None:
        raise UsageError(
            f"{collection} has no get by id in this version of the API; "
            f"use: list {collection} --filter NAME=VALUE"
        )
    return get


def _client(args: argparse.Namespace, http_client: httpx.Client | None) -> Client:
    """The client the arguments ask for; a malformed base URL is bad usage."""
    bounds = {} if args.deadline is None else {"deadline": args.deadline}
    try:
        return Client(base_url=args.base_url, http_client=http_client, **bounds)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _check_ids(args: argparse.Namespace, client: Client) -> None:
    """An id that is not one path segment is bad usage, refused before any request."""
    try:
        if args.command == "get":
            get = _getter(client, args.collection)
            path_segment(args.id, next(iter(inspect.signature(get).parameters)))
        elif args.command == "download":
            path_segment(args.name, "name")
    except ValueError as error:
        raise UsageError(str(error)) from None


def _message(error: LonggangOpenDataError | OSError, base_url: str) -> str:
    if isinstance(error, APIStatusError):
        return f"the API answered {error.status_code}: {error.detail}"
    if isinstance(error, APIConnectionError) and not isinstance(error, APITimeoutError):
        return f"cannot reach {base_url}: {error}"
    return str(error)


def _fail(stderr: TextIO, prog: str, message: str, status: int) -> int:
    stderr.write(f"{prog}: error: {printable(message)}\n")
    return status


def main(
    argv: Sequence[str] | None = None,
    *,
    http_client: httpx.Client | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; return its exit status. ``http_client`` serves tests in-process."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    args = parser.parse_args(argv)
    for name, default in (("format", "table"), ("lang", "zh"), ("base_url", None),
                          ("deadline", None)):  # fmt: skip
        if not hasattr(args, name):
            setattr(args, name, default)
    prog = parser.prog
    try:
        client = _client(args, http_client)
    except UsageError as error:
        return _fail(err, prog, str(error), 2)
    try:
        with client:
            _check_ids(args, client)
            return _run(args, client, out, err)
    except UsageError as error:
        return _fail(err, prog, str(error), 2)
    except (LonggangOpenDataError, OSError) as error:
        return _fail(err, prog, _message(error, client.base_url), 1)


if __name__ == "__main__":
    raise SystemExit(main())
