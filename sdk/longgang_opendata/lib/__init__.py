"""Hand-written helpers of the SDK; ``sdk/generate_sdk.py`` never writes here.

- ``resources``: the client's resources, each extending a generated one (``to_pandas`` …)
- ``tables``: records as flat rows and typed columns, shared by pandas and the command line
- ``frames``: those tables as pandas DataFrames (the ``pandas`` extra)
- ``download``: bulk files streamed to disk with progress
- ``cli``: the ``longgang-opendata`` command line
"""

from __future__ import annotations

from longgang_opendata.lib.download import download_to

__all__ = ["download_to"]
