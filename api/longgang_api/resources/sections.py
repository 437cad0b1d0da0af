"""``/v1/sections``: the document outline and text, target of every source link."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from longgang_api.envelopes import SectionPage
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
from longgang_api.model import Section, SectionKind
from longgang_api.problems import problem_responses
from longgang_api.query import DEFAULT_LIMIT
from longgang_api.served import SECTION_SORTS, Served


class SectionController(Controller):
    path = "/sections"
    tags = ["sections"]

    @get(
        "/",
        operation_id="listSections",
        summary="List sections",
        description=(
            "The outline of the source document with each section's own text. Sortable by "
            "line, id, kind; default order: line (document order). Also as CSV and NDJSON."
        ),
        responses=problem_responses(400, 406),
    )
    async def list_sections(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        kind: Annotated[
            list[SectionKind] | None,
            QueryParameter(description="Level in the outline; repeat for any of several."),
        ] = None,
        parent_id: Annotated[
            list[str] | None,
            QueryParameter(description="Only children of this section."),
        ] = None,
        q: Q = None,
        sort: Annotated[str | None, sort_parameter(SECTION_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        format: FormatParam = "auto",
        bom: Bom = False,
    ) -> Response[SectionPage]:
        return list_response(
            request,
            served,
            served.sections,
            SectionPage,
            {"kind": kind, "parent_id": parent_id},
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
            format=format,
            bom=bom,
        )

    @get(
        "/{section_id:str}",
        operation_id="getSection",
        summary="Get a section",
        description="One section of the source document with its text.",
        responses=problem_responses(400, 404, 406),
    )
    async def get_section(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        section_id: Annotated[str, PathParameter(description="Id of the section.")],
    ) -> Response[Section]:
        return item_response(request, served, find(served.sections, section_id))
