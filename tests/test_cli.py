"""The ``longgang-opendata`` command line: the installed script against a served instance, and
``main()`` in-process for the finer points."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.artifact import LoadedDataset
from longgang_opendata.lib.cli import main

SCRIPT = Path(sys.executable).parent / "longgang-opendata"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "LONGGANG_OPENDATA_BASE_URL"}
    return subprocess.run(
        [str(SCRIPT), *args],
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _all(served_url: str, path: str, params: dict[str, str]) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    query = {**params, "limit": "500"}
    while True:
        body = httpx.get(f"{served_url}{path}", params=query).json()
        items += body["items"]
        if body["next_cursor"] is None:
            return items
        query["cursor"] = body["next_cursor"]


def test_the_console_script_is_installed() -> None:
    result = _cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith("longgang-opendata ")


def test_list_as_csv_has_every_row_and_both_languages(
    served_url: str, dataset: LoadedDataset
) -> None:
    result = _cli("list", "observations", "--filter", "period=2024", "--format", "csv",
                  "--base-url", served_url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = [o for o in dataset.artifact.observations if o.period == "2024"]
    assert len(rows) == len(expected)
    names = {i.id: i.name for i in dataset.artifact.indicators}
    for row in rows:
        assert row["indicator_name_zh"] == names[row["indicator_id"]].zh
        assert row["indicator_name_en"] == names[row["indicator_id"]].en


def test_filters_repeat_for_any_of_several(served_url: str) -> None:
    result = _cli("list", "observations", "--filter", "kind=target", "--filter", "kind=plan",
                  "--format", "json", "--base-url", served_url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    ids = [o["id"] for o in json.loads(result.stdout)]
    raw = _all(served_url, "/v1/observations", {"kind": ["target", "plan"]})  # type: ignore[dict-item]
    assert ids == [o["id"] for o in raw]


def test_get_as_json_is_the_record(served_url: str) -> None:
    result = _cli("get", "indicators", "gdp-growth", "--format", "json", "--base-url", served_url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == httpx.get(f"{served_url}/v1/indicators/gdp-growth").json()


def test_search_and_the_base_url_from_the_environment(served_url: str) -> None:
    result = _cli("search", "公园", "--format", "json",
                  env={"LONGGANG_OPENDATA_BASE_URL": served_url})  # fmt: skip
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert [h["id"] for h in hits] == [
        h["id"] for h in _all(served_url, "/v1/search", {"q": "公园"})
    ]
    assert hits


def test_table_shows_the_names_of_the_chosen_language(
    served_url: str, dataset: LoadedDataset
) -> None:
    gdp = next(i for i in dataset.artifact.indicators if i.id == "gdp-growth")
    english = _cli("--lang", "en", "list", "indicators", "--base-url", served_url)
    chinese = _cli("list", "indicators", "--lang", "zh", "--base-url", served_url)
    assert english.returncode == chinese.returncode == 0
    header = english.stdout.splitlines()[0].split()
    assert header[:2] == ["id", "name"]
    assert gdp.name.en in english.stdout and gdp.name.zh not in english.stdout
    assert gdp.name.zh in chinese.stdout and gdp.name.en not in chinese.stdout
    assert len(english.stdout.splitlines()) == 2 + len(dataset.artifact.indicators)


def test_download_writes_the_file_without_a_bar_off_a_terminal(
    served_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "obs.csv"
    result = _cli("download", "observations.csv", "-o", str(target), "--base-url", served_url)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == httpx.get(f"{served_url}/v1/downloads/observations.csv").content
    assert "%" not in result.stderr and "wrote" in result.stderr
    assert not list(tmp_path.glob("*.part"))


def test_download_progress_bar_with_the_flag(served_url: str, tmp_path: Path) -> None:
    target = tmp_path / "data.sqlite"
    result = _cli("download", "longgang-2024.sqlite", "-o", str(target), "--progress",
                  "--base-url", served_url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "100%" in result.stderr and "longgang-2024.sqlite [" in result.stderr
    assert result.stdout == ""
    assert (
        target.read_bytes() == httpx.get(f"{served_url}/v1/downloads/longgang-2024.sqlite").content
    )


def test_download_progress_bar_on_a_terminal(served_url: str, tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [str(SCRIPT), "download", "longgang-2024.json", "--base-url", served_url],
            stderr=follower,
            stdout=subprocess.DEVNULL,
            cwd=tmp_path,
            timeout=60,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert process.returncode == 0
    assert b"100%" in shown
    assert (tmp_path / "longgang-2024.json").stat().st_size > 1000


def test_download_to_stdout_with_a_bom(served_url: str) -> None:
    result = subprocess.run(
        [str(SCRIPT), "download", "glossary.csv", "--bom", "-o", "-", "--base-url", served_url],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    expected = httpx.get(f"{served_url}/v1/downloads/glossary.csv", params={"bom": "true"})
    assert result.stdout == expected.content
    assert result.stdout.startswith(b"\xef\xbb\xbf")


def test_python_dash_m_runs_the_same_command_line(served_url: str) -> None:
    args = ["get", "glossary", "two-mountains", "--format", "json", "--base-url", served_url]
    module = subprocess.run(
        [sys.executable, "-m", "longgang_opendata", *args], capture_output=True, text=True
    )
    assert module.returncode == 0, module.stderr
    assert module.stdout == _cli(*args).stdout


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["list", "nothing"], 2, "invalid choice: 'nothing'"),
        (["list", "projects", "--filter", "year"], 2, "--filter takes NAME=VALUE"),
        (["list", "projects", "--filter", "colour=red"], 2, "unknown filter 'colour'"),
        (["get", "projects", " "], 2, "project_id must be a non-empty string"),
        (["get", "projects", "no-such-project"], 1, "the API answered 404"),
        (["list", "indicators", "--filter", "headline=yes"], 1, "the API answered 400"),
        (["download", "nothing.csv"], 2, "invalid choice: 'nothing.csv'"),
        (["--format", "xml", "list", "glossary"], 2, "invalid choice: 'xml'"),
        ([], 2, "required: COMMAND"),
    ],
)
def test_bad_input_gets_a_message_and_a_non_zero_exit(
    served_url: str, args: list[str], status: int, message: str
) -> None:
    result = _cli(*args, "--base-url", served_url) if args else _cli()
    assert result.returncode == status, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_an_unreachable_api_is_named(tmp_path: Path) -> None:
    result = _cli("list", "glossary", "--base-url", "http://127.0.0.1:9")
    assert result.returncode == 1
    assert "cannot reach http://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


# In-process: the same main() over the app, without a server.


def _main(client: TestClient[Litestar], *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main([*args, "--base-url", "http://testserver.local"], http_client=client,
                  stdout=out, stderr=err)  # fmt: skip
    return status, out.getvalue(), err.getvalue()


def test_get_as_a_table_lists_each_field_in_the_chosen_language(
    client: TestClient[Litestar], dataset: LoadedDataset
) -> None:
    term = dataset.artifact.glossary[0]
    status, out, _ = _main(client, "get", "glossary", term.id, "--lang", "en")
    assert status == 0
    fields = dict(line.split(None, 1) for line in out.splitlines() if " " in line.strip())
    assert fields["id"].strip() == term.id
    assert fields["term"].strip() == term.term.en
    assert "term_zh" not in out


def test_tables_align_chinese_text(client: TestClient[Litestar]) -> None:
    status, out, _ = _main(client, "list", "projects", "--filter", "category=education")
    assert status == 0
    lines = out.splitlines()
    category = lines[0].index("category")
    display = [sum(2 if ord(c) > 0x2E80 else 1 for c in line[: line.rindex("education")])
               for line in lines[2:]]  # fmt: skip
    assert set(display) == {category}


def test_csv_of_a_search_and_a_record(client: TestClient[Litestar]) -> None:
    status, out, _ = _main(client, "search", "碧道", "--format", "csv", "--kind", "project")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["kind"] for r in rows} == {"project"}
    assert {"title_zh", "title_en", "url"} <= set(rows[0])
    status, out, _ = _main(client, "get", "projects", rows[0]["id"], "--format", "csv")
    assert status == 0
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1
