"""The bad-input catalogue: each broken dataset gives exactly one clear error line, exit 1.

Every case breaks one thing in a copy of tests/fixtures/mini and pins the one line
``path:line: <id> <field>: <message>`` that `troops validate` and `troops table` print for
it; nothing else may appear (no cascade of follow-on problems, no traceback).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Root

import troops
from troops.core.errors import DataError

SRC = "data/sources/mini-2021-03-05.yaml"
SECOND = "data/sources/second-2021-06-01.yaml"
S = f"mini/{SRC}"
T = f"mini/{SECOND}"
GAZETTE_SHA = "5c7d98e1a943bb44b5cf643a8fac7328031fc9fda826570463c19d11aafb9fa9"
FORMULA = "(spreadsheets would read it as a formula)"
BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


@dataclass(frozen=True)
class Case:
    """One broken dataset: how to break the mini copy, and the one line it must give."""

    name: str
    breaks: Callable[[Root], object]
    line: str


def edit(rel: str, old: str, new: str) -> Callable[[Root], None]:
    """Replace ``old`` by ``new`` once in a text file of the root."""
    return lambda root: root.edit(rel, old, new)


def write(rel: str, data: str | bytes) -> Callable[[Root], object]:
    """Overwrite (or create) a file of the root."""
    return lambda root: root.write(rel, data)


def bytes_edit(rel: str, old: bytes, new: bytes) -> Callable[[Root], None]:
    """Replace bytes in a file of the root (for encodings YAML text cannot carry)."""

    def go(root: Root) -> None:
        p = root.file(rel)
        data = p.read_bytes()
        assert old in data
        p.write_bytes(data.replace(old, new, 1))

    return go


def tamper_archive(root: Root) -> None:
    """Change one byte of the gazette archive."""
    p = root.file("seeds/mini-gazette.txt")
    p.write_bytes(p.read_bytes().replace(b"Gazette", b"Gazettf"))


def link_outside(root: Root) -> None:
    """Put a symlink in seeds/ that points at a copy of the archive outside the root."""
    outside = root.path.parent / "outside.txt"
    outside.write_bytes(root.file("seeds/mini-gazette.txt").read_bytes())
    root.file("seeds/gazette-link.txt").symlink_to(outside)
    root.edit(SRC, "archive: mini-gazette.txt", "archive: gazette-link.txt")


def reword_second(root: Root, old: str, new: str) -> None:
    """Reword the second source's archive and its figure's quote alike (sha256 updated)."""
    archive = root.file("seeds/second-courier.txt")
    before = hashlib.sha256(archive.read_bytes()).hexdigest()
    text = archive.read_text(encoding="utf-8")
    assert old in text
    archive.write_text(text.replace(old, new), encoding="utf-8")
    root.edit(SECOND, old, new)
    root.edit(SECOND, before, hashlib.sha256(archive.read_bytes()).hexdigest())


def hedge_inside_a_word(root: Root) -> None:
    """Give the second figure the hedge 'over', which its quote has only inside 'government'."""
    reword_second(root, "The Pentagon said", "The government said")
    root.edit(
        "data/hedges.yaml", "hedges:\n", "hedges:\n  - {phrase: over, bound: at_least, low: 0}\n"
    )
    root.edit(SECOND, "    value: 3000\n", "    value: 3000\n    hedge: over\n")


def undecodable_name(root: Root) -> None:
    """Put a file whose name is not UTF-8 (byte 0xff) in data/."""
    folder = os.fsencode(root.file("data/sources"))
    fd = os.open(folder + b"/notes\xff.txt", os.O_WRONLY | os.O_CREAT, 0o644)
    os.close(fd)


def huge_file(root: Root) -> None:
    """Make the source file 50 MB: valid YAML followed by a sparse run of NUL bytes.

    A reader that read it whole would report the NUL byte; the size check must come first.
    """
    with root.file(SRC).open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)


TAMPERED_SHA = hashlib.sha256(
    (Path(__file__).parent / "fixtures/mini/seeds/mini-gazette.txt")
    .read_bytes()
    .replace(b"Gazette", b"Gazettf")
).hexdigest()

CASES = [
    # ------------------------------------------------------------ YAML syntax
    Case(
        "unclosed-flow-list",
        edit(SRC, "    kind: count\n", "    kind: [count\n"),
        f"{S}:14: - -: YAML syntax error: did not find expected ',' or ']'",
    ),
    Case(
        "unclosed-quote",
        edit(SRC, 'date: "2021-03-01"', 'date: "2021-03-01'),
        f"{S}:41: - -: YAML syntax error: found unexpected end of stream",
    ),
    Case(
        "tab-indentation",
        edit(SRC, "    kind: count\n", "\tkind: count\n"),
        f"{S}:13: - -: YAML syntax error: found a tab character that violates indentation",
    ),
    Case(
        "bad-indentation",
        edit(SRC, "    kind: count\n", "      kind: count\n"),
        f"{S}:13: - -: YAML syntax error: mapping values are not allowed in this context",
    ),
    Case(
        "second-document",
        lambda r: r.file(SRC).write_text(r.file(SRC).read_text() + "---\nsource: {}\n"),
        f"{S}:41: - -: holds more than one YAML document (a second ---)",
    ),
    Case(
        "duplicate-key",
        edit(SRC, "    kind: count\n", "    kind: count\n    kind: cap\n"),
        f"{S}:14: - -: duplicate key 'kind'",
    ),
    # ------------------------------------------------------------ empty files
    Case(
        "empty-file", write("data/series.yaml", ""), "mini/data/series.yaml:1: - -: file is empty"
    ),
    Case(
        "whitespace-only",
        write("data/hedges.yaml", "  \n\t\n\n"),
        "mini/data/hedges.yaml:1: - -: file is empty",
    ),
    Case(
        "comments-only",
        write(SECOND, "# nothing here yet\n"),
        f"{T}:1: - -: file holds no data",
    ),
    Case(
        "null-document",
        write("data/hedges.yaml", "~\n"),
        "mini/data/hedges.yaml:1: - -: file holds no data",
    ),
    Case(
        "bare-document-marker",
        write("data/series.yaml", "# series to come\n---\n"),
        "mini/data/series.yaml:1: - -: file holds no data",
    ),
    Case(
        # the second source revises a figure of this file: that is not reported as unknown
        "null-source-file",
        write(SRC, "null\n"),
        f"{S}:1: - -: file holds no data",
    ),
    Case(
        "missing-series-file",
        lambda r: r.file("data/series.yaml").unlink(),
        "mini/data/series.yaml:1: - -: file is missing",
    ),
    # ------------------------------------------------------------ top level of the wrong type
    Case(
        "top-level-list",
        write(SECOND, "- source\n- figures\n"),
        f"{T}:1: - -: top level must be a mapping with keys source, figures, events; found a list",
    ),
    Case(
        "top-level-text",
        write("data/series.yaml", "us-iraq\n"),
        "mini/data/series.yaml:1: - -: top level must be a mapping with keys series; found text",
    ),
    Case(
        "figures-not-a-list",
        lambda r: r.write(SECOND, r.file(SECOND).read_text().split("figures:")[0] + "figures: 3\n"),
        f"{T}:8: - figures: must be a list, found a number",
    ),
    Case(
        "series-not-a-list",
        write("data/series.yaml", "series: us-iraq\n"),
        "mini/data/series.yaml:1: - series: must be a list, found text",
    ),
    Case(
        "figure-entry-not-a-mapping",
        edit(SECOND, "figures:\n", "figures:\n  - just text\n"),
        f"{T}:9: - figures: each entry must be a mapping, found text",
    ),
    Case(
        "source-not-a-mapping",
        write(SECOND, "source: [second-2021-06-01]\n"),
        f"{T}:1: - source: must be a mapping, found a list",
    ),
    # ------------------------------------------------------------ unknown fields
    Case(
        "unknown-figure-field",
        edit(SRC, "    claimant: officials\n", "    claimant: officials\n    confidence: high\n"),
        f"{S}:18: mini.us-iraq confidence: unknown field",
    ),
    Case(
        "misspelt-field",
        edit(SRC, "  publisher: Mini Gazette", "  publsher: Mini Gazette"),
        f"{S}:4: mini-2021-03-05 publsher: unknown field (did you mean 'publisher'?)",
    ),
    Case(
        "misspelt-top-level-key",
        edit(SECOND, "figures:", "figure:"),
        f"{T}:8: - figure: unknown top-level key (allowed: source, figures, events)",
    ),
    # ------------------------------------------------------------ missing required fields
    Case(
        "figure-without-quote",
        edit(
            SECOND,
            "    quote: The Pentagon said 3,000 US troops were in Iraq in March, not the "
            "2,500 it reported then.\n",
            "",
        ),
        f"{T}:9: second.us-iraq quote: missing required field",
    ),
    Case(
        "source-without-sha256",
        edit(
            SECOND,
            "  sha256: 724592864ffd2a8e74cfbf8e18fdd268fe7c07c28835439a86a5da2a09149ec1\n",
            "",
        ),
        f"{T}:2: second-2021-06-01 sha256: missing required field",
    ),
    Case(
        "series-without-label",
        edit("data/series.yaml", "    label: US in Syria\n", ""),
        "mini/data/series.yaml:7: us-syria label: missing required field",
    ),
    Case(
        "file-without-source",
        edit(
            SECOND,
            "source:\n  id: second-2021-06-01\n  title: Pentagon corrects count\n"
            '  publisher: Second Courier\n  published: "2021-06-01"\n'
            "  archive: second-courier.txt\n"
            "  sha256: 724592864ffd2a8e74cfbf8e18fdd268fe7c07c28835439a86a5da2a09149ec1\n",
            "",
        ),
        f"{T}:1: - source: missing required top-level key",
    ),
    # ------------------------------------------------------------ wrong types
    Case(
        "value-as-text",
        edit(SRC, "value: 2500", 'value: "2500"'),
        f"{S}:15: mini.us-iraq value: input should be a valid integer, got text '2500'",
    ),
    Case(
        "value-fractional",
        edit(SRC, "value: 900", "value: 900.5"),
        f"{S}:23: mini.us-syria value: input should be a valid integer, got a number 900.5",
    ),
    Case(
        "value-boolean",
        edit(SECOND, "value: 3000", "value: yes"),
        f"{T}:13: second.us-iraq value: input should be a valid integer, got true/false True",
    ),
    Case(
        "revises-as-text",
        edit(SECOND, "revises: [mini.us-iraq]", "revises: mini.us-iraq"),
        f"{T}:16: second.us-iraq revises: input should be a valid list, got text 'mini.us-iraq'",
    ),
    Case(
        "year-as-number",
        edit(SRC, 'as_of: "2022"', "as_of: 2022"),
        f"{S}:30: mini.us-iraq-after as_of: input should be a valid string, got a number 2022",
    ),
    Case(
        "number-as-key",
        edit(SRC, "    kind: count\n", "    kind: count\n    2021: x\n"),
        f"{S}:14: - -: mapping keys must be plain words",
    ),
    Case(
        "bool-tag-not-a-bool",
        edit(SRC, "value: 900", "value: !!bool maybe"),
        f"{S}:23: - -: cannot read 'maybe' as a YAML bool",
    ),
    Case(
        "int-tag-empty",
        edit(SRC, "value: 900", 'value: !!int ""'),
        f"{S}:23: - -: cannot read '' as a YAML int",
    ),
    Case(
        "float-tag-empty",
        edit(SECOND, "value: 3000", "value: !!float ''"),
        f"{T}:13: - -: cannot read '' as a YAML float",
    ),
    Case(
        "integer-of-5000-digits",
        edit(SECOND, "value: 3000", "value: 3" + "0" * 5000),
        f"{T}:13: second.us-iraq value: input should be a valid integer, got text "
        "'300000000000000000000000000000000000...",
    ),
    Case(
        "id-as-number",
        edit(SRC, "id: mini.us-iraq", "id: 7"),
        f"{S}:11: - id: input should be a valid string, got a number 7",
    ),
    # ------------------------------------------------------------ duplicate ids
    Case(
        "duplicate-id-in-file",
        edit(SRC, "id: mini.us-syria", "id: mini.us-iraq"),
        f"{S}:19: mini.us-iraq id: duplicate id; first used at {S}:11",
    ),
    Case(
        "duplicate-id-across-files",
        edit(SECOND, "id: second.us-iraq", "id: mini.agreement"),
        f"{S}:36: mini.agreement id: duplicate id; first used at {T}:9",
    ),
    Case(
        "duplicate-source-id",
        edit(SECOND, "id: second-2021-06-01", "id: mini-2021-03-05"),
        f"{T}:2: mini-2021-03-05 id: duplicate id; first used at {S}:2",
    ),
    Case(
        "duplicate-series-id",
        edit("data/series.yaml", "id: us-syria", "id: us-iraq"),
        "mini/data/series.yaml:7: us-iraq id: duplicate id; first used at mini/data/series.yaml:2",
    ),
    Case(
        "duplicate-hedge-phrase",
        edit("data/hedges.yaml", "phrase: more than", "phrase: About"),
        "mini/data/hedges.yaml:3: About phrase: duplicate hedge phrase; first at "
        "mini/data/hedges.yaml:2",
    ),
    # ------------------------------------------------------------ missing source or series
    Case(
        "unknown-series",
        edit(SECOND, "series: us-iraq", "series: us-irak"),
        f"{T}:10: second.us-iraq series: unknown series 'us-irak' (not in data/series.yaml)",
    ),
    Case(
        "figure-names-other-source",
        edit(SECOND, "    kind: count\n", "    kind: count\n    source: third-2021-07-01\n"),
        f"{T}:12: second.us-iraq source: is 'third-2021-07-01' but this file holds source "
        "'second-2021-06-01'",
    ),
    Case(
        "revises-missing-figure",
        edit(SECOND, "revises: [mini.us-iraq]", "revises: [mini.us-iraq-before]"),
        f"{T}:16: second.us-iraq revises.0: unknown figure 'mini.us-iraq-before'",
    ),
    Case(
        "unknown-hedge",
        edit(SRC, "hedge: more than", "hedge: upwards of"),
        f"{S}:24: mini.us-syria hedge: 'upwards of' is not in the hedge table (data/hedges.yaml)",
    ),
    # ------------------------------------------------------------ quotes and numbers
    Case(
        "quote-not-in-archive",
        edit(SECOND, "not the 2,500 it reported", "not the 2,500 they reported"),
        f"{T}:15: second.us-iraq quote: not found verbatim in seeds/second-courier.txt: "
        "'The Pentagon said 3,000 US troops were in Iraq in March, ...'",
    ),
    Case(
        "event-quote-not-in-archive",
        edit(SRC, "The agreement was signed on 1 March 2021.", "The deal was signed on 1 March."),
        f"{S}:40: mini.agreement quote: not found verbatim in seeds/mini-gazette.txt: "
        "'The deal was signed on 1 March.'",
    ),
    Case(
        "number-not-in-quote",
        edit(SRC, "value: 900", "value: 9000"),
        f"{S}:23: mini.us-syria value: 9000 does not occur in the quote (as digits or words)",
    ),
    Case(
        "hedge-inside-a-word",
        hedge_inside_a_word,
        f"{T}:14: second.us-iraq hedge: 'over' does not occur in the quote",
    ),
    Case(
        "hedge-not-in-quote",
        edit(SRC, "hedge: about", "hedge: more than"),
        f"{S}:16: mini.us-iraq hedge: 'more than' does not occur in the quote",
    ),
    # ------------------------------------------------------------ archives
    Case(
        "archive-sha256-mismatch",
        tamper_archive,
        f"{S}:9: mini-2021-03-05 sha256: does not match seeds/mini-gazette.txt (the file's "
        f"sha256 is {TAMPERED_SHA}); archives are immutable: restore the file or re-archive "
        "it as a new source",
    ),
    Case(
        "archive-dotdot",
        edit(SECOND, "archive: second-courier.txt", "archive: sub/../../data/series.yaml"),
        f"{T}:6: second-2021-06-01 archive: 'sub/../../data/series.yaml' leaves seeds/ "
        "('..' is not allowed)",
    ),
    Case(
        "archive-absolute",
        edit(SECOND, "archive: second-courier.txt", "archive: /etc/hostname"),
        f"{T}:6: second-2021-06-01 archive: '/etc/hostname' must be a path relative to "
        "seeds/, not an absolute path",
    ),
    Case(
        "archive-windows-absolute",
        edit(SECOND, "archive: second-courier.txt", "archive: 'C:\\seeds\\second.txt'"),
        f"{T}:6: second-2021-06-01 archive: 'C:\\\\seeds\\\\second.txt' must be a path "
        "relative to seeds/, not an absolute path",
    ),
    Case(
        "archive-home",
        edit(SECOND, "archive: second-courier.txt", "archive: ~/second-courier.txt"),
        f"{T}:6: second-2021-06-01 archive: '~/second-courier.txt' must be a path relative "
        "to seeds/, not an absolute path",
    ),
    Case(
        "archive-symlink-outside",
        link_outside,
        f"{S}:8: mini-2021-03-05 archive: seeds/gazette-link.txt resolves outside seeds/ "
        "(a link pointing elsewhere)",
    ),
    Case(
        "archive-is-a-directory",
        lambda r: (r.file("seeds/sub").mkdir(), r.edit(SECOND, "second-courier.txt", "sub")),
        f"{T}:6: second-2021-06-01 archive: seeds/sub is not a file",
    ),
    Case(
        "seeds-missing",
        lambda r: [p.unlink() for p in r.file("seeds").iterdir()] + [r.file("seeds").rmdir()],
        "mini:1: - -: dataset root has no seeds/ directory",
    ),
    # ------------------------------------------------------------ bounds
    Case(
        "low-above-high",
        edit(
            SECOND,
            "value: 3000\n",
            "value: null\n    bound: approx\n    high: 2500\n    low: 3000\n",
        ),
        f"{T}:16: second.us-iraq low: bounds out of order: 3000 > 2500 (low <= value <= high)",
    ),
    Case(
        "value-above-high",
        edit(
            SECOND,
            "value: 3000\n",
            "value: 3000\n    bound: approx\n    low: 2500\n    high: 2500\n",
        ),
        f"{T}:16: second.us-iraq high: bounds out of order: 3000 > 2500 (low <= value <= high)",
    ),
    Case(
        "low-not-in-quote",
        edit(SRC, "value: 900\n", "value: 900\n    low: 800\n"),
        f"{S}:24: mini.us-syria low: 800 does not occur in the quote (as digits or words)",
    ),
    Case(
        "value-below-low",
        edit(
            SECOND,
            "value: 3000\n",
            "value: 2500\n    bound: approx\n    low: 3000\n    high: 3000\n",
        ),
        f"{T}:15: second.us-iraq low: bounds out of order: 3000 > 2500 (low <= value <= high)",
    ),
    Case(
        "value-negative",
        edit(SRC, "value: 900", "value: -900"),
        f"{S}:23: mini.us-syria value: input should be greater than or equal to 0",
    ),
    Case(
        "value-absurd",
        edit(SRC, "value: 900", "value: 900000000000"),
        f"{S}:23: mini.us-syria value: input should be less than or equal to 10000000",
    ),
    Case(
        "exact-with-range",
        edit(SECOND, "value: 3000\n", "value: 3000\n    bound: exact\n    high: 3100\n"),
        f"{T}:14: second.us-iraq bound: is exact but low/high differ from the value",
    ),
    # ------------------------------------------------------------ dates
    Case(
        "february-30",
        edit(SRC, 'date: "2021-03-01"', 'date: "2021-02-30"'),
        f"{S}:37: mini.agreement date: '2021-02-30' is not a calendar date (2021-02 has 28 days)",
    ),
    Case(
        "month-13",
        edit(SECOND, 'published: "2021-06-01"', 'published: "2021-13"'),
        f"{T}:5: second-2021-06-01 published: '2021-13' has no month 13",
    ),
    Case(
        "year-out-of-range",
        edit(SRC, 'as_of: "2022"', 'as_of: "3022"'),
        f"{S}:30: mini.us-iraq-after as_of: year 3022 is outside 1900-2100",
    ),
    Case(
        "reversed-interval",
        edit(SECOND, 'as_of: "2021-03"', 'as_of: "2021-03/2021-01"'),
        f"{T}:12: second.us-iraq as_of: interval '2021-03/2021-01' ends before it starts",
    ),
    Case(
        "as-of-after-publication",
        edit(SECOND, 'as_of: "2021-03"', 'as_of: "2021-06-02"'),
        f"{T}:12: second.us-iraq as_of: 2021-06-02 is after the source's publication "
        "(2021-06-01); only a target may describe a later time",
    ),
    Case(
        "retrieved-before-publication",
        edit(SRC, 'retrieved: "2021-03-06"', 'retrieved: "2021-03-04"'),
        f"{S}:7: mini-2021-03-05 retrieved: 2021-03-04 is before the publication date 2021-03-05",
    ),
    Case(
        "arabic-indic-digits",
        edit(
            SRC, 'date: "2021-03-01"', 'date: "\u0662\u0660\u0662\u0661-\u0660\u0663-\u0660\u0661"'
        ),
        f"{S}:37: mini.agreement date: '\u0662\u0660\u0662\u0661-\u0660\u0663-\u0660\u0661' "
        "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    Case(
        "date-with-time",
        edit(SRC, 'date: "2021-03-01"', "date: 2021-03-01 12:00"),
        f"{S}:37: mini.agreement date: '2021-03-01 12:00' is not a date of the form YYYY, "
        "YYYY-MM or YYYY-MM-DD",
    ),
    # ------------------------------------------------------------ bytes and encodings
    Case(
        "latin-1-byte",
        bytes_edit(SRC, b"Mini Gazette\n  published", b"Mini Gaz\xe9tte\n  published"),
        f"{S}:4: - -: is not valid UTF-8 (byte 0xe9)",
    ),
    Case(
        "byte-order-mark",
        lambda r: r.file(SECOND).write_bytes(b"\xef\xbb\xbf" + r.file(SECOND).read_bytes()),
        f"{T}:1: - -: starts with a byte-order mark; save it as UTF-8 without BOM",
    ),
    Case(
        "utf-16",
        lambda r: r.file(SECOND).write_bytes(r.file(SECOND).read_text().encode("utf-16")),
        f"{T}:1: - -: is UTF-16 text; save it as UTF-8",
    ),
    Case(
        "nul-byte",
        bytes_edit(SECOND, b"claimant: Pentagon", b"claimant: Penta\x00gon"),
        f"{T}:14: - -: contains a NUL byte",
    ),
    Case(
        "control-character",
        bytes_edit(SECOND, b"claimant: Pentagon", b"claimant: Penta\x1bgon"),
        f"{T}:14: - -: contains control character U+001B",
    ),
    Case(
        "nul-escape-in-string",
        edit(SECOND, "claimant: Pentagon", 'claimant: "Penta\\0gon"'),
        f"{T}:14: second.us-iraq claimant: must not contain NUL characters",
    ),
    Case(
        "huge-file",
        huge_file,
        f"{S}:1: - -: file is 52,428,800 bytes; the limit is 5,242,880",
    ),
    # ------------------------------------------------------------ YAML that would build objects
    Case(
        "python-object-tag",
        edit(SRC, "value: 900", "value: !!python/object/apply:os.system ['touch pwned']"),
        f"{S}:23: - -: YAML tag tag:yaml.org,2002:python/object/apply:os.system is not "
        "allowed in data files",
    ),
    Case(
        "python-name-tag",
        edit(SRC, "claimant: officials", "claimant: !!python/name:os.system ''"),
        f"{S}:17: - -: YAML tag tag:yaml.org,2002:python/name:os.system is not allowed in "
        "data files",
    ),
    Case(
        "custom-mapping-tag",
        edit(SECOND, "source:\n", "source: !record\n"),
        f"{T}:1: - -: YAML tag !record is not allowed in data files",
    ),
    Case(
        "binary-tag",
        edit(SECOND, "claimant: Pentagon", "claimant: !!binary UGVudGFnb24="),
        f"{T}:14: - -: YAML tag tag:yaml.org,2002:binary is not allowed in data files",
    ),
    Case(
        "alias-bomb",
        write(SECOND, BILLION_LAUGHS),
        f"{T}:2: - -: YAML aliases (*name) are not allowed in data files",
    ),
    Case(
        "merge-key",
        edit(
            SRC,
            '    kind: count\n    as_of: "2021-03"',
            '    <<: {kind: count}\n    as_of: "2021-03"',
        ),
        f"{S}:21: - -: mapping keys must be plain words",
    ),
    Case(
        "deep-nesting",
        write(SECOND, "[" * 100_000 + "]" * 100_000 + "\n"),
        f"{T}:1: - -: YAML nesting is deeper than 40 levels",
    ),
    # ------------------------------------------------------------ formula-looking text
    Case(
        "formula-equals-quote",
        edit(SRC, "quote: More than", "quote: =More than"),
        f"{S}:26: mini.us-syria quote: must not begin with '=' {FORMULA}",
    ),
    Case(
        "formula-plus-title",
        edit(SECOND, "title: Pentagon corrects count", "title: +Pentagon corrects count"),
        f"{T}:3: second-2021-06-01 title: must not begin with '+' {FORMULA}",
    ),
    Case(
        "formula-minus-label",
        edit(SRC, "label: Agreement signed", "label: -Agreement signed"),
        f"{S}:39: mini.agreement label: must not begin with '-' {FORMULA}",
    ),
    Case(
        "formula-at-publisher",
        edit(SECOND, "publisher: Second Courier", "publisher: '@SecondCourier'"),
        f"{T}:4: second-2021-06-01 publisher: must not begin with '@' {FORMULA}",
    ),
    Case(
        "formula-tab-claimant",
        edit(SECOND, "claimant: Pentagon", 'claimant: "\\tPentagon"'),
        f"{T}:14: second.us-iraq claimant: must not begin with '\\t' {FORMULA}",
    ),
    Case(
        "formula-after-space",
        edit(SRC, "claimant: officials", "claimant: ' =officials'"),
        f"{S}:17: mini.us-iraq claimant: must not begin with '=' after blank space {FORMULA}",
    ),
    Case(
        "formula-after-no-break-space",
        edit(SECOND, "title: Pentagon corrects count", 'title: "\\u00a0+Pentagon corrects count"'),
        f"{T}:3: second-2021-06-01 title: must not begin with '+' after blank space {FORMULA}",
    ),
    # ------------------------------------------------------------ names that are not one line
    Case(
        "line-break-in-file-name",
        write("data/sources/mini\n2021.yaml", "~\n"),
        "mini/data/sources/mini\\n2021.yaml:1: - -: file holds no data",
    ),
    Case(
        "undecodable-file-name",
        undecodable_name,
        "mini/data/sources/notes\\udcff.txt:1: - -: unexpected file in data/ (troops reads "
        "series.yaml, hedges.yaml, sources/*.yaml and figures/*.csv)",
    ),
    Case(
        "escape-character-in-archive-name",
        edit(SECOND, "archive: second-courier.txt", 'archive: "second\\ecourier.txt"'),
        f"{T}:6: second-2021-06-01 archive: must not contain a control character (U+001B)",
    ),
    # ------------------------------------------------------------ stray files
    Case(
        "stray-file-in-data",
        write("data/sources/notes.txt", "todo\n"),
        "mini/data/sources/notes.txt:1: - -: unexpected file in data/ (troops reads "
        "series.yaml, hedges.yaml, sources/*.yaml and figures/*.csv)",
    ),
    # ------------------------------------------------------------ controls and bidi (issue 14.5)
    Case(
        "escape-sequence-in-title",
        edit(SECOND, "title: Pentagon corrects count", 'title: "Pentagon\\e[2J corrects count"'),
        f"{T}:3: second-2021-06-01 title: must not contain a control character (U+001B)",
    ),
    Case(
        "osc-hyperlink-in-publisher",
        edit(SECOND, "publisher: Second Courier", 'publisher: "\\e]8;;http://x\\aSecond"'),
        f"{T}:4: second-2021-06-01 publisher: must not contain a control character (U+001B)",
    ),
    Case(
        "c1-control-in-title",
        edit(SECOND, "title: Pentagon corrects count", 'title: "Pentagon\\x9b corrects"'),
        f"{T}:3: second-2021-06-01 title: must not contain a control character (U+009B)",
    ),
    Case(
        "bidi-override-in-claimant",
        edit(SECOND, "claimant: Pentagon", 'claimant: "\\u202ePentagon"'),
        f"{T}:14: second.us-iraq claimant: must not contain a bidi override (U+202E)",
    ),
    Case(
        "line-break-in-publisher",
        edit(SECOND, "publisher: Second Courier", 'publisher: "Second\\nCourier"'),
        f"{T}:4: second-2021-06-01 publisher: must be one line (holds U+000A, a tab or line break)",
    ),
    Case(
        "url-with-trailing-newline",
        edit(SRC, "url: https://example.org/mini", 'url: "https://example.org/mini\\n"'),
        f"{S}:6: mini-2021-03-05 url: must be an http(s) URL without spaces",
    ),
    # ------------------------------------------------------------ numbers only in decimal (14.8)
    Case(
        "yaml-hex-value",
        edit(SECOND, "value: 3000", "value: 0xBB8"),
        f"{T}:13: second.us-iraq value: input should be a valid integer, got text '0xBB8'",
    ),
    Case(
        "yaml-octal-looking-value",
        edit(SECOND, "value: 3000", "value: 03000"),
        f"{T}:13: second.us-iraq value: input should be a valid integer, got text '03000'",
    ),
    Case(
        "yaml-base-60-value",
        edit(SECOND, "value: 3000", "value: 50:00"),
        f"{T}:13: second.us-iraq value: input should be a valid integer, got text '50:00'",
    ),
    Case(
        "yaml-underscore-value",
        edit(SECOND, "value: 3000", "value: 3_000"),
        f"{T}:13: second.us-iraq value: input should be a valid integer, got text '3_000'",
    ),
    Case(
        "yaml-tagged-hex-value",
        edit(SECOND, "value: 3000", "value: !!int 0xBB8"),
        f"{T}:13: - -: cannot read '0xBB8' as a YAML int",
    ),
    # ------------------------------------------------------------ one broken thing, one line
    Case(
        "misspelt-series-id-in-series-file",
        edit("data/series.yaml", "  - id: us-iraq\n", "  - id: us-iraqq\n"),
        "mini/data/series.yaml:2: us-iraqq id: no record uses this series, but 3 records name "
        "series 'us-iraq', which is not defined (is this id misspelt?)",
    ),
    Case(
        "series-nobody-defines-used-twice",
        lambda r: r.edit(SRC, "series: us-iraq", "series: nato-iraq", count=2),
        f"{S}:12: mini.us-iraq series: unknown series 'nato-iraq' (not in data/series.yaml; "
        "2 records name it)",
    ),
    # ------------------------------------------------------------ wrong numbers (issue 14.1)
    Case(
        "quote-starts-inside-a-number",
        lambda r: (
            r.edit(SECOND, "value: 3000", "value: 500"),
            r.edit(
                SECOND,
                "quote: The Pentagon said 3,000 US troops were in Iraq in March, not "
                "the 2,500 it reported then.",
                "quote: 500 it reported then.",
            ),
        ),
        f"{T}:15: second.us-iraq quote: found in seeds/second-courier.txt only inside a longer "
        "word or number (a quote starts and ends where the archive's words do): "
        "'500 it reported then.'",
    ),
]


def test_api_reports_bad_tag_values(mini: Root) -> None:
    """troops.load() raises DataError with the one problem line for a value no tag can read."""
    mini.edit(SRC, "value: 900", "value: !!bool maybe")
    with pytest.raises(DataError) as info:
        troops.load(mini.path)
    assert str(info.value) == f"{S}:23: - -: cannot read 'maybe' as a YAML bool"


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_depth_problem_whatever_the_library_stops_at(
    mini: Root, monkeypatch: pytest.MonkeyPatch, loader: str, opener: str
) -> None:
    """Deep nesting is troops' one depth problem with either PyYAML loader, whether the
    library stops first at its own limit or troops does (no library wording is pinned)."""
    import yaml

    from troops.io import yamlio

    if not hasattr(yaml, loader):
        pytest.skip(f"this PyYAML has no {loader}")
    monkeypatch.setattr(yamlio, "_LOADER", getattr(yaml, loader))
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    if opener == "- ":
        text = "".join("  " * i + "- \n" for i in range(300)) + "  " * 300 + "x\n"
    else:
        text = opener * 3000 + "1" + closer * 3000 + "\n"
    mini.write(SECOND, text)
    with pytest.raises(DataError) as info:
        troops.load(mini.path)
    assert [str(p) for p in info.value.problems] == [
        f"{T}:{1 if opener != '- ' else 41}: - -: YAML nesting is deeper than 40 levels"
    ]


def _no_crash(result: Result) -> None:
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_dataset_gives_one_line(mini: Root, run: Callable[..., Result], case: Case) -> None:
    """Each broken dataset makes validate and table exit 1 with exactly its one error line."""
    case.breaks(mini)
    for command in (("validate",), ("table", "--csv")):
        result = run(*command, "--data", "mini")
        _no_crash(result)
        assert (result.exit_code, result.stdout) == (1, ""), command
        assert result.stderr.splitlines() == [case.line], command


def test_catalogue_is_large_and_distinct() -> None:
    """The catalogue holds at least 40 broken datasets, each with its own name and line."""
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({c.line for c in CASES}) == len(CASES)


def _limited_validate(
    root: Path, limit_bytes: int
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `troops validate` in a child with its address space capped; return it and its time."""
    code = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({limit_bytes}, {limit_bytes}))
        from troops.cli import main
        try:
            main(["validate", "--data", {str(root)!r}])
        finally:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(peak, file=sys.stdout)
        """
    )
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "TROOPS_DEBUG": ""},
    )
    return proc, time.monotonic() - start


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS and ru_maxrss in KiB are Linux")
@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (
            "alias-bomb",
            BILLION_LAUGHS,
            "2: - -: YAML aliases (*name) are not allowed in data files",
        ),
        (
            "deep-nesting",
            "[" * 1_000_000 + "]" * 1_000_000 + "\n",
            "1: - -: YAML nesting is deeper than 40 levels",
        ),
    ],
)
def test_hostile_yaml_is_cheap(mini: Root, name: str, text: str, line: str) -> None:
    """An alias bomb or a million nested brackets is refused within seconds in bounded memory."""
    mini.write(SECOND, text)
    proc, elapsed = _limited_validate(mini.path, 1024 * 1024 * 1024)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [f"{T}:{line}"]
    peak_kib = int(proc.stdout.split()[-1])
    assert peak_kib < 200 * 1024, f"{name}: peak RSS {peak_kib} KiB"
    assert elapsed < 10, f"{name}: {elapsed:.1f} s"


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB is a Linux convention")
def test_huge_file_is_not_read(mini: Root) -> None:
    """A 500 MB (sparse) data file is refused by its size, without reading it into memory."""
    with mini.file(SECOND).open("r+b") as handle:
        handle.truncate(500 * 1024 * 1024)
    proc, elapsed = _limited_validate(mini.path, 1024 * 1024 * 1024)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        f"{T}:1: - -: file is 524,288,000 bytes; the limit is 5,242,880"
    ]
    assert int(proc.stdout.split()[-1]) < 200 * 1024
    assert elapsed < 10
