"""Conversion artifacts: mangled quotes, repeated paragraphs, empty tag lists, hyphens."""

from __future__ import annotations

from provcheck.extract.artifacts import (
    EMPTY_TAG_LIST,
    LINE_END_HYPHEN,
    MISMATCHED_QUOTES,
    REPEATED_PARAGRAPH,
    empty_tag_lists,
    find_artifacts,
    line_end_hyphens,
    mismatched_quotes,
    repeated_paragraphs,
)
from provcheck.models import DocFormat


def test_double_open_single_close() -> None:
    lines = ['The mayor said she was "deeply', "worried' by the damage.", "", "Next."]
    (found,) = mismatched_quotes(lines)
    assert found.kind == MISMATCHED_QUOTES
    assert found.line == 2
    assert "worried'" in found.evidence


def test_doubled_or_mixed_opening_marks() -> None:
    lines = ['""We will rebuild," she said.', "", 'They want \'"closer ties."']
    assert [a.line for a in mismatched_quotes(lines)] == [1, 3]


def test_single_open_double_close() -> None:
    (found,) = mismatched_quotes(["He called it 'a disaster.\" Then he left."])
    assert found.line == 1


def test_well_formed_quotes_are_not_flagged() -> None:
    lines = [
        '"It is safe," said the mayor of the town\'s port.',
        "",
        "“The fishermen’s boats are fine,” she said.",
        "",
        "\"He told us 'no' twice,\" she said.",
        "",
        '"The protesters\' demands are fair," he said.',
        "",
        "The 'Harbour Plan' was approved.",
        "",
        '"An open quote carried over',
        "",
        'to the next paragraph," she said.',
    ]
    assert mismatched_quotes(lines) == []


BODY = "The harbour board met on Tuesday to discuss the storm damage along the quay."


def test_repeated_paragraph_after_normalisation() -> None:
    lines = [
        BODY + " Example Wire",
        "",
        "Other text in between for the reader.",
        "",
        BODY.replace("storm damage", "storm\ndamage"),
    ]
    lines = "\n".join(lines).split("\n")
    (found,) = repeated_paragraphs(lines)
    assert (found.kind, found.line) == (REPEATED_PARAGRAPH, 5)
    assert found.evidence.startswith("repeats line 1")


def test_short_or_skipped_paragraphs_are_not_repeats() -> None:
    lines = ["Read more", "", "Read more", "", BODY, "", BODY]
    assert repeated_paragraphs(lines, skip=frozenset({7})) == []


def test_distinct_paragraphs_with_the_same_opening() -> None:
    lines = [BODY, "", BODY.replace("quay", "eastern breakwater and the old pier")]
    assert repeated_paragraphs(lines) == []


def test_empty_tag_lists() -> None:
    lines = ["Tagged as: , , , ,", "Tags:", "Tags: harbour, storm", "Topics: ;"]
    assert [(a.kind, a.line) for a in empty_tag_lists(lines)] == [
        (EMPTY_TAG_LIST, 1),
        (EMPTY_TAG_LIST, 2),
        (EMPTY_TAG_LIST, 4),
    ]


def test_line_end_hyphens() -> None:
    lines = ["a well-", "known figure and a long-", "Term plan", "ends here -", "x"]
    (found,) = line_end_hyphens(lines)
    assert (found.kind, found.line, found.evidence) == (LINE_END_HYPHEN, 1, "well- / known")


def test_find_artifacts_orders_by_line_and_hyphens_only_for_text() -> None:
    lines = ["a well-", "known figure.", "", "Tags: ,"]
    text_found = find_artifacts(lines, DocFormat.TEXT)
    assert [a.kind for a in text_found] == [LINE_END_HYPHEN, EMPTY_TAG_LIST]
    md_found = find_artifacts(lines, DocFormat.MARKDOWN)
    assert [a.kind for a in md_found] == [EMPTY_TAG_LIST]


def test_paragraphs_sharing_a_key_are_each_compared_with_every_earlier_one() -> None:
    first = "The harbour board met on Monday to discuss the ferry timetable for winter."
    other = "The harbour board met on Monday and rejected the new budget for the quay."
    lines = [first, "", other, "", first, "", other + " It was late."]
    found = repeated_paragraphs(lines)
    assert [(a.line, a.evidence[:15]) for a in found] == [
        (5, "repeats line 1:"),
        (7, "repeats line 3:"),
    ]
    assert repeated_paragraphs(lines, paras=[(1, 1), (3, 3)]) == []  # only the given paragraphs
