"""A list request read from its raw query string and ``Accept``: one pure parser.

Every query parameter of a list is declared once, here, as a :class:`Parameter`
(the filters come from the list's :class:`~longgang_api.engine.declarations.Listing`):
the handlers' signatures and so the OpenAPI document are made from these
declarations, and :class:`ListParser` reads a request with them — types,
bounds, patterns and lengths, integers and booleans in the API's one grammar
(:mod:`longgang_api.engine.parameter_values`), unknown and repeated names. A refusal
is a :class:`~longgang_api.engine.query_error.QueryError` worded from the declaration:
which value of which parameter, and what the parameter accepts.

The checks run in a fixed order, so that a request with several faults is told
of the same one on every path:

1. integers and booleans not written in the grammar, in the order written;
2. each parameter's value, in the order declared (of a single-valued parameter
   given twice, the last value is the one checked);
3. unknown names and repeats of single-valued ones (blank values left out);
4. the representation, by ``format`` or else by ``Accept``.

What the dataset decides (ids, years, cursors, sortable fields) the query
engine checks after (:func:`~longgang_api.engine.query.build_query`). The HTML page
of a list is read the same way (:meth:`ListParser.parse_page`): its parameters
(no ``format``, no ``bom``), then ``lang`` before the names, which count there
blank or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin
from urllib.parse import unquote

import msgspec

from longgang_api.engine.declarations import Listing, Q, Text
from longgang_api.engine.parameter_values import WRITTEN, Kind, kind_of, read
from longgang_api.engine.query import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Q_PATTERN,
    Collection,
    Scalar,
    canonical,
    parse_sort,
)
from longgang_api.engine.query_error import QueryError
from longgang_api.engine.suggestions import did_you_mean
from longgang_api.web.representation import Format, negotiate

#: The representations of a list.
FORMATS: tuple[Format, ...] = ("json", "csv", "ndjson")
#: Longest part of a refused value repeated in a detail.
_SHOWN = 40
#: The bounds a parameter's declaration may set, as msgspec names them.
_BOUNDS = ("ge", "le", "min_length", "max_length", "pattern")
#: Texts whose reading each parameter remembers (most parameters take few values).
_REMEMBERED = 4096


@dataclass(frozen=True, slots=True)
class Parameter:
    """A query parameter of a list: its name, the type of one value, its bounds and text."""

    name: str
    #: The type of one value (``int``, ``bool``, ``str``, a ``Literal`` …).
    type: Any
    description: str
    #: Given any number of times (a filter: any of the values).
    repeatable: bool = False
    required: bool = False
    default: Any = None
    ge: int | None = None
    le: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    #: What the parameter accepts, in words, where its type does not say it.
    accepts: str | None = None

    @property
    def bounds(self) -> dict[str, Any]:
        named = {name: getattr(self, name) for name in _BOUNDS}
        return {name: value for name, value in named.items() if value is not None}


def sort_parameter(fields: Iterable[str]) -> Parameter:
    """The ``sort`` parameter of a list, its pattern naming exactly the sortable fields."""
    names = sorted(fields)
    one = "-?(?:" + "|".join(names) + ")"
    return Parameter(
        "sort",
        str,
        "Comma-separated fields to sort by, '-' before a field for descending: "
        + ", ".join(names)
        + ". The record id always closes the order, so pages are stable.",
        max_length=200,
        pattern=f"^{one}(?:,{one})*$",
        accepts=(
            "comma-separated sortable fields, each with '-' before it for descending "
            f"(sortable fields: {', '.join(names)})"
        ),
    )


LIMIT = Parameter(
    "limit",
    int,
    f"Records per page (1–{MAX_LIMIT}); JSON pages hold {DEFAULT_LIMIT} without it. "
    "CSV and NDJSON without limit answer every matching record in one streamed "
    "answer; with limit they page like JSON, the next page in the Link header.",
    default=DEFAULT_LIMIT,
    ge=1,
    le=MAX_LIMIT,
)
CURSOR = Parameter(
    "cursor",
    str,
    "Opaque cursor from the previous page's next_cursor; valid for the same query.",
    min_length=1,
    max_length=64,
    pattern=r"^[A-Za-z0-9_-]+$",
    accepts="the next_cursor of a page of this same query, unchanged",
)
FORMAT = Parameter(
    "format",
    Literal["auto", "json", "csv", "ndjson"],
    "Representation; 'auto' (the default) chooses by the Accept header.",
    default="auto",
)
BOM = Parameter(
    "bom", bool, "With CSV: prepend the UTF-8 byte order mark (for Excel).", default=False
)


def text_parameter(name: str, text: Text, *, required: bool) -> Parameter:
    """A text parameter (``q``) from its declaration."""
    return Parameter(
        name,
        str,
        text.description,
        required=required,
        min_length=text.min_length,
        max_length=text.max_length,
        pattern=text.pattern,
    )


def filter_parameters(listing: Listing[Any]) -> list[Parameter]:
    """The declared filters: each optional and repeatable."""
    return [Parameter(f.name, f.type, f.description, repeatable=True) for f in listing.filters]


def list_parameters(listing: Listing[Any]) -> list[Parameter]:
    """The query parameters of a list: its declared filters, then those every list shares.

    A required ``q`` comes first (the order of the handler's signature).
    """
    q = text_parameter("q", listing.q, required=listing.q_required)
    shared = [sort_parameter(listing.sorts), LIMIT, CURSOR, FORMAT, BOM]
    filters = filter_parameters(listing)
    return [q, *filters, *shared] if listing.q_required else [*filters, q, *shared]


def accepted_form(parameter: Parameter, choices: Iterable[str] = (), *, spelling: bool) -> str:
    """What a parameter accepts, in words: ``true or false``, ``one of: a, b`` …

    ``choices`` are the values the dataset allows (its years), which the type
    does not say. ``spelling`` adds how a whole number is written, for a value
    refused for its spelling.
    """
    if parameter.accepts is not None:
        return parameter.accepts
    listed = sorted(choices)
    if listed:
        return "one of: " + ", ".join(listed)
    leaf, bounds = _leaf(parameter.type, parameter.bounds)
    if leaf is bool:
        return WRITTEN["boolean"]
    if get_origin(leaf) is Literal:
        return "one of: " + ", ".join(str(value) for value in get_args(leaf))
    if leaf is int:
        low, high = bounds.get("ge"), bounds.get("le")
        if low is not None and high is not None:
            number = f"a whole number from {low} to {high}"
        else:
            number = "a whole number" + (f" of at least {low}" if low is not None else "")
        return f"{number}, {WRITTEN['integer']}" if spelling else number
    if bounds.get("pattern") == Q_PATTERN:
        return "text without control characters" + _length(bounds)
    return "text" + _length(bounds)


def _leaf(annotation: Any, bounds: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The type of one value (options, lists and metadata removed) and the bounds it sets."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        found = dict(bounds)
        for meta in metadata:
            if isinstance(meta, msgspec.Meta):
                for name in _BOUNDS:
                    if getattr(meta, name) is not None:
                        found.setdefault(name, getattr(meta, name))
        return _leaf(base, found)
    if origin in (Union, UnionType):
        kept = [a for a in get_args(annotation) if a is not type(None)]
        return _leaf(kept[0], bounds) if len(kept) == 1 else (annotation, bounds)
    if origin in (list, tuple):
        return _leaf(get_args(annotation)[0], bounds)
    return annotation, bounds


def _length(bounds: Mapping[str, Any]) -> str:
    low, high = bounds.get("min_length"), bounds.get("max_length")
    if low and high:
        return f" of {low} to {high} characters"
    if high:
        return f" of at most {high} characters"
    if low:
        return f" of at least {low} characters"
    return ""


def refusal(name: str, values: Sequence[str], form: str) -> str:
    """The detail of a refused value: the value (the first not blank) and what is accepted."""
    value = next((v for v in values if v), values[0] if values else "")
    shown = repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "…")
    return f"{name}={shown} is not accepted; {name} must be {form}"


def check_names(
    items: Iterable[tuple[str, str]],
    allowed: frozenset[str],
    repeatable: frozenset[str],
    *,
    answers: str | None = None,
) -> None:
    """:func:`check_single` of parameters already read from the query string."""
    seen: set[str] = set()
    for name, _ in items:
        if name not in allowed:
            if not allowed:
                only = f" and answers {answers} only" if answers else ""
                raise QueryError(
                    name,
                    f"unknown query parameter {name!r}: this resource takes no query parameters"
                    f"{only}; remove it",
                )
            known = ", ".join(sorted(allowed))
            raise QueryError(name, f"unknown query parameter {name!r}; accepted here: {known}")
        if name in seen and name not in repeatable:
            raise QueryError(name, f"query parameter {name!r} may be given only once")
        seen.add(name)


def query_items(query_string: bytes, *, keep_blank: bool = False) -> list[tuple[str, str]]:
    """The parameters of a raw query string, in the order written.

    What ``urllib.parse.parse_qsl`` (the framework's reader) returns for the
    string read as Latin-1, blank values kept or not, without its generic
    steps: most names and values hold nothing to unquote. The order written,
    not the framework's multi-dict order (which follows string hashes and so
    differs between worker processes), orders a next page's ``Link``.
    """
    items: list[tuple[str, str]] = []
    for part in query_string.decode("latin-1").split("&"):
        name, _, value = part.partition("=")
        if not part or not (value or keep_blank):
            continue
        items.append((_unquoted(name), _unquoted(value)))
    return items


def _unquoted(text: str) -> str:
    if "%" in text or "+" in text:
        return unquote(text.replace("+", " "))
    return text


class _Refused(Exception):
    """A value its parameter does not take."""


@dataclass(slots=True)
class _Reader:
    """How one parameter's text is read: the grammar, then the type and its bounds."""

    parameter: Parameter
    kind: Kind | None
    checked: Any
    _seen: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, parameter: Parameter) -> _Reader:
        bounds = parameter.bounds
        checked = Annotated[parameter.type, msgspec.Meta(**bounds)] if bounds else parameter.type
        return cls(parameter, kind_of(parameter.type), checked)

    def value(self, text: str) -> Any:
        try:
            return self._seen[text]
        except KeyError:
            pass
        written: Any = text if self.kind is None else read(self.kind, text)
        try:
            value = msgspec.convert(written, self.checked, strict=False)
        except msgspec.ValidationError:
            raise _Refused from None
        if len(self._seen) >= _REMEMBERED:
            self._seen.clear()
        self._seen[text] = value
        return value


@dataclass(frozen=True, slots=True)
class ListRequest:
    """A list request as read: every parameter's value, and the representation chosen."""

    #: Each filter's values, None where not given.
    filters: dict[str, list[Scalar] | None]
    q: str | None
    sort: str | None
    limit: int
    #: Whether ``limit`` was given: as CSV or NDJSON without it, the answer is every record.
    limit_given: bool
    cursor: str | None
    #: The parameters as written, blank values left out (the next page's link, the ETag).
    items: tuple[tuple[str, str], ...]
    #: ``format`` when given, None when the representation is chosen by ``Accept``.
    format: Format | None = None
    bom: bool = False
    #: The representation of a ``/v1`` list; None for a list page (HTML).
    representation: Format | None = None
    #: A list page's ``lang`` when given.
    lang: str | None = None


#: The languages of the pages, as ``lang`` names them.
LANGUAGES = ("zh", "en")


def read_lang(given: Sequence[str]) -> str | None:
    """A page's ``lang`` (None when not given); a repeat or another value is refused."""
    if len(given) > 1:
        raise QueryError("lang", "query parameter 'lang' may be given only once")
    if not given:
        return None
    if given[0] in LANGUAGES:
        return given[0]
    raise QueryError("lang", f"lang must be 'zh' (中文) or 'en' (English), not {given[0]!r}")


def page_parameters(listing: Listing[Any]) -> list[Parameter]:
    """The query parameters of a list's page besides ``lang``: no ``format``, no ``bom``.

    A page without q shows its form, even where the API requires q (search).
    """
    q = text_parameter("q", Q if listing.q_required else listing.q, required=False)
    return [*filter_parameters(listing), q, sort_parameter(listing.sorts), LIMIT, CURSOR]


class ListParser:
    """Reads the requests of one list, by its declared parameters and its collection's values.

    ``page`` reads the requests of the list's page instead: its parameters, and ``lang``.
    """

    def __init__(
        self, listing: Listing[Any], collection: Collection[Any], *, page: bool = False
    ) -> None:
        self.listing = listing
        self.collection = collection
        declared = page_parameters(listing) if page else list_parameters(listing)
        self._readers = {p.name: _Reader.of(p) for p in declared}
        self._allowed = frozenset(self._readers) | ({"lang"} if page else set())
        self._repeatable = frozenset(p.name for p in filter_parameters(listing))
        self._choices = {
            name: [canonical(v) for v in values] for name, values in collection.choices.items()
        }

    def parse(self, query_string: bytes, accept: str | None) -> ListRequest:
        """The request ``query_string`` and ``Accept`` make; raises QueryError or NotAcceptable."""
        items, given, values = self._read(query_string)
        written = tuple((name, text) for name, text in items if text)
        check_names(written, self._allowed, self._repeatable)
        chosen: Format | None = None if values["format"] == "auto" else values["format"]
        return self._request(
            values, given, written, format=chosen, bom=values["bom"],
            representation=negotiate(accept, chosen, FORMATS),
        )  # fmt: skip

    def parse_page(self, query_string: bytes) -> ListRequest:
        """The request of the list's page; raises QueryError.

        ``lang`` is read after the other parameters, and every name counts, blank or not.
        """
        items, given, values = self._read(query_string)
        lang = read_lang(given.get("lang", ()))
        check_names(items, self._allowed, self._repeatable)
        written = tuple((name, text) for name, text in items if text)
        return self._request(values, given, written, lang=lang)

    def _read(
        self, query_string: bytes
    ) -> tuple[list[tuple[str, str]], dict[str, list[str]], dict[str, Any]]:
        """The parameters as written, their texts by name, and each declared one's value."""
        items = query_items(query_string, keep_blank=True)
        readers = self._readers
        for name, text in items:
            reader = readers.get(name)
            if reader is not None and reader.kind is not None and read(reader.kind, text) is None:
                raise QueryError(name, refusal(name, [text], self._form(reader, spelling=True)))
        given: dict[str, list[str]] = {}
        for name, text in items:
            given.setdefault(name, []).append(text)
        values = {name: self._value(reader, given.get(name)) for name, reader in readers.items()}
        return items, given, values

    def _request(
        self,
        values: Mapping[str, Any],
        given: Mapping[str, list[str]],
        written: tuple[tuple[str, str], ...],
        **rest: Any,
    ) -> ListRequest:
        return ListRequest(
            filters={f.name: values[f.name] for f in self.listing.filters},
            q=values["q"],
            sort=values["sort"],
            limit=values["limit"],
            limit_given="limit" in given,
            cursor=values["cursor"],
            items=written,
            **rest,
        )

    def _value(self, reader: _Reader, texts: list[str] | None) -> Any:
        parameter = reader.parameter
        name = parameter.name
        if not texts:
            if parameter.required:
                form = self._form(reader, spelling=False)
                raise QueryError(name, f"query parameter {name!r} is required; it must be {form}")
            return parameter.default
        try:
            if parameter.repeatable:
                return [reader.value(text) for text in texts]
            return reader.value(texts[-1])
        except _Refused:
            detail = refusal(name, texts, self._form(reader, spelling=False))
            suggestions = self._sort_suggestions(texts) if name == "sort" else ()
            raise QueryError(name, detail + did_you_mean(suggestions), suggestions) from None

    def _form(self, reader: _Reader, *, spelling: bool) -> str:
        choices = self._choices.get(reader.parameter.name, ())
        return accepted_form(reader.parameter, choices, spelling=spelling)

    def _sort_suggestions(self, texts: list[str]) -> tuple[str, ...]:
        """The sortable fields closest to the first field of ``sort`` that is not one."""
        for text in texts:
            try:
                parse_sort(self.collection, text)
            except QueryError as refused:
                return refused.suggestions
        return ()


#: JSON Schema names of the bounds a declaration sets; numbers are written as the
#: document has always written them (``minimum: 1.0``).
_SCHEMA_BOUNDS = {
    "ge": ("minimum", float),
    "le": ("maximum", float),
    "min_length": ("minLength", int),
    "max_length": ("maxLength", int),
    "pattern": ("pattern", str),
}


def _value_schema(annotation: Any, bounds: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one value of a parameter: its type, its choices, its bounds."""
    leaf, found = _leaf(annotation, dict(bounds))
    schema: dict[str, Any]
    if get_origin(leaf) is Literal:
        schema = {"type": "string", "enum": list(get_args(leaf))}
    elif leaf is bool:
        schema = {"type": "boolean"}
    elif leaf is int:
        schema = {"type": "integer"}
    elif leaf is str:
        schema = {"type": "string"}
    else:
        raise TypeError(f"no schema for a query parameter of type {leaf!r}")
    for name, value in found.items():
        key, kind = _SCHEMA_BOUNDS[name]
        schema[key] = kind(value)
    return schema


def openapi_parameter(parameter: Parameter) -> dict[str, Any]:
    """The OpenAPI Parameter Object of a declared query parameter.

    A repeatable parameter is an array in the form style, exploded
    (``kind=a&kind=b``); the description is the parameter's and its schema's.
    """
    described = {"description": parameter.description}
    if parameter.repeatable:
        schema = {
            "type": "array",
            "items": _value_schema(parameter.type, {}),
            **described,
        }
        shape = {"style": "form", "explode": True}
    else:
        schema = {**_value_schema(parameter.type, parameter.bounds), **described}
        if parameter.default is not None:
            schema["default"] = parameter.default
        shape = {}
    return {
        "name": parameter.name,
        "in": "query",
        "required": parameter.required,
        **described,
        "schema": schema,
        **shape,
    }
