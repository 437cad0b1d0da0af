"""Quickstart: the 2024 headline targets, each with the sentence it comes from.

LONGGANG_OPENDATA_BASE_URL=http://127.0.0.1:8000 python examples/quickstart.py
"""

from __future__ import annotations

from longgang_opendata import Client


def main() -> None:
    with Client() as client:
        # One walk for the names, one for the targets: never a request per row.
        names = {indicator.id: indicator.name for indicator in client.indicators.list(limit=500)}
        for observation in client.observations.list(kind="target"):
            value = "—" if observation.value is None else f"{observation.value:g}{observation.unit}"
            print(f"{names[observation.indicator_id].en}: {value}")
            print(f"    “{observation.source.quote}” (line {observation.source.line})")


if __name__ == "__main__":
    main()
