"""Typed usage of the SDK: mypy --strict checks these assertions, pytest runs them."""

from __future__ import annotations

import asyncio
from typing import assert_type

import httpx
from litestar import Litestar
from litestar.testing import TestClient

from longgang_opendata import AsyncClient, AsyncPage, AsyncPager, Client, SyncPage
from longgang_opendata.types import (
    Dataset,
    GlossaryTerm,
    IndicatorDetail,
    LocalizedText,
    Observation,
    Project,
    SearchHit,
    Section,
)


def test_results_are_models_not_any(client: TestClient[Litestar]) -> None:
    sdk = Client(base_url="http://testserver.local", http_client=client)
    page = sdk.observations.list(period="2023", kind=["actual"])
    assert_type(page, SyncPage[Observation])
    first = page.items[0]
    assert_type(first, Observation)
    assert_type(first.value, float | None)
    assert_type(sdk.indicators.get("gdp-growth"), IndicatorDetail)
    assert_type(sdk.indicators.get("gdp-growth").name, LocalizedText)
    assert_type(sdk.projects.get(next(iter(sdk.projects.list())).id), Project)
    assert_type(next(iter(sdk.glossary.list())), GlossaryTerm)
    assert_type(next(iter(sdk.sections.list(kind="part"))), Section)
    assert_type(next(iter(sdk.search(q="碧道"))), SearchHit)
    assert_type(sdk.dataset(), Dataset)
    assert isinstance(first, Observation)


def test_async_results_are_models(app: Litestar) -> None:
    async def run() -> None:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport) as http:
            sdk = AsyncClient(base_url="http://testserver.local", http_client=http)
            pager = sdk.projects.list(category="education")
            assert_type(pager, AsyncPager[Project])
            page = await pager
            assert_type(page, AsyncPage[Project])
            assert_type(await sdk.indicators.get("gdp-growth"), IndicatorDetail)
            assert all(p.category == "education" for p in page.items)

    asyncio.run(run())
