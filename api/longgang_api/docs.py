"""``/openapi.json`` (the committed document) and ``/docs`` (served locally)."""

from __future__ import annotations

from pathlib import Path

from litestar import Controller, Response, get

from longgang_api.build import REPO_ROOT

OPENAPI_PATH = REPO_ROOT / "openapi" / "v1.json"


class DocsController(Controller):
    path = "/"
    include_in_schema = False

    @get("/openapi.json", include_in_schema=False)
    async def openapi_document(self) -> Response[bytes]:
        return Response(
            content=Path(OPENAPI_PATH).read_bytes(),
            media_type="application/vnd.oai.openapi+json",
        )
