"""DataFrames in one call (needs ``pip install 'longgang-opendata[pandas]'``): the 2023 actual
beside the 2024 target for every headline figure, and the projects of the 2024 plan by category.

LONGGANG_OPENDATA_BASE_URL=http://127.0.0.1:8000 python examples/pandas_frames.py
"""

from __future__ import annotations

import pandas as pd

from longgang_opendata import Client


def main() -> None:
    with Client() as client:
        # Indicator names (zh, en) and units come joined: no second call, no merge.
        observations = client.observations.to_pandas(kind=["actual", "target"])
        mentions = client.projects.mentions_to_pandas(year=2024)
    numbers = observations[observations["value"].notna()]
    side_by_side = numbers.pivot_table(
        index=["indicator_name_en", "unit"], columns="period", values="value", aggfunc="first"
    ).dropna()
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        print(side_by_side.to_string())
        print()
        print(mentions.groupby("project_category").size().sort_values(ascending=False).to_string())


if __name__ == "__main__":
    main()
