"""``to_pandas()``: flat frames, typed columns, joined names; a clear error without pandas."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator

import httpx
import pandas as pd
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.data.artifact import LoadedDataset
from longgang_opendata import AsyncClient, Client

IN_PROCESS = "http://testserver.local"


@pytest.fixture
def requests(client: TestClient[Litestar]) -> Iterator[list[httpx.Request]]:
    sent: list[httpx.Request] = []
    client.event_hooks = {"request": [sent.append], "response": []}
    yield sent
    client.event_hooks = {"request": [], "response": []}


@pytest.fixture
def sdk(client: TestClient[Litestar]) -> Client:
    return Client(base_url=IN_PROCESS, http_client=client)


def _dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {str(name): str(dtype) for name, dtype in frame.dtypes.items()}


def test_observations_frame_joins_indicator_names_and_types_its_columns(
    sdk: Client, dataset: LoadedDataset, requests: list[httpx.Request]
) -> None:
    frame = sdk.observations.to_pandas()
    assert len(requests) == 2, "one walk of observations, one of indicators, whatever the rows"
    artifact = dataset.artifact
    assert len(frame) == len(artifact.observations)
    assert frame.columns[0] == "id"
    dtypes = _dtypes(frame)
    assert dtypes["value"] == "float64"
    assert dtypes["period"] == "string"
    for column in ("indicator_name_zh", "indicator_name_en", "indicator_unit", "unit", "kind"):
        assert dtypes[column] == "string", column
    assert dtypes["source_line"] == "Int64"
    indicators = {i.id: i for i in artifact.indicators}
    for row in frame.itertuples(index=False):
        indicator = indicators[str(row.indicator_id)]
        assert row.indicator_name_zh == indicator.name.zh
        assert row.indicator_name_en == indicator.name.en
    qualitative = frame[frame["value"].isna()]
    assert len(qualitative) == sum(1 for o in artifact.observations if o.value is None)
    assert qualitative["status_zh"].notna().all()
    assert frame["qualifier"].isna().sum() == sum(
        1 for o in artifact.observations if o.qualifier is None
    )
    gdp = frame[(frame["indicator_id"] == "gdp-growth") & (frame["period"] == "2024")]
    assert gdp["value"].tolist() == [6.5]


def test_observations_frame_takes_the_filters_of_list(sdk: Client) -> None:
    frame = sdk.observations.to_pandas(period="2024", kind=["target", "plan"])
    expected = {o.id for o in sdk.observations.list(period="2024", kind=["target", "plan"])}
    assert set(frame["id"]) == expected and len(frame) == len(expected)
    assert set(frame["period"]) == {"2024"}


def test_indicators_projects_sections_glossary_frames(sdk: Client, dataset: LoadedDataset) -> None:
    artifact = dataset.artifact
    indicators = sdk.indicators.to_pandas()
    assert len(indicators) == len(artifact.indicators)
    assert _dtypes(indicators) == {
        "id": "string",
        "category": "string",
        "headline": "boolean",
        "name_en": "string",
        "name_zh": "string",
        "unit": "string",
        "order": "Int64",
        "measure": "string",
        "base_unit_code": "string",
        "base_unit_zh": "string",
        "base_unit_en": "string",
        "better": "string",
        "html_url": "string",
    }
    assert "observations" not in indicators.columns
    projects = sdk.projects.to_pandas(category="education")
    assert set(projects["category"]) == {"education"}
    assert {"id", "name_zh", "name_en", "category"} <= set(projects.columns)
    sections = sdk.sections.to_pandas(kind="part")
    assert len(sections) == sum(1 for x in artifact.sections if x.kind == "part")
    assert {"id", "heading_zh", "heading_en", "line"} <= set(sections.columns)
    glossary = sdk.glossary.to_pandas()
    assert len(glossary) == len(artifact.glossary)
    assert set(glossary["report_id"]) == {artifact.dataset.id}
    assert _dtypes(glossary)["number"] == "Int64"
    assert {"term_zh", "term_en", "definition_zh", "definition_en", "source_quote"} <= set(
        glossary.columns
    )


def _csv_header(client: TestClient[Litestar], collection: str) -> list[str]:
    answer = client.get(f"/v1/{collection}", params={"format": "csv", "limit": "1"})
    return answer.text.lstrip("\ufeff").splitlines()[0].split(",")


@pytest.mark.parametrize("collection", ["indicators", "projects", "glossary", "sections"])
def test_frame_columns_come_in_the_order_of_the_apis_csv(
    sdk: Client, client: TestClient[Litestar], collection: str
) -> None:
    frame = getattr(sdk, collection).to_pandas(limit=5)
    header = _csv_header(client, collection)
    shared = [c for c in frame.columns if c in header]
    assert shared == [c for c in header if c in shared]
    assert frame.columns[: len(shared)].tolist() == shared, "the CSV's columns come first"


def test_observation_frame_is_the_csv_with_the_indicator_beside_its_id(
    sdk: Client, client: TestClient[Litestar]
) -> None:
    header = _csv_header(client, "observations")
    at = header.index("indicator_id") + 1
    joined = ["indicator_name_zh", "indicator_name_en", "indicator_unit"]
    frame = sdk.observations.to_pandas(period="2024")
    assert frame.columns.tolist() == header[:at] + joined + header[at:]


def test_mentions_frame_has_one_row_per_mention(sdk: Client, dataset: LoadedDataset) -> None:
    projects = dataset.artifact.projects
    every = sdk.projects.mentions_to_pandas()
    assert len(every) == sum(len(p.mentions) for p in projects)
    assert every.columns[:5].tolist() == [
        "project_id",
        "project_name_zh",
        "project_name_en",
        "project_category",
        "project_html_url",
    ]
    assert _dtypes(every)["year"] == "Int64"
    in_2024 = sdk.projects.mentions_to_pandas(year=2024)
    assert set(in_2024["year"]) == {2024}
    assert len(in_2024) == sum(1 for p in projects for m in p.mentions if m.year == 2024)


def test_an_empty_selection_keeps_columns_and_dtypes(sdk: Client) -> None:
    full = sdk.observations.to_pandas(period="2024")
    empty = sdk.observations.to_pandas(q="no such text anywhere")
    assert empty.empty
    assert _dtypes(empty) == _dtypes(full)


def test_async_frames_match_the_sync_ones(app: Litestar, sdk: Client) -> None:
    async def run() -> tuple[pd.DataFrame, pd.DataFrame]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport) as http:
            client = AsyncClient(base_url=IN_PROCESS, http_client=http)
            observations = await client.observations.to_pandas(period="2023")
            mentions = await client.projects.mentions_to_pandas(year=2023)
            return observations, mentions

    observations, mentions = asyncio.run(run())
    pd.testing.assert_frame_equal(observations, sdk.observations.to_pandas(period="2023"))
    pd.testing.assert_frame_equal(mentions, sdk.projects.mentions_to_pandas(year=2023))


def test_without_pandas_the_error_names_the_extra(
    sdk: Client, monkeypatch: pytest.MonkeyPatch, requests: list[httpx.Request]
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    for call in (
        sdk.observations.to_pandas,
        sdk.indicators.to_pandas,
        sdk.projects.mentions_to_pandas,
    ):
        with pytest.raises(ImportError, match=r"pip install 'longgang-opendata\[pandas\]'"):
            call()
    assert requests == [], "no request is made for a frame that cannot be built"


def test_the_ledger_of_targets_as_a_frame(sdk: Client) -> None:
    targets = sdk.targets.to_pandas()
    assert len(targets) == 43 and set(targets["verdict"]) == {"pending"}
    assert {"target_value", "target_quote", "margin", "rule", "report_id"} <= set(targets.columns)
    headline = sdk.targets.to_pandas(headline=True, period="2024")
    assert set(headline["id"]) == {
        "gdp-growth.2024.target",
        "industrial-value-added-growth.2024.target",
        "retail-sales-growth.2024.target",
        "budget-revenue-growth.2024.target",
        "water-energy-intensity.2024.target",
    }
