"""The 2023 actual beside the 2024 target or plan, for every indicator that has both.

LONGGANG_OPENDATA_BASE_URL=http://127.0.0.1:8000 python examples/targets_vs_actuals.py
"""

from __future__ import annotations

import unicodedata

from longgang_opendata import Client
from longgang_opendata.types import Observation


def _shown(observation: Observation) -> str:
    if observation.value is None:
        return observation.status.en if observation.status else "(qualitative)"
    qualifier = {"over": ">", "at_least": "≥", "about": "≈"}.get(observation.qualifier or "", "")
    return f"{qualifier}{observation.value:g} {observation.unit or ''}".strip()


def comparisons(client: Client) -> list[tuple[str, str, str]]:
    """(indicator name, 2023 actual, 2024 target or plan) for every indicator with both."""
    rows = []
    for indicator in client.indicators.list(period="2024"):
        actual = [o for o in indicator.observations if o.kind == "actual"]
        ahead = [o for o in indicator.observations if o.kind in ("target", "plan")]
        if actual and ahead:
            shown_ahead = "; ".join(_shown(o) for o in ahead)
            rows.append((indicator.name.en, _shown(actual[0]), shown_ahead))
    return rows


#: Screen columns of the 2023 column: a qualitative statement longer than that is cut.
ACTUAL_WIDTH = 24


def width(text: str) -> int:
    """Screen columns of ``text``: a Chinese character (East Asian wide) takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def clip(text: str, columns: int) -> str:
    if width(text) <= columns:
        return text
    while width(text) > columns - 1:
        text = text[:-1]
    return text + "…"


def main() -> None:
    with Client() as client:
        rows = comparisons(client)
    names = max(width(name) for name, _, _ in rows)
    print(f"{pad('indicator', names)}  {pad('2023 actual', ACTUAL_WIDTH)}  2024 target / plan")
    for name, actual, ahead in rows:
        print(f"{pad(name, names)}  {pad(clip(actual, ACTUAL_WIDTH), ACTUAL_WIDTH)}  {ahead}")


if __name__ == "__main__":
    main()
