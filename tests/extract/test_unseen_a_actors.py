"""Who freed: actors of coordinated releases, and a new party denying (issue 12, rules-a).

Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


@pytest.mark.parametrize(
    "text",
    [
        "Moscow released 17 Ukrainian soldiers and Kyiv freed three Russian officers on 4 May.",
        "The two sides swapped detainees on 4 May, with Moscow releasing 17 Ukrainian soldiers "
        "and Kyiv freeing three Russian officers.",
    ],
)
def test_each_side_of_a_coordinated_release_is_the_actor_of_its_own_group(
    events_of: EventsOf, text: str
) -> None:
    pairs = sorted((e.count, e.actor) for e in events_of(text, "release"))
    assert pairs == [(3, "Ukraine"), (17, "Russia")]


def test_a_person_named_after_and_in_the_object_is_freed_not_freeing(
    events_of: EventsOf,
) -> None:
    text = "Moscow released 17 Ukrainian soldiers and Ivan Petrov on 4 May."
    [event] = events_of(text, "release")
    assert (event.actor, event.persons) == ("Russia", ["Ivan Petrov"])


# -- a second denial in a text: a new party (indefinite) counts, the same body does not ------


def test_an_indefinite_new_party_denying_again_is_a_denial_of_its_own(
    events_of: EventsOf,
) -> None:
    text = (
        "The Kremlin on Monday rejected reports of a planned swap. A senior aide called the "
        "reports invented and said no talks were under way."
    )
    actors = [e.actor or "" for e in events_of(text, "denial")]
    assert len(actors) == 2 and actors[0] == "Kremlin" and actors[1].endswith("aide")


def test_the_same_body_taken_up_again_adds_no_denial(events_of: EventsOf) -> None:
    text = (
        "The Kremlin on Monday rejected reports of a planned swap. \"This was no exchange,\" "
        "the agency said."
    )
    actors = [e.actor for e in events_of(text, "denial")]
    assert actors == ["Kremlin"]


# -- "A granted B clemency": B is freed, A is not ---------------------------------------------

JAILED = "Ivan Petrov was jailed in 2020. "


@pytest.mark.parametrize(
    "second",
    [
        "President Anna Berg granted Petrov clemency, and he was flown to Riga hours later.",
        "President Anna Berg granted clemency, and he was flown to Riga hours later.",
    ],
)
def test_the_pardoner_is_never_the_pardoned(events_of: EventsOf, second: str) -> None:
    [event] = events_of(JAILED + second, "release")
    assert (event.actor, event.persons) == ("Anna Berg", ["Ivan Petrov"])


def test_a_pronoun_after_a_person_not_pardoning_takes_that_person(events_of: EventsOf) -> None:
    text = "Olga Marchenko was arrested in 2021 and she was freed on Monday."
    [event] = events_of(text, "release")
    assert event.persons == ["Olga Marchenko"]


# -- "X's government freed": X, even a country the gazetteer does not list --------------------


@pytest.mark.parametrize(
    "text",
    [
        "ASMARA — Eritrea's military government freed more than 300 prisoners in an amnesty on "
        "Sunday.",
        "The government of Eritrea freed more than 300 prisoners on Sunday.",
    ],
)
def test_a_government_of_a_country_is_that_country(events_of: EventsOf, text: str) -> None:
    [event] = events_of(text, "release")
    assert (event.actor, event.count) == ("Eritrea", 300)


def test_a_government_of_a_listed_capital_is_its_state(events_of: EventsOf) -> None:
    [event] = events_of("Minsk's government freed 20 prisoners on Sunday.", "release")
    assert event.actor == "Belarus"


def test_a_dateline_city_in_capitals_is_no_person_freed(events_of: EventsOf) -> None:
    text = "YANGON (Lake Wire) — Uganda's government freed more than 300 prisoners on Sunday."
    [event] = events_of(text, "release")
    assert (event.actor, event.persons) == ("Uganda", [])


def test_a_person_named_after_the_dateline_is_still_freed(events_of: EventsOf) -> None:
    text = "YANGON (Lake Wire) — The authorities freed the blogger Ivan Petrov on Sunday."
    [event] = events_of(text, "release")
    assert event.persons == ["Ivan Petrov"]
