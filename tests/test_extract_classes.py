"""The classes of issue 13, one rule each: kind, bound, troop nouns and series.

Every sentence here is written for the test (none is copied from a report, and none is
data).  Each test pins one class with several variants, so that a rule, not a sentence,
is what passes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

import troops
from troops.core.model import Hedge
from troops.extract import extract


@cache
def hedges() -> list[Hedge]:
    """The bundled hedge table, loaded once."""
    return troops.load().hedge_records


def keys(text: str) -> list[tuple[object, ...]]:
    """(series, value, bound, kind) of every candidate of ``text``."""
    return [c.key for c in extract(text, hedges())]


def one(text: str) -> tuple[object, ...]:
    """The single candidate of ``text``."""
    found = keys(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- kind


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon will cut the number of US troops in Iraq to 2,500.",
        "Washington plans to reduce its forces in Iraq to 3,000 troops.",
        "The US said it would draw down to 2,500 troops in Iraq by January.",
        "The plan is bringing US forces in Syria down to 400 troops.",
    ],
)
def test_change_to_n_is_a_target(text: str) -> None:
    """A change "to N" (cut, reduce, draw down or bring the troops to N) gives the level planned."""
    assert one(text)[3] == "target"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The US will reduce its troops in Iraq by 2,200.", 2200),
        ("The Pentagon cut US forces in Syria by 500 troops.", 500),
        ("Officials said the US would increase its force in Iraq by about 600 soldiers.", 600),
        ("The drawdown shrank the US presence in Syria by roughly 1,000 troops.", 1000),
    ],
)
def test_change_by_n_is_a_movement(text: str, value: int) -> None:
    """A change "by N" is the size of the change: a movement."""
    series, found, _, kind = one(text)
    assert (series[:3], found, kind) == ("us-", value, "movement")


@pytest.mark.parametrize(
    "text",
    [
        "The US will reduce its troops in Iraq from 5,200 to 3,000.",
        "US forces in Syria fell from about 2,000 to 900 troops.",
    ],
)
def test_from_n_is_the_level_before(text: str) -> None:
    """In "from N to M" the N is the level before the change, a count."""
    first, second = keys(text)
    assert (first[3], second[3]) in (("count", "target"), ("count", "count"))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Pentagon is sending 500 more troops to Syria.", "movement"),
        ("The US will deploy an additional 450 soldiers to Iraq.", "movement"),
        ("Another 200 additional US troops arrived in Iraq.", "movement"),
        ("The new troops will join the 2,500 US troops already there in Iraq.", "count"),
        ("They will join the 900 American troops already in Syria.", "count"),
    ],
)
def test_more_is_a_movement_already_there_a_count(text: str, kind: str) -> None:
    """ "N more" / "an additional N" are troops moved; "the N already there" is a count."""
    assert one(text)[3] == kind


@pytest.mark.parametrize(
    "text",
    [
        "The order gives an authorization to go up to 3,500 US troops in Iraq.",
        "Congress set a cap of 2,500 US troops in Iraq.",
        "The force management level for Syria is 503 US troops.",
    ],
)
def test_authorised_level_is_a_cap(text: str) -> None:
    """An authorisation to go up to N, a cap, a force management level: a cap."""
    assert one(text)[3] == "cap"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The US is withdrawing 1,000 troops from Syria.", "movement"),
        ("Trump ordered pulling all 2,000 US troops out of Syria.", "count"),
        (
            "The Pentagon has no plans to draw down the force of about 900 troops in Syria.",
            "count",
        ),
        ("Officials discussed withdrawing its 2,500 troops from Iraq.", "count"),
    ],
)
def test_withdrawing_n_against_pulling_out_the_whole_force(text: str, kind: str) -> None:
    """Withdrawing N of a force is a movement; the level of the whole force being withdrawn
    ("all 2,000", "its 2,500", "the force of 900") is a count."""
    assert one(text)[3] == kind


@pytest.mark.parametrize(
    "text",
    [
        "There are 2,500 US troops deployed in Iraq.",
        "About 900 US soldiers are deployed in Syria.",
        "Roughly 2,000 American troops remain stationed in Iraq.",
        "The United States has deployed 3,100 US military personnel to advise Iraqi forces.",
    ],
)
def test_deployed_in_a_country_is_presence(text: str) -> None:
    """Troops "deployed in" / "stationed in" a country, or that it "has deployed", are present."""
    assert one(text)[3] == "count"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Officials compared it with the 2,500-member US contingent in Iraq.", "cap"),
        ("The 900-strong American force in Syria guards the oil fields.", "cap"),
        ("Its 1,200-strong US task force in Iraq trains local units.", "cap"),
        ("The US has a 2,500-strong force in Iraq.", "count"),
        ("A 200-strong US team was sent to Iraq last week.", "movement"),
    ],
)
def test_strength_of_a_definite_force_is_its_set_size(text: str, kind: str) -> None:
    """ "the N-member contingent", "its N-strong force": a strength written into the name of
    a definite force is the size it is set at, a cap; an indefinite one ("a 2,500-strong
    force") goes by the other rules."""
    assert one(text)[3] == kind


@pytest.mark.parametrize(
    ("text", "kind", "direction"),
    [
        ("A further 400 US troops are heading to Iraq.", "movement", "in"),
        ("Some 300 US troops are due to arrive in Iraq next month.", "movement", "in"),
        ("The US will cut 500 troops from its force in Syria.", "movement", "out"),
        ("The Pentagon said 3,000 US troops had left Iraq since the summer.", "movement", "out"),
        ("The drawdown left 2,500 US troops in Iraq.", "count", None),
        ("Officials expect about 2,000 US troops to remain in Iraq.", "target", None),
        ("The US intends to keep roughly 2,500 troops in Iraq.", "target", None),
    ],
)
def test_moves_and_plans_in_other_words(text: str, kind: str, direction: str | None) -> None:
    """ "a further N", "heading to", "due to arrive", "cut N troops", "had left" are moves;
    "left N troops in" the level that stays; "expect"/"intends to keep" a planned level."""
    (c,) = extract(text, hedges())
    assert (c.kind, c.direction) == (kind, direction)


# ---------------------------------------------------------------- bound


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("The US has around 2,500 troops in Iraq and 900 in Syria.", "approx"),
        ("The US keeps about 5,000 troops in Iraq and 2,000 in Syria.", "approx"),
        ("The US has more than 2,500 troops in Iraq and 900 in Syria.", "at_least"),
    ],
)
def test_hedge_before_coordinated_numbers_governs_each(text: str, bound: str) -> None:
    """A hedge before the first of coordinated numbers governs the bare number joined to it
    by "and" too (notes/reading-rules.md, rule 1)."""
    first, second = keys(text)
    assert (first[2], second[2]) == (bound, bound)


def test_hedge_of_the_second_number_leaves_the_first_exact() -> None:
    """A hedge of the second of coordinated numbers leaves the first exact."""
    first, second = keys("The US has 2,500 troops in Iraq and about 900 in Syria.")
    assert (first[2], second[2]) == ("exact", "approx")


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("As per unofficial estimates, a total of 2,500 US troops remain in Iraq.", "estimates"),
        ("Unofficial estimates put the number of US troops in Iraq at 2,500.", "estimates"),
        ("The average number of US troops in Iraq amounts to 5,200.", "average"),
    ],
)
def test_clause_wide_hedge_makes_the_number_approximate(text: str, hedge: str) -> None:
    """A clause-wide hedge of the table ("estimates", "average") binds a number after it in
    its clause or after an aside without a number of its own (reading rules 3 and 4)."""
    (only,) = extract(text, hedges())
    assert (only.hedge, only.bound) == (hedge, "approx")


def test_clause_wide_hedge_does_not_cross_a_number_or_override_its_own() -> None:
    """A clause-wide hedge stays with its own number: one after an earlier number's clause,
    or with a hedge of its own, keeps that reading."""
    found = extract(
        "Estimates gave 3,000 US troops in Iraq, and 900 US troops remain in Syria"
        " with around 1,000 from other forces.",
        hedges(),
    )
    by_value = {c.value: c.bound for c in found}
    assert by_value[3000] == "approx"
    assert by_value[900] == "exact"


@pytest.mark.parametrize(
    "text",
    [
        "The deployment will bring the number of US troops in Iraq up to 3,550.",
        "The new orders bring US forces in Syria up to 2,000 troops.",
    ],
)
def test_bring_up_to_is_no_ceiling(text: str) -> None:
    """ "bring the troops up to N" is the level reached, not an upper bound."""
    assert one(text)[2] == "exact"


@pytest.mark.parametrize(
    ("text", "band", "hedge"),
    [
        ("The US has some 2,000 to 2,500 troops in Iraq.", (2000, 2500), "some"),
        ("Some 200 or 300 US troops are in Syria.", (200, 300), "some"),
        ("Nearly 2,000 to 2,500 US troops are in Iraq.", (2000, 2500), None),
    ],
)
def test_two_numbers_joined_by_to_are_one_band(
    text: str, band: tuple[int, int], hedge: str | None
) -> None:
    """ "some 2,000 to 2,500 troops" (no "from", no verb of change) is one figure between the
    two numbers, with no value (notes/reading-rules.md, rule 6); a one-sided hedge is
    dropped, an approximate one kept."""
    (c,) = extract(text, hedges())
    assert (c.value, c.low, c.high, c.bound, c.hedge) == (None, *band, "approx", hedge)


def test_to_after_from_or_a_change_stays_two_levels() -> None:
    """ "went from 3,000 to 2,500" and "sent 300 to Iraq and 900 to Syria" are two levels or
    moves, not bands."""
    assert [k[1] for k in keys("US troops in Iraq went from 3,000 to 2,500.")] == [3000, 2500]
    assert [k[1] for k in keys("The US sent 300 troops to Iraq and 900 to Syria.")] == [300, 900]


def test_up_to_alone_is_a_ceiling() -> None:
    """Without a verb of reaching, "up to N" is an upper bound."""
    assert one("The US may send up to 1,500 troops to Iraq.")[2] == "at_most"


# ---------------------------------------------------------------- troop nouns


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Some 2,000 American soldiers are in Syria.", 2000),
        ("Roughly 2,500 US service members are stationed in Iraq.", 2500),
        ("The US has 2,500 military personnel in Iraq.", 2500),
        ("The US mission in Iraq has about 2,500 people.", 2500),
        ("Washington sent 300 military advisers to Iraq.", 300),
        ("About 300 US military advisors are in Iraq.", 300),
        ("The US has 1,500 trainers in Iraq.", 1500),
        ("The US keeps 900 forces in Syria.", 900),
        ("The 4,000-strong NATO mission in Iraq is growing.", 4000),
        ("A thousand US troops are in Syria.", 1000),
        ("Nine hundred US troops remain in Syria.", 900),
        ("About 900 US military members are in Syria.", 900),
        ("About 2,500 members of the US military are in Iraq.", 2500),
        ("The US has about 2,500 boots on the ground in Iraq.", 2500),
        ("About 200 US special operators are in Syria.", 200),
        ("The US presence in Syria stands at about 900.", 900),
        ("America's 900-troop deployment in Syria continues.", 900),
    ],
)
def test_troop_nouns(text: str, value: int) -> None:
    """Soldiers, service members, personnel, people of a mission, advisers/advisors,
    trainers, forces, an N-strong mission and numbers in words are troop numbers."""
    assert one(text)[1] == value


@pytest.mark.parametrize(
    "text",
    [
        "Canada's 200-strong contingent is in Iraq.",
        "Italy's 300 soldiers in Iraq train local forces.",
        "Britain's 400-member force in Iraq stays.",
    ],
)
def test_a_coalition_country_owns_its_contingent(text: str) -> None:
    """A coalition member's own troops ("Canada's 200-strong contingent") are coalition troops."""
    assert one(text)[0] == "coalition-iraq"


@pytest.mark.parametrize(
    "text",
    [
        "About 1,000 people protested in Baghdad on Friday.",
        "The military said 1,000 people fled Mosul in Iraq.",
        "The US mission trained 200,000 people in Iraq.",
        "An 80-member coalition fights the group in Iraq and Syria.",
        "The 3-strong panel of judges in Baghdad met again.",
    ],
)
def test_people_and_units_only_with_troops(text: str) -> None:
    """ "people" with no mission or military named, and N-member groups that are no unit,
    are not troops."""
    assert keys(text) == []


# ---------------------------------------------------------------- series


@pytest.mark.parametrize(
    ("text", "series"),
    [
        (
            "The US keeps a presence in Iraq. There are about 2,500 US troops in the country.",
            "us-iraq",
        ),
        ("Syria remains unstable. The US has about 900 troops there.", "us-syria"),
        (
            "Officials in Baghdad spoke on Monday. Washington keeps 2,500 soldiers in the country.",
            "us-iraq",
        ),
    ],
)
def test_the_country_named_before(text: str, series: str) -> None:
    """ "in the country" / "there" refer back to the country an earlier sentence named."""
    assert one(text)[0] == series


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials in Baghdad met on Monday. Later the US said it has 2,500 troops there, "
            "and 900 in Syria.",
            [("us-iraq", 2500), ("us-syria", 900)],
        ),
        (
            "The US has 2,500 troops in Iraq. Syria is another matter: there are 900 US troops "
            "in the country.",
            [("us-iraq", 2500), ("us-syria", 900)],
        ),
        ("The general left Baghdad for Kabul. About 8,000 US troops are in the country.", []),
        ("The drawdown in Afghanistan to 8,600 troops was slower than in Iraq.", []),
        ("The US keeps 2,000 troops in Syria, more than in Iraq.", [("us-syria", 2000)]),
    ],
)
def test_back_reference_takes_the_country_named_last(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    """ "there" / "in the country" after a number is the country named last before it (not
    one named later in the sentence, nor one named only as a term of comparison, "than in
    Iraq"); Afghan cities name Afghanistan."""
    assert [k[:2] for k in keys(text)] == expected


@pytest.mark.parametrize(
    ("text", "series"),
    [
        ("The United States and its allies have about 5,000 troops in Iraq.",
         ["coalition-iraq-total"]),
        ("American and coalition troops in Iraq number about 5,000.", ["coalition-iraq-total"]),
        ("About 2,500 US and 1,000 coalition troops are in Iraq.",
         ["us-iraq", "coalition-iraq"]),
    ],
)  # fmt: skip
def test_us_and_its_allies_are_the_whole_coalition(text: str, series: list[str]) -> None:
    """US forces joined by "and" to coalition forces ("the United States and its allies")
    are the whole coalition; two numbers keep a force each."""
    assert [k[0] for k in keys(text)] == series


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraq and Syria each host about 900 US troops.", [("us-iraq", 900), ("us-syria", 900)]),
        ("Both Iraq and Syria have 2,000 US troops.", [("us-iraq", 2000), ("us-syria", 2000)]),
        ("The US and Britain each keep 1,000 troops in Iraq.", [("us-iraq", 1000)]),
        ("Britain and France each have 500 soldiers in Iraq.", []),
        ("Two US bases in Syria each hold 300 troops.", []),
        ("Each of the two bases in Syria hosts 200 US troops.", []),
        ("The US rotated three brigades through Iraq with 4,000 troops each.", []),
        ("Each of the 2,500 US troops in Iraq costs $1 million a year.", [("us-iraq", 2500)]),
    ],
)
def test_each_over_places_owners_and_items(text: str, expected: list[tuple[object, ...]]) -> None:
    """ "X and Y each <verb> N": one figure per tracked country; per owner (coalition
    members) or per item (bases, brigades) no figure; "each of the N troops" is the set."""
    assert [k[:2] for k in keys(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish forces sent 2,000 troops into Syria.", []),
        ("The Iraqi army deployed 5,000 soldiers to Anbar.", []),
        ("Washington keeps 2,500 soldiers in Iraq to train Iraqi forces.", [("us-iraq", 2500)]),
        ("Alongside Kurdish forces, some 900 US troops operate in Syria.", [("us-syria", 900)]),
    ],
)
def test_a_foreign_army_as_subject_owns_the_troops(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    """A foreign army that is the subject ("Turkish forces sent 2,000 troops") owns the
    troops of its clause; named after the number or elsewhere it takes nothing away."""
    assert [k[:2] for k in keys(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon keeps some 2,500 troops in Iraq. Another 900 are in Syria.",
        "The United States has about 2,500 troops in Iraq. It also has 900 in Syria.",
    ],
)
def test_a_bare_number_placed_after_a_troop_figure(text: str) -> None:
    """A bare number placed "in Syria" right after a sentence with a troop figure counts the
    same troops in another place."""
    assert [k[:2] for k in keys(text)] == [("us-iraq", 2500), ("us-syria", 900)]


@pytest.mark.parametrize(
    "text",
    [
        "The US has 2,500 troops each in Iraq and Syria.",
        "Washington keeps about 900 soldiers apiece in Syria and Iraq.",
    ],
)
def test_n_each_over_two_countries(text: str) -> None:
    """ "N each in Iraq and Syria" is one figure for each country."""
    assert sorted(k[0] for k in keys(text)) == ["us-iraq", "us-syria"]


@pytest.mark.parametrize(
    "text",
    [
        "The United States kept about 8,600 troops in Afghanistan.",
        "A drone attack in Iraq wounded 34 US service members.",
        "US forces carried out 120 strikes in Syria.",
        "The Pentagon spent $14 billion on troops in Iraq.",
        "US troops in Syria use about 10 bases.",
        "US troops in Iraq operate from 3 bases, down from 12.",
        "The attack left 18 American troops with concussions in Syria.",
        "The army awarded Purple Hearts to 50 soldiers who served in Syria.",
    ],
)
def test_never_other_countries_casualties_strikes_money(text: str) -> None:
    """Afghanistan, casualty (and award), strike, money and base counts are never proposed,
    nor a bare number standing for the bases counted before it ("down from 12")."""
    assert keys(text) == []


NEGATIVES = Path(__file__).parent / "fixtures" / "extract" / "negatives.yaml"


def _negatives() -> list[str]:
    """The synthetic negative passages (tests/fixtures/extract/negatives.yaml)."""
    items = yaml.safe_load(NEGATIVES.read_text(encoding="utf-8"))["passages"]
    return [i["text"] for i in items]


@pytest.mark.parametrize("text", _negatives())
def test_no_candidate_in_a_negative_passage(text: str) -> None:
    """No synthetic negative passage (Afghanistan, casualties, strikes, budgets, bases,
    other countries' forces) gives a candidate."""
    assert keys(text) == []
