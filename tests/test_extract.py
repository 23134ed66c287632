"""Extraction: the seed articles' figures exactly, no non-troop numbers, each rule once."""

from __future__ import annotations

from functools import cache

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import troops
from troops.core.model import Figure, Hedge
from troops.core.textmatch import missing_passages, normalise, numbers_in
from troops.dataset.api import Dataset
from troops.extract import Candidate, extract, split_sentences
from troops.extract.records import claimant, figure_records, slug, to_json, to_yaml


@cache
def bundled() -> Dataset:
    """The bundled dataset, loaded once."""
    return troops.load()


def hedges() -> list[Hedge]:
    """The bundled hedge table."""
    return bundled().hedge_records


def keys(text: str) -> list[tuple[object, ...]]:
    """(series, value, bound, kind) of every candidate of ``text``."""
    return [c.key for c in extract(text, hedges())]


def only(text: str) -> Candidate:
    """The one candidate of ``text``."""
    (found,) = extract(text, hedges())
    return found


SEED_SOURCES = sorted(
    s.id for s in troops.load().source_records.values() if s.archive.startswith("articles/")
)


@pytest.mark.parametrize("source_id", SEED_SOURCES)
def test_seed_article_gives_its_curated_figures(source_id: str) -> None:
    """Each seed article yields exactly its curated figures' (series, value, bound, kind)."""
    ds = bundled()
    src = ds.source_records[source_id]
    text = (ds.root / "seeds" / src.archive).read_text(encoding="utf-8")
    curated = [
        (f.series, f.value, f.bound, f.kind) for f in ds.figure_records if f.source == source_id
    ]
    found = [c.key for c in extract(text, ds.hedge_records)]
    assert sorted(found, key=repr) == sorted(curated, key=repr)


@pytest.mark.parametrize("source_id", SEED_SOURCES)
def test_seed_candidates_are_valid_records(source_id: str) -> None:
    """Candidate records of a seed article quote it verbatim and pass the Figure model."""
    ds = bundled()
    src = ds.source_records[source_id]
    text = (ds.root / "seeds" / src.archive).read_text(encoding="utf-8")
    records = figure_records(
        extract(text, ds.hedge_records), source_id=src.id, published=src.published
    )
    assert records
    for rec in records:
        assert missing_passages(rec["quote"], normalise(text)) == []
        assert rec["value"] is None or rec["value"] in numbers_in(rec["quote"])
        fig = Figure.model_validate({**rec, "source": src.id})
        assert fig.as_of == src.published


@pytest.mark.parametrize(
    "text",
    [
        "Since October the U.S. military has come under attack at least 100 times in Iraq.",
        "READ ALSO: Over 23,000 Palestinians Killed in Ongoing Israeli Bombardments in Gaza",
        "The US has maintained troops in Iraq for fifteen of the past eighteen years.",
        "For nearly ten years, US helicopters have flown unimpeded in the skies of Baghdad.",
        "All Global Research articles can be read in 51 languages.",
        "US troops returned to Iraq in 2014 and stayed until 2021.",
        "The withdrawal of US troops from Iraq will take place before December 31.",
        "A drone attack left one U.S. service personnel in critical condition in Iraq.",
        "Congress approved $500 million for US forces in Iraq.",
        "About 50 percent of US troops in Iraq are advisers.",
        "US troops in Iraq act under Resolution 2249.",
        "COVID-19 slowed the rotation of US troops in Iraq.",
        "A 25-year-old soldier from the US died in Iraq.",
        "Iran fired missiles at two US bases in Iraq.",
        "The United States has approximately 4,500 troops currently in Afghanistan.",
        "Some 20,000 Iraqi troops and 5,000 Kurdish forces took part in the battle.",
        "It is part of a more than 80-member coalition formed in 2014 in Iraq.",
        "US troops have been deployed for 30 to 90 days in Syria.",
        "The US-led coalition said 12 militants were killed in Syria.",
        "The U.S. strike came four years after another one in Baghdad.",
    ],
)
def test_non_troop_numbers_are_not_proposed(text: str) -> None:
    """Years, dates, durations, casualties, attacks, money, percentages and others give nothing."""
    assert keys(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US keeps nine hundred troops in Syria.", ("us-syria", 900, "exact", "count")),
        ("Around 2,500 US troops are fighting in Iraq.", ("us-iraq", 2500, "approx", "count")),
        ("The force management level in Iraq is 5,262.", ("us-iraq", 5262, "exact", "cap")),
        (
            "The US will withdraw about 600 troops from Syria.",
            ("us-syria", 600, "approx", "movement"),
        ),
        (
            "There will be less than a thousand U.S. forces in Syria by the end of the year.",
            ("us-syria", 1000, "at_most", "target"),
        ),
        ("NATO has about 500 personnel in Iraq.", ("nato-iraq", 500, "approx", "count")),
        (
            "The US-led coalition has 3,000 troops in Iraq.",
            ("coalition-iraq-total", 3000, "exact", "count"),
        ),
        (
            "The Pentagon said it was not planning to withdraw its 2,500 troops from Iraq.",
            ("us-iraq", 2500, "exact", "count"),
        ),
        (
            "The U.S. is keeping 200 American troops in Syria.",
            ("us-syria", 200, "exact", "target"),
        ),
        (
            "US allies have pledged to send 1,500 troops to Iraq.",
            ("coalition-iraq", 1500, "exact", "movement"),
        ),
        (
            "There will be less than 2000 troops in Iraq total.",
            ("us-iraq", 2000, "at_most", "target"),
        ),
        (
            "The increase will bring the number of authorized U.S. personnel in Iraq to 4,647.",
            ("us-iraq", 4647, "exact", "cap"),
        ),
    ],
)
def test_one_rule_each(text: str, expected: tuple[object, ...]) -> None:
    """Each documented rule reads its example sentence as (series, value, bound, kind)."""
    assert keys(text) == [expected]


def test_from_to_gives_the_level_before_and_the_planned_level() -> None:
    """In "will drop from about 5,200 to 3,000" the first is a count and the second a target."""
    text = "The number of American troops in Iraq will drop this month from about 5,200 to 3,000."
    assert keys(text) == [
        ("us-iraq", 5200, "approx", "count"),
        ("us-iraq", 3000, "exact", "target"),
    ]


def test_movement_direction_and_stacked_hedges() -> None:
    """ "up to approximately 200 additional" is an inward movement read by its longest hedge."""
    c = only("I have ordered up to approximately 200 additional U.S. personnel to Iraq.")
    key = ("us-iraq", 200, "at_most", "movement")
    assert (c.key, c.hedge, c.direction) == (key, "up to approximately", "in")


def test_movement_from_one_country_to_another_is_two_figures() -> None:
    """Troops leaving Syria for Iraq are a movement out of Syria and one into Iraq."""
    found = extract(
        "All of the nearly 1,000 troops withdrawing from northern Syria are expected to move "
        "to western Iraq.",
        hedges(),
    )
    assert [(c.series, c.value, c.kind, c.direction) for c in found] == [
        ("us-syria", 1000, "movement", "out"),
        ("us-iraq", 1000, "movement", "in"),
    ]


def test_between_gives_a_range_without_value() -> None:
    """ "between 800 and 900" is one figure with low 800, high 900 and no single value."""
    c = only("The actual number of American troops in Syria is between 800 and 900, he said.")
    assert (c.value, c.low, c.high, c.bound, c.hedge) == (None, 800, 900, "approx", "between")


def test_ellipsis_keeps_noun_kind_and_coordinated_hedge() -> None:
    """ "roughly 2,400 troops in Iraq and 850 in Syria": the 850 are US troops present, and
    the hedge before the first coordinated number governs it too (reading rule 1)."""
    assert keys("The US keeps roughly 2,400 troops in Iraq and 850 in Syria.") == [
        ("us-iraq", 2400, "approx", "count"),
        ("us-syria", 850, "approx", "count"),
    ]


def test_a_number_with_its_own_determiner_keeps_its_own_bound() -> None:
    """ "about 2,500 troops in Iraq, along with another 900 in Syria": the 900 opens a noun
    phrase of its own, so the hedge of the 2,500 does not reach it (reading rule 1)."""
    text = "The US has about 2,500 troops in Iraq, along with another 900 in Syria."
    assert keys(text) == [
        ("us-iraq", 2500, "approx", "count"),
        ("us-syria", 900, "exact", "count"),
    ]


def test_a_coordinated_number_with_a_hedge_of_its_own_keeps_it() -> None:
    """ "about 5,200 troops in Iraq and more than 2,000 in Syria": the second number's own
    hedge decides its bound, not the first one's."""
    text = "The US has about 5,200 troops in Iraq and more than 2,000 in Syria."
    assert keys(text) == [
        ("us-iraq", 5200, "approx", "count"),
        ("us-syria", 2000, "at_least", "count"),
    ]


def test_an_unhedged_first_number_lends_no_hedge() -> None:
    """ "5,262 in Iraq and 503 in Syria" with no hedge: both numbers are exact."""
    assert keys("The US has 5,262 troops in Iraq and 503 in Syria.") == [
        ("us-iraq", 5262, "exact", "count"),
        ("us-syria", 503, "exact", "count"),
    ]


def test_other_international_forces_are_the_coalition() -> None:
    """US troops and "other international forces" in one sentence go to their own series."""
    text = "A total of 2,500 US troops and around 1,000 from other international forces remain."
    found = extract(text, hedges(), title="Troops stay in Iraq")
    assert [c.key for c in found] == [
        ("us-iraq", 2500, "exact", "count"),
        ("coalition-iraq", 1000, "approx", "count"),
    ]


def test_unknown_number_of_them_follows_the_previous_figure() -> None:
    """ "An unknown number of them" is a figure without value of the troops just counted."""
    text = "Around 2,500 US troops are in Iraq. An unknown number of them will stay next year."
    found = extract(text, hedges())
    assert found[1].key == ("us-iraq", None, "unknown", "target")
    assert found[1].quote == "An unknown number of them will stay next year."


def test_country_and_force_come_from_earlier_sentences() -> None:
    """A number whose sentence names no country or force takes those of the sentences before."""
    text = "NATO's mission in Iraq started in 2018. It consists of about 500 instructors."
    assert keys(text) == [("nato-iraq", 500, "approx", "count")]


def test_series_filter_and_repeated_figure() -> None:
    """Only the series asked for are kept, and a figure read twice is proposed once."""
    text = "About 900 US troops are in Syria. Washington keeps about 900 US troops in Syria now."
    assert [c.quote for c in extract(text, hedges())] == [
        "Washington keeps about 900 US troops in Syria now."
    ]
    assert extract(text, hedges(), series=["us-iraq"]) == []


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Lt. Gen. James L. Terry said 3,100 U.S. troops. They stay.",
         ["Lt. Gen. James L. Terry said 3,100 U.S. troops.", "They stay."]),
        ("A headline\nThe body starts here. Next one.",
         ["A headline", "The body starts here.", "Next one."]),
        ("presence of foreign troops following the\n\nassassination of a general.",
         ["presence of foreign troops following the\n\nassassination of a general."]),
        ("First passage. [...] Second passage.", ["First passage.", "Second passage."]),
        ('"We said so," he told us. "[Then,] it changed."',
         ['"We said so," he told us.', '"[Then,] it changed."']),
        ("- a bullet line\n“Quoted,” he said. (CNN) — Text.",
         ["a bullet line", "“Quoted,” he said.", "(CNN) — Text."]),
    ],
)  # fmt: skip
def test_sentence_splitting(text: str, sentences: list[str]) -> None:
    """Sentences end at full stops (not abbreviations), line breaks and [...]."""
    assert [s.text for s in split_sentences(text)] == sentences


def test_records_have_figure_fields_and_unique_ids() -> None:
    """Records use Figure field names, ids <source>.<series> then -<kind>-<value>, in order."""
    text = "Troop numbers in Iraq fell from a high of 5,300 to 2,500 US personnel."
    records = figure_records(
        extract(text, hedges()), source_id="src-2021", published="2021-12", review="check"
    )
    assert [(r["id"], r["value"]) for r in records] == [
        ("src-2021.us-iraq", 5300),
        ("src-2021.us-iraq-count-2500", 2500),
    ]
    assert list(records[0]) == [
        "id", "series", "kind", "as_of", "value", "bound", "claimant", "quote", "inferred",
        "review",
    ]  # fmt: skip
    assert set(records[0]) <= set(Figure.model_fields)


@pytest.mark.parametrize(
    ("quote", "who"),
    [
        ("About 500 troops remain, officials said on Friday.", "Officials"),
        ("The Pentagon on Monday categorically said it had 2,500 troops.", "The Pentagon"),
        ("There are 900 troops, according to two U.S. officials.", "Two U.S. officials"),
        ("He also said 300 troops would go.", "article text (unattributed)"),
        ("About 900 troops are in Syria.", "article text (unattributed)"),
    ],
)
def test_claimant(quote: str, who: str) -> None:
    """The claimant is the speaker the sentence names, else the unattributed article text."""
    assert claimant(quote) == who


def test_slug_makes_valid_ids() -> None:
    """File names become ids of lower-case letters, digits, dots, dashes and underscores."""
    assert slug("2021-11-21 Iraq Denies (Extending)") == "2021-11-21-iraq-denies-extending"
    assert slug("---") == "source"


def test_yaml_and_json_carry_the_same_records() -> None:
    """The YAML and JSON renderings load back to the same records."""
    records = figure_records(
        extract("About 900 US troops are in Syria.", hedges()), source_id="s", published="2024"
    )
    assert yaml.safe_load(to_yaml(records)) == records
    assert yaml.safe_load(to_json(records)) == records


@given(st.text(max_size=200))
def test_yaml_round_trips_any_text(text: str) -> None:
    """Any text in a record survives the YAML rendering unchanged."""
    assert yaml.safe_load(to_yaml([{"quote": text, "claimant": text}])) == [
        {"quote": text, "claimant": text}
    ]


def test_run_on_text_is_cut_into_verbatim_pieces() -> None:
    """A sentence longer than 1,000 characters is cut at commas into verbatim pieces."""
    text = "About 900 US troops stay in Syria, " * 100
    pieces = split_sentences(text)
    assert [len(p.text) for p in pieces] == [979, 979, 979, 559]  # 28 clauses of 35 characters
    assert all(text[p.start : p.end] == p.text for p in pieces)
    assert keys(text) == [("us-syria", 900, "approx", "count")]
