"""'X was among N freed': one member of a counted group (issue 12, rules-a).

The parser often attaches the bare participle after "among N <noun>" to the wrong word
(making X its subject); the group it describes, its count and its member still hold.
Every sentence here is written for these tests, worded unlike the gold sets.
"""

from collections.abc import Callable

import pytest

from quidproquo.model import Event

EventsOf = Callable[..., list[Event]]  # the `events_of` fixture of conftest.py


@pytest.mark.parametrize(
    "text",
    [
        "Ivan Petrov, who was among 40 detainees freed on 3 May, is back in custody.",
        "GRODNO — Ivan Petrov, who was among 40 detainees freed on 3 May, has been arrested again.",
        "Ivan Petrov was among 40 detainees who were freed on 3 May.",
    ],
)
def test_a_member_of_a_counted_freed_group_gets_the_count_and_is_no_actor(
    events_of: EventsOf, text: str
) -> None:
    [event] = events_of(text, "release")
    assert (event.count, event.persons, event.actor) == (40, ["Ivan Petrov"], None)


def test_the_agent_of_the_group_release_is_still_the_actor(events_of: EventsOf) -> None:
    text = "Ivan Petrov, who was among 40 detainees pardoned by Lukashenka on 3 May, is ill."
    [event] = events_of(text, "release")
    assert (event.count, event.actor) == (40, "Lukashenka")


@pytest.mark.parametrize(
    "text",
    [
        "Olga Marchenko was arrested in 2021. Now the 50-year-old, who was among 40 detainees "
        "freed in May, lives in Riga.",
        "Olga Marchenko was arrested in 2021. The 50-year-old was among 40 detainees freed in May.",
    ],
)
def test_a_definite_description_in_the_group_takes_up_the_person_named_before(
    events_of: EventsOf, text: str
) -> None:
    [event] = events_of(text, "release")
    assert (event.count, event.persons) == (40, ["Olga Marchenko"])


def test_an_indefinite_member_takes_up_no_one(events_of: EventsOf) -> None:
    text = "Olga Marchenko was arrested in 2021. A 50-year-old was among 40 detainees freed in May."
    [event] = events_of(text, "release")
    assert (event.count, event.persons) == (40, [])


def test_a_body_in_a_list_is_no_release(events_of: EventsOf) -> None:
    text = "The court was among 40 bodies named in May."
    assert events_of(text, "release") == []


# -- members of a group held: "Among the detained is X", "those arrested include A and B" ----

ARRESTS = "Police detained dozens of students in Brest on Monday. "


@pytest.mark.parametrize(
    "second, persons",
    [
        ("Among the detained is a 20-year-old violinist, Olga Marchenko.", ["Olga Marchenko"]),
        ("Among those held are Olga Marchenko and Ivan Petrov.", ["Olga Marchenko", "Ivan Petrov"]),
        (
            "Those arrested include Olga Marchenko and Ivan Petrov.",
            ["Olga Marchenko", "Ivan Petrov"],
        ),
    ],
)
def test_members_of_a_held_group_are_a_detention_on_its_date(
    events_of: EventsOf, second: str, persons: list[str]
) -> None:
    named = [e for e in events_of(ARRESTS + second, "detention") if e.persons]
    assert [(e.persons, e.date_min, e.date_max) for e in named] == [
        (persons, "2025-09-29", "2025-09-29")
    ]


def test_members_with_a_date_of_their_own_keep_it(events_of: EventsOf) -> None:
    text = "Among those arrested on Friday are Olga Marchenko and Ivan Petrov."
    [event] = events_of(text, "detention")
    assert (event.persons, event.date_min) == (["Olga Marchenko", "Ivan Petrov"], "2025-09-26")


@pytest.mark.parametrize(
    "text",
    [
        "Olga Marchenko was not among those held on Monday.",  # negated membership
        "Those held talks with the envoy in Minsk.",  # "held talks": no custody
        "Among those held until Friday were no foreigners.",  # no one named
    ],
)
def test_near_misses_of_held_members_give_no_person(events_of: EventsOf, text: str) -> None:
    assert [e.persons for e in events_of(text, "detention") if e.persons] == []


# -- "..., among them X" on a group of the same sentence is not the last release's member ----

FREED = "Belarus freed 40 inmates on Monday. "


@pytest.mark.parametrize(
    "second",
    [
        "But for the dozens who stay behind, among them the poet Ivan Petrov, nothing changes.",
        "Viasna says 900 political prisoners remain after the release, among them the poet "
        "Ivan Petrov.",
    ],
)
def test_among_them_on_a_group_of_its_own_sentence_is_no_member_of_the_release(
    events_of: EventsOf, second: str
) -> None:
    assert [e.persons for e in events_of(FREED + second, "release") if e.persons] == []


@pytest.mark.parametrize(
    "second",
    ["Among them was the poet Ivan Petrov.", "The poet Ivan Petrov was among them."],
)
def test_among_them_alone_names_a_member_of_the_release(events_of: EventsOf, second: str) -> None:
    named = [e.persons for e in events_of(FREED + second, "release") if e.persons]
    assert named == [["Ivan Petrov"]]
