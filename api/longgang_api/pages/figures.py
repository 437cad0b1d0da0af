"""How a value and its unit are written on the pages, in one place for tables, charts and text."""

from __future__ import annotations

from longgang_api.model import Observation
from longgang_api.pages.language import Lang


def unit_label(observation: Observation, lang: Lang) -> str:
    """The unit as the data has it (Chinese as written, or a symbol such as '%').

    The data has no English label of its units yet; when it has one, it is
    chosen here for ``lang == "en"`` and every page follows.
    """
    return observation.unit or ""


def value_text(observation: Observation | None, lang: Lang) -> str:
    """The value with its unit, or the wording of a qualitative statement, or a dash."""
    if observation is None:
        return "—"
    if observation.value is None:
        if observation.status is None:
            return "—"
        return observation.status.en if lang == "en" else observation.status.zh
    return f"{observation.value:g}{unit_label(observation, lang)}"
