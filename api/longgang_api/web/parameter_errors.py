"""Parameter errors of the framework's handlers in words: the parameter, what was wrong,
what is accepted.

The lists read their own parameters (:mod:`longgang_api.engine.list_request`); a few
other handlers take one (a download's ``bom``, a record's id in its path), and
Litestar checks those against the handler's signature and words its refusals
like a parser (a type name). The detail a client reads here says instead
which value of which parameter was refused and what the parameter accepts, in
the words of the lists' parser (:func:`longgang_api.engine.list_request.accepted_form`).

Before the framework reads a handler's parameters, an integer or a boolean
not written in the API's one grammar (:mod:`longgang_api.engine.parameter_values`)
is refused here: the framework's own reading would take ``1e2`` or ``1``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from litestar import Request, Response
from litestar.exceptions import ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.params import ParameterKwarg, PathParameter
from litestar.typing import FieldDefinition

from longgang_api.engine.list_request import (
    Parameter,
    query_items,
    refusal,
)
from longgang_api.engine.list_request import accepted_form as list_accepted_form
from longgang_api.engine.parameter_values import Kind, is_written, kind_of
from longgang_api.engine.query_error import QueryError
from longgang_api.web.problems import problem_response

_MISSING = re.compile(r"Missing required \w+ parameter '([^']+)'")
_CONSTRAINTS = ("ge", "le", "min_length", "max_length", "pattern")


def accepted_form(field: FieldDefinition, *, spelling: bool = False) -> str:
    """What a handler's parameter accepts, in the words of the lists' declarations."""
    kwarg = field.kwarg_definition
    bounds = {n: getattr(kwarg, n) for n in _CONSTRAINTS if getattr(kwarg, n, None) is not None}
    declared = Parameter(field.name, field.raw, "", **bounds)
    return list_accepted_form(declared, spelling=spelling)


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
    return name, refusal(name, values, form)


def _form(request: Request[Any, Any, Any], name: str, *, spelling: bool = False) -> str:
    """What the parameter ``name`` of the request's operation accepts, in words."""
    field = _field(request, name)
    return accepted_form(field, spelling=spelling) if field else "as documented"


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
            raise QueryError(name, refusal(name, [text], form))


def handle_validation(
    request: Request[Any, Any, Any], error: ValidationException
) -> Response[bytes]:
    """The exception handler of parameter errors: a 400 problem that names the fix."""
    parameter, detail = explain(request, error)
    return problem_response(400, detail, parameter)
