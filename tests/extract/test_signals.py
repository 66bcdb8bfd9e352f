"""Weekday mentions and attributions."""

from __future__ import annotations

import pytest

from provcheck.extract.signals import attributions, blank_markup, weekday_mentions


@pytest.mark.parametrize(
    ("text", "weekday", "phrase"),
    [
        ("The market reopened on Saturday after repairs.", 5, "market reopened on Saturday"),
        ("The mayor said Friday that the works are done.", 4, "The mayor said Friday"),
        ("Friday's storm closed the port.", 4, "Friday's"),
        ("Before dawn on Friday, the crews arrived.", 4, "Before dawn on Friday"),
        ("The council acknowledged Monday that it erred.", 0, "The council acknowledged Monday"),
        ("Crews worked early Monday to clear the road.", 0, "Crews worked early Monday"),
        ("It happened last Friday.", 4, "It happened last Friday"),
    ],
)
def test_relative_weekdays(text: str, weekday: int, phrase: str) -> None:
    (mention,) = weekday_mentions(text)
    assert (mention.weekday, mention.phrase, mention.relative, mention.line) == (
        weekday,
        phrase,
        True,
        1,
    )


def test_weekday_in_an_explicit_date_is_not_relative() -> None:
    (mention,) = weekday_mentions("Dated Monday, March 29, 2021 in the ledger.")
    assert mention.relative is False
    assert mention.phrase == "Monday, March 29, 2021"
    assert mention.word == "Monday"


@pytest.mark.parametrize(
    "text",
    [
        "Shops expect crowds on Black Friday.",
        "Churches held services on Good Friday.",
        "The Super Tuesday results were close.",
        "He read it in the Sunday Times yesterday.",
        "Thousands attended Friday prayers at the mosque.",
        "The market opens every Saturday morning.",
        "The vote is due next Monday.",
        "Markets are closed on Sundays.",
        "The Fridayness of it all.",
    ],
)
def test_names_and_habitual_weekdays_are_skipped(text: str) -> None:
    assert weekday_mentions(text) == ()


def test_weekday_lines_follow_wrapped_text() -> None:
    mentions = weekday_mentions("Title\n\nThe bridge reopened on\nSaturday at noon.")
    assert [(m.line, m.phrase) for m in mentions] == [(4, "bridge reopened on Saturday")]


def test_weekday_in_skipped_lines() -> None:
    assert weekday_mentions("Remind me on Monday", skip=frozenset({1})) == ()


@pytest.mark.parametrize(
    ("text", "source", "pattern"),
    [
        (
            "According to the Milltown Water Board, the supply is safe.",
            "the Milltown Water Board",
            "according-to",
        ),
        (
            "The figures rose, according to a 2019 study by the Harbour Institute.",
            "a 2019 study by the Harbour Institute",
            "according-to",
        ),
        ("Mayor Ana Cruz said the bridge was safe.", "Mayor Ana Cruz", "said"),
        ('"It is safe," said Ana Cruz, the mayor.', "Ana Cruz", "said"),
        ("The engineer told Example Wire that cracks were found.", "Example Wire", "told"),
        ("Ana Cruz told reporters nothing.", "Ana Cruz", "told"),
        ("The Port Authority reported a fall in traffic.", "The Port Authority", "reported"),
        (
            "State-run outlet, state-run Harbour News quoted the minister.",
            "state-run Harbour News",
            "quoted",
        ),
        ("The Council stated that it would appeal.", "The Council", "stated"),
        ("Ana Cruz, a spokeswoman for the board, said nothing new.", "Ana Cruz", "said"),
        ("Activist Sam Lee posted on a forum.", "Activist Sam Lee", "posted"),
        ('"We will rebuild," Cruz added.', "Cruz", "added"),
        ("Example Wire [reported](#) Friday that it was over.", "Example Wire", "reported"),
        ("On Friday Cruz said the port is open.", "Cruz", "said"),
    ],
)
def test_attributions(text: str, source: str, pattern: str) -> None:
    found = attributions(text)
    assert (source, pattern) in [(a.source, a.pattern) for a in found]
    assert all(a.line == 1 for a in found)


@pytest.mark.parametrize(
    "text",
    [
        "He said the bridge was safe.",
        "They told reporters nothing.",
        "It stated nothing at all.",
        "The report said nothing.",
        "Officials said the port is open.",
        "She said Friday that it was over.",
        "according to a local monitoring group, the toll rose.",
        "The figures come from AFP-verified footage, according to AFP-verified footage.",
    ],
)
def test_non_attributions(text: str) -> None:
    assert attributions(text) == ()


def test_said_with_a_following_clause_is_not_a_source() -> None:
    found = attributions("Sam Lee said Milltown was ready for the storm.")
    assert [(a.source, a.pattern) for a in found] == [("Sam Lee", "said")]


def test_attribution_lines_and_skip() -> None:
    text = "Headline\n\nBody first.\nThe Harbour Board said it agreed.\n"
    (found,) = attributions(text)
    assert found.line == 4
    assert attributions(text, skip=frozenset({4})) == ()


def test_blank_markup_keeps_offsets() -> None:
    text = "A [said](#) **b**"
    blanked = blank_markup(text)
    assert len(blanked) == len(text)
    assert blanked.split() == ["A", "said", "b"]
