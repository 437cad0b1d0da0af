"""Export every observation, with its indicator's Chinese and English names, to a CSV file that
Excel opens correctly (UTF-8 with BOM).

LONGGANG_OPENDATA_BASE_URL=http://127.0.0.1:8000 python examples/export_csv.py observations.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from longgang_opendata import Client

COLUMNS = (
    "id",
    "indicator_zh",
    "indicator_en",
    "period",
    "kind",
    "value",
    "unit",
    "qualifier",
    "quote",
    "line",
)


def export(client: Client, path: Path) -> int:
    """Write the observations to ``path``; return how many rows were written."""
    names = {i.id: i.name for i in client.indicators.list(limit=500)}
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for o in client.observations.list(limit=500):
            writer.writerow(
                [
                    o.id,
                    names[o.indicator_id].zh,
                    names[o.indicator_id].en,
                    o.period,
                    o.kind,
                    "" if o.value is None else f"{o.value:g}",
                    o.unit or "",
                    o.qualifier or "",
                    o.source.quote,
                    o.source.line,
                ]
            )
            count += 1
    return count


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "observations.csv")
    with Client() as client:
        count = export(client, path)
    print(f"wrote {count} observations to {path}")


if __name__ == "__main__":
    main()
