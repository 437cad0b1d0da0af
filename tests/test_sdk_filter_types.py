"""mypy checks the filters of ``to_pandas()`` as it checks those of ``list()``: a typo fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROGRAM = textwrap.dedent(
    """\
    from longgang_opendata import AsyncClient, Client

    async def main(sdk: AsyncClient) -> None:
        await sdk.observations.to_pandas(perod="2024")
        await sdk.indicators.to_pandas(category="economics")

    client = Client()
    client.observations.to_pandas(period="2024", kind="actual", indicator_id=["gdp-growth"])
    client.observations.to_pandas(perod="2024")
    client.observations.to_pandas(kind="guess")
    client.projects.mentions_to_pandas(year=2024, status="completed")
    client.projects.mentions_to_pandas(yeer=2024)
    client.glossary.to_pandas(q="地铁", limit=5)
    client.sections.to_pandas(limit="all")
    """
)


def test_a_wrong_filter_of_to_pandas_fails_mypy(tmp_path: Path) -> None:
    program = tmp_path / "filters.py"
    program.write_text(PROGRAM)
    # Run from the project so that its mypy settings and warm cache apply.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", str(program)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    errors = {int(line.split(":")[1]) for line in result.stdout.splitlines() if ": error:" in line}
    assert errors == {4, 5, 9, 10, 12, 14}, result.stdout
    assert 'Unexpected keyword argument "perod" for "to_pandas"' in result.stdout
    assert 'Unexpected keyword argument "yeer" for "mentions_to_pandas"' in result.stdout
