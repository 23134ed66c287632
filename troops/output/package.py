"""The tables of the published data package: columns, types, keys and descriptions.

One :class:`Table` per CSV file.  The Frictionless table schema (``datapackage.json``) and
the field list of the package README are both generated from these definitions, so they
cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from troops.core.model import PUBLISHER_TYPES, Bound, EventKind, Kind

PERIOD = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"
DATE_TEXT = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
ID = r"^[a-z0-9][a-z0-9._-]{0,119}$"
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
BOUNDS: tuple[str, ...] = Bound.__args__  # type: ignore[attr-defined]
EVENT_KINDS: tuple[str, ...] = EventKind.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Column:
    """One column: name, Frictionless type, description and constraints."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None

    def field(self) -> dict[str, Any]:
        """The Frictionless field descriptor."""
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.type == "date":
            out["format"] = "default"
        out["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    """One CSV file of the package."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)

    @property
    def path(self) -> str:
        """File name inside the package."""
        return f"{self.name}.csv"

    def names(self) -> list[str]:
        """Column names in file order."""
        return [c.name for c in self.columns]

    def schema(self) -> dict[str, Any]:
        """The Frictionless table schema."""
        schema: dict[str, Any] = {
            "fields": [c.field() for c in self.columns],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": col, "reference": {"resource": table, "fields": ref}}
                for col, table, ref in self.foreign_keys
            ]
        return schema


def _c(name: str, type_: str, description: str, **kw: Any) -> Column:
    return Column(name, type_, description, **kw)


SERIES = Table(
    "series",
    "The quantities over time the figures belong to.",
    (
        _c("id", "string", "Series id, e.g. us-iraq.", required=True, pattern=ID),
        _c("title", "string", "What the series counts.", required=True),
        _c("label", "string", "Short label for charts.", required=True),
        _c("country", "string", "Country the troops are in.", required=True),
        _c("force", "string", "Whose troops.", required=True),
        _c("description", "string", "Longer description."),
        _c("panel", "string", "Chart panel shared with other series (default: its own)."),
    ),
    ("id",),
)
HEDGES = Table(
    "hedges",
    "The hedge table: how a hedge word of a quote becomes the bounds of a figure.",
    (
        _c("phrase", "string", "Hedge phrase as it occurs in quotes.", required=True),
        _c("bound", "string", "Kind of bound the phrase implies.", required=True, enum=BOUNDS),
        _c("low", "number", "Lower limit relative to the value (-0.1 = value - 10 %)."),
        _c("high", "number", "Upper limit relative to the value (0.1 = value + 10 %)."),
        _c("reading", "string", "The rule in words.", required=True),
        _c("note", "string", "Remark."),
    ),
    ("phrase",),
)
PUBLISHERS = Table(
    "publishers",
    "Who publishes the reports, and what kind of body each is (data/publishers.yaml).",
    (
        _c("id", "string", "Publisher id.", required=True, pattern=ID),
        _c("name", "string", "Name as it should be printed.", required=True),
        _c(
            "type",
            "string",
            "official: a government or military body's own words; wire: a news agency; "
            "press: an outlet with its own reporting; state-owned: an outlet its government "
            "owns or controls; blog; aggregator: a site reposting what others wrote.",
            required=True,
            enum=PUBLISHER_TYPES,
        ),
        _c("basis", "string", "Why the publisher has that type.", required=True),
        _c("note", "string", "Remark."),
    ),
    ("id",),
)
SOURCES = Table(
    "sources",
    "Published reports; each is archived and pinned by the sha256 of its archived text.",
    (
        _c("id", "string", "Source id.", required=True, pattern=ID),
        _c("title", "string", "Headline (empty when the archived text shows none)."),
        _c("publisher", "string", "Publisher (empty when the text does not say; never guessed)."),
        _c("publisher_id", "string", "The publisher's entry (see publishers)."),
        _c(
            "publisher_type",
            "string",
            "official when the text is an official body's words (its publisher or a via body "
            "is official), else the publisher's type.",
            enum=PUBLISHER_TYPES,
        ),
        _c("author", "string", "Author."),
        _c("published", "string", "Publication date, YYYY[-MM[-DD]].", pattern=DATE_TEXT),
        _c("url", "string", "Where it was published."),
        _c("via", "string", "Syndication chain: outlets the text came from, '; '-separated."),
        _c("retrieved", "date", "Day the text was retrieved."),
        _c("archive", "string", "Archived text, relative to seeds/.", required=True),
        _c(
            "sha256",
            "string",
            "sha256 of the archived text.",
            required=True,
            pattern=r"^[0-9a-f]{64}$",
        ),
        _c("language", "string", "Language code.", required=True),
        _c("inferred", "string", "What the curator inferred, 'field: reason; ...'."),
        _c("note", "string", "Remark."),
    ),
    ("id",),
    (("publisher_id", "publishers", "id"),),
)
FIGURES = Table(
    "figures",
    "Every number a report gives about a series, with the exact words it used.",
    (
        _c("id", "string", "Figure id.", required=True, pattern=ID),
        _c("series", "string", "Series id.", required=True),
        _c(
            "kind",
            "string",
            "count: troops present; cap: authorised level; target: planned "
            "level; movement: troops sent or withdrawn.",
            required=True,
            enum=KINDS,
        ),
        _c(
            "as_of",
            "string",
            "Time the number describes: YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B.",
            required=True,
            pattern=PERIOD,
        ),
        _c("as_of_start", "date", "First day as_of may mean.", required=True),
        _c("as_of_end", "date", "Last day as_of may mean.", required=True),
        _c("value", "integer", "The number (empty for 'an unknown number')."),
        _c("low", "integer", "Lower bound (empty: open below)."),
        _c("high", "integer", "Upper bound (empty: open above)."),
        _c("bound", "string", "How the number is bounded.", required=True, enum=BOUNDS),
        _c("hedge", "string", "Hedge phrase of the quote (see hedges)."),
        _c("direction", "string", "Movement direction.", enum=("in", "out")),
        _c("claimant", "string", "Who says it.", required=True),
        _c("source", "string", "Source id.", required=True),
        _c(
            "quote",
            "string",
            "The sentence(s) of the source, verbatim; [...] joins passages.",
            required=True,
        ),
        _c("revises", "string", "Ids of figures this one corrects, space-separated."),
        _c("inferred", "string", "What the curator inferred, 'field: reason; ...'."),
        _c("note", "string", "Remark."),
    ),
    ("id",),
    (("series", "series", "id"), ("source", "sources", "id"), ("hedge", "hedges", "phrase")),
)
EVENTS = Table(
    "events",
    "Dated happenings worth marking on a chart, each with its source and quote.",
    (
        _c("id", "string", "Event id.", required=True, pattern=ID),
        _c(
            "date",
            "string",
            "When: YYYY, YYYY-MM, YYYY-MM-DD or A/B.",
            required=True,
            pattern=PERIOD,
        ),
        _c("date_start", "date", "First day the date may mean.", required=True),
        _c("date_end", "date", "Last day the date may mean.", required=True),
        _c("kind", "string", "What happened.", required=True, enum=EVENT_KINDS),
        _c("label", "string", "Short label for charts.", required=True),
        _c("description", "string", "Longer description."),
        _c("series", "string", "Ids of the series the event concerns, space-separated."),
        _c("claimant", "string", "Who makes the claim the event reports."),
        _c(
            "completed",
            "boolean",
            "For a withdrawal: true when the text says the troops have left (not begun to).",
            required=True,
        ),
        _c("source", "string", "Source id.", required=True),
        _c("quote", "string", "The words of the source, verbatim.", required=True),
        _c(
            "also",
            "string",
            "Ids of further sources reporting the event, space-separated (each with its "
            "own quote in event_sources).",
        ),
        _c("inferred", "string", "What the curator inferred, 'field: reason; ...'."),
        _c("note", "string", "Remark."),
    ),
    ("id",),
    (("source", "sources", "id"),),
)
EVENT_SOURCES = Table(
    "event_sources",
    "Every source of every event, with the words each uses: the event's own source "
    "(role source, as in events) and its further sources (role also).",
    (
        _c("event", "string", "Event id.", required=True),
        _c("source", "string", "Source id.", required=True),
        _c(
            "role",
            "string",
            "source: the event's own source; also: a further source.",
            required=True,
            enum=("source", "also"),
        ),
        _c("quote", "string", "The words of this source, verbatim.", required=True),
        _c("note", "string", "Remark on this source's report."),
    ),
    ("event", "source"),
    (("event", "events", "id"), ("source", "sources", "id")),
)
STEPS = Table(
    "steps",
    "The step series: each level holds from start until the next level starts (count "
    "figures only; revisions applied).",
    (
        _c("series", "string", "Series id.", required=True),
        _c("start", "date", "First day of the level.", required=True),
        _c("start_latest", "date", "The level starts between start and this day.", required=True),
        _c("end", "date", "Day the next level starts (empty: still the latest)."),
        _c("value", "number", "Level: median of the figures of that time (empty: unknown)."),
        _c("low", "number", "Lower edge of the band (empty: open below or unknown)."),
        _c("high", "number", "Upper edge of the band (empty: open above or unknown)."),
        _c("bound", "string", "How the level is bounded.", required=True, enum=BOUNDS),
        _c(
            "figures",
            "string",
            "Ids of the figures behind the level, space-separated.",
            required=True,
        ),
        _c("sources", "string", "Ids of their sources, space-separated.", required=True),
    ),
    ("series", "start"),
    (("series", "series", "id"),),
)
TABLES = (FIGURES, SOURCES, EVENTS, EVENT_SOURCES, STEPS, SERIES, HEDGES, PUBLISHERS)
