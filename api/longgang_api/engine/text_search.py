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
  (data of the dataset: ``synonyms.toml``) matches where any member does; a
  broader term of a group, where it or any member does (see :class:`Synonyms`).
- A match ranks 0 when the whole query is the record's id or name, else by the
  worst of its terms, each term at the best place it matched: 2 a name, 4 a
  definition, quote or other body text, 6 the text of a section, each one more
  where the term matched there only through a synonym: a name holding the
  term as written ranks above a name holding only a synonym of it, which
  ranks above a quote holding the term as written.

:func:`match_terms` is the definition, record by record; :func:`match_record`
and, for the records of a page, :func:`match_records` give its answers, a query
of one term whose alternatives are each one piece in one pass over each
record's fields. The index
(:mod:`longgang_api.engine.index`) answers the same questions without a scan.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import msgspec

#: Weights of where a term matched; lower is better. A field's weight is even: one
#: more is the same field reached only through a synonym (:data:`SYNONYM`).
EXACT, NAME, BODY, CONTEXT = 0, 2, 4, 6
#: Added to a term's weight where none of the words it was typed with matched there,
#: only another member of its synonym group: a record that holds what the user wrote
#: ranks above one that holds only a synonym of it, in the same field.
SYNONYM = 1
#: The worst match rank.
WORST = CONTEXT + SYNONYM
#: Fields that name a record: a match there ranks as a name.
NAME_FIELDS = frozenset(
    {"id", "name.zh", "name.en", "term.zh", "term.en", "heading.zh", "heading.en"}
)
#: Fields that only surround a record (a section's text).
CONTEXT_FIELDS = frozenset({"text"})

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_PIECES = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>[^\\W_{_CJK}]+)")
#: A word of the text, as _PIECES cuts it, and one character of one.
_WORD = re.compile(f"[^\\W_{_CJK}]+")
_WORD_CHAR = re.compile(f"[^\\W_{_CJK}]")
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


class Term(msgspec.Struct, frozen=True):
    """One term of a query: it matches where any of its alternatives does."""

    #: Each alternative is matched when all its pieces are.
    alternatives: tuple[tuple[Piece, ...], ...]
    #: The pieces as the query wrote them: they rank above a synonym, and a snippet
    #: shows them first.
    typed: tuple[Piece, ...] = ()


class Synonyms:
    """Groups of interchangeable terms and their broader terms, looked up by their pieces.

    A member of a group finds where any member does. A broader term finds where
    it or any member does, but no member finds it: a word that renders the group
    and other terms too ("park" renders 公园 and 园区, an industrial park).
    """

    def __init__(self, groups: Iterable[tuple[Sequence[str], Sequence[str]]]) -> None:
        """``groups``: each group's terms and its broader terms."""
        self._terms: dict[tuple[Piece, ...], Term] = {}
        for members, broader in groups:
            alternatives = _alternatives(members)
            for alternative in alternatives:
                self._terms.setdefault(alternative, Term(alternatives, alternative))
            for wider in _alternatives(broader):
                with_it = tuple(dict.fromkeys((*alternatives, wider)))
                self._terms.setdefault(wider, Term(with_it, wider))
        self.longest = max(map(len, self._terms), default=1)

    @property
    def terms(self) -> tuple[Term, ...]:
        """The term that each member of a group, and each broader term, is read as."""
        return tuple(self._terms.values())

    def term(self, key: tuple[Piece, ...]) -> Term | None:
        return self._terms.get(key)


def _alternatives(terms: Iterable[str]) -> tuple[tuple[Piece, ...], ...]:
    """The pieces of each of ``terms``, each once."""
    return tuple(dict.fromkeys(p for p in (tuple(pieces(normalise_text(t))) for t in terms) if p))


NO_SYNONYMS = Synonyms(())


class Query(msgspec.Struct, frozen=True):
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
            term = synonyms.term(tuple(found[at : at + size]))
            if term is not None:
                terms.append(term)
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
    #: Where a snippet is cut first, lowest first: the best weight, then a name before the
    #: id (which says less). One small int, compared once per matched field of a page.
    preference: int
    #: The snippet of a field short enough to be shown whole, whatever matched; None for
    #: a longer one. Usually the original itself: its spaces are already single.
    whole: str | None
    #: Whether a snippet of the field is a plain slice of the original: its spaces are
    #: single and normalising kept every character one character (most long texts). A
    #: search page cuts a snippet for each of its hits in a long field.
    plain: bool

    @classmethod
    def of(cls, name: str, original: str) -> SearchField:
        text = normalise_text(original)
        words = dict.fromkeys(p for kind, p in pieces(text) if kind == "word")
        spaced = f" {' '.join(words)} " if words else ""
        weight = field_weight(name)
        preference = 2 * weight + (name == "id")
        spaced_once = " ".join(original.split())
        single = spaced_once == original
        whole = None
        if len(original) <= _SNIPPET_BEFORE + _SNIPPET_AFTER:
            whole = original if single else spaced_once
        plain = single and len(text) == len(original)
        return cls(sys.intern(name), weight, original, text, spaced, preference, whole, plain)

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


class Match(msgspec.Struct, frozen=True):
    """How a record matched: its rank, the fields and the first piece matched.

    A Struct, not a dataclass: a page makes one for each of its records, and a
    frozen dataclass is several times slower to make.
    """

    rank: int
    fields: tuple[str, ...]
    best: SearchField
    piece: Piece


def is_exact(query: Query, fields: Sequence[SearchField]) -> bool:
    return any(f.weight == NAME and f.text.strip() == query.text for f in fields)


def match_record(query: Query, fields: Sequence[SearchField]) -> Match | None:
    """Whether ``fields`` match every term of ``query``, and how well."""
    return match_records(query, (fields,), (0,), (0,) if is_exact(query, fields) else ())[0]


def match_records(
    query: Query,
    fields_of: Sequence[Sequence[SearchField]],
    positions: Iterable[int],
    exact: Collection[int],
) -> list[Match | None]:
    """:func:`match_record` of the records at ``positions`` in ``fields_of``.

    ``exact`` holds the positions whose id or a name is the whole query (the
    text index maps each such text to them): a query of one term whose every
    alternative is one piece (a word, a Chinese run, or a synonym group of
    those) is then matched in one pass over each record's fields, which every
    page of such a query does for each of its records.
    """
    alternatives = _single_pieces(query)
    if alternatives is None:
        return [match_terms(query, fields_of[p]) for p in positions]
    found: list[Match | None] = []
    if len(alternatives) == 1:
        # The common query: one piece, no synonym. The loop below answers it too, but
        # its inner loop over alternatives makes it twice as slow for one piece.
        # Its one alternative is the one typed: never a synonym.
        ((needle, word, _, piece),) = alternatives
        for position in positions:
            best: SearchField | None = None
            names: list[str] = []
            for f in fields_of[position]:
                if needle in (f.words if word else f.text):
                    # The first field of the lowest preference, as match_terms chooses it.
                    if best is None or f.preference < best.preference:
                        best = f
                    # Names are interned and few: a list is the cheapest ordered set here.
                    if f.name not in names:
                        names.append(f.name)
            if best is None:
                found.append(None)
            else:
                # A field that is the whole query holds its one piece: an exact record.
                rank = EXACT if position in exact else best.weight
                found.append(Match(rank, tuple(names), best, piece))
        return found
    for position in positions:
        best = None
        chosen: Piece = alternatives[0][3]
        lowest = (0, False)
        weight = WORST
        names = []
        for f in fields_of[position]:
            held = False
            for needle, word, synonym, alternative in alternatives:
                if needle in (f.words if word else f.text):
                    held = True
                    weight = min(weight, f.weight + SYNONYM if synonym else f.weight)
                    # As match_terms chooses: the lowest preference, the typed piece
                    # before a synonym, then the first field, then the first alternative.
                    if best is None or (f.preference, synonym) < lowest:
                        best, lowest, chosen = f, (f.preference, synonym), alternative
            if held and f.name not in names:
                names.append(f.name)
        if best is None:
            found.append(None)
        else:
            rank = EXACT if position in exact else weight
            found.append(Match(rank, tuple(names), best, chosen))
    return found


#: One alternative of a term, ready to test: its needle, whether it is a word (sought
#: among a field's words), whether it is a synonym (not what was typed), the piece.
_Alternative = tuple[str, bool, bool, Piece]


def _single_pieces(query: Query) -> tuple[_Alternative, ...] | None:
    """The alternatives of a query of one term whose every alternative is one piece."""
    if len(query.terms) != 1:
        return None
    term = query.terms[0]
    found: list[_Alternative] = []
    for alternative in term.alternatives:
        if len(alternative) != 1:
            return None
        ((kind, value),) = alternative
        word = kind == "word"
        needle = f" {value} " if word else value
        found.append((needle, word, alternative != term.typed, alternative[0]))
    return tuple(found)


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
                if alternative != term.typed:
                    weight += SYNONYM
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
    best = match.best
    if best.whole is not None:
        return best.whole
    original = best.original
    text = best.text
    kind, value = match.piece
    start = text.find(value) if kind == "cjk" else _first_word(text, value)
    # A plain field's match stands at the same place in its original, whose spaces are
    # already single: only the cut's ends may need trimming. Most long fields are plain, and
    # a search page cuts a snippet for each of its hits in one.
    if not best.plain:
        start = _original_offset(original, text, start)
    at = start if start > 0 else 0
    begin = at - _SNIPPET_BEFORE if at > _SNIPPET_BEFORE else 0
    end = at + _SNIPPET_AFTER  # a slice stops at the end of the original
    cut = original[begin:end]
    piece = cut.strip() if best.plain else " ".join(cut.split())
    return ("…" if begin else "") + piece + ("…" if end < len(original) else "")


def _first_word(text: str, folded: str) -> int:
    """Where the first word of ``text`` that folds to ``folded`` starts; -1 if none does.

    A word folds to ``folded`` only if it starts with it, or, a plural in
    ``-ies``, with all of it but its final ``y``: the places where that prefix
    stands are the only candidates, each confirmed by reading its word whole.
    """
    prefix = folded[:-1] if len(folded) > 1 and folded.endswith("y") else folded
    at = text.find(prefix)
    while at >= 0:
        if at == 0 or not _WORD_CHAR.match(text, at - 1):
            word = _WORD.match(text, at)
            if word is not None and fold(word.group()) == folded:
                return at
        at = text.find(prefix, at + 1)
    return -1


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
