"""The entry point ``/v1``, the dataset's metadata and the health checks."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency

from longgang_api.data.envelopes import ApiIndex, Health, Link
from longgang_api.data.model import Dataset
from longgang_api.web import links
from longgang_api.web.links import LINKS
from longgang_api.web.problems import problem_responses
from longgang_api.web.routed import item_response, takes_no_parameters
from longgang_api.web.served import Served


class MetaController(Controller):
    path = "/"
    tags = ["dataset"]

    @get(
        "/",
        operation_id="getIndex",
        summary="Entry point",
        description="Links to every collection, with the served dataset version and hash.",
        responses=problem_responses(400, 406),
    )
    async def index(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[ApiIndex]:
        dataset = served.dataset
        body = ApiIndex(
            title=dataset.artifact.dataset.title,
            dataset_version=dataset.version,
            artifact_sha256=dataset.sha256,
            links=tuple(
                Link(rel=link.rel, href=link.href, title=link.en) for link in LINKS if link.on_index
            ),
        )
        return item_response(request, served, body)

    @get(
        links.DATASET,
        operation_id="getDataset",
        summary="Dataset metadata",
        description=(
            "Title, description, issuing body, source document, licence, version, coverage "
            "and the number of records in each collection."
        ),
        responses=problem_responses(400, 406),
    )
    async def dataset(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[Dataset]:
        return item_response(request, served, served.dataset.artifact.dataset)


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
