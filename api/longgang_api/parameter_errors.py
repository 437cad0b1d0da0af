"""Parameter errors in words: the parameter, what was wrong, what is accepted.

Litestar checks query parameters against a handler's signature and words its
refusals like a parser (a type name, a regular expression). The detail a
client reads here says instead which value of which parameter was refused and
what the parameter accepts — read from the same signature the OpenAPI
document is made from, and from the dataset for the values it decides (years).

Before the framework reads a handler's parameters, an integer or a boolean
not written in the API's one grammar (:mod:`longgang_api.parameter_values`)
is refused here: the framework's own reading would take ``1e2`` or ``1``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import msgspec
from litestar import Request, Response
from litestar.exceptions import ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.params import ParameterKwarg, PathParameter
from litestar.typing import FieldDefinition

from longgang_api.list_request import query_items
from longgang_api.parameter_values import WRITTEN, Kind, is_written, kind_of
from longgang_api.problems import problem_response
from longgang_api.query import Q_PATTERN, Collection, canonical, parse_sort
from longgang_api.query_error import QueryError
from longgang_api.suggestions import did_you_mean

_MISSING = re.compile(r"Missing required \w+ parameter '([^']+)'")
#: Longest part of a refused value repeated in a detail.
_SHOWN = 40
_CONSTRAINTS = ("ge", "le", "min_length", "max_length", "pattern")


def _unwrap(annotation: Any, constraints: dict[str, Any]) -> Any:
    """The type of one value of a parameter: options, lists and metadata removed."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        for meta in metadata:
            if isinstance(meta, msgspec.Meta):
                for name in _CONSTRAINTS:
                    if getattr(meta, name) is not None:
                        constraints.setdefault(name, getattr(meta, name))
        return _unwrap(base, constraints)
    if origin in (Union, type(int | None)):
        kept = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(kept[0], constraints) if len(kept) == 1 else annotation
    if origin in (list, tuple):
        return _unwrap(get_args(annotation)[0], constraints)
    return annotation


def _length(constraints: Mapping[str, Any]) -> str:
    low, high = constraints.get("min_length"), constraints.get("max_length")
    if low and high:
        return f" of {low} to {high} characters"
    if high:
        return f" of at most {high} characters"
    if low:
        return f" of at least {low} characters"
    return ""


def accepted_form(
    field: FieldDefinition,
    choices: Iterable[str] = (),
    sortable: Iterable[str] = (),
    *,
    spelling: bool = False,
) -> str:
    """What a parameter accepts, in words: ``true or false``, ``one of: a, b`` …

    ``choices`` are the values the dataset allows (its years), ``sortable`` the
    fields a list sorts by: neither is in the parameter's type. ``spelling``
    adds how a whole number is written, for a value refused for its spelling.
    """
    fields = ", ".join(sorted(sortable))
    if fields:
        return (
            "comma-separated sortable fields, each with '-' before it for descending "
            f"(sortable fields: {fields})"
        )
    listed = sorted(choices)
    if listed:
        return "one of: " + ", ".join(listed)
    constraints: dict[str, Any] = {}
    kwarg = field.kwarg_definition
    if kwarg is not None:
        for name in _CONSTRAINTS:
            if getattr(kwarg, name, None) is not None:
                constraints[name] = getattr(kwarg, name)
    leaf = _unwrap(field.raw, constraints)
    if leaf is bool:
        return WRITTEN["boolean"]
    if get_origin(leaf) is Literal:
        return "one of: " + ", ".join(str(value) for value in get_args(leaf))
    if leaf is int:
        low, high = constraints.get("ge"), constraints.get("le")
        if low is not None and high is not None:
            number = f"a whole number from {low} to {high}"
        else:
            number = "a whole number" + (f" of at least {low}" if low is not None else "")
        return f"{number}, {WRITTEN['integer']}" if spelling else number
    if field.name == "cursor":
        return "the next_cursor of a page of this same query, unchanged"
    if constraints.get("pattern") == Q_PATTERN:
        return "text without control characters" + _length(constraints)
    return "text" + _length(constraints)


def _shown(values: list[str]) -> str:
    value = next((v for v in values if v), values[0] if values else "")
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "…")


def _field(request: Request[Any, Any, Any], name: str) -> FieldDefinition | None:
    fields = request.route_handler.parsed_fn_signature.parameters
    field = fields.get(name)
    if field is None:
        # Litestar names a parameter by its alias when the Python name differs.
        field = next(
            (f for f in fields.values() if getattr(f.kwarg_definition, "query", None) == name),
            None,
        )
    return field


def _collection(
    request: Request[Any, Any, Any], collections: Mapping[str, Collection[Any]]
) -> Collection[Any] | None:
    """The collection a list request is for, None for any other request."""
    return collections.get(request.url.path.removeprefix("/v1/").strip("/"))


#: Key of the served collections in ``app.state``: the values a parameter error lists.
COLLECTIONS_STATE = "collections"


def explain(request: Request[Any, Any, Any], error: ValidationException) -> tuple[str | None, str]:
    """The parameter a validation error is about and a detail saying how to fix it."""
    extra: Any = error.extra
    name: str | None = None
    if isinstance(extra, list) and extra and isinstance(extra[0], dict) and extra[0].get("key"):
        name = str(extra[0]["key"])
    missing = _MISSING.search(str(error.detail))
    if name is None and missing:
        name = missing.group(1)
    if name is None:
        return None, "the request is not valid; see /docs for the parameters of each operation"
    form = _form(request, name)
    values = request.query_params.getall(name, [])
    if not values:
        return name, f"query parameter {name!r} is required; it must be {form}"
    return name, _refusal(name, values, form)


def _form(request: Request[Any, Any, Any], name: str, *, spelling: bool = False) -> str:
    """What the parameter ``name`` of the request's operation accepts, in words."""
    collections: Mapping[str, Collection[Any]] = request.app.state.get(COLLECTIONS_STATE, {})
    field = _field(request, name)
    collection = _collection(request, collections)
    choices = [canonical(v) for v in collection.choices.get(name, ())] if collection else []
    sortable = collection.sorts if collection is not None and name == "sort" else ()
    return accepted_form(field, choices, sortable, spelling=spelling) if field else "as documented"


def _refusal(name: str, values: list[str], form: str) -> str:
    return f"{name}={_shown(values)} is not accepted; {name} must be {form}"


@functools.lru_cache(maxsize=256)
def _kinds(handler: BaseRouteHandler) -> dict[str, Kind]:
    """The handler's integer and boolean query parameters, by the name a query gives them."""
    kinds: dict[str, Kind] = {}
    for field in handler.parsed_fn_signature.parameters.values():
        kwarg = field.kwarg_definition
        if isinstance(kwarg, PathParameter) or (
            isinstance(kwarg, ParameterKwarg) and (kwarg.header or kwarg.cookie)
        ):
            continue
        kind = kind_of(field.raw)
        if kind is not None:
            query = kwarg.query if isinstance(kwarg, ParameterKwarg) else None
            kinds[query or field.name] = kind
    return kinds


def refuse_unwritten_values(request: Request[Any, Any, Any]) -> None:
    """The app's before-request hook: an integer or a boolean not written in the grammar is a 400.

    It runs before the framework reads the handler's parameters, whose lenient
    reading would take the value; ranges and choices are checked after, by it.
    """
    query = request.scope["query_string"]
    if not query:
        return
    kinds = _kinds(request.route_handler)
    if not kinds:
        return
    for name, text in query_items(query, keep_blank=True):
        kind = kinds.get(name)
        if kind is not None and name not in request.path_params and not is_written(kind, text):
            form = _form(request, name, spelling=True)
            raise QueryError(name, _refusal(name, [text], form))


def handle_validation(
    request: Request[Any, Any, Any], error: ValidationException
) -> Response[bytes]:
    """The exception handler of parameter errors: a 400 problem that names the fix."""
    parameter, detail = explain(request, error)
    suggestions = _sort_suggestions(request) if parameter == "sort" else ()
    if suggestions:
        detail += did_you_mean(suggestions)
    return problem_response(400, detail, parameter, suggestions=suggestions)


def _sort_suggestions(request: Request[Any, Any, Any]) -> tuple[str, ...]:
    """The sortable fields closest to the first field of ``sort`` that is not one."""
    collections: Mapping[str, Collection[Any]] = request.app.state.get(COLLECTIONS_STATE, {})
    collection = _collection(request, collections)
    if collection is None:
        return ()
    for value in request.query_params.getall("sort", []):
        try:
            parse_sort(collection, value)
        except QueryError as refused:
            return refused.suggestions
    return ()
