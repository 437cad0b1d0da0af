"""Licences the compiled dataset can be published under, by SPDX id (one table)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Licence:
    #: Where the licence text is read.
    url: str
    #: The URI DCAT-AP harvesters know the licence by, where it is not ``url``.
    uri: str | None = None


LICENCES = {
    "CC-BY-4.0": Licence(
        "https://creativecommons.org/licenses/by/4.0/",
        uri="http://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": Licence("https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": Licence("https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-By-1.0": Licence("https://opendatacommons.org/licenses/by/1-0/"),
}


def licence_uri(spdx_id: str, url: str) -> str:
    """The URI of a licence in a catalogue: the known one, else its URL."""
    known = LICENCES.get(spdx_id)
    return (known.uri or known.url) if known else url
