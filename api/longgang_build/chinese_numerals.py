"""Statements of quantity written in Chinese without a magnitude word.

The completeness audit's number pattern (``source_text.NUMBER``) sees Arabic
numerals, ordinals and Chinese numerals with a magnitude (四千余, 七成). A
report also states quantities as a bare Chinese numeral before a measure
word (三大园区, 十条措施), as “double-digit” (双位数), “the first” (首个,
之首) or “none in the whole year” (全年无). This module finds those, so that
each is either quoted by a record or excluded with a reason, and gives the
values such words stand for when a record's value is checked against its
quote.
"""

from __future__ import annotations

import re

from longgang_api.data.source_text import NumberHit, SourceText, Spans

#: Measure words after which a bare Chinese numeral counts something.
MEASURE_WORDS = "大条个家项所类座张名批期年届套种次场级"

STATEMENT = re.compile(
    rf"(?<![一二三四五六七八九十两第])[一二三四五六七八九十两]+(?=[{MEASURE_WORDS}])"
    r"|双位数|首[个家批届座]|全年无|之首"
)

#: What the words without a numeral stand for: 双位数 is a growth of at least
#: 10 (per cent), a first is rank 1, 全年无 is a count of 0.
WORD_VALUES = {"双位数": 10.0, "全年无": 0.0, "之首": 1.0, "首": 1.0}


def statements(source: SourceText) -> list[NumberHit]:
    """Chinese-numeral statements of the normalised text that the number pattern misses."""
    covered = Spans((hit.start, hit.end) for hit in source.numbers())
    return [
        NumberHit(m.group(), m.start(), m.end(), source.line_of[m.start()])
        for m in STATEMENT.finditer(source.text)
        if not covered.cover(m.start(), m.start() + 1)
    ]


def word_values(quote: str) -> set[float]:
    """Values stood for by the numeral-free quantity words of ``quote``."""
    return {value for word, value in WORD_VALUES.items() if word in quote}
