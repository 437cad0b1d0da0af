"""``/v1/glossary``: the report's glossary (名词解释)."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter

from longgang_api.envelopes import GlossaryPage, GlossaryTerm
from longgang_api.listing import (
    Bom,
    Cursor,
    FormatParam,
    Limit,
    Q,
    find,
    item_response,
    list_response,
    sort_parameter,
)
from longgang_api.problems import problem_responses
from longgang_api.query import DEFAULT_LIMIT
from longgang_api.served import GLOSSARY_SORTS, Served


class GlossaryController(Controller):
    path = "/glossary"
    tags = ["glossary"]

    @get(
        "/",
        operation_id="listGlossary",
        summary="List glossary terms",
        description=(
            "Every entry of the glossary, the Chinese definition verbatim. Sortable by number, "
            "id; default order: number. Also as CSV and NDJSON."
        ),
        responses=problem_responses(400, 406),
    )
    async def list_glossary(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        q: Q = None,
        sort: Annotated[str | None, sort_parameter(GLOSSARY_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        format: FormatParam = "auto",
        bom: Bom = False,
    ) -> Response[GlossaryPage]:
        return list_response(
            request,
            served,
            served.glossary,
            GlossaryPage,
            {},
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
            format=format,
            bom=bom,
        )

    @get(
        "/{term_id:str}",
        operation_id="getGlossaryTerm",
        summary="Get a glossary term",
        description="One glossary entry.",
        responses=problem_responses(400, 404, 406),
    )
    async def get_glossary_term(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        term_id: Annotated[str, PathParameter(description="Id of the term.")],
    ) -> Response[GlossaryTerm]:
        return item_response(request, served, find(served.glossary, term_id))
