"""The query engine: the declared collections, their indexes, search, cursors, and the
reading of a list request.

It knows nothing of HTTP and loads without the web framework (a test imports it
in a fresh interpreter): its one error is :class:`~longgang_api.engine.query_error.QueryError`.
"""
