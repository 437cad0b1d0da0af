"""How a value and its unit are written on the pages, in one place for tables, charts and text."""

from __future__ import annotations

from longgang_api.model import Observation
from longgang_api.pages.language import Lang


def unit_label(observation: Observation, lang: Lang) -> str:
    """The unit as the report writes it (Chinese, or a symbol such as '%'); in English the
    base unit's English label, since a Chinese unit such as 万元 means nothing to that reader."""
    if lang == "en" and observation.base_unit is not None:
        return "%" if observation.base_unit.code == "percent" else f" {observation.base_unit.en}"
    return observation.unit or ""


def value_text(observation: Observation | None, lang: Lang) -> str:
    """The value with its unit, or the wording of a qualitative statement, or a dash.

    English pages write the value in its base unit (``base_value``), so the
    number and the English unit label agree (万元 × 10 000 = yuan).
    """
    if observation is None:
        return "—"
    if observation.value is None:
        if observation.status is None:
            return "—"
        return observation.status.en if lang == "en" else observation.status.zh
    if lang == "en" and observation.base_unit is not None and observation.base_value is not None:
        return f"{observation.base_value:g}{unit_label(observation, lang)}"
    return f"{observation.value:g}{unit_label(observation, lang)}"
