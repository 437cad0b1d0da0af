"""Every media type served or written, declared once: the build and the server share it."""

from __future__ import annotations

JSON = "application/json"
PROBLEM_JSON = "application/problem+json"
JSON_LD = "application/ld+json"
OPENAPI_JSON = "application/vnd.oai.openapi+json"
NDJSON = "application/x-ndjson"
#: The other name of NDJSON, accepted in ``Accept``.
NDJSON_ALIAS = "application/ndjson"
CSV = "text/csv"
TURTLE = "text/turtle"
XML = "application/xml"
TEXT = "text/plain"
ATOM = "application/atom+xml"
HTML = "text/html"
CSS = "text/css"
JAVASCRIPT = "text/javascript"
PNG = "image/png"
SQLITE = "application/vnd.sqlite3"
PARQUET = "application/vnd.apache.parquet"
#: CSV on the Web metadata (a JSON-LD document), as the W3C recommendation registers it.
CSVW_METADATA = "application/csvm+json"
OCTET_STREAM = "application/octet-stream"
