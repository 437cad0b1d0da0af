"""The built release feed (Atom) with the server's public root declared as its base.

The build writes the feed's links relative to the API's root, so its bytes do
not depend on where it is served; its ``atom:id`` values are ``urn:uuid:``
names made from the dataset's id and each version, so a feed reader sees the
same entries wherever the feed is served. The one change the server makes to
the bytes is to declare ``PUBLIC_BASE_URL`` as ``xml:base`` on ``<feed>``.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from longgang_api.data.artifact import ArtifactError

ATOM_NS = "http://www.w3.org/2005/Atom"
#: How every built feed begins: the base goes in right after it, as the root's next attribute.
FEED_HEAD = f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ATOM_NS}"'.encode()


def feed_with_base(built: bytes, public_base_url: str) -> bytes:
    if not built.startswith(FEED_HEAD):
        raise ArtifactError("the built release feed does not open with its <feed> element")
    # Relative references resolve against the base's last "/": the root must end with one.
    base = public_base_url.rstrip("/") + "/"
    return FEED_HEAD + f" xml:base={quoteattr(base)}".encode() + built[len(FEED_HEAD) :]
