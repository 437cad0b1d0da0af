"""``/v1/projects``: named projects with every mention of them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from longgang_api.envelopes import Project, ProjectPage
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
from longgang_api.model import MentionStatus, ProjectCategory
from longgang_api.problems import problem_responses
from longgang_api.query import DEFAULT_LIMIT
from longgang_api.served import PROJECT_SORTS, Served


class ProjectController(Controller):
    path = "/projects"
    tags = ["projects"]

    @get(
        "/",
        operation_id="listProjects",
        summary="List projects",
        description=(
            "Named projects, facilities and sites with their mentions in the 2023 report and "
            "the 2024 plan. Sortable by id, category, name_zh, name_en, line; default order: id. "
            "Also as CSV (mentions left out) and NDJSON."
        ),
        responses=problem_responses(400, 406),
    )
    async def list_projects(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        category: Annotated[
            list[ProjectCategory] | None,
            QueryParameter(description="Kind of project; repeat for any of several."),
        ] = None,
        year: Annotated[
            list[Literal[2023, 2024]] | None,
            QueryParameter(description="Projects mentioned in this year's part of the report."),
        ] = None,
        status: Annotated[
            list[MentionStatus] | None,
            QueryParameter(description="Projects with a mention of this status."),
        ] = None,
        q: Q = None,
        sort: Annotated[str | None, sort_parameter(PROJECT_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        format: FormatParam = "auto",
        bom: Bom = False,
    ) -> Response[ProjectPage]:
        return list_response(
            request,
            served,
            served.projects,
            ProjectPage,
            {"category": category, "year": year, "status": status},
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
            format=format,
            bom=bom,
        )

    @get(
        "/{project_id:str}",
        operation_id="getProject",
        summary="Get a project",
        description="One project with every mention of it.",
        responses=problem_responses(400, 404, 406),
    )
    async def get_project(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        project_id: Annotated[str, PathParameter(description="Id of the project.")],
    ) -> Response[Project]:
        return item_response(request, served, find(served.projects, project_id))
