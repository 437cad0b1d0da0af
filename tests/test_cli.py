"""The ``longgang-opendata`` command line: the installed script against a served instance, and
``main()`` in-process for the finer points."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.data.artifact import LoadedDataset
from longgang_opendata._base_client import DEFAULT_DEADLINE
from longgang_opendata.lib.cli import main
from tests.hostile import (
    Behaviour,
    answer,
    dripping_body,
    endless_body,
    hostile,
    new_cursor_every_page,
    non_json,
    problem,
    redirect,
    retry_after,
    same_cursor_every_page,
)

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


@pytest.mark.parametrize(
    ("collection", "record_id"),
    [("indicators", "gdp-growth"), ("observations", "gdp-growth.2023.actual")],
)
def test_get_as_json_is_the_record(served_url: str, collection: str, record_id: str) -> None:
    args = ["get", collection, record_id, "--format", "json", "--base-url", served_url]
    result = _cli(*args)
    assert result.returncode == 0, result.stderr
    got = httpx.get(f"{served_url}/v1/{collection}/{record_id}").json()
    assert json.loads(result.stdout) == got


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
        (["get", "projects", ".."], 2, "project_id must be one path segment"),
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


# Against a misbehaving server (tests.hostile): one line on stderr, the right status, in time.


def _against(url: str, *args: str) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    try:
        status = main([*args, "--base-url", url], stdout=out, stderr=err)
    except SystemExit as exit:  # argparse's own refusals
        status = int(exit.code or 0)
    return status, out.getvalue(), err.getvalue(), time.monotonic() - started


def _one_error_line(err: str) -> str:
    assert err.startswith("longgang-opendata: error: ") and err.count("\n") == 1, err
    assert err.isprintable() or err[:-1].isprintable(), repr(err)
    return err


@pytest.mark.parametrize(
    ("behaviour", "args", "message"),
    [
        (new_cursor_every_page, ["list", "glossary"], "max_pages (1,000)"),
        (same_cursor_every_page, ["list", "glossary"], "already followed"),
        (endless_body, ["list", "glossary"], "larger than max_body_size"),
        (non_json, ["get", "indicators", "gdp-growth"], "(200 OK, text/html) is not JSON"),
        (non_json, ["search", "公园"], "is not JSON"),
        (redirect("/login"), ["get", "indicators", "gdp-growth"], "302 Found"),
        (dripping_body(0.1), ["--deadline", "1", "list", "glossary"], "deadline of 1 s"),
        (dripping_body(5.0), ["get", "glossary", "x", "--deadline", "1"], "deadline of 1 s"),
        (retry_after("nan"), ["list", "glossary"], "the API answered 429: wait"),
        (retry_after("-5"), ["list", "glossary"], "the API answered 429"),
        (retry_after("999999"), ["list", "glossary"], "the API answered 429"),
        (retry_after("Fri, 01 Jan 99999 00:00:00 GMT"), ["list", "glossary"], "answered 429"),
        (retry_after("Fri, 31 Dec 9999 23:59:59 GMT", 503), ["list", "glossary"], "answered 503"),
    ],
)
def test_a_misbehaving_server_gets_one_line_and_status_1_in_time(
    behaviour: Behaviour, args: list[str], message: str
) -> None:
    with hostile(behaviour) as server:
        status, out, err, elapsed = _against(server.url, *args)
    assert status == 1
    assert message in _one_error_line(err)
    assert out == ""
    # The bound each case meets is in its message (a page count, a size, a deadline); the
    # server gives up by itself after 20 s, so a client without the bound never ends sooner.
    assert elapsed < 20


def test_escape_sequences_from_the_server_never_reach_the_terminal() -> None:
    detail = "no \x1b]0;pwned\x07such\x1b[2J record\r\nsecond line\x9b31m"
    with hostile(problem(404, detail)) as server:
        status, _, err, _ = _against(server.url, "get", "projects", "x")
    assert status == 1
    shown = "no ]0;pwnedsuch[2J record  second line31m"
    assert _one_error_line(err) == f"longgang-opendata: error: the API answered 404: {shown}\n"


def test_a_failed_download_leaves_no_file_and_an_earlier_one_untouched(tmp_path: Path) -> None:
    earlier = tmp_path / "glossary.csv"
    earlier.write_bytes(b"the earlier download\n")
    fresh = tmp_path / "fresh.csv"
    # (An endless file stops at max_file_size, 1 GiB: tests/test_sdk_bounds.py proves it smaller.)
    for behaviour in (redirect("/login"), problem(404, "gone"), dripping_body(0.1)):
        with hostile(behaviour) as server:
            for target in (earlier, fresh):
                status, _, err, elapsed = _against(
                    server.url, "download", "glossary.csv", "-o", str(target), "--deadline", "1"
                )
                assert status == 1, err
                assert "wrote" not in _one_error_line(err)
                assert elapsed < 8
    assert earlier.read_bytes() == b"the earlier download\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.csv"]


def test_a_redirected_download_names_the_redirect() -> None:
    with hostile(redirect("/login")) as server:
        result = subprocess.run(
            [str(SCRIPT), "download", "glossary.csv", "-o", "-", "--base-url", server.url],
            capture_output=True,
            text=True,
            timeout=60,
        )
    status, err = result.returncode, result.stderr
    assert status == 1 and result.stdout == ""
    assert "answered 302 Found, text/html, a redirect to '/login'" in _one_error_line(err)


@pytest.mark.parametrize("bad", [".", "..", "a/b", "../v1", "a\\b", "x\x1b[2J"])
@pytest.mark.parametrize("command", ["get", "download"])
def test_ids_that_are_not_one_segment_are_bad_usage_before_any_request(
    bad: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["get", "projects", bad] if command == "get" else ["download", bad]
    with hostile(non_json) as server:
        status, out, err, _ = _against(server.url, *args)
        assert server.requests == 0
    assert status == 2
    assert out == ""
    if command == "get":
        assert "project_id must be one path segment" in _one_error_line(err)
    else:
        assert "invalid choice" in capsys.readouterr().err  # argparse knows the download names


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base-url", "http://[::1"], "base_url must be an http:// or https:// URL"),
        (["--base-url", "localhost:8000"], "base_url must be an http:// or https:// URL"),
        (["--deadline", "0"], "not a positive number of seconds: '0'"),
        (["--deadline", "nan"], "not a positive number of seconds: 'nan'"),
    ],
)
def test_a_malformed_base_url_or_deadline_is_bad_usage(args: list[str], message: str) -> None:
    result = _cli("list", "glossary", *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_installed_script_meets_a_misbehaving_server_without_a_traceback() -> None:
    with hostile(non_json) as server:
        result = _cli("list", "glossary", "--base-url", server.url)
    assert result.returncode == 1
    assert result.stderr == (
        f"longgang-opendata: error: the answer to GET {server.url}/v1/glossary?limit=500 "
        "(200 OK, text/html) is not JSON\n"
    )


def test_the_documented_deadline_default_is_the_codes() -> None:
    readme = (Path(__file__).resolve().parents[1] / "docs" / "sdk-quickstart.md").read_text()
    stated = re.search(r"`--deadline SECONDS` bounds each request, retries included "
                       r"\(default (\d+)\)", readme)  # fmt: skip
    assert stated is not None and float(stated.group(1)) == DEFAULT_DEADLINE
    shown = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, check=True)
    assert f"retries included (default: {DEFAULT_DEADLINE:g})" in " ".join(shown.stdout.split())


def test_tables_drop_escape_sequences_that_json_escapes_and_csv_keeps(
    client: TestClient[Litestar],
) -> None:
    term = client.get("/v1/glossary/two-mountains").json()
    term["term"]["en"] = "Two \x1b[2JMountains\x07"
    with hostile(lambda handler, _: answer(handler, 200, json.dumps(term).encode())) as server:
        table = _against(server.url, "get", "glossary", "two-mountains", "--lang", "en")
        as_json = _against(server.url, "get", "glossary", "two-mountains", "--format", "json")
        as_csv = _against(server.url, "get", "glossary", "two-mountains", "--format", "csv")
    assert table[0] == as_json[0] == as_csv[0] == 0
    assert "Two [2JMountains" in table[1] and "\x1b" not in table[1] and "\x07" not in table[1]
    assert "\x1b" not in as_json[1] and json.loads(as_json[1])["term"]["en"] == term["term"]["en"]
    assert "Two \x1b[2JMountains\x07" in as_csv[1]


@pytest.mark.parametrize("collection", ["indicators", "projects", "glossary", "sections"])
def test_csv_columns_come_in_the_order_of_the_apis_csv(
    client: TestClient[Litestar], collection: str
) -> None:
    status, out, _ = _main(client, "list", collection, "--format", "csv")
    assert status == 0
    mine = out.splitlines()[0].split(",")
    api = client.get(f"/v1/{collection}", params={"format": "csv", "limit": "1"})
    header = api.text.lstrip("\ufeff").splitlines()[0].split(",")
    shared = [c for c in mine if c in header]
    assert shared == [c for c in header if c in shared]
    assert mine[: len(shared)] == shared


def test_search_kind_takes_the_plural_names_of_list_and_get(
    client: TestClient[Litestar],
) -> None:
    for q, plural, singular in (
        ("地铁", "projects", "project"),
        ("生产总值", "indicators", "indicator"),
    ):
        status, out, err = _main(client, "search", q, "--kind", plural, "--format", "csv")
        assert status == 0, err
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and {r["kind"] for r in rows} == {singular}
        assert out == _main(client, "search", q, "--kind", singular, "--format", "csv")[1]


def test_get_of_a_collection_without_records_by_id_is_bad_usage(
    client: TestClient[Litestar], dataset: LoadedDataset
) -> None:
    from longgang_opendata import Client

    sdk = Client(base_url="http://testserver.local", http_client=client)
    artifact = dataset.artifact
    ids = {
        "indicators": artifact.indicators[0].id,
        "observations": artifact.observations[0].id,
        "projects": artifact.projects[0].id,
        "glossary": artifact.glossary[0].id,
        "sections": artifact.sections[0].id,
    }
    for collection, record_id in ids.items():
        status, out, err = _main(client, "get", collection, record_id, "--format", "json")
        if hasattr(getattr(sdk, collection), "get"):
            assert status == 0 and record_id in out, (collection, err)
        else:
            assert status == 2 and out == "", collection
            assert f"{collection} has no get by id" in err and "Traceback" not in err


def test_get_indicator_table_shows_its_observations(
    client: TestClient[Litestar], dataset: LoadedDataset
) -> None:
    status, out, _ = _main(client, "get", "indicators", "gdp-growth")
    assert status == 0
    fields, _, observations = out.partition("\nobservations\n")
    assert "id" in fields and "gdp-growth" in fields
    lines = observations.splitlines()
    assert lines[0].split() == ["period", "kind", "value", "note"]
    indicator = next(i for i in dataset.artifact.indicators if i.id == "gdp-growth")
    expected = [o for o in dataset.artifact.observations if o.indicator_id == "gdp-growth"]
    assert len(lines) == 2 + len(expected)
    for observation, line in zip(expected, lines[2:], strict=True):
        assert line.split()[:2] == [observation.period, observation.kind]
        assert f"{observation.value:g} {indicator.unit}" in line


def test_qualitative_observations_show_their_statement_and_note(
    client: TestClient[Litestar], dataset: LoadedDataset
) -> None:
    qualitative = [o for o in dataset.artifact.observations if o.value is None]
    assert qualitative
    for observation in qualitative:
        assert observation.status is not None
        flags = ("--filter", f"indicator_id={observation.indicator_id}")
        status, out, _ = _main(client, "list", "observations", *flags, "--lang", "en")
        assert status == 0
        row = next(line for line in out.splitlines() if line.startswith(observation.id[:40]))
        assert observation.status.en[:40] in row
        assert "note" in out.splitlines()[0]
        status, out, _ = _main(client, "get", "indicators", observation.indicator_id)
        assert observation.status.zh[:20] in out.partition("\nobservations\n")[2]


def test_download_progress_off_a_terminal_is_one_line_per_update(
    client: TestClient[Litestar], tmp_path: Path
) -> None:
    target = tmp_path / "observations.csv"
    status, _, err = _main(client, "download", "observations.csv", "-o", str(target), "--progress")
    assert status == 0, err
    assert "\r" not in err
    lines = err.splitlines()
    bars = [line for line in lines if line.startswith("observations.csv [")]
    assert bars and len(bars) == len(set(bars)) <= 11
    assert bars[-1].split("%")[0].endswith("100")
    received = int(bars[-1].split()[-3].split("/")[0].replace(",", ""))
    size = target.stat().st_size
    assert lines[-1].startswith(f"wrote {size:,} bytes to {target}")
    if received != size:  # a compressed answer: both counts, each named
        assert lines[-1].endswith(f"({received:,} bytes received)")


def test_download_offers_no_output_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as shown:
        main(["download", "--help"])
    assert shown.value.code == 0
    help_text = capsys.readouterr().out
    assert "--progress" in help_text
    assert "--format" not in help_text and "--lang" not in help_text
    with pytest.raises(SystemExit) as refused:
        main(["download", "observations.csv", "--format", "csv"])
    assert refused.value.code == 2
