"""Typed Python client for the Longgang Open Data API."""

from __future__ import annotations

__all__: list[str] = []
