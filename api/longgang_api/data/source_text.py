"""The source document as text that quotes can be checked against.

The source is a conversion of a PDF: some sentences are broken across lines
(often with a blank line between), some lines end in a Markdown hard break
(two spaces) and headings carry ``**``/``#`` markup. The file itself is kept
byte-for-byte; this module derives a *normalised* text from it in which
markup is removed and every artefact break is joined, while each character
remembers the source line it came from.

A break between two non-empty lines is an artefact unless the first line is
a heading or ends a sentence, or the second line opens a new paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

_MARKUP = re.compile(r"\*\*|</?sub>")
_HEADING_PREFIX = re.compile(r"^#{1,6}\s*")
_SENTENCE_END = tuple("。；：！？")
_PARAGRAPH_OPENER = re.compile(r"^(?:#|\*\*|——|- |（|\(|\d+\.)")
_SUBPART_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")

_CN_DIGITS = {
    "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = "[一二三四五六七八九十两]"

#: What the completeness audit counts as a number: Arabic numerals, ordinals
#: (第三), and Chinese numerals with a magnitude, a ratio or a count of
#: rounds (四千余, 七成, 2.8倍 is Arabic, 五轮).
NUMBER = re.compile(
    r"\d+(?:\.\d+)?"
    rf"|第{_CN_NUMERAL}+"
    rf"|{_CN_NUMERAL}+(?:[十百千万亿]+余?|成|倍|轮)"
)


@dataclass(frozen=True, slots=True)
class NumberHit:
    """One number of the source: its text, where it is, and its value."""

    text: str
    start: int
    end: int
    line: int


class QuoteNotFound(ValueError):
    """A quote is not in the source, or not on the line it claims."""


def _is_heading(line: str) -> bool:
    if line.startswith("#") or _SUBPART_HEADING.match(line):
        return True
    return line.startswith("**") and line.endswith("**") and line.count("**") == 2


def _clean(line: str) -> str:
    return _MARKUP.sub("", _HEADING_PREFIX.sub("", line)).rstrip()


class Spans:
    """Spans of the normalised text, asked whether one of them covers a given span.

    Sorted by start, with the furthest end reached so far: a span is covered when
    the furthest end among the spans starting at or before it reaches its end. A
    look-up costs a bisection, so the audit stays linear in the size of the source.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def cover(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self._starts, start) - 1
        return at >= 0 and self._reach[at] >= end


class SourceText:
    """The normalised text of the source, with a map back to source lines."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        chars: list[str] = []
        line_of: list[int] = []
        previous: str | None = None
        for number, line in enumerate(raw.split("\n"), start=1):
            stripped = line.strip()
            if not stripped:
                continue
            cleaned = _clean(stripped)
            if previous is not None:
                joined = not (
                    _is_heading(previous)
                    or previous.rstrip().endswith(_SENTENCE_END)
                    or _PARAGRAPH_OPENER.match(stripped)
                )
                if not joined:
                    chars.append("\n")
                    line_of.append(line_of[-1])
            chars.extend(cleaned)
            line_of.extend([number] * len(cleaned))
            previous = stripped
        self.text = "".join(chars)
        self.line_of = line_of

    @cached_property
    def line_count(self) -> int:
        return self.raw.count("\n") + 1

    def locate(self, quote: str, line: int) -> tuple[int, int]:
        """Return the span of ``quote`` beginning on source ``line``."""
        # line_of never decreases: the first occurrence from the line's first character
        # on is the only candidate; the whole text is searched only to explain a refusal.
        start = self.text.find(quote, bisect.bisect_left(self.line_of, line))
        if start != -1 and self.line_of[start] == line:
            return start, start + len(quote)
        found: list[int] = []
        start = self.text.find(quote)
        while start != -1:
            if self.line_of[start] == line:
                return start, start + len(quote)
            found.append(self.line_of[start])
            start = self.text.find(quote, start + 1)
        if not found:
            raise QuoteNotFound("quote is not in the source")
        lines = ", ".join(str(n) for n in sorted(set(found)))
        raise QuoteNotFound(f"quote begins on line {lines} of the source, not on line {line}")

    def span_of_lines(self, first: int, last: int) -> tuple[int, int]:
        """Span of the normalised text that comes from source lines ``first``…``last``."""
        start = bisect.bisect_left(self.line_of, first)
        stop = bisect.bisect_right(self.line_of, last)
        return (start, stop) if start < stop else (0, 0)

    def numbers(self) -> list[NumberHit]:
        """Every number of the normalised text, in order."""
        return [
            NumberHit(m.group(), m.start(), m.end(), self.line_of[m.start()])
            for m in NUMBER.finditer(self.text)
        ]


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral such as 四千, 二十, 十五 (no 万/亿)."""
    total = 0
    digit = 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
    return total + digit


def values_in(quote: str) -> set[float]:
    """Every value a number in ``quote`` can stand for.

    ``3.8万`` stands for 3.8 (as written, unit 万座) and 38000; ``七成`` for 7
    and 70 (per cent); ``四千余`` for 4000; a bare ``万`` (突破万人) for 10000.
    """
    values: set[float] = set()
    bare = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 10_000.0}
    pattern = rf"(\d+(?:\.\d+)?)([万亿]?)|第?({_CN_NUMERAL}+)([十百千万亿]*)|([百千万])"
    for match in re.finditer(pattern, quote):
        arabic, arabic_scale, chinese, chinese_scale, magnitude = match.groups()
        if magnitude is not None:  # 突破万人, 超百亿元: a bare magnitude is one of it
            values.add(bare[magnitude])
            continue
        if arabic is not None:
            value = float(arabic)
            values.add(value)
            if arabic_scale:
                values.add(value * (10_000 if arabic_scale == "万" else 100_000_000))
            continue
        value = float(chinese_numeral(chinese + chinese_scale.replace("万", "").replace("亿", "")))
        if "万" in chinese_scale:
            values.add(value * 10_000)
        values.add(value)
        values.add(value * 10)  # 七成 → 70 %
    return values
