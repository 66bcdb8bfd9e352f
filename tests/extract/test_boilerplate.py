"""Boilerplate blocks and orphan headlines."""

from __future__ import annotations

from provcheck.extract.boilerplate import (
    block_lines,
    classify_line,
    find_blocks,
    orphan_headlines,
    paragraphs,
)
from provcheck.models import BlockKind

BODY = (
    "The harbour board met on Tuesday to discuss the storm damage along the eastern quay, "
    "where several moorings were torn loose overnight."
)
BODY2 = (
    "Repairs are expected to take several weeks, the board said, and the ferry will run on a "
    "reduced timetable until the work is finished."
)


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def test_donation_appeal_with_paragraphs_between_cues() -> None:
    text = "\n".join(
        [
            "Harbour Board Counts the Cost",
            "",
            BODY,
            "",
            BODY2,
            "",
            "A note from the editors:",
            "",
            "Dear readers,",
            "",
            "Local reporting is expensive and our newsroom is small.",
            "",
            "We need your help. Every contribution keeps us going.",
            "",
            "Once",
            "Monthly",
            "Annual",
            "Remind me later",
        ]
    )
    (block,) = find_blocks(lines_of(text))
    assert (block.kind, block.start_line, block.end_line) == (BlockKind.DONATION, 7, 18)
    assert "Dear readers" in block.text


def test_subscription_appeal_at_the_top() -> None:
    text = "\n".join(
        [
            "Get more with HarbourPlus",
            "A personalised news feed of stories that matter to you",
            "Learn more",
            "Harbour Board Counts the Cost",
            "",
            BODY,
        ]
    )
    (block,) = find_blocks(lines_of(text))
    assert (block.kind, block.start_line, block.end_line) == (BlockKind.SUBSCRIPTION, 1, 3)
    assert block.cue == "Get more with HarbourPlus"


def test_comment_form_and_tags() -> None:
    text = "\n".join(
        [
            BODY,
            "",
            "Categories: Harbour",
            "",
            "Tagged as: , , ,",
            "",
            "Leave a Reply",
            "",
            "You are commenting using your account. Log Out /  Change )",
            "",
            "Connecting to %s",
        ]
    )
    (block,) = find_blocks(lines_of(text))
    assert (block.start_line, block.end_line) == (3, 11)
    assert block.kind is BlockKind.COMMENT_FORM
    assert block_lines([block]) == frozenset(range(3, 12))


def test_single_widget_label_is_a_block() -> None:
    text = "\n".join([BODY, "", "Share this article", "", BODY2])
    (block,) = find_blocks(lines_of(text))
    assert (block.kind, block.start_line, block.end_line) == (BlockKind.SHARE_WIDGET, 3, 3)


def test_plain_article_has_no_blocks() -> None:
    text = "\n".join(
        [
            "Harbour Board Counts the Cost",
            "",
            BODY,
            "",
            '"We need your support to rebuild," the harbour master told the meeting on Tuesday.',
            "",
            BODY2,
            "",
            "Volunteers posted updates on Facebook throughout the night.",
            "",
            "Related article: Ferry Timetable Cut After Storm",
        ]
    )
    assert find_blocks(lines_of(text)) == ()


def test_classify_line() -> None:
    cue = classify_line("  Subscribe now!  ")
    assert cue is not None
    assert (cue.kind, cue.label) == (BlockKind.SUBSCRIPTION, True)
    phrase = classify_line("If you can, please support us with $5 a month.")
    assert phrase is not None
    assert (phrase.kind, phrase.label) == (BlockKind.DONATION, False)
    assert classify_line("The board offered support to the fishermen.") is None
    assert classify_line("") is None


def test_paragraphs() -> None:
    assert paragraphs(["a", "b", "", "", "c", ""]) == [(1, 2), (5, 5)]


ORPHAN_TEXT = "\n".join(
    [
        "Harbour Board Counts the Cost",  # 1 title
        "",
        BODY,  # 3
        "",
        "Ferry operator fined over late sailings in winter season",  # 5 orphan
        "",
        BODY2,  # 7
        "",
        "Ferry operator fined over late sailings in winter season",  # 9 orphan (repeated)
        "",
        BODY,  # 11
        "",
        "A crane lifts a mooring buoy on the quay. Photo: Sam Lee",  # 13 caption
        "",
        BODY2,  # 15
        "",
        "## Background to the Storm Damage",  # 17 heading
        "",
        BODY,  # 19
        "",
        "Related article: Storm Damage Bill Rises Again",  # 21 label
        "",
        BODY2,  # 23
        "",
        "The harbour master, said to be retiring.",  # 25 ends with period
        "",
        "Repairs",  # 27 too short
        "",
        BODY,  # 29
        "",
        "Tide tables for the coming week along the coast",  # 31 last paragraph: no neighbour
    ]
)


def test_orphan_headlines() -> None:
    found = orphan_headlines(lines_of(ORPHAN_TEXT), title_lines=frozenset({1}))
    assert [(o.line, o.repeated) for o in found] == [(5, True), (9, True)]
    assert found[0].text == "Ferry operator fined over late sailings in winter season"


def test_orphans_in_boilerplate_are_ignored() -> None:
    found = orphan_headlines(lines_of(ORPHAN_TEXT), skip=frozenset({5}))
    assert [o.line for o in found] == [9]
    assert found[0].repeated is False


def test_wrapped_two_line_paragraph_is_not_an_orphan() -> None:
    text = "\n".join(
        [BODY, "", "Related article: Storm Damage Bill Rises", "Again This Year", "", BODY2]
    )
    assert orphan_headlines(lines_of(text)) == ()


def test_support_the_outlet_appeal_ends_before_the_headline() -> None:
    text = "\n".join(
        [
            "Reading without ads?",
            "Keeping it that way costs us about $4,000 a month. Readers like you can help.",
            "Support the Quayside Post",
            "Independent local reporting depends on you.",
            "",
            "Harbour Board Counts the Cost",
            "",
            BODY,
        ]
    )
    (block,) = find_blocks(lines_of(text))
    assert block.kind is BlockKind.DONATION
    assert (block.start_line, block.end_line) == (1, 4)


def test_orphan_headlines_take_the_callers_paragraphs() -> None:
    lines = lines_of(ORPHAN_TEXT)
    given_paras = orphan_headlines(lines, title_lines=frozenset({1}), paras=paragraphs(lines))
    assert given_paras == orphan_headlines(lines, title_lines=frozenset({1}))
    assert orphan_headlines(lines, paras=[]) == ()  # only the paragraphs given are read


def test_a_headline_of_more_than_twenty_words_is_not_an_orphan() -> None:
    long_line = " ".join(["Ferry"] + ["word"] * 20)  # 21 words
    lines = [BODY, "", long_line, "", BODY2, "", BODY]
    assert orphan_headlines(lines) == ()
    assert [
        o.line for o in orphan_headlines([BODY, "", " ".join(long_line.split()[:20]), "", BODY2])
    ] == [3]
