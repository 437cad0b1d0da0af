"""Pages for people: every record browsable in Chinese and English, every value one click
from its sentence in the source; the landing page; the API reference and the guides.

Server-rendered HTML from Jinja2 templates (autoescaping on) on one base
layout, one stylesheet served at an address that names its content, nothing
from another host, and no script but Swagger UI's on ``/docs``. Pages share the
API's query grammar, ETags, Cache-Control and Content-Security-Policy.
"""

from __future__ import annotations
