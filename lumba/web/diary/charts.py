"""The pain chart: an SVG drawn by matplotlib (its SVG backend, no browser
code), text kept as text. The page puts a data table and a sentence beside
it, so nothing is said by the picture alone."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable, Sequence

import matplotlib

matplotlib.use("svg")  # no display, no Agg raster: the SVG backend only

import matplotlib.pyplot as plt
from django.utils.translation import gettext as _
from matplotlib.ticker import MaxNLocator

from lumba.core.diary import Day
from lumba.web.templatetags.lumba import short_date

BLUE = "#005eb8"
GREY = "#4c6272"
# The text stays text in the SVG, so the browser (or WeasyPrint, for the PDF)
# draws it with these fonts, the first that has each character: Chinese
# labels need a CJK font (the Docker image has Noto Sans CJK).
FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"]
# No <metadata> (matplotlib's name and version, the file's format and date):
# text in English that says nothing to the person and changes with each version.
NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def pain_chart(days: Sequence[Day], weeks_on: Callable[[dt.date], int | None], title: str) -> str:
    """Pain (0-10) by day, oldest first; the axis names the week of pregnancy
    where the due date gives one, else the date."""
    ordered = sorted(days, key=lambda d: d.date)
    plt.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = FONTS
    figure, axes = plt.subplots(figsize=(7, 3.2), dpi=100)
    try:
        dates = [d.date for d in ordered]
        axes.plot(dates, [d.pain for d in ordered], color=BLUE, marker="o", linewidth=2)
        axes.set_ylim(0, 10)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.set_ylabel(_("Pain (0-10)"), color=GREY)
        ticks = _ticks(sorted(set(dates)), weeks_on)
        axes.set_xticks(ticks)
        by_week = all(weeks_on(day) is not None for day in ticks)
        axes.set_xticklabels([_tick(day, weeks_on(day)) for day in ticks], color=GREY)
        axes.set_xlabel(_("Week of pregnancy") if by_week else _("Date"), color=GREY)
        axes.set_title(title, loc="left", fontsize=11)
        axes.grid(axis="y", color="#d8dde0")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        buffer = io.StringIO()
        with warnings.catch_warnings():
            # matplotlib measures the text with DejaVu Sans, which has no Chinese
            # characters, and warns for each one; the SVG names the fonts that have them.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            figure.savefig(buffer, format="svg", bbox_inches="tight", metadata=NO_METADATA)
        return buffer.getvalue()
    finally:
        plt.close(figure)


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
