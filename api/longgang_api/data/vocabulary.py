"""The names of the coded values a value carries, in Chinese and English, declared once.

The pages, the JSON-stat labels and the SDMX code lists all name a kind of value,
a qualifier and a comparison basis from here, so that each reads the same wherever
it is shown. The English names are ours (unofficial); the Chinese ones are the
report's words.
"""

from __future__ import annotations

from longgang_api.data.model import Comparison, ObservationKind, Qualifier

#: (Chinese, English).
Name = tuple[str, str]

KINDS: dict[ObservationKind, Name] = {
    "actual": ("实际完成", "Actual result"),
    "target": ("目标", "Target"),
    "plan": ("计划工作量", "Plan quantity"),
}
QUALIFIERS: dict[Qualifier, Name] = {
    "over": ("超/余/突破", "More than"),
    "at_least": ("以上", "At least"),
    "about": ("约", "About"),
    "at_most": ("以内/不超过", "At most"),
}
COMPARISONS: dict[Comparison, Name] = {
    "year_on_year": ("同比", "Year on year"),
    "like_for_like": ("同口径", "Like for like"),
}
