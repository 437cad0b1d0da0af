"""Quickstart: the 2024 headline targets, each with the sentence it comes from.

LONGGANG_OPENDATA_BASE_URL=http://127.0.0.1:8000 python examples/quickstart.py
"""

from __future__ import annotations

from longgang_opendata import Client


def main() -> None:
    with Client() as client:
        for observation in client.observations.list(kind="target"):
            indicator = client.indicators.get(observation.indicator_id)
            value = "—" if observation.value is None else f"{observation.value:g}{observation.unit}"
            print(f"{indicator.name.en}: {value}")
            print(f"    “{observation.source.quote}” (line {observation.source.line})")


if __name__ == "__main__":
    main()
