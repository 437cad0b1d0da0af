"""The existing names closest to one asked for: record ids, filter ids, sort fields."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: How many close ids a problem suggests, and how alike an id must be to be one of them.
SUGGESTIONS = 3
_ALIKE = 0.6
#: Ids are short; comparing a long path segment with every id would only cost time.
_LONGEST_COMPARED = 100


def closest_ids(wanted: str, ids: Iterable[str]) -> tuple[str, ...]:
    """Up to three ids closest to ``wanted``: same letters in another case, containing it, alike."""
    folded = wanted.casefold()
    if len(folded) > _LONGEST_COMPARED:
        return ()
    scored: list[tuple[float, str]] = []
    for candidate in ids:
        other = candidate.casefold()
        ratio = difflib.SequenceMatcher(None, folded, other).ratio()
        if other == folded:
            score = 3.0
        elif folded and (folded in other or other in folded):
            score = 2.0 + ratio
        elif ratio >= _ALIKE:
            score = ratio
        else:
            continue
        scored.append((score, candidate))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return tuple(candidate for _, candidate in scored[:SUGGESTIONS])


def did_you_mean(suggestions: tuple[str, ...]) -> str:
    """The end of a problem's detail naming the suggestions; empty for none."""
    return "; did you mean " + ", ".join(suggestions) + "?" if suggestions else ""
