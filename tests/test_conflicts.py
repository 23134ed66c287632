"""`troops conflicts` and find_conflicts: which pairs of reports disagree, and how that is shown."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from conftest import HERE, Root

import troops
from troops.dataset.conflicts import Conflict, find_conflicts
from troops.output.conflict_report import CONFLICT_COLUMNS

CLASH = str(HERE / "fixtures" / "clash")

CLASH_TEXT = """\
us-iraq  2020-03-10  cap-count: count 3,000 exceeds the cap 2,500
  cap 2,500, as of 2020-03-10: gaz.us-iraq-cap
    Gazette
    Gazette, 2020-03-10
    “The authorised cap is 2,500 troops.”
  count 3,000, as of 2020-03-10: gaz.us-iraq-count
    officials
    Gazette, 2020-03-10
    “Officials said 3,000 US troops are in Iraq.”

us-iraq  2020-03-10  cap-count: count 3,000 exceeds the cap 2,500
  cap 2,500, as of 2020-03-10: gaz.us-iraq-cap
    Gazette
    Gazette, 2020-03-10
    “The authorised cap is 2,500 troops.”
  count 3,000, as of 2020-03-10: wire.us-iraq-revised
    the ministry
    Wire, 2020-05-01
    “The ministry now says 3,000 troops were in Iraq on 10 March, not 2,000.”

us-iraq  2020-04-20  claim-count: claims the withdrawal completed (2020-04-01); count 2,400 \
reports troops present (2020-04-20)
  claim withdrawal completed, as of 2020-04-01: bag.withdrawal
    Baghdad
    Baghdad Post, 2020-04-02
    “Baghdad said on 1 April that all foreign troops have left Iraq.”
  count 2,400, as of 2020-04-20: wire.us-iraq-april
    a US official
    Wire, 2020-05-01
    “A US official said 2,400 troops remained in Iraq on 20 April.”

us-iraq  2020-06-01..2020-06-30  target-target: target 3,000 and target 2,000 do not overlap
  target 3,000, as of 2020-06: cour.us-iraq-target
    the army
    Courier, 2020-03-12
    “The army wants 3,000 troops in Iraq in June.”
  target 2,000, as of 2020-06: gaz.us-iraq-target
    the government
    Gazette, 2020-03-10
    “The government plans to cut the force to 2,000 by June.”

us-syria  2020-03-12  count-count: count 500 and count more than 900 do not overlap
  count 500, as of 2020-03-12: cour.us-syria-500
    officials
    Courier, 2020-03-12
    “Officials said 500 troops are in Syria.”
  count more than 900, as of 2020-03-12: cour.us-syria-more
    a monitor
    Courier, 2020-03-12
    “More than 900 troops are in Syria, a monitor said.”
"""


def pairs(conflicts: list[Conflict]) -> list[tuple[str, str, str, str, str, str]]:
    """The identifying columns of each conflict, dates as ISO text."""
    return [
        (c.series, c.rule, c.start.isoformat(), c.end.isoformat(), c.first, c.second)
        for c in conflicts
    ]


def csv_pairs(out: str) -> list[tuple[str, ...]]:
    """The identifying columns of each row of `troops conflicts --csv` output."""
    rows = list(csv.DictReader(io.StringIO(out)))
    keys = ("series", "rule", "start", "end", "first_id", "second_id")
    return [tuple(row[k] for k in keys) for row in rows]


def test_fixture_text_output(run: Callable[..., Result]) -> None:
    """The text output shows one block per pair with both readings, sources and quotes."""
    result = run("conflicts", "--data", CLASH)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == CLASH_TEXT
    assert result.stderr == "5 conflicting pairs\n"


def test_fixture_api_pairs() -> None:
    """find_conflicts lists each rule's pairs once, in series, time and id order."""
    found = find_conflicts(troops.load(CLASH))
    assert pairs(found) == [
        ("us-iraq", "cap-count", "2020-03-10", "2020-03-10", "gaz.us-iraq-cap",
         "gaz.us-iraq-count"),
        (
            "us-iraq", "cap-count", "2020-03-10", "2020-03-10", "gaz.us-iraq-cap",
            "wire.us-iraq-revised",
        ),
        (
            "us-iraq", "claim-count", "2020-04-20", "2020-04-20", "bag.withdrawal",
            "wire.us-iraq-april",
        ),
        (
            "us-iraq", "target-target", "2020-06-01", "2020-06-30", "cour.us-iraq-target",
            "gaz.us-iraq-target",
        ),
        ("us-syria", "count-count", "2020-03-12", "2020-03-12", "cour.us-syria-500",
         "cour.us-syria-more"),
    ]  # fmt: skip
    assert found[0].reason == "count 3,000 exceeds the cap 2,500"


def test_unknown_one_sided_and_earlier_counts_not_listed() -> None:
    """Unknown numbers, a count below its cap, an overlapping one-sided bound and a count
    before a withdrawal claim take part in no conflict."""
    found = find_conflicts(troops.load(CLASH))
    named = {c.first for c in found} | {c.second for c in found}
    assert not named & {"cour.us-syria-unknown", "gaz.us-iraq-nearly", "wire.us-iraq-march"}


def test_at_most_fits_a_completed_withdrawal(tmp_path: Path) -> None:
    """A count of "nearly" (at most) some number after a completed-withdrawal claim allows zero
    troops, so it does not conflict with the claim."""
    root = tmp_path / "clash"
    shutil.copytree(CLASH, root)
    archive = root / "seeds" / "wire.txt"
    sentence = "Nearly 100 troops were still in Iraq on 25 April."
    archive.write_text(archive.read_text(encoding="utf-8") + sentence + "\n", encoding="utf-8")
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    src = root / "data" / "sources" / "wire-2020-05-01.yaml"
    text = re.sub(r"sha256: [0-9a-f]{64}", f"sha256: {digest}", src.read_text(encoding="utf-8"))
    text += (
        "  - id: wire.us-iraq-nearly\n    series: us-iraq\n    kind: count\n"
        '    as_of: "2020-04-25"\n    value: 100\n    hedge: nearly\n'
        f"    claimant: Wire\n    quote: {sentence}\n"
    )
    src.write_text(text, encoding="utf-8")
    found = find_conflicts(troops.load(root))
    assert [c.second for c in found if c.rule == "claim-count"] == ["wire.us-iraq-april"]


def test_known_on_before_revision(run: Callable[..., Result]) -> None:
    """Before the revising report is published, the revised count conflicts and the later
    count that contradicts the withdrawal claim is not yet known."""
    result = run("conflicts", "--data", CLASH, "--known-on", "2020-04-30", "--csv")
    assert result.exit_code == 0, result.stderr
    assert csv_pairs(result.stdout) == [
        ("us-iraq", "count-count", "2020-03-10", "2020-03-10", "cour.us-iraq-count",
         "gaz.us-iraq-count"),
        ("us-iraq", "cap-count", "2020-03-10", "2020-03-10", "gaz.us-iraq-cap",
         "gaz.us-iraq-count"),
        ("us-iraq", "target-target", "2020-06-01", "2020-06-30", "cour.us-iraq-target",
         "gaz.us-iraq-target"),
        ("us-syria", "count-count", "2020-03-12", "2020-03-12", "cour.us-syria-500",
         "cour.us-syria-more"),
    ]  # fmt: skip
    first = next(csv.DictReader(io.StringIO(result.stdout)))
    assert first["reason"] == "count about 2,000 (1,800–2,200) and count 3,000 do not overlap"
    assert first["first_reported"] == "about 2,000 (1,800–2,200)"


def test_json_and_series_filter(run: Callable[..., Result]) -> None:
    """--json gives one object per pair with the CSV's columns; --series keeps one series;
    the count on stderr is in the singular for one pair."""
    result = run("conflicts", "--data", CLASH, "--series", "us-syria", "--json")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert list(row) == list(CONFLICT_COLUMNS)
    assert (row["first_id"], row["second_id"]) == ("cour.us-syria-500", "cour.us-syria-more")
    assert row["second_reported"] == "more than 900"
    assert row["first_url"] is None
    assert result.stderr == "1 conflicting pair\n"


def test_claim_side_columns(run: Callable[..., Result]) -> None:
    """The withdrawal event appears as a claim side with its date, claimant and quote."""
    result = run("conflicts", "--data", CLASH, "--json")
    claim = next(r for r in json.loads(result.stdout) if r["rule"] == "claim-count")
    assert {k: claim[f"first_{k}"] for k in ("kind", "as_of", "reported", "claimant")} == {
        "kind": "claim",
        "as_of": "2020-04-01",
        "reported": "withdrawal completed",
        "claimant": "Baghdad",
    }


def test_unknown_series_is_usage_error(run: Callable[..., Result]) -> None:
    """An unknown --series is a usage error with exit status 2."""
    result = run("conflicts", "--data", CLASH, "--series", "uk-iraq")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_completed_needs_withdrawal_kind(mini: Root, run: Callable[..., Result]) -> None:
    """Only a withdrawal event naming its series may claim completion."""
    src = "data/sources/mini-2021-03-05.yaml"
    mini.edit(src, "    kind: agreement\n", "    kind: agreement\n    completed: true\n")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"mini/{src}:39: mini.agreement completed: only a withdrawal event naming its series "
        "can claim completion"
    ]


def test_event_series_must_exist(mini: Root, run: Callable[..., Result]) -> None:
    """An event's series must be defined in series.yaml."""
    src = "data/sources/mini-2021-03-05.yaml"
    mini.edit(src, "    kind: agreement\n", "    kind: agreement\n    series: [us-iraq, uk-iraq]\n")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"mini/{src}:39: mini.agreement series.1: unknown series 'uk-iraq' "
        "(not in data/series.yaml)"
    ]


# ---------------------------------------------------------------- the bundled dataset


def test_real_withdrawn_versus_staying() -> None:
    """The Iraqi claims of a completed coalition withdrawal (Dec 2021) conflict with the
    counts of US and other coalition troops staying."""
    ds = troops.load()
    assert pairs(find_conflicts(ds, "coalition-iraq")) == [
        ("coalition-iraq", "claim-count", "2021-12-09", "2021-12-09",
         "globalresearch-2021-12-13.araji-withdrawal",
         "washingtonnewsday-2021-12-09.coalition-iraq-count-1000"),
        ("coalition-iraq", "claim-count", "2021-12-09", "2021-12-09",
         "sputnik-2021-12-09.araji-withdrawal",
         "washingtonnewsday-2021-12-09.coalition-iraq-count-1000"),
        ("coalition-iraq", "claim-count", "2021-12-10", "2021-12-10",
         "globalresearch-2021-12-13.araji-withdrawal", "globalresearch-2021-12-13.coalition-iraq"),
        ("coalition-iraq", "claim-count", "2021-12-10", "2021-12-10",
         "sputnik-2021-12-09.araji-withdrawal", "globalresearch-2021-12-13.coalition-iraq"),
    ]  # fmt: skip
    # Before Global Research's repost (13 Dec) only Sputnik's claim and the 9 Dec count are known.
    us = pairs(find_conflicts(ds, "us-iraq", known_on="2021-12-12"))
    assert [p for p in us if p[1] == "claim-count"] == [
        ("us-iraq", "claim-count", "2021-12-09", "2021-12-09",
         "sputnik-2021-12-09.araji-withdrawal", "washingtonnewsday-2021-12-09.us-iraq-count-2500"),
    ]  # fmt: skip


def test_real_cap_versus_actual() -> None:
    """Counts above the official caps (DMDC's 8,892 in Iraq, 1,720 and 2,000 in Syria against
    503) are listed."""
    ds = troops.load()
    found = {(c.rule, c.first, c.second) for c in find_conflicts(ds)}
    assert {
        ("cap-count", "defencetalk-pentagon-reviewing-troop-counts.us-iraq-cap-5262",
         "pakistantoday-2017-11-28.us-iraq-count-8892"),
        ("cap-count", "defencetalk-pentagon-reviewing-troop-counts.us-syria-cap-503",
         "pakistantoday-2017-11-28.us-syria-count-1720"),
        ("cap-count", "japantimes-2017-11-25.us-syria-cap-503",
         "japantimes-2017-11-25.us-syria-count-2000"),
        ("count-count", "reuters-us-forces-begin-reducing.us-iraq-count-5200",
         "reuters-us-forces-begin-reducing.us-iraq-count-7000"),
    } <= found  # fmt: skip


def test_real_revised_figures_take_no_part() -> None:
    """Figures a known revision replaced (the Syria 900 of Sep 2024, the 500 of Nov 2017)
    appear in no conflict."""
    named = {i for c in find_conflicts(troops.load()) for i in (c.first, c.second)}
    assert "menafn-2024-09-27.us-syria-count-900" not in named
    assert "japantimes-2017-11-25.us-syria-count-500" not in named


@pytest.mark.parametrize("day", [date(2014, 1, 1), "2013"])
def test_nothing_known_before_the_record(day: date | str) -> None:
    """Known on a day before any report, there is nothing to disagree about."""
    assert find_conflicts(troops.load(), known_on=day) == []


def test_conflicts_does_not_import_matplotlib() -> None:
    """`troops conflicts --csv` never imports matplotlib."""
    from test_bundled import _modules_after

    assert "matplotlib" not in _modules_after(["conflicts", "--csv"])
