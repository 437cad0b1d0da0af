"""Snippets are cut where the match stands in the original text, in its own spelling.

:func:`~longgang_api.engine.text_search.snippet` finds the match in the field's
normalised text and maps its place back to the original only where
normalising changed the length, and re-spaces the cut only where the field's
spaces are not already single (a *plain* field is cut as a slice). The
reference below is the way it was first written: the original normalised
character by character, each normalised character remembering the original
one it came from. Both must cut the same snippet from every field of the
dataset, for every piece a query could match there.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest

from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.declarations import LISTINGS
from longgang_api.engine.text_search import (
    Match,
    Piece,
    SearchField,
    fold,
    normalise_text,
    pieces,
    prepare,
    snippet,
)
from longgang_api.settings import DEFAULT_PUBLIC_BASE_URL

BEFORE, AFTER = 30, 50
# The pieces of normalised text, as text_search cuts them.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_PIECES = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>[^\\W_{_CJK}]+)")


def reference_snippet(match: Match) -> str:
    original = match.best.original
    if len(original) <= BEFORE + AFTER:
        return " ".join(original.split())
    positions: list[int] = []
    normalised: list[str] = []
    for i, char in enumerate(original):
        n = normalise_text(char)
        normalised.append(n)
        positions.extend([i] * len(n))
    text = "".join(normalised)
    kind, value = match.piece
    start = -1
    if kind == "cjk":
        start = text.find(value)
    else:
        for m in _PIECES.finditer(text):
            if m.group("word") is not None and fold(m.group("word")) == value:
                start = m.start()
                break
    at = positions[start] if 0 <= start < len(positions) else 0
    begin = max(0, at - BEFORE)
    end = min(len(original), at + AFTER)
    piece = " ".join(original[begin:end].split())
    return ("…" if begin else "") + piece + ("…" if end < len(original) else "")


def pieces_of(field: SearchField, chooser: random.Random) -> Iterator[Piece]:
    """Every word of the field, Chinese fragments of each run, and a piece it lacks."""
    for kind, value in pieces(field.text):
        if kind == "word":
            yield kind, value
            continue
        yield kind, value
        for _ in range(3):
            start = chooser.randrange(len(value))
            yield kind, value[start : start + chooser.randint(1, 4)]
    yield "word", "xyzzy"
    yield "cjk", "鑫"


def compared(fields: Iterator[SearchField], chooser: random.Random) -> int:
    count = 0
    for field in fields:
        for piece in pieces_of(field, chooser):
            match = Match(1, (field.name,), field, piece)
            assert snippet(match) == reference_snippet(match), (field.original, piece)
            count += 1
    return count


def test_snippets_of_every_field_of_the_dataset_equal_the_reference(
    dataset: LoadedDataset,
) -> None:
    chooser = random.Random(2024)
    fields: dict[tuple[str, str], SearchField] = {}
    for listing in LISTINGS:
        for record in listing.records(dataset, DEFAULT_PUBLIC_BASE_URL):
            for field in prepare(listing.text_of(record, dataset)):
                fields[field.name, field.original] = field
    long = [f for f in fields.values() if len(f.original) > BEFORE + AFTER]
    # The comparison is worth something only over many long fields, cut around the match.
    assert len(long) > 100
    assert compared(iter(fields.values()), chooser) > 10_000


@pytest.mark.parametrize(
    "original",
    [
        # Characters whose normalised form is longer (ß → ss, ﬁ → fi, ㎡ → m2) or
        # shorter (a letter and its combining accent → one letter), before the match.
        "Straße " * 8 + "Longgang GDP growth 5.5% " + "龙岗区地区生产总值增长 " * 4,
        "ﬁnance ﬁnance ㎡㎡㎡ " * 6 + "hospital beds 医院床位 " + "x" * 60,
        "Cafe\u0301 " * 20 + "metro lines 轨道 " + "y" * 40,
        "ＧＤＰ　" * 30 + "ＧＤＰ增长 growth",
    ],
)
def test_snippets_where_normalising_changes_the_length_equal_the_reference(
    original: str,
) -> None:
    field = SearchField.of("source.quote", original)
    assert len(field.text) != len(original) or original.startswith("ＧＤＰ")
    assert compared(iter([field]), random.Random(7)) > 5


@pytest.mark.parametrize(
    "original",
    [
        # Cuts that begin or end on a space, in English and between Chinese runs.
        "Longgang district " * 8 + "metro lines",
        "龙岗 区 " * 20 + "轨道 交通 metro",
    ],
)
def test_a_plain_field_is_cut_as_a_slice_with_its_end_spaces_removed(original: str) -> None:
    field = SearchField.of("text", original)
    assert field.plain and field.whole is None
    assert compared(iter([field]), random.Random(11)) > 5


def test_a_field_with_runs_of_spaces_is_not_plain() -> None:
    field = SearchField.of("text", "Longgang  district " * 8)
    assert not field.plain
    match = Match(1, ("text",), field, ("word", "district"))
    assert snippet(match) == reference_snippet(match)
    assert "  " not in snippet(match)
