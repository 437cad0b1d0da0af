"""The server's settings: one Struct, read from the environment by one function.

The launcher (:mod:`longgang_api.server`) reads and validates them before any
worker starts, so a bad value stops ``make serve`` with a message naming the
variable; each worker then reads the same variables with the same function.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import msgspec
from msgspec import Meta

from longgang_api.checkout import DATASETS, DEFAULT_DATASET_NAME, NoDatasetFolder, checkout_folder
from longgang_api.limits import RateLimiter, parse_proxies

DEFAULT_MAX_AGE = 3600
DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"

#: Environment variable of each setting.
VARIABLES = {
    "host": "HOST",
    "port": "PORT",
    "workers": "WORKERS",
    "artifact": "LONGGANG_ARTIFACT",
    "public_base_url": "PUBLIC_BASE_URL",
    "cache_max_age": "CACHE_MAX_AGE",
    "rate_limit": "RATE_LIMIT",
    "trusted_proxies": "TRUSTED_PROXIES",
}


def listening_url(host: str, port: int) -> str:
    """``http://HOST:PORT``, an IPv6 address in brackets."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


class SettingsError(ValueError):
    """A setting has a value the server cannot run with."""


class Settings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How one server runs: where it listens and what it serves."""

    host: Annotated[str, Meta(min_length=1)] = "127.0.0.1"
    port: Annotated[int, Meta(ge=1, le=65535)] = 8000
    workers: Annotated[int, Meta(ge=1, le=256)] = 1
    artifact: Annotated[str, Meta(min_length=1)] = f"build/{DEFAULT_DATASET_NAME}.json"
    public_base_url: Annotated[str, Meta(pattern=r"^https?://[^\s/]+(?:/\S*)?$")] = (
        DEFAULT_PUBLIC_BASE_URL
    )
    cache_max_age: Annotated[int, Meta(ge=0)] = DEFAULT_MAX_AGE
    rate_limit: str | None = None
    #: Proxies whose ``X-Forwarded-For`` names the client the rate limit counts.
    trusted_proxies: str = ""
    #: The dataset folder, whose source document the ``/source`` page shows.
    dataset_folder: Annotated[str, Meta(min_length=1)] = str(DATASETS / DEFAULT_DATASET_NAME)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the environment gives; raises :class:`SettingsError`.

        ``LONGGANG_ARTIFACT`` defaults to ``build/<DATASET>.json``, the name
        ``make build DATASET=…`` writes, where ``DATASET`` is a folder name or path.
        """
        env = os.environ if environ is None else environ
        raw = {field: env[name] for field, name in VARIABLES.items() if env.get(name)}
        dataset = env.get("DATASET")
        if "artifact" not in raw and dataset:
            raw["artifact"] = f"build/{Path(dataset).name}.json"
        if dataset:
            try:
                raw["dataset_folder"] = str(checkout_folder(dataset))
            except NoDatasetFolder as error:
                raise SettingsError(f"DATASET={dataset!r}: {error}") from None
        try:
            settings = msgspec.convert(raw, type=cls, strict=False)
        except msgspec.ValidationError as error:
            field = str(error).rpartition("$.")[2].rstrip("`")
            name = VARIABLES.get(field, field)
            raise SettingsError(f"{name}={raw.get(field)!r}: {error}") from None
        if "public_base_url" not in raw:
            # Unset, the public address is the one this server listens on.
            settings = msgspec.structs.replace(
                settings, public_base_url=listening_url(settings.host, settings.port)
            )
        try:
            if settings.rate_limit is not None:
                RateLimiter.parse(settings.rate_limit)
            parse_proxies(settings.trusted_proxies)
        except ValueError as error:
            raise SettingsError(str(error)) from None
        return settings


def unreachable_public_url(settings: Settings) -> str | None:
    """Why the links the server writes would lead nowhere, or None when they would not.

    Unset, ``PUBLIC_BASE_URL`` follows ``HOST``; a wildcard ``HOST`` (``0.0.0.0``,
    ``::``) listens on every address but is none a client can connect to, so every
    ``html_url``, canonical link and catalogue URI built on it would be dead.
    """
    host = urlsplit(settings.public_base_url).hostname or ""
    try:
        wildcard = ipaddress.ip_address(host).is_unspecified
    except ValueError:  # a name, not an address
        return None
    if not wildcard:
        return None
    return (
        f"links (html_url, canonical links, catalogue URIs) would be built on "
        f"{settings.public_base_url}, which no client can reach: set PUBLIC_BASE_URL "
        "to the address clients use (https://data.example.org, say)"
    )
