"""The pain chart: an SVG written by lumba itself, text kept as text. The page
puts a data table and a sentence beside it, so nothing is said by the picture
alone.

It used to be drawn by matplotlib; a line, its dots, a grid and two axes need
no plotting library. Written here, the chart is a pure function of its
arguments (no global settings, so it is safe in a threaded server: each
request gets its own labels and language), it is about a hundred times faster,
and it uses presentation attributes (fill="...", font-size="..."), never a
`style` attribute or element, so the Content-Security-Policy needs no
`'unsafe-inline'` for it. The layout is matplotlib's for the same chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from lumba.core.diary import Day
from lumba.web.templatetags.lumba import short_date

BLUE = "#005eb8"
GREY = "#4c6272"
GRID = "#d8dde0"
INK = "#000000"
# The text stays text in the SVG, so the browser (or WeasyPrint, for the PDF)
# draws it with these fonts, the first that has each character: Chinese
# labels need a CJK font (the Docker image has Noto Sans CJK).
FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"]

# The picture in points (the units of the viewBox), and the plot inside it.
WIDTH = 440.0
LEFT, RIGHT = 41.0, 432.0
TOP_WITH_TITLE, TOP_WITHOUT = 21.5, 8.0
BELOW = 38.0  # under the plot: the tick labels and the axis's name
Y_TICKS = range(0, 11, 2)
TICK = 3.5  # the length of a tick mark
MARGIN = 0.05  # of the dates' span, either side, as matplotlib leaves it


def pain_chart(days: Sequence[Day], weeks_on: Callable[[dt.date], int | None], title: str) -> str:
    """Pain (0-10) by day, oldest first; the axis names the week of pregnancy
    where the due date gives one, else the date."""
    ordered = sorted(days, key=lambda d: d.date)
    dates = sorted({d.date for d in ordered})
    ticks = _ticks(dates, weeks_on)
    by_week = all(weeks_on(day) is not None for day in ticks)

    top = TOP_WITH_TITLE if title else TOP_WITHOUT
    bottom = top + 177.4
    height = bottom + BELOW
    first, last = (dates[0], dates[-1]) if dates else (dt.date.today(), dt.date.today())
    days_shown = (last - first).days
    # One day alone sits in the middle of three.
    span = days_shown * (1 + 2 * MARGIN) if days_shown else 2.0
    start = first.toordinal() - (days_shown * MARGIN if days_shown else 1.0)

    def x(day: dt.date) -> float:
        return LEFT + (day.toordinal() - start) / span * (RIGHT - LEFT)

    def y(pain: float) -> float:
        return bottom - pain / 10 * (bottom - top)

    fonts = quoteattr(", ".join(f"'{font}'" if " " in font else font for font in FONTS))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(WIDTH)}pt" '
        f'height="{_n(height)}pt" viewBox="0 0 {_n(WIDTH)} {_n(height)}">\n',
        f'<rect width="{_n(WIDTH)}" height="{_n(height)}" fill="#ffffff"/>\n',
    ]
    # The grid across, under everything else.
    grid = " ".join(f"M{_n(LEFT)} {_n(y(v))}H{_n(RIGHT)}" for v in Y_TICKS)
    out.append(f'<path d="{grid}" fill="none" stroke="{GRID}" stroke-width="0.8"/>\n')
    # Tick marks, outside the plot.
    marks = [f"M{_n(x(day))} {_n(bottom)}v{TICK}" for day in ticks]
    marks += [f"M{_n(LEFT)} {_n(y(v))}h-{TICK}" for v in Y_TICKS]
    out.append(f'<path d="{"".join(marks)}" fill="none" stroke="{INK}" stroke-width="0.8"/>\n')
    # The line and its dots.
    if ordered:
        points = " ".join(f"{_n(x(d.date))},{_n(y(d.pain))}" for d in ordered)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{BLUE}" stroke-width="2" '
            'stroke-linejoin="round" stroke-linecap="square"/>\n'
        )
        dots = "".join(
            f'<circle cx="{_n(x(d.date))}" cy="{_n(y(d.pain))}" r="3"/>' for d in ordered
        )
        out.append(f'<g fill="{BLUE}" stroke="{BLUE}" stroke-width="1">{dots}</g>\n')
    # The axes' lines: left and bottom only.
    out.append(
        f'<path d="M{_n(LEFT)} {_n(top)}V{_n(bottom)}H{_n(RIGHT)}" fill="none" '
        f'stroke="{INK}" stroke-width="0.8" stroke-linecap="square"/>\n'
    )
    # The words and numbers.
    out.append(f'<g font-family={fonts} font-size="10">\n')
    tick_labels = "".join(_text(x(day), bottom + 14.6, _tick(day, weeks_on(day))) for day in ticks)
    out.append(f'<g fill="{GREY}" text-anchor="middle">{tick_labels}\n')
    name = _("Week of pregnancy") if by_week else _("Date")
    out.append(_text((LEFT + RIGHT) / 2, bottom + 28.6, name))
    middle = (top + bottom) / 2
    out.append(
        f'<text x="14.8" y="{_n(middle)}" transform="rotate(-90 14.8 {_n(middle)})">'
        f"{escape(_('Pain (0-10)'))}</text></g>\n"
    )
    numbers = "".join(_text(LEFT - 2 * TICK, y(v) + 3.8, str(v)) for v in Y_TICKS)
    out.append(f'<g text-anchor="end">{numbers}</g>\n')
    if title:
        out.append(
            f'<text x="{_n(LEFT)}" y="{_n(top - 6)}" font-size="11">{escape(title)}</text>\n'
        )
    out.append("</g>\n</svg>\n")
    return "".join(out)


def _text(x: float, y: float, words: str) -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}">{escape(words)}</text>'


def _n(value: float) -> str:
    """A coordinate to a hundredth of a point, without trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _ticks(dates: list[dt.date], weeks_on: Callable[[dt.date], int | None]) -> list[dt.date]:
    """The first day of each week of pregnancy shown; without weeks, about six dates."""
    firsts: dict[int | None, dt.date] = {}
    for day in dates:
        firsts.setdefault(weeks_on(day), day)
    if None not in firsts:
        weekly = list(firsts.values())
        return weekly[:: max(1, len(weekly) // 10)]
    return dates[:: max(1, len(dates) // 6)]


def _tick(day: dt.date, weeks: int | None) -> str:
    return str(weeks) if weeks is not None else short_date(day)
