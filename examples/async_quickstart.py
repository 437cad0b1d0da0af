"""The quickstart with the async client: every project the 2024 plan mentions, by category.

LONGGANG_OPENDATA_BASE_URL=http://127.0.0.1:8000 python examples/async_quickstart.py
"""

from __future__ import annotations

import asyncio
from collections import Counter

from longgang_opendata import AsyncClient


async def main() -> None:
    async with AsyncClient() as client:
        categories = Counter([p.category async for p in client.projects.list(year=2024)])
        dataset = await client.dataset()
    print(f"{dataset.title.en} (version {dataset.version})")
    for category, count in categories.most_common():
        print(f"{count:4d}  {category}")


if __name__ == "__main__":
    asyncio.run(main())
