"""Every example runs against a served instance and prints what it promises."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from longgang_api.artifact import LoadedDataset

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(served_url: str, name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        env={**os.environ, "LONGGANG_OPENDATA_BASE_URL": served_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_quickstart(served_url: str) -> None:
    out = _run(served_url, "quickstart.py")
    assert "6.5%" in out and "-2.42%" in out
    assert "“地区生产总值同比增长6.5%” (line 113)" in out


def test_async_quickstart(served_url: str, dataset: LoadedDataset) -> None:
    out = _run(served_url, "async_quickstart.py")
    assert dataset.artifact.dataset.title.en in out
    counted = sum(int(line.split()[0]) for line in out.splitlines()[1:])
    assert counted == sum(
        1 for p in dataset.artifact.projects if any(m.year == 2024 for m in p.mentions)
    )


def test_targets_vs_actuals(served_url: str) -> None:
    out = _run(served_url, "targets_vs_actuals.py")
    gdp = next(line for line in out.splitlines() if "GDP" in line and "6.3" in line)
    assert "6.5" in gdp
    assert any("3.8 万座" in line and line.count("3.8 万座") == 2 for line in out.splitlines())


def test_export_csv(served_url: str, tmp_path: Path, dataset: LoadedDataset) -> None:
    target = tmp_path / "observations.csv"
    out = _run(served_url, "export_csv.py", str(target))
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(dataset.artifact.observations)
    assert f"wrote {len(rows)} observations" in out


def test_school_places_adds_up_across_written_units(
    served_url: str, dataset: LoadedDataset
) -> None:
    out = _run(served_url, "school_places.py")
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
