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

    Any answer but a 200 raises before a byte is written (redirects are not followed). Past the
    client's ``deadline`` or ``max_file_size`` it raises mid-way, leaving part of the file in
    ``target``: write to a temporary file and rename it on success, as the command line does.
    """
    path = f"/v1/downloads/{path_segment(name, 'name')}"
    written = 0
    with client._client.stream(path, {"bom": bom}) as answer:
        length = answer.response.headers.get("content-length")
        total = int(length) if length and length.isascii() and length.isdigit() else None
        if progress is not None:
            progress(0, total)
        for chunk in answer.chunks:
            target.write(chunk)
            written += len(chunk)
            if progress is not None:
                progress(answer.response.num_bytes_downloaded, total)
    return written
