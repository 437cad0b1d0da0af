"""The one error of the query engine: a parameter whose value a list does not accept.

It knows nothing of HTTP. The engine (:mod:`longgang_api.engine.query`, its indexes,
cursors and suggestions) and the reading of a list's parameters raise it; the
HTTP layer (:mod:`longgang_api.web.problems`) answers it as a 400 problem naming the
parameter, and the pages as their 400 page.
"""

from __future__ import annotations


class QueryError(Exception):
    """A query parameter (or header) has a value the API does not accept."""

    def __init__(self, parameter: str, detail: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(detail)
        self.parameter = parameter
        self.detail = detail
        #: The closest accepted values, where the parameter names something that exists.
        self.suggestions = suggestions
