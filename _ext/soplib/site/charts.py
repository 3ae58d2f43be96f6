"""Trend charts as SVG drawn at build time: no script, no library, nothing loaded, so
they show from ``file://`` and under the pages' Content-Security-Policy (inline SVG runs
nothing).

A chart is a row of months with a point for each figure: a filled circle where the
target was met, a square where it was missed (the shape says it, not only the colour),
joined by a line across consecutive months; the target as a dashed line at each bound,
the range between the bounds of a 'within' target shaded. Its title and description (the
figures in words) are its accessible name. Colours come from ``soplib-kpi.css``, the
theme's own variables, so they follow light and dark mode; the attributes written here
are what the chart falls back to without the stylesheet (the text's colour).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 240, 92
LEFT, RIGHT, TOP, BOTTOM = 46, 8, 8, 20  # margins: the bounds' labels left, months below
MARK = 3.5  # half a point's size


@dataclass(frozen=True)
class Point:
    """A figure on the chart: its month's place in the row (0 the first), its value,
    and whether it met the target."""

    place: int
    value: float
    met: bool


@dataclass(frozen=True)
class Bound:
    """A bound of the target, and its label."""

    value: float
    label: str


def trend_svg(
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[Point],
    places: int,
    bounds: Sequence[Bound],
    months: tuple[str, str],
) -> str:
    """The chart of points in a row of places, with the target's bounds (one or two),
    the first and last month's names under it, named by title and described."""
    values = [p.value for p in points] + [b.value for b in bounds]
    low, high = min(values, default=0.0), max(values, default=1.0)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(place: int) -> str:
        return f"{LEFT + (place * plot_width / (places - 1) if places > 1 else plot_width / 2):.1f}"

    def y(value: float) -> str:
        return f"{TOP + (high - value) * plot_height / (high - low):.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sop-chart" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    if len(bounds) == 2:
        top, bottom = sorted(bounds, key=lambda b: -b.value)
        parts.append(
            f'<rect class="sop-chart-band" x="{LEFT}" y="{y(top.value)}" width="{plot_width}" '
            f'height="{float(y(bottom.value)) - float(y(top.value)):.1f}" fill="none"/>'
        )
    for bound in bounds:
        parts += [
            f'<line class="sop-chart-target" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{y(bound.value)}" y2="{y(bound.value)}" stroke="currentColor" '
            'stroke-dasharray="4 3"/>',
            f'<text class="sop-chart-label" x="{LEFT - 4}" y="{y(bound.value)}" '
            f'text-anchor="end" dominant-baseline="middle" fill="currentColor">'
            f"{escape(bound.label)}</text>",
        ]
    for run in runs(points):
        if len(run) > 1:
            joined = " ".join(f"{x(p.place)},{y(p.value)}" for p in run)
            parts.append(
                f'<polyline class="sop-chart-line" points="{joined}" fill="none" '
                'stroke="currentColor"/>'
            )
    for p in points:
        if p.met:
            parts.append(
                f'<circle class="sop-chart-met" cx="{x(p.place)}" cy="{y(p.value)}" r="{MARK}" '
                'fill="currentColor"/>'
            )
        else:
            parts.append(
                f'<rect class="sop-chart-missed" x="{float(x(p.place)) - MARK:.1f}" '
                f'y="{float(y(p.value)) - MARK:.1f}" width="{2 * MARK}" height="{2 * MARK}" '
                'fill="currentColor"/>'
            )
    first, last = months
    parts += [
        f'<text class="sop-chart-label" x="{LEFT}" y="{HEIGHT - 4}" fill="currentColor">'
        f"{escape(first)}</text>",
        f'<text class="sop-chart-label" x="{WIDTH - RIGHT}" y="{HEIGHT - 4}" '
        f'text-anchor="end" fill="currentColor">{escape(last)}</text>',
        "</svg>",
    ]
    return "".join(parts)


def runs(points: Sequence[Point]) -> list[list[Point]]:
    """The points in runs of consecutive places: a line joins a run, not a gap."""
    found: list[list[Point]] = []
    for point in sorted(points, key=lambda p: p.place):
        if found and point.place == found[-1][-1].place + 1:
            found[-1].append(point)
        else:
            found.append([point])
    return found
