"""What ``q`` means: terms, synonyms, matching, ranking and snippets.

- Text and query are compared NFKC-normalised and casefolded, so full-width
  and half-width forms, and upper and lower case, match.
- Text is cut into *pieces*: runs of Chinese characters, and words (runs of
  other letters and digits). The query is cut the same way, so whitespace and
  punctuation separate its terms.
- A Chinese piece of the query matches where it stands inside a Chinese run of
  the text; a word matches a whole word of the text, after plural folding
  (``places`` = ``place``, ``facilities`` = ``facility``).
- Every term must match (AND). A term that is a member of a synonym group
  (data of the dataset: ``synonyms.toml``) matches where any member does.
- A match ranks 0 when the whole query is the record's id or name, else by the
  worst of its terms, each term at the best field it matched in: 1 a name,
  2 a definition, quote or other body text, 3 the text of a section.

:func:`match_record` is the definition, record by record; the index
(:mod:`longgang_api.index`) answers the same questions without a scan.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Weights of where a term matched; lower is better.
EXACT, NAME, BODY, CONTEXT = 0, 1, 2, 3
#: Fields that name a record: a match there ranks as a name.
NAME_FIELDS = frozenset(
    {"id", "name.zh", "name.en", "term.zh", "term.en", "heading.zh", "heading.en"}
)
#: Fields that only surround a record (a section's text).
CONTEXT_FIELDS = frozenset({"text"})

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_PIECES = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>[^\\W_{_CJK}]+)")
_SNIPPET_BEFORE = 30
_SNIPPET_AFTER = 50

#: A piece of text: ``("cjk", "轨道")`` or ``("word", "metro")`` (folded).
Piece = tuple[str, str]


def normalise_text(text: str) -> str:
    """The form both ``q`` and the searched text are compared in."""
    return unicodedata.normalize("NFKC", text).casefold()


def fold(word: str) -> str:
    """Simple English plural folding, applied to the query and the text alike."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def pieces(normalised: str) -> list[Piece]:
    """The Chinese runs and folded words of normalised text, in order."""
    found: list[Piece] = []
    for m in _PIECES.finditer(normalised):
        if m.group("cjk") is not None:
            found.append(("cjk", m.group("cjk")))
        else:
            found.append(("word", fold(m.group("word"))))
    return found


def field_weight(name: str) -> int:
    if name in NAME_FIELDS:
        return NAME
    return CONTEXT if name in CONTEXT_FIELDS else BODY


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a query: it matches where any of its alternatives does."""

    #: Each alternative is matched when all its pieces are.
    alternatives: tuple[tuple[Piece, ...], ...]
    #: The pieces as the query wrote them (a snippet shows them before a synonym).
    typed: tuple[Piece, ...] = ()


class Synonyms:
    """Groups of interchangeable terms, looked up by their pieces."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self._groups: list[tuple[tuple[Piece, ...], ...]] = []
        self._lookup: dict[tuple[Piece, ...], int] = {}
        self.longest = 1
        for members in groups:
            alternatives = tuple(
                dict.fromkeys(p for p in (tuple(pieces(normalise_text(m))) for m in members) if p)
            )
            index = len(self._groups)
            self._groups.append(alternatives)
            for alternative in alternatives:
                self._lookup.setdefault(alternative, index)
                self.longest = max(self.longest, len(alternative))

    def group(self, key: tuple[Piece, ...]) -> tuple[tuple[Piece, ...], ...] | None:
        index = self._lookup.get(key)
        return None if index is None else self._groups[index]


NO_SYNONYMS = Synonyms(())


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed ``q``: its normalised text and its terms."""

    text: str
    terms: tuple[Term, ...]


def parse_query(q: str, synonyms: Synonyms = NO_SYNONYMS) -> Query:
    """Cut ``q`` into terms; a run of pieces that is a synonym is one term."""
    text = normalise_text(q).strip()
    found = pieces(text)
    terms: list[Term] = []
    at = 0
    while at < len(found):
        for size in range(min(synonyms.longest, len(found) - at), 0, -1):
            group = synonyms.group(tuple(found[at : at + size]))
            if group is not None:
                terms.append(Term(group, tuple(found[at : at + size])))
                at += size
                break
        else:
            terms.append(Term(((found[at],),), (found[at],)))
            at += 1
    return Query(text, tuple(dict.fromkeys(terms)))


@dataclass(frozen=True, slots=True)
class SearchField:
    """One searched field of a record, prepared for matching."""

    name: str
    weight: int
    original: str
    text: str
    #: The folded words of the text, each once, each between spaces (`` gdp growth ``):
    #: one string costs a tenth of a set of strings, and is searched as fast.
    words: str

    @classmethod
    def of(cls, name: str, original: str) -> SearchField:
        text = normalise_text(original)
        words = dict.fromkeys(p for kind, p in pieces(text) if kind == "word")
        spaced = f" {' '.join(words)} " if words else ""
        return cls(sys.intern(name), field_weight(name), original, text, spaced)

    def has(self, piece: Piece) -> bool:
        kind, value = piece
        return f" {value} " in self.words if kind == "word" else value in self.text


# A quote is searched in its observation, its indicator and its search hit: one
# prepared field serves all three. Once every index holds its fields, the served app
# empties this (release_prepared); a field is some two hundred bytes of it.
_prepared = functools.cache(SearchField.of)


def release_prepared() -> None:
    """Forget the prepared fields; those the indexes hold stay shared between them."""
    _prepared.cache_clear()


def prepare(fields: Iterable[tuple[str, str]]) -> tuple[SearchField, ...]:
    return tuple(_prepared(name, text) for name, text in fields if text)


@dataclass(frozen=True, slots=True)
class Match:
    """How a record matched: its rank, the fields and the first piece matched."""

    rank: int
    fields: tuple[str, ...]
    best: SearchField
    piece: Piece


def is_exact(query: Query, fields: Sequence[SearchField]) -> bool:
    return any(f.weight == NAME and f.text.strip() == query.text for f in fields)


def match_record(query: Query, fields: Sequence[SearchField]) -> Match | None:
    """Whether ``fields`` match every term of ``query``, and how well."""
    if len(query.terms) == 1:
        (alternative, *others) = query.terms[0].alternatives
        if not others and len(alternative) == 1:
            return _match_piece(query, alternative[0], fields)
    return match_terms(query, fields)


def _match_piece(query: Query, piece: Piece, fields: Sequence[SearchField]) -> Match | None:
    """:func:`match_terms` for a query of one piece and no synonym, with less to do.

    Every page of such a query calls it for each of its records.
    """
    kind, value = piece
    if kind == "word":
        spaced = f" {value} "
        where = [i for i, f in enumerate(fields) if spaced in f.words]
    else:
        where = [i for i, f in enumerate(fields) if value in f.text]
    if not where:
        return None
    # The snippet's field: the best weight, a name before the id, then the first.
    best = fields[where[0]]
    best_key = (best.weight, best.name == "id")
    for i in where[1:]:
        f = fields[i]
        key = (f.weight, f.name == "id")
        if key < best_key:
            best, best_key = f, key
    # A field that is the whole query holds its one piece: it is among those matched.
    exact = any(fields[i].weight == NAME and fields[i].text.strip() == query.text for i in where)
    names = tuple(dict.fromkeys(fields[i].name for i in where))
    return Match(EXACT if exact else best.weight, names, best, piece)


def match_terms(query: Query, fields: Sequence[SearchField]) -> Match | None:
    """:func:`match_record` for any query: every term, every synonym, every piece."""
    if not query.terms:
        return None
    matched: set[int] = set()
    worst = EXACT
    # Where the snippet comes from: the best field, a name before the id (which says
    # less), the query's own words before their synonyms.
    best_at: tuple[int, bool, bool, int, Piece] | None = None
    for term in query.terms:
        term_weight: int | None = None
        for alternative in term.alternatives:
            weight = EXACT
            hits: list[int] = []
            for piece in alternative:
                where = [i for i, f in enumerate(fields) if f.has(piece)]
                if not where:
                    break
                here = min(fields[i].weight for i in where)
                weight = max(weight, here)
                hits.extend(where)
                synonym = alternative != term.typed
                for i in where:
                    candidate = (fields[i].weight, fields[i].name == "id", synonym, i, piece)
                    if best_at is None or candidate[:4] < best_at[:4]:
                        best_at = candidate
            else:
                matched.update(hits)
                term_weight = weight if term_weight is None else min(term_weight, weight)
        if term_weight is None:
            return None
        worst = max(worst, term_weight)
    assert best_at is not None
    rank = EXACT if is_exact(query, fields) else worst
    names = tuple(dict.fromkeys(fields[i].name for i in sorted(matched)))
    return Match(rank, names, fields[best_at[3]], best_at[4])


def snippet(match: Match) -> str:
    """The best field's text around the first place it matched, in its own spelling."""
    original = match.best.original
    if len(original) <= _SNIPPET_BEFORE + _SNIPPET_AFTER:
        return " ".join(original.split())
    text = match.best.text
    kind, value = match.piece
    start = -1
    if kind == "cjk":
        start = text.find(value)
    else:
        for m in _PIECES.finditer(text):
            if m.group("word") is not None and fold(m.group("word")) == value:
                start = m.start()
                break
    at = max(0, _original_offset(original, text, start))
    begin = max(0, at - _SNIPPET_BEFORE)
    end = min(len(original), at + _SNIPPET_AFTER)
    piece = " ".join(original[begin:end].split())
    return ("…" if begin else "") + piece + ("…" if end < len(original) else "")


def _original_offset(original: str, text: str, offset: int) -> int:
    """The character of ``original`` whose normalised form holds ``text[offset]``."""
    if offset < 0 or len(text) == len(original):
        # Normalisation kept every character one character (the usual case).
        return offset
    # The last prefix of the original whose normalised form ends at or before ``offset``.
    return (
        bisect.bisect_right(
            range(len(original) + 1), offset, key=lambda k: len(normalise_text(original[:k]))
        )
        - 1
    )
