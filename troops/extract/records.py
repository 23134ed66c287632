"""Candidates as figure records (the field names of troops.model.Figure), YAML and JSON.

Each record is ready to paste into the ``figures:`` list of a ``data/sources/*.yaml`` file
(figures there inherit the file's source).  Ids are ``<source>.<series>``, then
``<source>.<series>-<kind>-<value>`` for the next figures of the same series.  The
claimant is the speaker the sentence names ("according to X", "X said"), else
"article text (unattributed)"; either way a curator checks it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from troops.core.model import ID_PATTERN

from .figures import Candidate
from .lexicon import words

UNATTRIBUTED = "article text (unattributed)"
AS_OF_NOTE = "the publication date (troops extract dates each figure by its report)"
EARLIER_NOTE = (
    "the publication date, but the number is the level before a change the sentence"
    ' reports ("from N"): date it to when that change began'
)
_SAID = r"(?:said|says|told|tells|stated|states|announced|added|wrote|confirmed|acknowledged)"
# Each repeated word is a whole word (the lookahead), so there is one way to split a
# phrase into words and the search is linear; "(?:[\w.'’-]+\s*){1,8}?" alone tried every
# split of a long word (50 letters took half a minute).
_ACCORDING = re.compile(r"\baccording to ((?:[\w.'’-]+(?![\w.'’-])\s*){1,8}?)(?=[,;:)]|\.?$)", re.I)
_BEFORE_SAID = re.compile(rf"(?:^|[,;:\"“”(—–]\s*|\s-\s)((?:[\w.'’-]+\s+){{1,8}}?){_SAID}\b")
_SPEAKER_WORDS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "sources"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "there"}
#: Words trimmed from the end of a speaker phrase ("The Pentagon has long said").
_TRAILING = words(
    """also has have had long not only today then later ago minutes hours days weeks a few
    just never did does do would will could recently earlier again on last this week
    monday tuesday wednesday thursday friday saturday sunday"""
)
#: Words trimmed from its start ("But officials have privately acknowledged").
_LEADING = words("but and however even though although while as when so then yet")


class IdError(ValueError):
    """No valid figure id can be made from a source id (bad characters, or too long)."""


def claimant(quote: str) -> str:
    """The speaker a sentence names, or :data:`UNATTRIBUTED`."""
    for m in (_ACCORDING.search(quote), *_BEFORE_SAID.finditer(quote)):
        if m is None:
            continue
        words = m.group(1).strip(" ,.").split()
        while words and (words[-1].lower() in _TRAILING or words[-1].endswith("ly")):
            words.pop()
        while words and words[0].lower() in _LEADING:
            words.pop(0)
        if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS):
            continue
        if any(w[:1].isupper() for w in words) or _SPEAKER_WORDS & {w.lower() for w in words}:
            who = " ".join(words)
            return who[:1].upper() + who[1:]
    return UNATTRIBUTED


def slug(text: str, limit: int = 80) -> str:
    """A record id made of ``text``: lower case, ``[a-z0-9._-]``, starting alphanumeric."""
    s = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._")
    s = re.sub(r"-{2,}", "-", s)[:limit].rstrip("-._")
    return s or "source"


def figure_records(
    candidates: Sequence[Candidate],
    *,
    source_id: str,
    published: str | None,
    review: str | None = None,
) -> list[dict[str, Any]]:
    """The candidates as figure records in the order of the text."""
    used: set[str] = set()
    out = []
    for c in candidates:
        rec: dict[str, Any] = {"id": _unique_id(source_id, c, used), "series": c.series}
        rec["kind"] = c.kind
        rec["as_of"] = published
        rec["value"] = c.value
        if c.hedge is not None:
            rec["hedge"] = c.hedge
        rec["bound"] = c.bound
        if c.low is not None or c.high is not None:
            rec["low"], rec["high"] = c.low, c.high
        if c.direction is not None:
            rec["direction"] = c.direction
        rec["claimant"] = claimant(c.quote)
        rec["quote"] = c.quote
        if published is not None:
            rec["inferred"] = {"as_of": EARLIER_NOTE if c.earlier else AS_OF_NOTE}
        if review is not None:
            rec["review"] = review
        out.append(rec)
    return out


def _unique_id(source_id: str, c: Candidate, used: set[str]) -> str:
    base = f"{source_id}.{c.series}"
    options = [base, f"{base}-{c.kind}-{'unknown' if c.value is None else c.value}"]
    n = 2
    while options[-1] in used or (any(o in used for o in options[:-1]) and len(options) == 2):
        options.append(f"{options[1]}-{n}")
        n += 1
    chosen = next(o for o in options if o not in used)
    if not re.match(ID_PATTERN, chosen):
        if re.match(ID_PATTERN, source_id):
            raise IdError(
                f"{source_id!r} is too long: the figure id {chosen!r} would have "
                f"{len(chosen)} characters (at most 120)"
            )
        raise IdError(f"cannot make a valid figure id from source id {source_id!r}")
    used.add(chosen)
    return chosen


# ---------------------------------------------------------------- rendering


class _Dumper(yaml.SafeDumper):
    """Block style with indented sequences; long text as folded scalars (``>-``)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(not ch.isprintable() and ch != " " for ch in value):
        # line breaks, NEL, controls: escaped in double quotes so they survive a reload
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if len(value) > 60 and " " in value and "\n" not in value and value == value.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _str)


def to_yaml(data: Any) -> str:
    """Deterministic YAML for records (block style, keys in the order given)."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2
    )
    return text


def to_json(records: Iterable[dict[str, Any]]) -> str:
    """The records as a JSON array (keys in record order)."""
    return json.dumps(list(records), indent=2, ensure_ascii=False) + "\n"
