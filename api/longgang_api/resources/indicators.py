"""``/v1/indicators``: measured concepts with their observations embedded."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from longgang_api.envelopes import IndicatorDetail, IndicatorPage
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
from longgang_api.model import IndicatorCategory, Measure, ObservationKind, Period
from longgang_api.problems import problem_responses
from longgang_api.query import DEFAULT_LIMIT
from longgang_api.served import INDICATOR_SORTS, Served


class IndicatorController(Controller):
    path = "/indicators"
    tags = ["indicators"]

    @get(
        "/",
        operation_id="listIndicators",
        summary="List indicators",
        description=(
            "Indicators with their observations embedded. Sortable by id, category, "
            "name_zh, name_en, order; default order: order (the report's). Also as CSV "
            "(observations left out) and NDJSON."
        ),
        responses=problem_responses(400, 406),
    )
    async def list_indicators(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        category: Annotated[
            list[IndicatorCategory] | None,
            QueryParameter(description="Policy area; repeat for any of several."),
        ] = None,
        headline: Annotated[
            list[bool] | None,
            QueryParameter(description="Only headline indicators (true) or only others (false)."),
        ] = None,
        period: Annotated[
            list[Period] | None,
            QueryParameter(
                description="Indicators observed in this year; repeat for any of several."
            ),
        ] = None,
        kind: Annotated[
            list[ObservationKind] | None,
            QueryParameter(description="Indicators with an observation of this kind."),
        ] = None,
        measure: Annotated[
            list[Measure] | None,
            QueryParameter(description="What the indicator measures; repeat for any of several."),
        ] = None,
        q: Q = None,
        sort: Annotated[str | None, sort_parameter(INDICATOR_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        format: FormatParam = "auto",
        bom: Bom = False,
    ) -> Response[IndicatorPage]:
        return list_response(
            request,
            served,
            served.indicators,
            IndicatorPage,
            {
                "category": category,
                "headline": headline,
                "period": period,
                "kind": kind,
                "measure": measure,
            },
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
            format=format,
            bom=bom,
        )

    @get(
        "/{indicator_id:str}",
        operation_id="getIndicator",
        summary="Get an indicator",
        description="One indicator with every observation of it.",
        responses=problem_responses(400, 404, 406),
    )
    async def get_indicator(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        indicator_id: Annotated[str, PathParameter(description="Id of the indicator.")],
    ) -> Response[IndicatorDetail]:
        return item_response(request, served, find(served.indicators, indicator_id))
