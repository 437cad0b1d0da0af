"""All new school places of each year, kindergarten and primary/secondary together, in places.

The report writes 3.8 万座 (3.8 ten-thousands) for primary and secondary schools and 3420 座 for
kindergartens; ``base_value`` puts both in one unit (``base_unit.code == "place"``), so they add up.
The 2024 plan states primary and secondary places only; childcare places (托位) are another base
unit (``childcare-place``) and are not added in.

LONGGANG_OPENDATA_BASE_URL=http://127.0.0.1:8000 python examples/school_places.py
"""

from __future__ import annotations

from longgang_opendata import Client
from longgang_opendata.types import Observation


def in_base_unit(client: Client, code: str) -> dict[str, list[Observation]]:
    """Observations counted in base unit ``code``, by period."""
    by_period: dict[str, list[Observation]] = {}
    for observation in client.observations.list(base_unit=code, sort="period,indicator_id"):
        by_period.setdefault(observation.period, []).append(observation)
    return by_period


def main() -> None:
    with Client() as client:
        places = in_base_unit(client, "place")
    for period, observations in places.items():
        for o in observations:
            written = f"{o.value:g} {o.unit or ''}".strip()
            print(f"{period}  {o.indicator_id:<28} {written:>10} = {o.base_value:>8,.0f} places")
        total = sum(o.base_value or 0 for o in observations)
        print(f"{period}  {'total new school places':<28} {'':>10}   {total:>8,.0f} places")


if __name__ == "__main__":
    main()
