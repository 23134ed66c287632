"""The records of a troops dataset as pydantic models: Series, Source, Figure, Event, Hedge,
Publisher.

Every model forbids unknown fields.  Rules that need more than one record (ids, foreign
keys, quotes against archives, publication dates) live in :mod:`troops.validate.checks`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from troops.core.periods import Period, PeriodError, parse_period

Kind = Literal["count", "cap", "target", "movement"]
Bound = Literal["exact", "approx", "at_least", "at_most", "unknown"]
EventKind = Literal[
    "agreement",
    "announcement",
    "strike",
    "deadline",
    "resolution",
    "withdrawal",
    "deployment",
    "report",
    "other",
]
#: What kind of body a publisher is (data/publishers.yaml; rules in notes/reading-rules.md).
PublisherType = Literal["official", "wire", "press", "state-owned", "blog", "aggregator"]
PUBLISHER_TYPES: tuple[PublisherType, ...] = (
    "official",
    "wire",
    "press",
    "state-owned",
    "blog",
    "aggregator",
)
#: Event kinds that may be dated after the report that mentions them (plans, deadlines).
FORWARD_EVENT_KINDS = frozenset({"deadline"})
#: Figure kinds that may describe a time after publication (planned levels).
FORWARD_FIGURE_KINDS = frozenset({"target"})

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,119}$"
#: Characters a spreadsheet treats as the start of a formula; text may not begin with them.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = "(spreadsheets would read it as a formula)"


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if value.startswith(FORMULA_PREFIXES):
        raise ValueError(f"must not begin with {value[0]!r} {_FORMULA}")
    head = value.lstrip()  # a spreadsheet may drop blanks before it looks for a formula
    if head.startswith(FORMULA_PREFIXES):
        raise ValueError(f"must not begin with {head[0]!r} after blank space {_FORMULA}")
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    bad = UNSAFE.search(value)
    if bad is not None:
        raise ValueError(unsafe_character(bad.group()))
    return value


#: Characters no text field may hold: C0 and C1 controls but tab and line breaks, DEL, and
#: the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) that
#: let text shown in a terminal or a page rewrite what is around it.
UNSAFE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")


def unsafe_character(ch: str) -> str:
    """The problem of a text holding a control or bidi override character ``ch``."""
    what = "a bidi override" if ord(ch) >= 0x202A else "a control character"
    return f"must not contain {what} (U+{ord(ch):04X})"


def _check_line(value: str) -> str:
    value = _check_text(value)
    brk = _BREAKS.search(value)
    if brk is not None:
        raise ValueError(f"must be one line (holds U+{ord(brk.group()):04X}, a tab or line break)")
    return value


def _check_period(value: str) -> str:
    try:
        parse_period(value)
    except PeriodError as exc:
        raise ValueError(str(exc)) from None
    return value


def _check_date(value: str) -> str:
    if parse_period(_check_period(value)).precision == "interval":
        raise ValueError(f"{value!r} must be a single date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def _check_day(value: str) -> str:
    if parse_period(_check_period(value)).precision != "day":
        raise ValueError(f"{value!r} must be a full date YYYY-MM-DD")
    return value


def _check_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+", value):
        raise ValueError("must be an http(s) URL without spaces")
    return value


Text = Annotated[str, AfterValidator(_check_text)]
#: Text of one line: names, titles, claimants, labels (no tab, no line break).
Line = Annotated[str, AfterValidator(_check_line)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
PeriodText = Annotated[str, AfterValidator(_check_period)]
DateText = Annotated[str, AfterValidator(_check_date)]
DayText = Annotated[str, AfterValidator(_check_day)]
Url = Annotated[str, AfterValidator(_check_url)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Count = Annotated[int, Field(ge=0, le=10_000_000, strict=True)]
Fraction = Annotated[float, Field(ge=-1.0, le=10.0)]
Inferred = dict[str, Text]


class Record(BaseModel):
    """Common configuration: unknown fields are errors, values are not coerced silently.
    The validators are built on first use (``defer_build``): a dataset taken from the cache
    (:mod:`troops.dataset.cache`) is never validated again, so it never pays for them."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True
    )


class Series(Record):
    """One quantity over time, such as US troops in Iraq."""

    id: Id
    title: Line
    label: Line
    country: Line
    force: Line
    description: Text | None = None
    #: Title of the chart panel the series is drawn in; series naming the same panel share
    #: it (default: a panel of its own, titled with the series' title).
    panel: Line | None = None


class Hedge(Record):
    """One row of the hedge table: a phrase and the bounds it implies around the value."""

    phrase: Line
    bound: Bound
    low: Fraction | None = None
    high: Fraction | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> Hedge:
        allowed = {
            "exact": {(False, False)},
            "approx": {(True, True), (False, False)},
            "at_least": {(True, False)},
            "at_most": {(False, True)},
            "unknown": {(False, False)},
        }[self.bound]
        have = (self.low is not None, self.high is not None)
        if have not in allowed:
            raise ValueError(f"bound {self.bound} does not take low={self.low} high={self.high}")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not be above high")
        return self


class Publisher(Record):
    """One row of data/publishers.yaml: who publishes (or whose words are republished)."""

    id: Id
    #: The name as it should be printed ("Reuters", "U.S. Central Command").
    name: Line
    type: PublisherType
    #: One line saying why the publisher has that type.
    basis: Line
    note: Text | None = None


class Via(Record):
    """One step of a syndication chain: the outlet a republished text came from."""

    name: Line
    #: The body in data/publishers.yaml (an official body here makes the source official).
    publisher_id: Id | None = None
    published: DateText | None = None
    url: Url | None = None
    note: Text | None = None


class Source(Record):
    """One published document, archived under ``seeds/``."""

    id: Id
    title: Line | None
    publisher: Line | None
    #: The publisher's entry in data/publishers.yaml (null exactly when publisher is).
    publisher_id: Id | None = None
    author: Line | None = None
    published: DateText | None
    url: Url | None = None
    via: list[Via] = Field(default_factory=list)
    retrieved: DayText | None = None
    archive: Line
    sha256: Sha256
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    inferred: Inferred = Field(default_factory=dict)
    note: Text | None = None

    @property
    def published_period(self) -> Period | None:
        """The publication date as a period (``None`` when the source shows none)."""
        return None if self.published is None else parse_period(self.published)


class Figure(Record):
    """One number a source reports about one series."""

    id: Id
    series: Id
    source: Id
    kind: Kind
    as_of: PeriodText
    value: Count | None
    hedge: Line | None = None
    bound: Bound | None = None
    low: Count | None = None
    high: Count | None = None
    direction: Literal["in", "out"] | None = None
    claimant: Line
    quote: Text
    revises: list[Id] = Field(default_factory=list)
    inferred: Inferred = Field(default_factory=dict)
    note: Text | None = None
    review: Text | None = None

    @property
    def period(self) -> Period:
        """``as_of`` parsed into a period."""
        return parse_period(self.as_of)


class Citation(Record):
    """A further source of an event, with the verbatim words it uses."""

    source: Id
    quote: Text
    note: Text | None = None


class Event(Record):
    """A dated happening worth marking on a chart, with its source and quote."""

    id: Id
    source: Id
    date: PeriodText
    kind: EventKind
    #: A short label (at most 40 characters): the story figure writes it after the event's
    #: month ("Dec 2024: Pentagon: 2,000 troops in Syria, not 900").
    label: Annotated[Text, Field(max_length=40)]
    description: Text | None = None
    #: The series the event concerns (optional; lets charts and conflict rules place it).
    series: list[Id] = Field(default_factory=list)
    #: Who makes the claim the event reports ("Iraq's national security adviser").
    claimant: Line | None = None
    #: For a ``withdrawal``: the text says the troops of ``series`` have left (not begun to).
    completed: Annotated[bool, Field(strict=True)] = False
    #: True for the few events the story figure writes out (see troops.chart.story).
    headline: Annotated[bool, Field(strict=True)] = False
    quote: Text
    #: Further sources that report the same event, each with its own quote (an official
    #: text next to a press report, say).
    also: list[Citation] = Field(default_factory=list)
    inferred: Inferred = Field(default_factory=dict)
    note: Text | None = None

    @property
    def period(self) -> Period:
        """``date`` parsed into a period."""
        return parse_period(self.date)
