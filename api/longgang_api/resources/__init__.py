"""One Controller per resource of ``/v1``."""

from __future__ import annotations
