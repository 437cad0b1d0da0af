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

NUMERALS = "零〇一二三四五六七八九十两百千万亿"

#: A scale word with no numeral before it (百亿, 千亿级, 万名, 突破万人): one of its unit, or
#: a size class; either way a quantity the report states.
BARE_SCALE = re.compile(rf"(?<![0-9.{NUMERALS}几数余])[百千万亿]+")

#: A numeral standing alone inside quotation marks (突破“六”): a figure written as a word.
QUOTED_NUMERAL = re.compile(rf"(?<=[“‘\"「])[{NUMERALS}]+(?=[”’\"」])")

STATEMENT = re.compile(
    rf"(?<![一二三四五六七八九十两第])[一二三四五六七八九十两]+(?=[{MEASURE_WORDS}])"
    r"|双位数|首[个家批届座]|全年无|之首|全市最低|全覆盖"
    rf"|{QUOTED_NUMERAL.pattern}|{BARE_SCALE.pattern}"
)

#: What the words without a numeral stand for: 双位数 is a growth of at least
#: 10 (per cent), a first is rank 1 and so is the city's lowest (全市最低: one rule for
#: every superlative of the city), 全年无 is a count of 0, 全覆盖 (full coverage) 100 per cent.
WORD_VALUES = {
    "双位数": 10.0,
    "全年无": 0.0,
    "之首": 1.0,
    "首": 1.0,
    "全市最低": 1.0,
    "全覆盖": 100.0,
}


def statements(source: SourceText) -> list[NumberHit]:
    """Chinese-numeral statements of the normalised text that the number pattern misses."""
    covered = Spans((hit.start, hit.end) for hit in source.numbers())
    return [
        NumberHit(m.group(), m.start(), m.end(), source.line_of[m.start()])
        for m in STATEMENT.finditer(source.text)
        if not covered.cover(m.start(), m.start() + 1)
    ]


def word_values(quote: str) -> set[float]:
    """Values stood for by the numeral-free quantity words of ``quote``; a bare scale
    word is one of its unit (突破万人: value 1, unit 万人)."""
    values = {value for word, value in WORD_VALUES.items() if word in quote}
    if BARE_SCALE.search(quote):
        values.add(1.0)
    return values
