"""Geometry of the small horizontal bar charts drawn as inline SVG (no script, no image file).

Names stand above their bars rather than beside them so that a chart stays
legible when a phone scales it down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Colours by kind of value: the landing page's two and one for plan quantities.
COLOURS = {"actual": "#2a6f97", "target": "#b4232a", "plan": "#6a4c93"}
WIDTH, MARGIN, BAR, GAP, LABEL = 480, 12, 18, 4, 22


@dataclass(frozen=True, slots=True)
class BarInput:
    value: float | None
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class GroupInput:
    label: str
    bars: Sequence[BarInput]
    #: Groups with the same scale share one; values in different units get different ones.
    scale: str = ""


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    colour: str
    text: str
    text_x: float
    anchor: str
    empty: bool


@dataclass(frozen=True, slots=True)
class Label:
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class Axis:
    x: float
    y1: float
    y2: float


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    width: int
    height: int
    legend: tuple[tuple[float, str, str], ...]
    labels: tuple[Label, ...]
    bars: tuple[Bar, ...]
    axes: tuple[Axis, ...]


def bar_chart(
    title: str,
    groups: Sequence[GroupInput],
    legend: Sequence[tuple[str, str]],
) -> Chart:
    """Bars from zero, negatives to the left; one scale per ``GroupInput.scale``."""
    plot = WIDTH - 2 * MARGIN - 120

    def bounds(values: Sequence[float | None]) -> tuple[float, float]:
        numbers = [v for v in values if v is not None]
        return min([0.0, *numbers]), max([0.0, *numbers])

    scales = {
        key: bounds([b.value for g in groups if g.scale == key for b in g.bars])
        for key in {g.scale for g in groups}
    }
    labels: list[Label] = []
    bars: list[Bar] = []
    axes: list[Axis] = []
    top = 36.0
    for group in groups:
        low, high = scales[group.scale]

        def x(value: float, low: float = low, high: float = high) -> float:
            return MARGIN + 60 + (value - low) / ((high - low) or 1) * plot

        zero = x(0)
        labels.append(Label(top + 16, group.label))
        first = top + LABEL
        for index, bar in enumerate(group.bars):
            y = first + index * (BAR + GAP)
            colour = COLOURS.get(bar.kind, "#5b6775")
            if bar.value is None:
                bars.append(Bar(zero, y, 0, colour, bar.text, zero + 4, "start", True))
                continue
            end = x(bar.value)
            start, span = min(zero, end), max(abs(end - zero), 1)
            if bar.value >= 0:
                bars.append(
                    Bar(start, y, span, colour, bar.text, max(zero, end) + 5, "start", False)
                )
            else:
                bars.append(Bar(start, y, span, colour, bar.text, start - 5, "end", False))
        bottom = first + len(group.bars) * (BAR + GAP)
        axes.append(Axis(zero, first - 2, bottom - GAP + 2))
        top = bottom + 12
    legend_items = tuple(
        (MARGIN + index * 150.0, COLOURS.get(kind, "#5b6775"), text)
        for index, (kind, text) in enumerate(legend)
    )
    return Chart(title, WIDTH, int(top), legend_items, tuple(labels), tuple(bars), tuple(axes))
