"""Geometry of the small horizontal bar charts drawn as inline SVG (no script, no image file).

Names stand above their bars rather than beside them so that a chart stays
legible when a phone scales it down.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Colours by kind of value: the landing page's two and one for plan quantities.
COLOURS = {"actual": "#2a6f97", "target": "#b4232a", "plan": "#6a4c93"}
WIDTH, MARGIN, BAR, GAP, LABEL = 480, 12, 18, 4, 22
#: Font sizes of the chart's texts (names and legend; values beside the bars), as drawn.
NAME_SIZE, VALUE_SIZE = 15, 14
#: Room left for the bars themselves, however long their values' texts.
MIN_PLOT = 160
#: Widths of a character in ems, kept on the wide side: a CJK character fills its em;
#: Latin letters and digits of a sans-serif face average about half of one.
_WIDE_EM, _NARROW_EM = 1.0, 0.62


def text_width(text: str, size: float) -> float:
    """How wide ``text`` draws at ``size`` px, estimated generously (no font metrics here)."""
    return sum(size * (_WIDE_EM if ord(char) >= 0x2E80 else _NARROW_EM) for char in text)


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
    """Bars from zero, negatives to the left; one scale per ``GroupInput.scale``.

    The chart is sized to its texts: the values' texts beside the bars get the
    room they need on either side, and the chart widens beyond :data:`WIDTH`
    when a name, the legend or the values would not fit, so no text is cut at
    the edge of the drawing.
    """
    values = [b for g in groups for b in g.bars]
    # Room for the texts of negative bars to the left of the plot, positive ones to its right.
    left = max((text_width(b.text, VALUE_SIZE) + 5 for b in values if _leftward(b)), default=0)
    right = max((text_width(b.text, VALUE_SIZE) + 5 for b in values if not _leftward(b)), default=0)
    legend_x = _legend_positions(legend)
    widest = max(
        [
            2 * MARGIN + left + right + MIN_PLOT,
            *(MARGIN + text_width(g.label, NAME_SIZE) + MARGIN for g in groups),
            *(
                x + 20 + text_width(text, NAME_SIZE) + MARGIN
                for x, (_, text) in zip(legend_x, legend, strict=True)
            ),
        ]
    )
    width = max(WIDTH, math.ceil(widest))
    plot = width - 2 * MARGIN - left - right

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
            return MARGIN + left + (value - low) / ((high - low) or 1) * plot

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
        (x, COLOURS.get(kind, "#5b6775"), text)
        for x, (kind, text) in zip(legend_x, legend, strict=True)
    )
    return Chart(title, width, int(top), legend_items, tuple(labels), tuple(bars), tuple(axes))


def _leftward(bar: BarInput) -> bool:
    """Whether the bar's text stands left of its bar (a negative value's does)."""
    return bar.value is not None and bar.value < 0


def _legend_positions(legend: Sequence[tuple[str, str]]) -> list[float]:
    """Where each legend entry starts: after the one before it, never over it."""
    positions, x = [], float(MARGIN)
    for _, text in legend:
        positions.append(x)
        x += max(150.0, 20 + text_width(text, NAME_SIZE) + 16)
    return positions
