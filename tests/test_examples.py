"""Every example runs against a served instance and prints what it promises."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from longgang_api.data.artifact import LoadedDataset

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _command(name: str) -> list[str]:
    return ["sh" if name.endswith(".sh") else sys.executable, str(EXAMPLES / name)]


def _run(
    served_url: str, name: str, *args: str, log: bool = False
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "LONGGANG_OPENDATA_BASE_URL": served_url,
        # The command line example finds ``longgang-opendata`` where this Python's scripts are.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "LONGGANG_OPENDATA_LOG": "debug" if log else "",
    }
    return subprocess.run(
        [*_command(name), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_the_sdk_guide_lists_every_example_with_how_to_run_it() -> None:
    readme = (ROOT / "docs" / "sdk-quickstart.md").read_text()
    examples = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".py", ".sh"))
    assert len(examples) >= 6
    for name in examples:
        run = " ".join(["sh" if name.endswith(".sh") else "python", f"examples/{name}"])
        assert run in readme, f"the SDK guide does not say how to run {name}"
    assert "LONGGANG_OPENDATA_BASE_URL" in readme


def test_quickstart_makes_no_request_per_row(served_url: str) -> None:
    result = _run(served_url, "quickstart.py", log=True)
    out = result.stdout
    assert "6.5%" in out and "-2.42%" in out
    assert "Growth of gross regional product (GDP): 6.5%" in out
    assert "“地区生产总值同比增长6.5%” (line 113)" in out
    requests = re.findall(r"\] GET (\S+)", result.stderr)
    targets = out.count("(line ")
    assert targets >= 5
    assert len(requests) == 2, requests  # the indicators' names, then the targets


def test_pandas_frames(served_url: str) -> None:
    out = _run(served_url, "pandas_frames.py").stdout
    gdp = next(line for line in out.splitlines() if "Growth of gross regional product" in line)
    assert [float(v) for v in gdp.split()[-2:]] == [6.3, 6.5]
    assert re.search(r"^education\s+\d+$", out, re.MULTILINE)


def test_command_line_example(served_url: str) -> None:
    result = _run(served_url, "command_line.sh")
    out = result.stdout
    assert "Growth of gross regional product (GDP)" in out
    record = out[out.index("{") : out.index("\n}\n") + 2]
    assert json.loads(record)["id"] == "gdp-growth"
    assert "kind,id," in out or "id," in out
    assert "100%" in result.stderr


def test_async_quickstart(served_url: str, dataset: LoadedDataset) -> None:
    out = _run(served_url, "async_quickstart.py").stdout
    assert dataset.artifact.dataset.title.en in out
    counted = sum(int(line.split()[0]) for line in out.splitlines()[1:])
    assert counted == sum(
        1 for p in dataset.artifact.projects if any(m.year == 2024 for m in p.mentions)
    )


def test_targets_vs_actuals(served_url: str) -> None:
    out = _run(served_url, "targets_vs_actuals.py").stdout
    gdp = next(line for line in out.splitlines() if "GDP" in line and "6.3" in line)
    assert "6.5" in gdp
    assert any("3.8 万座" in line and line.count("3.8 万座") == 2 for line in out.splitlines())


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def test_targets_vs_actuals_aligns_columns_after_chinese_units(served_url: str) -> None:
    lines = _run(served_url, "targets_vs_actuals.py").stdout.splitlines()
    assert any(any(_display_width(c) == 2 for c in line) for line in lines[1:])
    # The third column starts at the same place on screen on every line, the header's too.
    header = lines[0]
    third = _display_width(header[: header.index("2024 target")])
    for line in lines[1:]:
        cut = [m.end() for m in re.finditer(r"\S  +", line)][1]
        assert _display_width(line[:cut]) == third, line


def test_export_csv(served_url: str, tmp_path: Path, dataset: LoadedDataset) -> None:
    target = tmp_path / "observations.csv"
    out = _run(served_url, "export_csv.py", str(target)).stdout
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(dataset.artifact.observations)
    assert f"wrote {len(rows)} observations" in out
    names = {i.id: i.name for i in dataset.artifact.indicators}
    indicator_of = {o.id: o.indicator_id for o in dataset.artifact.observations}
    for row in rows:
        name = names[indicator_of[row["id"]]]
        assert (row["indicator_zh"], row["indicator_en"]) == (name.zh, name.en)


def test_school_places_adds_up_across_written_units(
    served_url: str, dataset: LoadedDataset
) -> None:
    out = _run(served_url, "school_places.py").stdout
    totals: dict[str, float] = {}
    for o in dataset.artifact.observations:
        if o.base_unit is not None and o.base_unit.code == "place":
            totals[o.period] = totals.get(o.period, 0) + (o.base_value or 0)
    # 3.8 万座 (primary and secondary) and 3420 座 (kindergartens): 38,000 + 3,420 places.
    assert totals["2023"] == 41_420
    for period, total in totals.items():
        line = next(x for x in out.splitlines() if x.startswith(f"{period}  total"))
        assert line.endswith(f"{total:,.0f} places")
    assert "3.8 万座 =   38,000 places" in out
    assert "3420 座 =    3,420 places" in out


def _make_plan(goal: str, venv: Path) -> str:
    """The commands ``make`` would run for ``goal`` with ``venv`` as the project's .venv."""
    return subprocess.run(
        ["make", "-n", goal, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def test_make_install_adds_the_sdk_that_make_serve_leaves_out(tmp_path: Path) -> None:
    # A .venv as `make serve` leaves it: the server and the build, stamped .installed-runtime.
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed-runtime").touch()
    assert "./sdk" not in _make_plan("serve", venv)
    install = _make_plan("install", venv)
    assert re.search(rf"{re.escape(str(venv))}/bin/python -m pip install .*-e ./sdk", install)
    # The guide tells a reader who has run `make serve` to run it before an example.
    guide = " ".join((ROOT / "docs" / "sdk-quickstart.md").read_text().split())
    examples = guide[guide.index("## Examples") :]
    assert "`make install`" in examples.split("| example |")[0]
    assert "`make serve` alone installs the server and the build, not the SDK" in guide
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "`make install` puts the SDK (and the test toolchain) into the project's" in readme
