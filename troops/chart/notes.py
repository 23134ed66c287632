"""The words around a chart: numbered source list, event list, note line and captions.

Everything here is built from one :class:`troops.chart.chartdata.ChartData`, so the list under a
figure, its caption and ``troops cite`` name exactly the sources of what is drawn.  A source
is named by its publisher; when the archived text names none, by its title in quotes (a
publisher is never guessed).  A publication date the curator inferred is marked with a
dagger.  Bibliography formats (BibTeX, CSL-JSON) live in :mod:`troops.output.bib`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from troops.chart.chartdata import ChartData
from troops.chart.runs import first_run
from troops.core.hedges import reading
from troops.core.periods import format_period
from troops.core.reading import DAGGER, NBSP, keep_together, source_date, source_name
from troops.output.render import latex_escape


@dataclass(frozen=True)
class Entry:
    """One item of a list under the chart: its text and, when known, the URL it links to."""

    text: str
    url: str | None = None


def source_entries(chart: ChartData) -> list[Entry]:
    """``[3] Sputnik International, 9 Dec 2021`` for every source drawn, in number order."""
    return [
        Entry(f"[{chart.numbers[s.id]}] {source_name(s)}, {source_date(s)}", s.url)
        for s in chart.sources
    ]


def event_entries(chart: ChartData) -> list[Entry]:
    """``a: US strike kills Soleimani, Jan 2020 [1]`` for every event drawn."""
    return [
        Entry(
            f"{chart.letter(e)}: {e.label}, {keep_together(format_period(e.period))}"
            f"{NBSP}[{chart.numbers[e.source]}]"
        )
        for e in chart.events
    ]


def hedge_note(chart: ChartData) -> str:
    """How the hedged numbers drawn were read, phrases grouped by reading:
    ``Bands: 'about', 'around' read as ±10 %; 'more than' as a lower bound.``"""
    groups: dict[str, list[str]] = {}
    for h in chart.hedges:
        groups.setdefault(reading(h).replace(" %", f"{NBSP}%"), []).append(f"'{h.phrase}'")
    parts = [
        f"{', '.join(phrases)} {'read as' if k == 0 else 'as'} {how}"
        for k, (how, phrases) in enumerate(groups.items())
    ]
    return "Bands: " + "; ".join(parts) + "." if parts else ""


def note_lines(chart: ChartData) -> list[str]:
    """The note under the source list: hedges, inferred dates, the day of knowledge."""
    notes = [hedge_note(chart)]
    run = first_run(chart)
    if run is not None:
        notes.append(f"A label such as {run} numbers a run of points at one level, left to right.")
    if chart.inferred_dates:
        notes.append(f"{DAGGER} publication date inferred.")
    if chart.selection.known_on is not None:
        notes.append(f"As known on {format_period_day(chart)}.")
    return [n for n in notes if n]


def format_period_day(chart: ChartData) -> str:
    """The ``known_on`` day as ``31 Dec 2021``."""
    day = chart.selection.known_on
    assert day is not None
    return f"{day.day} {day:%b %Y}"


def _range(chart: ChartData) -> str:
    return f"{chart.start:%b %Y}–{chart.end:%b %Y}"


def series_list(chart: ChartData, titles: dict[str, str]) -> str:
    """The titles of the chart's series separated by semicolons (a title may hold a
    comma: "All coalition troops in Iraq, US included")."""
    return "; ".join(titles[s.id] for s in chart.series)


def caption_sentences(
    chart: ChartData, titles: dict[str, str], *, lists: bool = False
) -> list[str]:
    """The caption's sentences in plain text (without the source list); with ``lists``
    (the figure draws no lists under the chart) also the lettered events."""
    out = [f"Reported troop levels, {_range(chart)}: {series_list(chart, titles)}."]
    if len(chart.panels) > 1:
        panels = "; ".join(p.title for p in chart.panels)
        out.append(f"Panels, each with its own scale: {panels}.")
    out.append(
        "Each level holds from the time a report describes until the next report; "
        "the numbered markers refer to the sources."
    )
    seen = chart.series
    parts = []
    segs = [g for s in seen for g in s.segments]
    if any(g.low is not None and g.high is not None and g.low != g.high for g in segs):
        parts.append("bands show the range a hedged number was read as")
    if any((g.low is None) != (g.high is None) for g in segs if not g.unknown):
        parts.append("fading bands with arrows are open on one side (more than, fewer than)")
    if any(g.start < g.start_latest and not g.unknown for g in segs):
        parts.append("shaded edges mark dates known only to the month, year or a range")
    if any(g.unknown for g in segs):
        parts.append("a dashed gap marks spans where the number is unknown")
    if any(s.marks for s in seen):
        parts.append("hollow markers are targets or caps, not counts")
    if any(s.superseded for s in seen):
        parts.append("faint lines are levels a later report revised")
    if chart.conflicts:
        parts.append("dotted lines join reports that disagree")
    if any(c.rule == "claim-count" for c in chart.conflicts):
        parts.append("a × at zero, lettered as its event, is a claim that the troops had left")
    if chart.events:
        parts.append("lettered lines mark events")
    if parts:
        out.append(parts[0][0].upper() + parts[0][1:] + "".join(f"; {p}" for p in parts[1:]) + ".")
    if lists and chart.events:
        out.append(
            "Events: " + "; ".join(e.text.replace(NBSP, " ") for e in event_entries(chart)) + "."
        )
    out += note_lines(chart)
    return out


def caption_text(chart: ChartData, titles: dict[str, str], *, lists: bool = False) -> str:
    """A plain-text caption: sentences, then the numbered sources with their ids."""
    sources = "; ".join(
        f"{e.text} ({s.id})" for e, s in zip(source_entries(chart), chart.sources, strict=True)
    )
    sentences = caption_sentences(chart, titles, lists=lists)
    return " ".join([*sentences, f"Sources: {sources}."]) + "\n"


def caption_latex(
    chart: ChartData, titles: dict[str, str], header: str = "", *, lists: bool = False
) -> str:
    """A LaTeX ``\\caption`` for a figure environment (``\\input`` the file after the
    ``\\includegraphics``).  It maps each number in the chart to a citation whose key is
    the source id, as in ``troops cite --bibtex``: ``1\\,=\\,\\cite{sputnik-2021-12-09}``."""
    cites = "; ".join(f"{chart.numbers[s.id]}\\,=\\,\\cite{{{s.id}}}" for s in chart.sources)
    sentences = [
        _latex_quotes(latex_escape(s)) for s in caption_sentences(chart, titles, lists=lists)
    ]
    body = " ".join(sentences)
    lines = [f"% {line}" for line in header.splitlines()]
    # The short form is braced: a ']' in a series title would otherwise end it early.
    caption = f"\\caption[{{{sentences[0]}}}]{{{body} Numbers in the chart: {cites}.}}"
    return "\n".join([*lines, caption, ""])


def _latex_quotes(text: str) -> str:
    """``'around'`` becomes LaTeX's \\`around' (opening and closing single quotes)."""
    return re.sub(r"(?<![\\w])'([^']+)'", r"`\1'", text)
