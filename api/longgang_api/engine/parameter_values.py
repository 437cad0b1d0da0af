"""How the text of an integer or a boolean query parameter is written: one grammar for all.

msgspec, which reads query text for the framework and for the direct lists,
reads it leniently: ``1e2`` and ``5.0`` are integers to it, ``1``, ``0`` and
``TRUE`` booleans. The API takes one spelling of each value instead, on every
path (the direct lists, the routed operations, the pages):

- an integer is written in the ASCII digits ``0``–``9`` alone, without sign,
  leading zero, point, exponent or space; its declared range is checked after;
- a boolean is ``true`` or ``false``.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Annotated, Any, Literal, Union

#: The kinds of value this grammar reads.
Kind = Literal["integer", "boolean"]

#: ``[0-9]``, not ``\d``, which matches every script's digits.
_INTEGER = re.compile(r"0|[1-9][0-9]*")
_BOOLEANS = {"true": True, "false": False}

#: How each kind is written, in the words of a 400's detail.
WRITTEN: dict[Kind, str] = {
    "integer": "written in the digits 0-9 alone (no sign, leading zero, point, exponent or space)",
    "boolean": "true or false",
}


def kind_of(annotation: Any) -> Kind | None:
    """The kind of one value of a parameter so annotated, None when it is neither.

    Metadata, ``None`` and the list of a repeatable parameter are looked through.
    """
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return kind_of(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds = {kind_of(a) for a in typing.get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    if origin in (list, tuple):
        return kind_of(typing.get_args(annotation)[0])
    if annotation is bool:
        return "boolean"
    if annotation is int:
        return "integer"
    return None


def is_written(kind: Kind, text: str) -> bool:
    """Whether ``text`` is a value of ``kind`` as the grammar writes it."""
    if kind == "boolean":
        return text in _BOOLEANS
    return _INTEGER.fullmatch(text) is not None


def read(kind: Kind, text: str) -> int | bool | None:
    """The value ``text`` writes, or None when it is not written in the grammar."""
    if kind == "boolean":
        return _BOOLEANS.get(text)
    if _INTEGER.fullmatch(text) is None:
        return None
    try:
        return int(text)
    except ValueError:  # more digits than Python converts: no range holds it anyway
        return None
