"""The route handlers of ``/v1``: the list resources made from their declarations
(:mod:`.lists`), the entry point, metadata and health (:mod:`.meta`), and what
portals harvest (:mod:`.syndication`)."""

from __future__ import annotations
