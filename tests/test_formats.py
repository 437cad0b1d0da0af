"""The statistical formats, read back by the tools their users load them with.

Every file is taken from the server (the in-process app, and over HTTP for at
least one file of each format) and its values compared with the CSV download's
or the JSON API's.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import msgspec
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from anchorpoint.textselectors import TextPositionSelector, TextQuoteSelector
from csvw import CSVW
from litestar import Litestar
from litestar.testing import TestClient
from pyjstat import pyjstat
from pysdmx.io import get_datasets, read_sdmx

from longgang_api.data import model
from longgang_build.downloads import TABLES
from longgang_build.provenance import SelectorError, check, select

Client = TestClient[Litestar]
TABLE_NAMES = [table.name for table in TABLES]


def _csv_rows(client: Client, table: str) -> list[dict[str, str]]:
    text = client.get(f"/v1/downloads/{table}.csv").text
    return list(csv.DictReader(io.StringIO(text)))


def _as_cell(value: Any) -> str:
    """A typed value as the CSV writes it (the CSV's own rules, see longgang_api.data.tabular)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Parquet -----------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_parquet_holds_the_csv_values_typed(client: Client, table: str) -> None:
    data = client.get(f"/v1/downloads/parquet/{table}.parquet")
    assert data.headers["content-type"] == "application/vnd.apache.parquet"
    expected = _csv_rows(client, table)
    arrow = pq.read_table(pa.BufferReader(data.content))
    frame = pl.read_parquet(io.BytesIO(data.content))
    assert arrow.column_names == frame.columns == list(expected[0])
    for rows in (arrow.to_pylist(), frame.to_dicts()):
        assert [{k: _as_cell(v) for k, v in row.items()} for row in rows] == expected


def test_parquet_columns_have_the_data_package_types(client: Client) -> None:
    package = client.get("/v1/datapackage.json").json()
    arrow_of = {
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "string": pa.string(),
    }
    for table in TABLE_NAMES:
        schema = pq.read_schema(
            pa.BufferReader(client.get(f"/v1/downloads/parquet/{table}.parquet").content)
        )
        resource = next(r for r in package["resources"] if r["name"] == table)
        for field in resource["schema"]["fields"]:
            column = schema.field(field["name"])
            assert column.type == arrow_of[field["type"]], (table, field["name"])
            # A required column is never null (a string that may be empty is not required
            # in the package, where an empty cell is missing, yet never null in Parquet).
            if field.get("constraints", {}).get("required", False):
                assert not column.nullable, (table, field["name"])


def test_parquet_over_http_equals_the_json_api(served_url: str, tmp_path: Path) -> None:
    path = tmp_path / "observations.parquet"
    path.write_bytes(httpx.get(f"{served_url}/v1/downloads/parquet/observations.parquet").content)
    frame = pl.read_parquet(path)
    assert frame.schema["value"] == pl.Float64
    assert frame.schema["source_line"] == pl.Int64
    listed = httpx.get(f"{served_url}/v1/observations?format=ndjson").text.splitlines()
    api = {record["id"]: record for record in map(json.loads, listed)}
    assert len(frame) == len(api)
    for row in frame.iter_rows(named=True):
        record = api[row["id"]]
        assert (row["value"], row["period"], row["qualifier"], row["unit_multiplier"]) == (
            record["value"],
            record["period"],
            record["qualifier"],
            record["unit_multiplier"],
        )
    indicators = pl.read_parquet(
        io.BytesIO(httpx.get(f"{served_url}/v1/downloads/parquet/indicators.parquet").content)
    )
    assert indicators.schema["headline"] == pl.Boolean
    assert indicators.filter(pl.col("id") == "gdp-growth")["headline"].to_list() == [True]


# --- CSV on the Web ----------------------------------------------------------------------


def _local_copies(client: Client, folder: Path) -> Path:
    (folder / "csvw").mkdir()
    metadata = folder / "csvw" / "csv-metadata.json"
    metadata.write_bytes(client.get("/v1/downloads/csvw/csv-metadata.json").content)
    for table in TABLE_NAMES:
        (folder / f"{table}.csv").write_bytes(client.get(f"/v1/downloads/{table}.csv").content)
    return metadata


def test_csvw_validates_every_csv(client: Client, tmp_path: Path) -> None:
    response = client.get("/v1/downloads/csvw/csv-metadata.json")
    assert response.headers["content-type"].startswith("application/csvm+json")
    # Lax: a null foreign key (the document section has no parent) is no broken reference;
    # csvw's strict mode refuses every null key value.
    data = CSVW(str(_local_copies(client, tmp_path)), validate=True, strict=False)
    assert data.is_valid, data.warnings[:5]
    assert [t.url.string for t in data.tables] == [f"../{name}.csv" for name in TABLE_NAMES]
    (observations,) = [t for t in data.tables if t.url.string == "../observations.csv"]
    first = next(observations.iterdicts())
    assert first["value"] == 6.3 and first["source_line"] == 13 and first["period"] == "2023"


def test_csvw_metadata_follows_the_table_schemas(client: Client) -> None:
    group = client.get("/v1/downloads/csvw/csv-metadata.json").json()
    package = client.get("/v1/datapackage.json").json()
    for table in group["tables"]:
        resource = next(r for r in package["resources"] if f"../{r['name']}.csv" == table["url"])
        fields = resource["schema"]["fields"]
        columns = table["tableSchema"]["columns"]
        assert [c["name"] for c in columns] == [f["name"] for f in fields]
        assert [c.get("required", False) for c in columns] == [
            f.get("constraints", {}).get("required", False) for f in fields
        ]
        assert table["tableSchema"]["primaryKey"] == resource["schema"]["primaryKey"]


def test_csvw_finds_a_broken_value(client: Client, tmp_path: Path) -> None:
    metadata = _local_copies(client, tmp_path)
    path = tmp_path / "observations.csv"
    rows = list(csv.reader(io.StringIO(path.read_text())))
    rows[3][rows[0].index("kind")] = "guess"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue())
    # csvw names the physical line a row ends on; a selector's context may hold a line break
    # of the text, so a row may span several.
    through = io.StringIO()
    csv.writer(through, lineterminator="\r\n").writerows(rows[:4])
    line = through.getvalue().count("\n")
    data = CSVW(str(metadata), validate=True, strict=False)
    with pytest.raises(
        ValueError, match=rf"observations\.csv:{line}:4 kind: invalid lexical value"
    ):
        data.is_valid  # noqa: B018 (the property reads every row)


def test_csvw_reads_the_metadata_over_http(served_url: str) -> None:
    data = CSVW(f"{served_url}/v1/downloads/csvw/csv-metadata.json", validate=True, strict=False)
    assert data.is_valid, data.warnings[:5]
    (glossary,) = [t for t in data.tables if t.url.string.endswith("glossary.csv")]
    assert len(list(glossary.iterdicts())) == len(
        httpx.get(f"{served_url}/v1/glossary?limit=100").json()["items"]
    )


# --- JSON-stat 2.0 -----------------------------------------------------------------------

#: The JSON-stat 2.0 schema, version 1.05 (2025-06-13), as published at
#: https://json-stat.org/format/schema/2.0/ — copied from jsonstat/validator
#: (schemas/vendored/index.json at commit cab9ab307ba54171e98527051651cbab44ffec7a, Apache-2.0).
JSONSTAT_SCHEMA = Path(__file__).resolve().parent / "shapes" / "json-stat-2.0" / "schema.json"


def _observations(client: Client) -> dict[str, dict[str, Any]]:
    listed = client.get("/v1/observations?format=ndjson").text.splitlines()
    return {record["id"]: record for record in map(json.loads, listed)}


def test_jsonstat_collection_is_valid_json_stat_2_0(client: Client) -> None:
    schema = json.loads(JSONSTAT_SCHEMA.read_text())
    document = client.get("/v1/downloads/jsonstat/observations.json").json()
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(document)][:3] == []
    assert document["class"] == "collection"
    items = document["link"]["item"]
    indicators = client.get("/v1/indicators?limit=500").json()["items"]
    assert [i["extension"]["indicator_id"] for i in items] == [
        i["id"]
        for i in indicators
        if i["id"] in {o["indicator_id"] for o in _observations(client).values()}
    ]
    for item in items:
        assert item["role"] == {"time": ["period"], "metric": ["kind"]}
        # Each item is a dataset of its own, valid once it carries the version.
        assert list(validator.iter_errors({"version": "2.0", **item})) == []


def test_pyjstat_reads_every_indicator_with_the_observations_values(client: Client) -> None:
    observations = _observations(client)
    document = client.get("/v1/downloads/jsonstat/observations.json").json()
    seen = set()
    for item in document["link"]["item"]:
        # An embedded dataset has no version of its own; pyjstat wants one to read 2.0.
        frame = pyjstat.Dataset.read(json.dumps({"version": "2.0", **item})).write(
            "dataframe", naming="id"
        )
        cells = {str(i): o for i, o in item["extension"]["observation_ids"].items()}
        for index, observation_id in cells.items():
            row = frame.iloc[int(index)]
            record = observations[observation_id]
            assert (row["period"], row["kind"]) == (record["period"], record["kind"])
            if record["base_value"] is None:
                assert pd.isna(row["value"])
            else:
                assert row["value"] == record["base_value"]
            assert item.get("status", {}).get(index) == record["qualifier"]
            assert any(record["source"]["quote"] in note for note in item["note"])
            seen.add(observation_id)
        units = item["dimension"]["kind"]["category"].get("unit")
        if units:
            (unit,) = {json.dumps(u, sort_keys=True) for u in units.values()}
            assert {"label", "label_zh", "decimals"} <= set(json.loads(unit))
    assert seen == set(observations)


def test_pyjstat_reads_the_collection_over_http(served_url: str) -> None:
    document = pyjstat.Collection.read(
        httpx.get(f"{served_url}/v1/downloads/jsonstat/observations.json").text
    )
    (gdp,) = [i for i in document["link"]["item"] if i["extension"]["indicator_id"] == "gdp-growth"]
    frame = pyjstat.Dataset.read(json.dumps({"version": "2.0", **gdp})).write("dataframe")
    assert frame.dropna()["value"].tolist() == [6.3, 6.5]
    assert gdp["dimension"]["kind"]["category"]["unit"]["actual"]["decimals"] == 1


# --- SDMX-CSV 2.0 ------------------------------------------------------------------------


def _sdmx_files(get: Any, folder: Path) -> tuple[Path, Path]:
    data, structure = folder / "observations.sdmx.csv", folder / "structure.xml"
    data.write_bytes(get("/v1/downloads/sdmx/observations.csv").content)
    structure.write_bytes(get("/v1/downloads/sdmx/structure.xml").content)
    return data, structure


def test_pysdmx_reads_the_observations_with_their_structure(client: Client, tmp_path: Path) -> None:
    data, structure = _sdmx_files(client.get, tmp_path)
    (dataset,) = get_datasets(str(data), str(structure))
    frame = dataset.data
    observations = _observations(client)
    assert len(frame) == len(observations)
    by_key = {(o["indicator_id"], o["period"], o["kind"]): o for o in observations.values()}
    for row in frame.to_dict("records"):
        record = by_key[(row["INDICATOR"], row["TIME_PERIOD"], row["KIND"])]
        assert row["QUOTE"] == record["source"]["quote"]
        if record["base_value"] is None:
            assert pd.isna(row["OBS_VALUE"])
            continue
        value = row["OBS_VALUE"] * 10 ** row["UNIT_MULT"]
        assert value == pytest.approx(record["base_value"])
        assert row["UNIT_MEASURE"] == record["base_unit"]["code"]
        assert (row["QUALIFIER"] or None, row["COMPARISON"] or None) == (
            record["qualifier"],
            record["comparison"],
        )
    # The structure names its code lists in both languages.
    text = structure.read_text()
    assert 'xml:lang="zh">指标</com:Name>' in text and 'xml:lang="en">Indicators</com:Name>' in text


def test_pysdmx_reads_the_structure_over_http(served_url: str, tmp_path: Path) -> None:
    with httpx.Client(base_url=served_url) as http:
        data, structure = _sdmx_files(http.get, tmp_path)
    message = read_sdmx(str(structure))
    codelists = {c.id: c for c in message.get_codelists()}
    assert {"CL_INDICATOR", "CL_KIND", "CL_UNIT", "CL_QUALIFIER", "CL_COMPARISON"} <= set(codelists)
    assert [c.id for c in codelists["CL_KIND"].items] == ["actual", "target", "plan"]
    indicators = httpx.get(f"{served_url}/v1/indicators?limit=500").json()["items"]
    assert [c.id for c in codelists["CL_INDICATOR"].items] == [i["id"] for i in indicators]
    (dataset,) = get_datasets(str(data), str(structure))
    gdp = dataset.data[dataset.data["INDICATOR"] == "gdp-growth"]
    assert sorted(gdp["OBS_VALUE"].tolist()) == [6.3, 6.5]


def test_an_unknown_file_of_a_format_names_the_files_of_its_folder(client: Client) -> None:
    answer = client.get("/v1/downloads/sdmx/nope.csv")
    assert answer.status_code == 404
    assert answer.json()["detail"] == (
        "no download 'nope.csv' in 'sdmx'; available: observations.csv, structure.xml"
    )
    assert client.get("/v1/downloads/nowhere/observations.csv").status_code == 404
    # The top level names its own files only, as before the formats came.
    assert "parquet" not in client.get("/v1/downloads/nope").json()["detail"]


# --- Provenance: every quote as a Web Annotation with its selectors ------------------------


def _annotations(get: Any) -> tuple[str, list[dict[str, Any]]]:
    text = get("/v1/downloads/source/text.txt").content.decode()
    collection = get("/v1/downloads/provenance/annotations.jsonld").json()
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == len(collection["first"]["items"])
    return text, collection["first"]["items"]


def _quotes(client: Client) -> dict[str, str]:
    """Every quote of the JSON API, by the address of its record relative to /v1/."""
    quotes = {f"observations/{k}": o["source"]["quote"] for k, o in _observations(client).items()}
    for project in client.get("/v1/projects?limit=500").json()["items"]:
        for position, mention in enumerate(project["mentions"], start=1):
            quotes[f"projects/{project['id']}#mention-{position}"] = mention["source"]["quote"]
    for term in client.get("/v1/glossary?limit=500").json()["items"]:
        quotes[f"glossary/{term['id']}"] = term["source"]["quote"]
    return quotes


def _selectors(annotation: dict[str, Any]) -> tuple[TextQuoteSelector, TextPositionSelector]:
    by_type = {s["type"]: s for s in annotation["target"]["selector"]}
    quote, position = by_type["TextQuoteSelector"], by_type["TextPositionSelector"]
    return (
        TextQuoteSelector(exact=quote["exact"], prefix=quote["prefix"], suffix=quote["suffix"]),
        TextPositionSelector(start=position["start"], end=position["end"]),
    )


def test_every_quote_has_both_selectors_and_anchorpoint_resolves_them(client: Client) -> None:
    text, items = _annotations(client.get)
    quotes = _quotes(client)
    by_record = {item["body"]["id"].removeprefix("../../"): item for item in items}
    assert set(by_record) == set(quotes) and len(items) == len(quotes)
    for record, quote in quotes.items():
        item = by_record[record]
        assert item["target"]["source"] == "../source/text.txt"
        assert item["body"]["prov:wasDerivedFrom"] == {"id": "../source/text.txt"}
        by_quote, by_position = _selectors(item)
        assert by_quote.exact == quote
        # anchorpoint, an implementation of the selectors of its own, finds the same text
        # in the same one place.
        assert by_quote.is_unique_in(text), record
        assert by_quote.as_unique_position(text) == by_position, record
        assert by_position.select_text(text) == quote, record
        assert text[by_position.start : by_position.end] == quote


def test_selectors_resolve_over_http(served_url: str) -> None:
    with httpx.Client(base_url=served_url) as http:
        text, items = _annotations(http.get)
        gdp = http.get("/v1/observations/gdp-growth.2023.actual").json()
    (item,) = [i for i in items if i["body"]["id"] == "../../observations/gdp-growth.2023.actual"]
    by_quote, by_position = _selectors(item)
    assert by_quote.select_text(text) == by_position.select_text(text) == gdp["source"]["quote"]


def test_the_build_refuses_a_selector_that_does_not_resolve_to_one_place() -> None:
    text = "增长6.3%。另增长6.3%。"
    selector = select(text, 2, 6)
    quote = selector.text_quote
    assert (quote.exact, quote.prefix) == ("6.3%", "增长")
    check(text, selector)
    with pytest.raises(SelectorError, match="not the quote"):
        check(
            text,
            msgspec.structs.replace(
                selector, text_position=model.TextPositionSelector(start=3, end=7)
            ),
        )
    with pytest.raises(SelectorError, match="occur 2 time"):
        bare = msgspec.structs.replace(quote, prefix="", suffix="")
        check(text, msgspec.structs.replace(selector, text_quote=bare))
