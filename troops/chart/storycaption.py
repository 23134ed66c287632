"""The caption of a story figure, in plain text and in LaTeX.

A caption is a few sentences (at most about :data:`MAX_WORDS` words: what is drawn, how the
marks and hedges are read, the date range) followed by every source drawn: in LaTeX one
``\\cite{}`` of all their keys (the source ids, as ``troops cite --bibtex`` writes them), so
any bibliography style numbers them itself; in plain text their publishers and dates.
Sources come in order of publication.  No matplotlib here.
"""

from __future__ import annotations

import re

from troops.chart.story import Story, type_summary
from troops.core.hedges import reading
from troops.core.reading import source_date, source_name
from troops.output.render import latex_escape

#: About how many words of prose a caption may have (the source list not counted).
MAX_WORDS = 150

#: What each mark means, for the caption (in the key's order).
MARK_SENTENCES = {
    "band": "bands show the range a hedged number was read as",
    "range": "a bar without a line is a range reported without a best value",
    "vague": "a sloped step spans the days a change may fall on",
    "stale": "a lighter line is a level no report confirmed for over six months",
    "unknown": "a dotted gap marks a time the reports give no number for",
    "target": "hollow markers are targets or caps, not counts",
}


def caption_sentences(story: Story, titles: dict[str, str]) -> list[str]:
    """The caption's sentences in plain text."""
    series = "; ".join(titles[s.id] for s in story.series)
    out = [f"Reported troop levels, {story.start:%b %Y}–{story.end:%b %Y}: {series}."]
    out.append(
        "Each step holds a reported level from the time a report describes until the "
        "next report; the numbers written are reported levels (≈ a hedged number)."
    )
    marks = [MARK_SENTENCES[m] for m in story.marks]
    if marks:
        out.append(marks[0][0].upper() + marks[0][1:] + "".join(f"; {m}" for m in marks[1:]) + ".")
    groups: dict[str, list[str]] = {}
    for h in story.hedges:
        if h.bound == "unknown":  # drawn as a gap, said above
            continue
        groups.setdefault(reading(h), []).append(f"'{h.phrase}'")
    if groups:
        parts = [f"{', '.join(p)} as {how}" for how, p in groups.items()]
        out.append("Hedges read: " + "; ".join(parts) + ".")
    if story.events:
        out.append("Events are from the reports and written on their panel.")
    summary = type_summary(story)
    if summary:
        n = len(story.sources)
        out.append(f"The {n} report{'s' if n != 1 else ''} drawn, by publisher: {summary}.")
    if story.selection.known_on is not None:
        day = story.selection.known_on
        out.append(f"As known on {day.day} {day:%b %Y}.")
    return out


def caption_text(story: Story, titles: dict[str, str]) -> str:
    """A plain-text caption: sentences, then the sources (publisher, date, id)."""
    sources = "; ".join(f"{source_name(s)}, {source_date(s)} ({s.id})" for s in story.sources)
    listed = f" Sources: {sources}." if sources else ""
    return " ".join(caption_sentences(story, titles)) + listed + "\n"


def caption_latex(story: Story, titles: dict[str, str], header: str = "") -> str:
    """A LaTeX ``\\caption`` (``\\input`` the file after the ``\\includegraphics``): the
    sentences, then ``Sources: \\cite{a,b,...}`` of every source drawn."""
    sentences = [_quotes(latex_escape(s)) for s in caption_sentences(story, titles)]
    keys = ",".join(s.id for s in story.sources)
    cites = f" Sources: \\cite{{{keys}}}." if keys else ""
    lines = [f"% {line}" for line in header.splitlines()]
    return "\n".join([*lines, f"\\caption[{{{sentences[0]}}}]{{{' '.join(sentences)}{cites}}}", ""])


def word_count(story: Story, titles: dict[str, str]) -> int:
    """How many words the caption's prose has."""
    return sum(len(s.split()) for s in caption_sentences(story, titles))


def _quotes(text: str) -> str:
    """``'around'`` becomes LaTeX's `around'."""
    return re.sub(r"(?<![\w])'([^']+)'", r"`\1'", text)
