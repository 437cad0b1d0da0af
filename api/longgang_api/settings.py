"""The server's settings: one Struct, read from the environment by one function.

:class:`Settings` is the only declaration of a setting: its type, default,
environment variable and meaning, from which :meth:`Settings.from_env` reads the
environment and :func:`markdown_table` writes the table of ``docs/running.md``.
The launcher (:mod:`longgang_api.server`) reads and validates them before any
worker starts, so a bad value stops ``make serve`` with a message naming the
variable; each worker then reads the same variables with the same function.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, get_args
from urllib.parse import urlsplit

import msgspec
from msgspec import Meta

from longgang_api.checkout import DATASETS, DEFAULT_DATASET_NAME, NoDatasetFolder, checkout_folder
from longgang_api.web.limits import RateLimiter, parse_proxies


def listening_url(host: str, port: int) -> str:
    """``http://HOST:PORT``, an IPv6 address in brackets."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def _setting(variable: str, meaning: str, shown: str | None = None) -> Meta:
    """What a setting's field declares beside its type: ``variable`` sets it.

    ``shown`` is the default as the table gives it, where the real one is computed
    (from ``HOST`` and ``PORT``, from ``DATASET``) or reads better in words.
    """
    extra: dict[str, Any] = {"env": variable}
    if shown is not None:
        extra["shown"] = shown
    return Meta(description=meaning, extra=extra)


class SettingsError(ValueError):
    """A setting has a value the server cannot run with."""


_HOST = "127.0.0.1"
_PORT = 8000


class Settings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How one server runs: where it listens and what it serves.

    Each field names its environment variable and says what it does
    (:func:`_setting`); :func:`markdown_table` lists them in this order.
    """

    host: Annotated[str, Meta(min_length=1), _setting("HOST", "where to listen")] = _HOST
    port: Annotated[int, Meta(ge=1, le=65535), _setting("PORT", "where to listen")] = _PORT
    workers: Annotated[
        int,
        Meta(ge=1, le=256),
        _setting("WORKERS", "worker processes; a worker that dies is replaced"),
    ] = 1
    #: The dataset folder, whose source document the ``/source`` page shows.
    dataset_folder: Annotated[
        str,
        Meta(min_length=1),
        _setting(
            "DATASET",
            "the dataset: a folder name under `datasets/` or a path to a dataset folder",
            shown=f"`{DEFAULT_DATASET_NAME}`",
        ),
    ] = str(DATASETS / DEFAULT_DATASET_NAME)
    artifact: Annotated[
        str,
        Meta(min_length=1),
        _setting(
            "LONGGANG_ARTIFACT",
            (
                "the dataset artifact (its `.sha256` beside it); `make serve` sets it from a "
                "`DATASET` given"
            ),
            shown="`build/<DATASET>.json`",
        ),
    ] = f"build/{DEFAULT_DATASET_NAME}.json"
    #: Several reports served together, a series; empty serves ``DATASET`` alone.
    datasets: Annotated[
        str,
        _setting(
            "DATASETS",
            "the reports served together, comma-separated, each a folder name under "
            "`datasets/` or a path to a dataset folder, each served from "
            "`build/<name>.json`; set, it replaces `DATASET` and `LONGGANG_ARTIFACT`",
            shown="every folder under `datasets/`",
        ),
    ] = ""
    public_base_url: Annotated[
        str,
        Meta(pattern=r"^https?://[^\s/]+(?:/\S*)?$"),
        _setting(
            "PUBLIC_BASE_URL",
            "public address; root of `html_url`, canonical links, the catalogue's URIs and "
            "the landing page's schema.org links. Set it when `HOST` is a wildcard "
            "(`0.0.0.0`, `::`): links built on one reach no client, and the launcher says so "
            "in one line on stderr (a warning; it still starts)",
            shown="`http://HOST:PORT`",
        ),
    ] = listening_url(_HOST, _PORT)
    cache_max_age: Annotated[
        int, Meta(ge=0), _setting("CACHE_MAX_AGE", "`Cache-Control: max-age` in seconds")
    ] = 3600
    rate_limit: Annotated[
        str | None,
        _setting(
            "RATE_LIMIT",
            "requests per client address, e.g. `120/minute`: over it, `429` with "
            "`Retry-After` and `RateLimit-*` headers (counted in each worker)",
            shown="off",
        ),
    ] = None
    #: Proxies whose ``X-Forwarded-For`` names the client the rate limit counts.
    trusted_proxies: Annotated[
        str,
        _setting(
            "TRUSTED_PROXIES",
            "comma-separated addresses or networks of proxies in front of the API "
            "(`127.0.0.1, 10.0.0.0/8`): a request from one counts, for `RATE_LIMIT`, for the "
            "nearest address before them in `X-Forwarded-For`",
            shown="none",
        ),
    ] = ""
    response_cache: Annotated[
        bool,
        _setting(
            "RESPONSE_CACHE",
            "each worker keeps answers asked again in memory (4,096 answers / 64 MB at most) "
            "and answers from there; `false` turns that off: the same answers, each made anew",
        ),
    ] = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the environment gives; raises :class:`SettingsError`.

        ``LONGGANG_ARTIFACT`` defaults to ``build/<DATASET>.json``, the name
        ``make build DATASET=…`` writes, where ``DATASET`` is a folder name or path.
        """
        env = os.environ if environ is None else environ
        variables = {setting.field: setting.variable for setting in declared()}
        # DATASET names a folder, found below; the others are their fields' values.
        raw: dict[str, str] = {
            field: env[name]
            for field, name in variables.items()
            if env.get(name) and field != "dataset_folder"
        }
        dataset = env.get(variables["dataset_folder"])
        if not raw.get("datasets") and not dataset and "artifact" not in raw:
            # Unset, every report of the checkout is served; today that is one folder,
            # served as DATASET's default serves it.
            found = sorted(p.name for p in DATASETS.iterdir() if p.is_dir())
            if len(found) > 1:
                raw["datasets"] = ",".join(found)
        for name in raw.get("datasets", "").split(","):
            if not name.strip():
                continue
            try:
                checkout_folder(name.strip())
            except NoDatasetFolder as error:
                raise SettingsError(f"DATASETS={raw['datasets']!r}: {error}") from None
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
            name = variables.get(field, field)
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

    def report_names(self) -> tuple[str, ...]:
        """The folder names or paths of ``DATASETS``, in the order given."""
        return tuple(name.strip() for name in self.datasets.split(",") if name.strip())

    def report_folders(self) -> tuple[Path, ...]:
        """The folder of each report served (their source documents)."""
        names = self.report_names()
        if not names:
            return (Path(self.dataset_folder),)
        return tuple(checkout_folder(name) for name in names)

    def report_artifacts(self) -> tuple[Path, ...]:
        """The artifact of each report served, in the order of :meth:`report_folders`."""
        names = self.report_names()
        if not names:
            return (Path(self.artifact),)
        return tuple(Path(f"build/{Path(name).name}.json") for name in names)


#: The public address of a server with the default settings.
DEFAULT_PUBLIC_BASE_URL = Settings().public_base_url


@dataclass(frozen=True, slots=True)
class Declared:
    """One setting as :class:`Settings` declares it."""

    field: str
    #: The environment variable that sets it.
    variable: str
    #: The default in Markdown, as the table of settings gives it.
    shown: str
    #: What it does, in Markdown.
    meaning: str


def _shown(default: object) -> str:
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    return f"`{default}`"


def declared() -> list[Declared]:
    """Every setting, in the order :class:`Settings` declares them."""
    found = []
    for field in msgspec.structs.fields(Settings):
        metas = [m for m in get_args(field.type)[1:] if isinstance(m, Meta) and m.extra]
        (meta,) = metas
        extra = meta.extra or {}
        found.append(
            Declared(
                field=field.name,
                variable=extra["env"],
                shown=extra.get("shown") or _shown(field.default),
                meaning=meta.description or "",
            )
        )
    return found


def markdown_table() -> str:
    """The table of settings of ``docs/running.md``: variable, default, meaning.

    Neighbouring settings of the same meaning (``HOST``, ``PORT``) share a row.
    """
    rows: list[list[Declared]] = []
    for setting in declared():
        if rows and rows[-1][0].meaning == setting.meaning:
            rows[-1].append(setting)
        else:
            rows.append([setting])
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for row in rows:
        variables = ", ".join(f"`{s.variable}`" for s in row)
        defaults = ", ".join(s.shown for s in row)
        lines.append(f"| {variables} | {defaults} | {row[0].meaning} |")
    return "\n".join(lines) + "\n"


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
