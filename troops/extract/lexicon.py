"""The word lists extraction reads with, in one place (all lower case).

Each list is a rule a reader can check: a word is in it or it is not.  Multi-word entries
are tuples of words.  The hedge phrases are not here: they come from ``data/hedges.yaml``.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (how every list here is written)."""
    return frozenset(text.split())


# ---------------------------------------------------------------- nouns

#: Nouns that name troops.  A number counts only when one of these is attached to it or
#: governs it (see troops.extract.numbers).
TROOP_NOUNS = words(
    """troops troop forces force personnel soldiers soldier servicemembers servicemen
    advisers advisors adviser advisor trainers instructors marines commandos paratroopers
    contingent militaries"""
)
#: "members" and "people" count as troop nouns only in a sentence that names troops, a
#: mission or the military (lexicon.MILITARY).
WEAK_TROOP_NOUNS = words("members people")
#: Words right before "N people" that make them a mission's own ("has 2,500 people").
HAVING = words("has have had includes include including numbers totals comprises of with")
#: Words that make "people" a troop noun ("the US mission in Iraq has 2,500 people").
MILITARY = words("mission military deployment garrison")
#: Nouns of a unit that count as troops after "N-strong" / "N-member" ("a 4,000-strong
#: NATO mission"), and only there.
UNIT_NOUNS = words(
    "mission force unit units team teams brigade battalion task deployment garrison presence"
)
#: Nouns of a force's size that name troops after a force word ("the US presence in Syria
#: stands at about 900", "the American military footprint").
PRESENCE_NOUNS = words("presence footprint")
#: Force words that make a presence noun name troops.
PRESENCE_OWNERS = words("us u.s u.s. american america's coalition nato military troop")
#: A troop noun right after one of these is a name or a different thing ("Air Force").
NOT_TROOPS_AFTER = words("air task space quds")
#: Two-word troop nouns ("service members").
TROOP_COMPOUNDS = frozenset(
    {("service", "members"), ("service", "personnel"), ("boots", "on"), ("special", "operators")}
)  # boots on the ground

#: Words that may stand between a number and its troop noun ("450 additional U.S. troops").
MODIFIERS = words(
    """additional more extra new fresh further other us u.s u.s. usa american america coalition
    allied international foreign nato military armed special operations operation combat
    non-combat noncombat ground support elite army marine navy naval air active duty
    active-duty rotational temporary permanent regular reserve national guard
    uniformed service u.k uk british french german italian canadian australian spanish
    dutch danish norwegian western the its their from of"""
)
#: Modifiers that make the troops someone else's ("Iraqi forces", "Kurdish troops").
FOREIGN = words(
    """iraqi iraq's syrian syria's kurdish kurd kurds peshmerga russian iranian turkish
    afghan israeli lebanese jordanian arab local security democratic militia militias
    mobilisation mobilization popular rebel rebels government regime proxy proxies sdf
    isf pmf hashd enemy opposition"""
)
#: Nationality words of forces troops does not track: before an army noun they name the
#: subject's own troops ("The Iraqi army deployed 5,000 soldiers").
FOREIGN_NATIONS = words(
    """iraqi syrian kurdish russian iranian turkish afghan israeli lebanese jordanian
    saudi egyptian emirati qatari chinese"""
)
#: Nouns of an army after a nationality word ("Turkish forces", "the Iraqi military").
ARMY_NOUNS = words("army armies forces force troops military soldiers militia militias navy")
#: Compound parts after "N-" that keep the troop noun to come ("3,100-member contingent").
COMPOUND_PARTS = words("member strong man person troop soldier")

#: Nouns that make a bare number a level of the troops the sentence names.
LEVEL_NOUNS = words(
    """number numbers total tally level levels figure cap ceiling limit presence footprint
    strength size count"""
)

# ---------------------------------------------------------------- word classes

#: Words after a number that show it has no noun of its own (a "bare" number).
FUNCTION_WORDS = words(
    """in to at on for from by with into onto across inside within out under near over
    since until till after before during through throughout toward towards against via
    among amid amidst despite following including excluding according along beyond
    about around between per like unlike outside upon behind
    there here and or but nor while whereas as than because when where if though
    although not no are is was were be been being will would could should may might can
    shall has have had remain remains remained stay stays stayed who which that whom
    whose previously already currently now still also then today this last next so sure
    total overall altogether all them those these it they he she we each apiece"""
)
#: Determiners that mark a number as naming an existing force ("its 2,500 troops").
DEFINITE = words("the its their his her our these those all any each every")
#: Words right after the troop noun that mark an existing force ("already stationed").
EXISTING = words("already currently presently still now")
#: Words around a number that make it part of a date.
MONTHS = words(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
#: Words before a 4-digit number that make it a year even next to a troop noun.
YEAR_WORDS = words("in since by until till before after during early mid late year of")
#: Words that mark a level noun as a superseded statement ("the former official number").
FORMER = words("former previous previously earlier old")
#: Words of a fall before "from N": N is above the present level ("down from 2,000").
FALL_WORDS = words(
    """down reduction reductions cut cuts drop drops dropped fell fall falls decline
    declined drawdown decrease decreased lowered reduced"""
)
#: Words of a rise before "from N": N is below the present level ("up from 500").
RISE_WORDS = words(
    """up increase increases increased rise rose rises grew growth boost boosted raised
    surge"""
)
#: Falls and rises: "down from 2000" is a level, not a year.
CHANGE_FROM = FALL_WORDS | RISE_WORDS
#: Words of a vote: a bare number in their clause is a tally ("voted 170 to 0").
VOTES = words("voted vote votes ballot ballots")
#: Words that make a number part of a casualty report (or of awards for wounds: "Purple
#: Hearts", "medals"), not a troop level.
CASUALTY = words(
    """killed wounded injured injuring injuries dead died deaths death casualties killing
    hurt hospitalized hospitalised critical condition concussion concussions traumatic
    trauma fatalities lives medevaced medals medal purple decorated"""
)

# ---------------------------------------------------------------- series

#: Words that name US forces.
US_WORDS = words("us u.s u.s. usa american americans america pentagon")
#: Two-word phrases that name US forces.
US_PHRASES = frozenset(
    {("united", "states"), ("white", "house"), ("defense", "department"), ("u.s", "military")}
)
#: Words that name non-US coalition forces.
COALITION_WORDS = words(
    """coalition allies allied partners partner nations countries international other
    non-us multinational british french german italian canadian australian spanish dutch
    danish norwegian"""
)
#: The force of troops when no sentence of the text names one: troops troops tracks are
#: US troops unless a word says otherwise (other countries' troops are ruled out by
#: FOREIGN and COALITION_WORDS).
DEFAULT_FORCE = "US"
#: Countries whose own troops are not tracked ("Russia has about 4,000 troops in Syria").
OTHER_COUNTRIES = words(
    """iraq syria russia iran turkey israel jordan lebanon afghanistan saudi egypt kuwait
    qatar china"""
)
#: Coalition members: their own troops are coalition troops ("France has 600 soldiers").
COALITION_COUNTRIES = words(
    """france britain uk germany italy canada australia spain netherlands denmark norway
    belgium poland sweden finland portugal romania hungary"""
)
#: Verbs after a country name that make the country the owner of the troops.
OWNER_VERBS = words(
    """has have had keeps kept keep maintains maintained maintain sent sends send deployed
    deploys deploy stations stationed contributes contributed contribute pledged committed
    dispatched withdrew withdraws withdraw"""
)
#: Words before a country name that make it a place, not an owner ("in Iraq").
PREPOSITIONS = words("in to into from of at across inside within near on for by with")
#: The force of troops of a country troops does not track (they belong to no series).
OTHER_FORCE = "other"
#: Words that name NATO forces.
NATO_WORDS = words("nato")
#: "<X>-led" makes the whole coalition, US included ("the US-led coalition").
LED = "led"

#: Country names and places; strong words name the country, weak ones only hint at it.
COUNTRY_WORDS = {
    "iraq": "Iraq",
    "iraq's": "Iraq",
    "baghdad": "Iraq",
    "baghdad's": "Iraq",
    "anbar": "Iraq",
    "erbil": "Iraq",
    "arbil": "Iraq",
    "kurdistan": "Iraq",
    "mosul": "Iraq",
    "syria": "Syria",
    "syria's": "Syria",
    "damascus": "Syria",
    "raqqa": "Syria",
    "tanf": "Syria",
    "al-tanf": "Syria",
    # other countries: a number placed there belongs to no series
    "afghanistan": "Afghanistan",
    "kabul": "Afghanistan",
    "kandahar": "Afghanistan",
    "helmand": "Afghanistan",
    "bagram": "Afghanistan",
    "amman": "Jordan",
    "incirlik": "Turkey",
    "ankara": "Turkey",
    "doha": "Qatar",
    "tehran": "Iran",
    "beirut": "Lebanon",
    "kuwait": "Kuwait",
    "jordan": "Jordan",
    "turkey": "Turkey",
    "qatar": "Qatar",
    "bahrain": "Bahrain",
    "germany": "Germany",
    "poland": "Poland",
    "japan": "Japan",
    "korea": "Korea",
    "europe": "Europe",
    "lebanon": "Lebanon",
    "israel": "Israel",
    "iran": "Iran",
    "yemen": "Yemen",
    "somalia": "Somalia",
    "niger": "Niger",
}
#: Words before a country that make it a term of comparison, not a place of the number
#: ("the drawdown in Afghanistan to 8,600 was slower than in Iraq").
COMPARING = words("than unlike")
WEAK_COUNTRY_WORDS = {"iraqi": "Iraq", "iraqis": "Iraq", "syrian": "Syria", "syrians": "Syria"}

# ---------------------------------------------------------------- kinds

#: Verbs and nouns of troops sent in (direction "in").
MOVE_IN = words(
    """send sends sending sent deploy deploys deploying deployed deployment dispatch
    dispatching dispatched reinforce reinforces reinforcing reinforced add adding added
    order ordered ordering surge surging rush rushing request requests requested
    requesting"""
)
#: Verbs and nouns of troops taken out (direction "out").
MOVE_OUT = words(
    """withdraw withdraws withdrawing withdrew withdrawn withdrawal evacuate evacuating
    evacuated evacuation pull pulling pulled remove removing removed leave leaving
    redeploy redeploying redeployed depart departs departing departed"""
)
#: Verbs that, right before a number, name the level that stays after a move ("leaving
#: 3,000"), not troops moved.
REMAINDER = words("leave leaves leaving")
#: Verbs of a cut that, after the troop noun and an auxiliary, move troops out ("200
#: troops could be cut"); before a number "cut" is left to the rules of change ("cut to").
CUT_AFTER = words("cut cutting reduced")
#: Past tenses of leaving that, after the troop noun and an auxiliary, move troops out
#: ("3,000 troops had left Iraq"); before a number "left" names the level that stays.
LEFT_AFTER = words("left")
#: Movement verbs that mark a movement when they follow the troop noun ("troops leaving").
MOVE_AFTER = (
    MOVE_IN
    | MOVE_OUT
    | CUT_AFTER
    | LEFT_AFTER
    | words("arrive arrives arriving arrived go going move moving head heads heading headed")
)
#: Verbs of a cut that, right before their number, move troops out ("will cut 500 troops";
#: "cut to 2,500" is a change of level, read by the rules of change).
CUT_OBJECT = words("cut cuts cutting trim trims trimming trimmed")
#: Past tenses that, right after the troop noun, report a movement ("200 Marines arrived").
MOVE_FINITE = words("arrive arrives arrived withdrew departed pulled")
#: Verbs of pledging: after the troop noun of an existing force they make its level a
#: cap ("the 3,000 troops the United States has committed to send").
PLEDGES = words(
    "pledged pledge pledges committed commit commits promised promise agreed offered vowed"
)
#: Adjectives that make the troops a bare number gives the number of new ones ("the
#: number of new troops would be 615"): a movement.
NEW_TROOPS = words("new additional extra fresh further")
#: Words that sum forces: a number they govern with no force of its own is the whole
#: coalition's ("when combined with the 3,000 US troops, ... to 4,500").
COMBINING = words("combined together altogether")
#: Adjectives that make a number a movement ("450 additional", "an additional 450").
MOVE_ADJECTIVES = words("additional more extra new fresh further")
#: Words that make a number an authorised level.
CAP_WORDS = words(
    """authorized authorised authorization authorisation authorizing authorising cap caps
    capped ceiling limit allowed permitted"""
)
#: Two-word phrases that make a number an authorised level.
CAP_PHRASES = frozenset({("management", "level"), ("management", "levels")})
#: Words that put the rest of the clause in the future or the plan: a planned level.
PLAN_MARKERS = words(
    """will would shall going expected expect expects set plans plan planned aims aim
    intend intends intended"""
)
#: Hedge phrases that bind every number of their clause after them, wherever they stand
#: ("as per unofficial estimates, a total of 2,500"; "the average number ... amounts to
#: 5,200"): notes/reading-rules.md, rules 3 and 4.  They count only when the hedge table
#: has them, and never over a hedge the number has of its own.
CLAUSE_HEDGES = words("estimates estimate estimated average")
#: Verbs of change before which "up to" is a direction, not a hedge ("bring ... up to 3,550").
CHANGE_VERBS = words(
    """bring brings bringing brought boost boosts boosting boosted raise raises raising
    raised increase increases increasing increased go goes going went rise rises rising
    rose climb climbs climbing climbed grow grows growing grew"""
)
#: Verbs of change or keeping that, in the present progressive, announce a planned level.
PLAN_PROGRESSIVE = words(
    """keeping cutting reducing lowering trimming drawing shrinking increasing raising
    boosting bringing"""
)
#: Verbs of change in the present: the level they bring troops "to" is a planned level
#: ("cut" is left out: it is also the past tense).
CHANGE_PRESENT = words(
    """bring brings boost boosts raise raises increase increases reduce reduces cuts
    lower lowers"""
)
#: Words of a decision: the result of what they decide is planned ("ordered 450 more
#: troops, bringing the total to 3,550" is a target).
DECISIONS = words(
    """announced announces ordered orders authorized authorised authorizes authorises
    approved approves decided decides agreed agrees pledged pledges proposed proposes
    requested requests"""
)
#: Moves done: the result of what they did is a level reached ("sent 200, bringing the
#: total to 1,100" is a count).
MOVES_DONE = words("sent deployed dispatched withdrew pulled removed added cut arrived")
#: Finite verbs that start a clause of its own (a plan before them does not reach further).
FINITE = words("has have had is are was were remain remains remained stood stands")
#: Verbs of a fall and of a rise: "<verb> ... by N" makes N the size of the change.
FALL_VERBS = words(
    """reduce reduces reduced reducing cut cuts cutting lower lowers lowered lowering
    shrink shrinks shrank shrinking trim trims trimmed trimming decrease decreased
    decreasing drop drops dropped dropping fall falls fell falling decline declined
    reduction reductions drawdown"""
)
RISE_VERBS = words(
    """increase increases increased increasing boost boosts boosted boosting raise raises
    raised raising expand expands expanded expanding grow grows grew growing rise rises
    rose rising"""
)
#: Verbs that, with a place after them or "has" before them, say troops are present.
PRESENCE_VERBS = words("deployed stationed based positioned")
#: Words after a presence verb that name a place ("deployed in Iraq").
PRESENCE_PLACES = words("in across at inside throughout there within around on")
#: Auxiliaries of the present between the troop noun and a presence verb ("are deployed").
PRESENT_AUX = words("are is were was remain remains currently still now already also")

# ---------------------------------------------------------------- corrections

#: Verbs of saying in "have been <verb>" ("we have been briefing that there are 900"): a
#: statement made again and again before now.
SAYING_ING = words(
    """saying telling briefing reporting stating claiming citing announcing quoting
    using giving publishing putting"""
)
#: Verbs of saying after "had" or an adverb of before ("had said", "previously reported").
SAID = words(
    """said told briefed reported stated claimed cited announced quoted given published
    put acknowledged disclosed"""
)
#: Adverbs that put a statement before now ("officials previously said").
BEFORE_NOW = words("previously earlier formerly long repeatedly")
#: Words of a correction: a statement said to be wrong or out of date ("we recently
#: learned that those numbers are higher").
CORRECTION = words(
    """higher lower larger smaller actually inaccurate incorrect wrong revised revises
    corrected correcting correction understated overstated underestimated
    overestimated outdated misstated"""
)
