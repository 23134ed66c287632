"""Extraction rules for pledged, proposed and superseded levels, asides, bands and context.

Every sentence here is written for the test (none is copied from an archived report).
"""

from __future__ import annotations

from functools import cache

import pytest

import troops
from troops.core.model import Hedge
from troops.extract import extract, url_words
from troops.extract.records import AS_OF_NOTE, EARLIER_NOTE, figure_records


@cache
def hedges() -> list[Hedge]:
    """The bundled hedge table, loaded once."""
    return troops.load().hedge_records


def keys(text: str, **context: str) -> list[tuple[object, ...]]:
    """(series, value, bound, kind) of every candidate of ``text``."""
    return [c.key for c in extract(text, hedges(), **context)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pledge to send is still troops to be sent
        (
            "Coalition partners have pledged to send about 600 troops to Iraq.",
            ("coalition-iraq", 600, "approx", "movement"),
        ),
        # the troops a government has committed to deploy: its authorised level
        (
            "Officials counted the 2,000 troops the Pentagon has committed to deploy to Iraq.",
            ("us-iraq", 2000, "exact", "cap"),
        ),
        # a request for troops is a movement
        (
            "The Pentagon sent Congress a request for another 350 troops for Iraq.",
            ("us-iraq", 350, "exact", "movement"),
        ),
        # an authorised level that would change is proposed ...
        (
            "The new deployments would raise the number of authorized troops in Syria to 1,200.",
            ("us-syria", 1200, "exact", "target"),
        ),
        # ... one that will change is decided
        (
            "The new deployments will raise the number of authorized troops in Syria to 1,200.",
            ("us-syria", 1200, "exact", "cap"),
        ),
        # a change in the present leads to a planned level ...
        (
            "Fresh rotations bring the total of US troops in Iraq to nearly 3,400.",
            ("us-iraq", 3400, "at_most", "target"),
        ),
        # ... a change in the past to a level reached
        (
            "Fresh rotations brought the total of US troops in Iraq to nearly 3,400.",
            ("us-iraq", 3400, "at_most", "count"),
        ),
        # the number of new troops is a movement
        (
            "The number of new US soldiers heading to Syria will be 340.",
            ("us-syria", 340, "exact", "movement"),
        ),
        # "the additional N" followed by a movement verb is a movement
        (
            "The additional 400 US troops will arrive in Syria next week.",
            ("us-syria", 400, "exact", "movement"),
        ),
        # troops that "had been withdrawn" were moved, not counted
        (
            "Officials said more than 500 US troops had been withdrawn from Iraq since March.",
            ("us-iraq", 500, "at_least", "movement"),
        ),
        # a former figure in another clause does not make the level former
        (
            "Unlike the former figure, the total is 2,600 US troops in Iraq.",
            ("us-iraq", 2600, "exact", "count"),
        ),
    ],
)
def test_kind_rules(text: str, expected: tuple[object, ...]) -> None:
    """Pledges, commitments, requests, proposed and present changes, new troops: one kind each."""
    assert keys(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Officials would not say whether US troops in Iraq will number 3,000 by spring.",
        "The earlier official figure for US troops in Syria was 700.",
        "The old cap of 1,800 US troops in Iraq no longer applies.",
        "The previous official count — one that left out contractors — was 2,100 US troops.",
        "The additional 400 US troops in Syria are reservists.",
        "Troop numbers in Iraq are down from 2019.",
    ],
)
def test_asides_are_not_proposed(text: str) -> None:
    """Speculation, superseded statements, a year before a change and increments give nothing."""
    assert keys(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Troop levels in Syria have fallen since a drawdown from 1,500 US troops.",
            ("us-syria", 1500, "exact", "count"),
        ),
        (
            "The US troop presence in Iraq shrank after the White House ordered a cut from 4,000.",
            ("us-iraq", 4000, "exact", "count"),
        ),
        (
            "US forces in Syria grew last spring, up from about 700 troops.",
            ("us-syria", 700, "approx", "count"),
        ),
    ],
)
def test_from_n_alone_is_the_level_before(text: str, expected: tuple[object, ...]) -> None:
    """ "a reduction from N" with no "to M" gives N as the level before the change, a count
    (notes/reading-rules.md, rule 8), with its own hedge."""
    assert keys(text) == [expected]


def test_the_level_before_a_change_says_it_is_dated_earlier() -> None:
    """The record of a "from N" level says that its as_of (the publication date) is to be
    moved to when the change began; the other figure keeps the plain note."""
    text = "The US troop presence in Iraq has stood at 2,500 since a cut from 3,000."
    recs = figure_records(extract(text, hedges()), source_id="s", published="2021-07-26")
    assert [(r["value"], r["inferred"]["as_of"]) for r in recs] == [
        (2500, AS_OF_NOTE),
        (3000, EARLIER_NOTE),
    ]


def test_from_n_that_bounds_a_band_is_not_proposed_alone() -> None:
    """A level before a fall that closes a band ("down from 2,400 but more than 1,900") is
    part of the band, not a count of its own."""
    (c,) = extract("US troop numbers in Syria are down from 2,400 but more than 1,900.", hedges())
    assert (c.series, c.value, c.low, c.high, c.kind) == ("us-syria", None, 1900, 2400, "count")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Officials have been saying for months that about 600 US troops are in Syria. "
            "They now concede the real numbers are higher: about 1,400 US troops are there.",
            1400,
        ),
        (
            '"We had said there were 2,000 US troops in Iraq," the spokesman said. '
            '"In fact, there are 2,700."',
            2700,
        ),
        (
            "The 450 US troops the Pentagon previously reported in Syria was an outdated "
            "number; the revised count is 800 US troops.",
            800,
        ),
    ],
)
def test_a_corrected_statement_is_not_a_new_count(text: str, value: int) -> None:
    """A number someone has been saying or had said, corrected in its sentence or the next
    ("the numbers are higher", "in fact", "revised"), is not proposed: only the correction
    is (notes/reading-rules.md, rule 10)."""
    assert [k[1] for k in keys(text)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials have been saying that about 600 US troops are in Syria.", 600),
        ("The Pentagon had said 2,000 US troops were in Iraq. The cost was higher than planned.",
         2000),
        ("Officials have long said 900 US troops are in Syria. The talks went on. "
         "The numbers are higher now.", 900),
    ],
)  # fmt: skip
def test_a_statement_made_before_stands_without_a_correction(text: str, value: int) -> None:
    """A statement made before now stays a figure when neither its sentence nor the next
    corrects a troop number (a higher cost is no correction; two sentences on is too far)."""
    assert [k[1] for k in keys(text)] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Of the 2,500 US troops in Iraq, about 800 are in Erbil.", [2500]),
        ("About 500 of the 2,500 US troops in Iraq are special forces.", [2500]),
        ("Some 300 of the US troops in Syria are at al-Tanf.", []),
        ("The US will withdraw 1,000 of its 2,000 troops from Syria.", [1000, 2000]),
    ],
)
def test_a_component_is_not_a_total(text: str, expected: list[int]) -> None:
    """ "N of the troops" and the number after "Of the N troops," are parts of a force, not
    levels (notes/reading-rules.md, rule 11); a part that moves is a movement."""
    assert [k[1] for k in keys(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "More than 1 million US troops have served in Iraq since 2003.",
        "Over 200,000 US troops rotated through Syria and Iraq during the war.",
    ],
)
def test_troops_counted_over_a_span_are_no_level(text: str) -> None:
    """Troops that served or rotated through a country since or during a span are a total
    over time, not a level."""
    assert keys(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Pentagon sent 200 soldiers, bringing the total in Syria to about 1,100.", "count"),
        ("The Pentagon will send 200 soldiers, bringing the total in Syria to 1,100.", "target"),
        ("The Pentagon is bringing the total in Syria to 1,100 troops.", "target"),
        ("The Pentagon ordered 200 more soldiers, bringing the total in Syria to 1,100.",
         "target"),
    ],
)  # fmt: skip
def test_a_participle_of_change_takes_the_tense_of_its_sentence(text: str, kind: str) -> None:
    """ "sent 200, bringing the total to 1,100" is the level reached, a count; after "will
    send" or a decision ("ordered") it is planned, and "is bringing the total to N" plans it too."""
    assert keys(text)[-1][3] == kind


def test_a_whole_force_in_a_place_that_leaves_is_its_level() -> None:
    """ "the 2,500 troops in Iraq will leave" is the level of a whole force, a count (as
    "pulling all N troops out"); troops that "go home" move out."""
    assert keys("The 2,500 US troops in Iraq will leave by September.") == [
        ("us-iraq", 2500, "exact", "count")
    ]
    (c,) = extract("About 900 US troops will go home from Syria.", hedges())
    assert (c.kind, c.direction) == ("movement", "out")


def test_troops_reduced_to_a_level_are_no_move() -> None:
    """ "the 5,200 troops will be reduced to 3,000" is a change of level: the 5,200 before
    it (a count) and the 3,000 planned, not troops moved out."""
    assert [k[3] for k in keys("The 5,200 US troops in Iraq will be reduced to 3,000.")] == [
        "count",
        "target",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "About 200 US troops in Iraq could be cut, one official said.",
        "Some 300 US soldiers in Syria will be cut next year.",
        "Officials said 400 US troops in Iraq may soon be withdrawn.",
    ],
)
def test_troops_that_could_be_cut_are_moved_out(text: str) -> None:
    """Troops that "could be cut" or "may be withdrawn" (a modal, then the verb) are a
    movement out, not a count, also with their place between ("troops in Iraq")."""
    (c,) = extract(text, hedges())
    assert (c.kind, c.direction) == ("movement", "out")


@pytest.mark.parametrize(
    "text",
    [
        "About 900 US troops in Syria are deployed to fight the group.",
        "About 900 US troops are also deployed in Syria.",
    ],
)
def test_troops_in_a_place_that_are_deployed_are_present(text: str) -> None:
    """ "900 US troops in Syria are deployed to ...", "are also deployed in Syria": troops
    there, a count (a modal or "also" between makes no movement of a presence)."""
    assert keys(text) == [("us-syria", 900, "approx", "count")]


def test_from_to_keeps_both_levels() -> None:
    """ "from 5,000 to 3,500" is a change of level: the 5,000 is no aside."""
    assert keys("The US cut its troops in Iraq from 5,000 to 3,500 last year.") == [
        ("us-iraq", 5000, "exact", "count"),
        ("us-iraq", 3500, "exact", "count"),
    ]


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("US troops in Syria number more than 700 but fewer than 1,000.", ("us-syria", 700, 1000)),
        ("US troop numbers in Iraq are down from 3,200 but still over 2,000.",
         ("us-iraq", 2000, 3200)),
        ("US troop numbers in Iraq are down from 2000, but at least 1,500 remain.",
         ("us-iraq", 1500, 2000)),
    ],
)  # fmt: skip
def test_two_one_sided_bounds_make_one_band(text: str, band: tuple[str, int, int]) -> None:
    """A lower and an upper bound of one level in one sentence are one figure with low/high."""
    (c,) = extract(text, hedges())
    assert (c.series, c.low, c.high) == band
    assert (c.value, c.hedge, c.bound, c.kind) == (None, None, "approx", "count")


def test_leaving_names_the_level_that_stays() -> None:
    """In "withdraw 2,200, leaving 3,000" the 3,000 is the planned level that stays."""
    assert keys("The US will withdraw 2,200 troops from Iraq, leaving 3,000.") == [
        ("us-iraq", 2200, "exact", "movement"),
        ("us-iraq", 3000, "exact", "target"),
    ]


def test_a_repeat_without_its_hedge_keeps_the_hedge() -> None:
    """When one number is given twice, once hedged, the hedged reading is proposed."""
    text = "The US has about 2,500 troops in Iraq. The U.S. has 2,500 troops in Iraq and more."
    assert keys(text) == [("us-iraq", 2500, "approx", "count")]


def test_bounds_of_different_series_stay_apart() -> None:
    """More than 700 in Syria and fewer than 1,000 in Iraq are two figures, not a band."""
    assert keys("There are more than 700 US troops in Syria and fewer than 1,000 in Iraq.") == [
        ("us-syria", 700, "at_least", "count"),
        ("us-iraq", 1000, "at_most", "count"),
    ]


def test_apposition_takes_the_movement_of_the_headline() -> None:
    """A number set off after "the troops" is the movement the headline named, else a count."""
    text = "Officials said the troops – about 300 – would train local forces in Syria."
    assert keys(text, title="Pentagon to send more troops to Syria") == [
        ("us-syria", 300, "approx", "movement")
    ]
    assert keys(text, title="Pentagon keeps troops in Syria") == [
        ("us-syria", 300, "approx", "count")
    ]


def test_url_words_give_context() -> None:
    """The words of a url's path name the force and country a text leaves out."""
    url = "https://example.org/2024/05/06/nato-widens-iraq-mission-id123.html?x=1"
    assert url_words(url) == "nato widens iraq mission"
    text = "The mission will grow from 600 personnel to about 1,000."
    assert keys(text, url=url) == [
        ("nato-iraq", 600, "exact", "count"),
        ("nato-iraq", 1000, "approx", "target"),
    ]
    assert keys(text) == []


def test_headline_outweighs_url() -> None:
    """When headline and url disagree on the force, the headline's word counts."""
    text = "The mission will grow to about 1,000 personnel."
    url = "https://example.org/us-troops-iraq"
    assert keys(text, url=url, title="NATO widens its mission") == [
        ("nato-iraq", 1000, "approx", "target")
    ]


def test_every_series_extraction_gives_is_in_the_dataset() -> None:
    """Each series id extraction can give is a series of data/series.yaml, in its country."""
    from troops.extract.series import NATO, SERIES

    records = troops.load().series_records
    assert {sid: records[sid].country for sid in SERIES.values()} == {
        sid: country for (_, country), sid in SERIES.items()
    }
    assert records[SERIES[NATO, "Iraq"]].force == "NATO"
