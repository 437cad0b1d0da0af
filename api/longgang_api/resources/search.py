"""``/v1/search``: one query across indicators, projects, glossary and sections."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from longgang_api.envelopes import HitKind, SearchPage
from longgang_api.listing import Bom, Cursor, FormatParam, Limit, list_response, sort_parameter
from longgang_api.problems import problem_responses
from longgang_api.query import DEFAULT_LIMIT, MAX_Q_LENGTH, Q_PATTERN
from longgang_api.served import SEARCH_SORTS, Served


class SearchController(Controller):
    path = "/search"
    tags = ["search"]

    @get(
        "/",
        operation_id="search",
        summary="Search the dataset",
        description=(
            "Records of every collection whose text contains q, with the kind of each hit. "
            "Default order: indicators, projects, glossary, sections, each by id."
        ),
        responses=problem_responses(400, 406),
    )
    async def search(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        q: Annotated[
            str,
            QueryParameter(
                description=(
                    "Case-insensitive substring, NFKC-normalised, searched in Chinese and English."
                ),
                min_length=1,
                max_length=MAX_Q_LENGTH,
                pattern=Q_PATTERN,
            ),
        ],
        kind: Annotated[
            list[HitKind] | None,
            QueryParameter(description="Only hits of this kind; repeat for any of several."),
        ] = None,
        sort: Annotated[str | None, sort_parameter(SEARCH_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        format: FormatParam = "auto",
        bom: Bom = False,
    ) -> Response[SearchPage]:
        return list_response(
            request,
            served,
            served.search,
            SearchPage,
            {"kind": kind},
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
            format=format,
            bom=bom,
        )
