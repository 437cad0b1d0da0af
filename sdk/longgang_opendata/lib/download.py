"""Bulk files streamed to disk as they arrive, with a progress callback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from longgang_opendata._base_client import path_segment

if TYPE_CHECKING:
    from longgang_opendata._client import Client

__all__ = ["download_to"]

#: (bytes received so far, bytes expected or None when the server does not say)
Progress = Callable[[int, int | None], None]


def download_to(
    client: Client,
    name: str,
    target: BinaryIO,
    *,
    bom: bool | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the download ``name`` to ``target`` without holding it in memory; return its size.

    Same bytes as ``client.download(name)``. ``progress`` is called after every chunk with the
    bytes received on the wire and the ``Content-Length`` (both compressed when the answer is).
    """
    path = f"/v1/downloads/{path_segment(name, 'name')}"
    written = 0
    with client._client.stream(path, {"bom": bom}) as response:
        length = response.headers.get("content-length")
        total = int(length) if length and length.isdigit() else None
        if progress is not None:
            progress(0, total)
        for chunk in response.iter_bytes():
            target.write(chunk)
            written += len(chunk)
            if progress is not None:
                progress(response.num_bytes_downloaded, total)
    return written
