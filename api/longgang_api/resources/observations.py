"""``/v1/observations``: one flat row per observed value."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from longgang_api.envelopes import ObservationPage
from longgang_api.listing import Bom, Cursor, FormatParam, Limit, Q, list_response, sort_parameter
from longgang_api.model import (
    Comparison,
    IndicatorCategory,
    Measure,
    ObservationKind,
    Period,
    Qualifier,
)
from longgang_api.problems import problem_responses
from longgang_api.query import DEFAULT_LIMIT
from longgang_api.served import OBSERVATION_SORTS, Served


class ObservationController(Controller):
    path = "/observations"
    tags = ["observations"]

    @get(
        "/",
        operation_id="listObservations",
        summary="List observations",
        description=(
            "Every value of every indicator, one row each, with its verbatim source quote. "
            "Sortable by id, indicator_id, period, kind, value, base_value, line; "
            "default order: id. "
            "Also as CSV and NDJSON."
        ),
        responses=problem_responses(400, 406),
    )
    async def list_observations(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        indicator_id: Annotated[
            list[str] | None,
            QueryParameter(description="Id of the indicator; repeat for any of several."),
        ] = None,
        period: Annotated[
            list[Period] | None, QueryParameter(description="Year the value refers to.")
        ] = None,
        kind: Annotated[
            list[ObservationKind] | None,
            QueryParameter(description="'actual', 'target' or 'plan'."),
        ] = None,
        category: Annotated[
            list[IndicatorCategory] | None,
            QueryParameter(description="Policy area of the observed indicator."),
        ] = None,
        headline: Annotated[
            list[bool] | None, QueryParameter(description="Only values of headline indicators.")
        ] = None,
        qualifier: Annotated[
            list[Qualifier] | None,
            QueryParameter(description="Qualifier of the value ('over', 'at_least', 'about')."),
        ] = None,
        comparison: Annotated[
            list[Comparison] | None,
            QueryParameter(description="Basis of a change ('year_on_year', 'like_for_like')."),
        ] = None,
        measure: Annotated[
            list[Measure] | None,
            QueryParameter(description="What the value measures, e.g. 'growth-rate', 'count'."),
        ] = None,
        base_unit: Annotated[
            list[str] | None,
            QueryParameter(
                description="Code of the base unit, e.g. 'place', 'yuan'; repeat for any."
            ),
        ] = None,
        q: Q = None,
        sort: Annotated[str | None, sort_parameter(OBSERVATION_SORTS)] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        format: FormatParam = "auto",
        bom: Bom = False,
    ) -> Response[ObservationPage]:
        return list_response(
            request,
            served,
            served.observations,
            ObservationPage,
            {
                "indicator_id": indicator_id,
                "period": period,
                "kind": kind,
                "category": category,
                "headline": headline,
                "qualifier": qualifier,
                "comparison": comparison,
                "measure": measure,
                "base_unit": base_unit,
            },
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
            format=format,
            bom=bom,
        )
