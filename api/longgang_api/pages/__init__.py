"""Pages for people: every record browsable in Chinese and English, every value one click
from its sentence in the source.

Server-rendered HTML from Jinja2 templates (autoescaping on) on one base
layout, one stylesheet served at an address that names its content, no
script, nothing from another host. Pages share the API's query grammar,
ETags, Cache-Control and Content-Security-Policy.
"""

from __future__ import annotations
