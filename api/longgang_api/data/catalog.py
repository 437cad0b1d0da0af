"""The built DCAT-AP catalogue with the server's public root declared as its base.

The build writes the catalogue's IRIs relative to the API's root, so its
bytes do not depend on where it is served. The one change the server makes
to them is to declare ``PUBLIC_BASE_URL`` as the base those IRIs resolve
against: a leading ``@base`` line in Turtle, and ``"@base"`` as the first
entry of JSON-LD's inline ``@context``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from longgang_api.data.artifact import ArtifactError
from longgang_api.data.built import CATALOG_JSONLD, CATALOG_TURTLE, BuiltFiles

#: How every built JSON-LD catalogue begins: the base goes in right after it.
JSONLD_HEAD = b'{\n  "@context": {\n'


@dataclass(frozen=True, slots=True)
class Catalog:
    """The catalogue as served, in each format."""

    turtle: bytes
    jsonld: bytes


def _base(public_base_url: str) -> str:
    # Relative IRIs resolve against the base's last "/": the root must end with one.
    return public_base_url.rstrip("/") + "/"


def turtle_with_base(built: bytes, public_base_url: str) -> bytes:
    return f"@base <{_base(public_base_url)}> .\n".encode() + built


def jsonld_with_base(built: bytes, public_base_url: str) -> bytes:
    if not built.startswith(JSONLD_HEAD):
        raise ArtifactError("the built JSON-LD catalogue does not open with its inline @context")
    entry = f'    "@base": {json.dumps(_base(public_base_url))},\n'.encode()
    return JSONLD_HEAD + entry + built[len(JSONLD_HEAD) :]


def served_catalog(files: BuiltFiles, public_base_url: str) -> Catalog:
    return Catalog(
        turtle=turtle_with_base(files[CATALOG_TURTLE], public_base_url),
        jsonld=jsonld_with_base(files[CATALOG_JSONLD], public_base_url),
    )
