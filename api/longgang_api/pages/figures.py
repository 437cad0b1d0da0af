"""How a value and its unit are written on the pages, in one place for tables, charts and text.

Every page that shows a value (lists, record pages, the landing page, charts)
writes it with :func:`value_text`, so a qualifier (以上, 约, …) and a unit are
never dropped in one place and kept in another.
"""

from __future__ import annotations

import math
import re

from longgang_api.data.model import Observation
from longgang_api.pages import texts
from longgang_api.pages.language import Lang

#: Words for large values, largest first, in each language (zh: 7.14亿; en: 714 million).
#: Chinese pages mostly show the report's own unit (亿元, 万人次), whose numbers are small.
_SCALES: dict[Lang, tuple[tuple[float, str], ...]] = {
    "zh": ((1e12, "万亿"), (1e8, "亿")),
    "en": ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")),
}
#: Decimals kept when a value is scaled to words: a value the report wrote as 7.14亿
#: is exact at this precision; one that is not is written out in grouped digits.
_SCALED_DECIMALS = 3
#: Chinese writes four-digit numbers whole (1482亿元) and groups larger ones (66,000).
_ZH_GROUPED = 1e4
#: Decimals kept at most for any value (the report writes none with more).
_DECIMALS = 4
#: An English unit label marks its plural as "(s)" or "(ies)": enterprise(s), industry(ies).
_PLURAL = re.compile(r"(\w+)\((s|ies)\)")


def _decimal(number: float, decimals: int) -> str:
    """``number`` with grouped digits and no trailing zeros (38,000; 12,345.6; 0.05)."""
    text = f"{round(number, decimals):,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_text(number: float, lang: Lang) -> str:
    """A number for people, never in scientific notation.

    Large values that are round at three decimals are written in words (714
    million, 7.14亿); all others with grouped digits (38,000; 12,345.6; 0.05),
    in Chinese from five digits on (1482, 66,000).
    """
    for size, word in _SCALES[lang]:
        scaled = number / size
        exact = math.isclose(round(scaled, _SCALED_DECIMALS) * size, number, rel_tol=1e-12)
        if abs(scaled) >= 1 and exact:
            return f"{_decimal(scaled, _SCALED_DECIMALS)}{word}"
    text = _decimal(number, _DECIMALS)
    if lang == "zh" and abs(number) < _ZH_GROUPED:
        text = text.replace(",", "")
    return "0" if text == "-0" else text


def _english_unit(label: str, number: float) -> str:
    """An English unit label with its "(s)"/"(ies)" resolved by ``number``."""

    def resolve(match: re.Match[str]) -> str:
        word, ending = match.group(1), match.group(2)
        if number == 1:
            return word
        return word + "s" if ending == "s" else word[:-1] + "ies"

    return _PLURAL.sub(resolve, label)


def unit_label(observation: Observation, lang: Lang) -> str:
    """The unit as the reader's language writes it, '' when the value has none.

    Chinese: as the report writes it (万元, %); when the quote writes no unit
    (双位数) the base unit's. English: the base unit's English label, since a
    Chinese unit such as 万元 means nothing to that reader. Percent is '%' in both.
    """
    base = observation.base_unit
    if (
        base is not None
        and base.code == "percent"
        and (lang == "en" or observation.unit in (None, "%"))
    ):
        return "%"
    if lang == "en" and base is not None:
        return base.en
    return observation.unit or (base.zh if base is not None else "")


def _amount(observation: Observation, number: float, lang: Lang) -> str:
    unit = unit_label(observation, lang)
    written = number_text(number, lang)
    if observation.base_unit is not None and observation.base_unit.code == "rank":
        return texts.pick(texts.RANK, lang).format(written)
    if lang == "en" and unit not in ("", "%"):
        return f"{written} {_english_unit(unit, number)}"
    return f"{written}{unit}"


def shown_number(observation: Observation, lang: Lang) -> float | None:
    """The number a page shows for ``observation``: in English its value in the base unit
    (``base_value``), so the number and the English unit label agree (万元 × 10 000 = yuan);
    in Chinese the value as the report writes it."""
    if lang == "en" and observation.base_unit is not None and observation.base_value is not None:
        return observation.base_value
    return observation.value


def value_text(observation: Observation | None, lang: Lang) -> str:
    """The value with its qualifier and unit, or the wording of a qualitative statement, or a dash.

    The number is :func:`shown_number`'s, written by :func:`number_text`.
    """
    if observation is None:
        return "—"
    if observation.value is None:
        if observation.status is None:
            return "—"
        return observation.status.en if lang == "en" else observation.status.zh
    number = shown_number(observation, lang)
    if number is None:
        return "—"
    amount = _amount(observation, number, lang)
    upper = observation.value_upper
    if upper is not None and number != observation.value:
        upper = observation.base_value_upper  # in base units, as shown_number's number is
    if upper is not None:
        # A range: its lower bound, a dash, and the upper with the unit (5–6%).
        amount = f"{number_text(number, lang)}–{_amount(observation, upper, lang)}"
    if observation.qualifier is None:
        return amount
    return texts.pick(texts.QUALIFIER[observation.qualifier], lang).format(amount)
