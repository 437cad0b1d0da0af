"""The SQLite download as Datasette opens it, downloaded over real HTTP.

Datasette runs in-process on the downloaded file with ``/v1/datasette-metadata.json``
(what ``datasette --metadata`` reads), and its
``inspect`` command runs as a program.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette

from longgang_api.data.artifact import LoadedDataset
from longgang_build.downloads import TABLES

DATABASE = "longgang-2024"
#: Datasette stops a query after one second by default; these tests check what its
#: answers hold, not how fast it gives them, on a machine that may be busy.
SETTINGS = {"sql_time_limit_ms": 30_000}


@pytest.fixture(scope="module")
def downloaded(served_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("datasette")
    database = folder / f"{DATABASE}.sqlite"
    metadata = folder / "metadata.json"
    for target, path in (
        (database, f"downloads/{DATABASE}.sqlite"),
        (metadata, "datasette-metadata.json"),
    ):
        response = httpx.get(f"{served_url}/v1/{path}")
        assert response.status_code == 200
        target.write_bytes(response.content)
    return database, metadata


def _get(downloaded: tuple[Path, Path], path: str) -> Any:
    database, metadata = downloaded
    datasette = Datasette(
        [str(database)], metadata=json.loads(metadata.read_text()), settings=SETTINGS
    )

    async def fetch() -> Any:
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    return asyncio.run(fetch())


def _alone(downloaded: tuple[Path, Path], path: str) -> Any:
    """A page of Datasette opened on the SQLite file alone, without the metadata file."""
    database, _ = downloaded
    datasette = Datasette([str(database)])

    async def fetch() -> Any:
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    return asyncio.run(fetch())


@pytest.mark.parametrize(
    ("table", "query", "column", "expected_id"),
    [
        ("glossary", "一芯两核多支点", "term_zh", "one-core-two-poles-multiple-pivots"),
        ("glossary", "multiple pivots", "term_en", "one-core-two-poles-multiple-pivots"),
        ("indicators", "增速", "name_zh", "gdp-growth"),
        ("indicators", "GDP", "name_en", "gdp-growth"),
    ],
)
def test_datasette_search_finds_chinese_and_english_text(
    downloaded: tuple[Path, Path], table: str, query: str, column: str, expected_id: str
) -> None:
    found = _get(downloaded, f"/{DATABASE}/{table}.json?_search={query}&_shape=array&_size=max")
    every = _get(downloaded, f"/{DATABASE}/{table}.json?_shape=array&_size=max")
    assert expected_id in {row["id"] for row in found}
    # The search narrowed the table (an ignored ?_search= would return every row).
    assert 0 < len(found) < len(every)
    assert all(query.lower() in json.dumps(row, ensure_ascii=False).lower() for row in found)
    assert column in found[0]


def _texts(dataset: LoadedDataset) -> dict[str, dict[str, str]]:
    """The Chinese and English text of each searchable table's rows, by id."""
    artifact = dataset.artifact
    return {
        "indicators": {i.id: f"{i.name.zh} {i.name.en}" for i in artifact.indicators},
        "projects": {p.id: f"{p.name.zh} {p.name.en}" for p in artifact.projects},
        "glossary": {
            g.id: f"{g.term.zh} {g.term.en} {g.definition.zh} {g.definition.en}"
            for g in artifact.glossary
        },
        "sections": {s.id: f"{s.heading.zh} {s.heading.en} {s.text}" for s in artifact.sections},
    }


@pytest.mark.parametrize(
    ("query", "members"),
    [
        ("碳", ("碳",)),
        # The synonyms of the dataset count: the source says 轨道 and 号线, not 地铁.
        ("地铁", ("地铁", "轨道", "号线", "metro", "subway", "rail transit")),
        ("医院", ("医院", "hospital")),
        ("学位", ("学位", "school places", "school place")),
    ],
)
def test_datasette_on_the_file_alone_finds_one_and_two_character_chinese_words(
    downloaded: tuple[Path, Path], dataset: LoadedDataset, query: str, members: tuple[str, ...]
) -> None:
    total = 0
    for table, texts in _texts(dataset).items():
        found = _alone(downloaded, f"/{DATABASE}/{table}.json?_search={query}&_shape=array")
        # English members as whole words: "metro" is not in "metropolitan".
        member = re.compile("|".join(rf"\b{m}\b" if m.isascii() else m for m in members), re.I)
        expected = {id_ for id_, text in texts.items() if member.search(text)}
        assert {row["id"] for row in found} == expected, table
        total += len(found)
    assert total


def test_a_longer_chinese_word_is_found_as_its_pairs(downloaded: tuple[Path, Path]) -> None:
    whole = _alone(downloaded, f"/{DATABASE}/indicators.json?_search=地区生产总值&_shape=array")
    pairs = _alone(downloaded, f"/{DATABASE}/indicators.json?_search=地区 生产 总值&_shape=array")
    assert whole == []  # one word of six characters is in no row's spelling
    assert "gdp-growth" in {row["id"] for row in pairs}


def test_datasette_finds_the_search_indexes_in_the_file_itself(
    downloaded: tuple[Path, Path],
) -> None:
    database, _ = downloaded
    datasette = Datasette(
        [str(database)], settings=SETTINGS
    )  # no metadata: the FTS tables are found by their SQL

    async def tables() -> Any:
        response = await datasette.client.get(f"/{DATABASE}.json")
        return response.json()["tables"]

    found = {t["name"]: t["fts_table"] for t in asyncio.run(tables()) if not t["hidden"]}
    assert found == {
        "indicators": "indicators_fts",
        "projects": "projects_fts",
        "glossary": "glossary_fts",
        "sections": "sections_fts",
        "observations": None,
        "project_mentions": None,
        "targets": None,
        "promises": None,
    }


def test_the_ledger_is_in_the_file(downloaded: tuple[Path, Path]) -> None:
    """One report alone: every target and promise of its plan year is pending, with its quote."""
    targets = _get(downloaded, f"/{DATABASE}/targets.json?_shape=objects&_size=max")["rows"]
    assert targets and {t["verdict"] for t in targets} == {"pending"}
    assert {t["report_id"] for t in targets} == {DATABASE}
    assert all(t["target_quote"] and t["actual_observation_id"] is None for t in targets)
    shown = _get(downloaded, f"/{DATABASE}/targets/{targets[0]['id']}.json?_shape=objects")
    assert shown["rows"][0]["rule"] == targets[0]["rule"]
    promises = _get(downloaded, f"/{DATABASE}/promises.json?_shape=objects&_size=max")["rows"]
    assert promises and {p["verdict"] for p in promises} == {"pending"}


def test_datasette_on_the_file_alone_shows_names_for_foreign_keys(
    downloaded: tuple[Path, Path], dataset: LoadedDataset
) -> None:
    rows = _alone(downloaded, f"/{DATABASE}/observations.json?_labels=on&_shape=array&_size=max")
    names = {i.id: i.name.zh for i in dataset.artifact.indicators}
    headings = {s.id: s.heading.zh for s in dataset.artifact.sections}
    for row in rows:
        assert row["indicator_id"]["label"] == names[row["indicator_id"]["value"]]
        source = row["source_section_id"]
        assert source["label"] == headings[source["value"]]
    mentions = _alone(downloaded, f"/{DATABASE}/project_mentions.json?_labels=on&_shape=array")
    project_names = {p.id: p.name.zh for p in dataset.artifact.projects}
    assert mentions[0]["project_id"]["label"] == project_names[mentions[0]["project_id"]["value"]]


def test_datasette_metadata_shows_title_licence_and_source(
    downloaded: tuple[Path, Path], dataset: LoadedDataset
) -> None:
    meta = dataset.artifact.dataset
    database, metadata = downloaded
    datasette = Datasette(
        [str(database)], metadata=json.loads(metadata.read_text()), settings=SETTINGS
    )

    async def home() -> str:
        response = await datasette.client.get("/")
        return str(response.text)

    page = asyncio.run(home())
    for text in (meta.title.en, meta.license.id, meta.license.url, meta.source_document.title.zh):
        assert text in page or text.replace("&", "&amp;") in page, text


def test_every_foreign_key_column_is_indexed(downloaded: tuple[Path, Path]) -> None:
    database, _ = downloaded
    tables = _get(downloaded, f"/{DATABASE}.json")["tables"]
    keyed = [(t["name"], fk["column"]) for t in tables for fk in t["foreign_keys"]["outgoing"]]
    # Datasette sees every foreign key the build declares.
    assert len(keyed) == sum(len(table.foreign_keys) for table in TABLES)
    with sqlite3.connect(database) as connection:
        for table, column in keyed:
            indexed = {
                info[2]
                for (_, index, *_) in connection.execute(f'PRAGMA index_list("{table}")')
                for info in connection.execute(f'PRAGMA index_info("{index}")')
                if info[0] == 0  # the index's leading column
            }
            assert column in indexed, (table, column)


def test_datasette_inspect_succeeds(downloaded: tuple[Path, Path]) -> None:
    database, _ = downloaded
    result = subprocess.run(
        [str(Path(sys.executable).with_name("datasette")), "inspect", str(database)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)[DATABASE]["tables"]
    assert tables["observations"]["count"] > 0
    assert tables["glossary_fts"]["count"] == tables["glossary"]["count"]
