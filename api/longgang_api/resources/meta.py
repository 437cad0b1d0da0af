"""The entry point ``/v1``, the dataset's metadata, its reports and releases, the health checks."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter

from longgang_api.data.envelopes import ApiIndex, Health, Link, ReleaseList, Report, ReportList
from longgang_api.data.model import Dataset
from longgang_api.engine.declarations import reports_of
from longgang_api.engine.suggestions import closest_ids, did_you_mean
from longgang_api.web import links
from longgang_api.web.links import LINKS
from longgang_api.web.problems import RecordNotFound, problem_responses
from longgang_api.web.routed import document_route, item_response, takes_no_parameters
from longgang_api.web.served import Served


def _index(served: Served) -> ApiIndex:
    dataset = served.dataset
    return ApiIndex(
        title=dataset.artifact.dataset.title,
        dataset_version=dataset.version,
        artifact_sha256=dataset.sha256,
        links=tuple(
            Link(rel=link.rel, href=link.href, title=link.en) for link in LINKS if link.on_index
        ),
    )


#: The documents at fixed paths, routed beside :class:`MetaController`.
DOCUMENTS = (
    document_route(
        "/",
        "getIndex",
        "Entry point",
        "Links to every collection, with the served dataset version and hash.",
        ApiIndex,
        _index,
    ),
    document_route(
        links.DATASET,
        "getDataset",
        "Dataset metadata",
        (
            "Title, description, issuing body, source document, licence, version, coverage "
            "and the number of records in each collection."
        ),
        Dataset,
        lambda served: served.dataset.artifact.dataset,
    ),
    document_route(
        links.REPORTS,
        "getReports",
        "Reports",
        (
            "The reports served, a series in report order (the earliest first): each with "
            "its years, version, artifact and source document with their sha256, and its "
            "releases. Every record says its report in report_id; every list takes report."
        ),
        ReportList,
        lambda served: ReportList(items=reports_of(served.dataset)),
    ),
    document_route(
        links.RELEASES,
        "getReleases",
        "Releases",
        "Every released version of the dataset, newest first, with its sha256.",
        ReleaseList,
        lambda served: ReleaseList(items=served.releases),
    ),
)


class MetaController(Controller):
    path = "/"
    tags = ["dataset"]

    @get(
        links.REPORT,
        operation_id="getReport",
        summary="Report",
        description="One report served, with its releases.",
        responses=problem_responses(400, 404, 406),
    )
    async def report(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        report_id: Annotated[str, PathParameter(description="Id of the report.")],
    ) -> Response[Report]:
        reports = {report.id: report for report in reports_of(served.dataset)}
        if report_id not in reports:
            suggestions = closest_ids(report_id, reports)
            listed = f"; the ids are listed at {links.href(links.REPORTS)}"
            detail = f"no report with id {report_id!r}{did_you_mean(suggestions) or listed}"
            raise RecordNotFound(detail, suggestions)
        return item_response(request, served, reports[report_id])


class HealthController(Controller):
    path = "/"
    tags = ["health"]
    guards = [takes_no_parameters]

    @get(
        "/healthz",
        operation_id="getHealth",
        summary="Liveness",
        description="Answers 200 while the process serves requests.",
        cache_control=None,
        responses=problem_responses(400),
    )
    async def healthz(self) -> Health:
        return Health(status="ok")

    @get(
        "/readyz",
        operation_id="getReadiness",
        summary="Readiness",
        description=(
            "Answers 200 once the dataset artifact is loaded and its sha256 verified; "
            "the server does not start otherwise."
        ),
        responses=problem_responses(400),
    )
    async def readyz(self, served: NamedDependency[Served]) -> Health:
        return Health(
            status="ok",
            dataset_version=served.dataset.version,
            artifact_sha256=served.dataset.sha256,
        )
