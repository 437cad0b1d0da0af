"""Typed Python client for the Longgang Open Data API.

    from longgang_opendata import Client

    with Client() as client:
        for observation in client.observations.list(period="2024"):
            print(observation.indicator_id, observation.value, observation.unit)

English texts in the data are translations by Longgang Open Data (unofficial).
"""

from __future__ import annotations

from longgang_opendata import types
from longgang_opendata._client import AsyncClient, Client
from longgang_opendata._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    InternalServerError,
    LonggangOpenDataError,
    NotAcceptableError,
    NotFoundError,
    PaginationError,
    RateLimitError,
)
from longgang_opendata._logs import setup_logging
from longgang_opendata._pagination import AsyncPage, AsyncPager, SyncPage
from longgang_opendata._version import __version__ as __version__

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncPage",
    "AsyncPager",
    "BadRequestError",
    "Client",
    "InternalServerError",
    "LonggangOpenDataError",
    "NotAcceptableError",
    "NotFoundError",
    "PaginationError",
    "RateLimitError",
    "SyncPage",
    "types",
]

setup_logging()


def __dir__() -> list[str]:
    return list(__all__)
