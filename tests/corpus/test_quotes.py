"""Quote extraction (clean, curly, PDF-mangled, split) and quote-variant pairing."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.corpus.quotes import (
    PREFIX,
    Quote,
    _is_variant,
    _record,
    extract_quotes,
    find_quote_variants,
    pair_quotes,
    quote_of,
    variant_order,
)
from provcheck.models import DocFormat, Document, DocumentDate, ExtractedDocument, QuoteVariant
from tests.corpus.builders import make_doc


def quotes_of(text: str) -> list[tuple[int, str]]:
    return [(quote.line, quote.text) for quote in extract_quotes(make_doc("a.txt", text))]


def test_straight_and_curly_quotes() -> None:
    text = (
        'The mayor said "we will open the new library before the winter holidays" today.\n'
        "\n"
        "A resident added \u201cthe reading room has been closed for far too long now.\u201d\n"
    )
    assert quotes_of(text) == [
        (1, "we will open the new library before the winter holidays"),
        (3, "the reading room has been closed for far too long now."),
    ]


def test_short_quotes_are_ignored() -> None:
    assert quotes_of('He called the plan "very ambitious" and left.') == []


def test_quote_spanning_lines_within_a_paragraph() -> None:
    text = (
        'Intro.\nThe ranger said "the northern trail will stay\nclosed until the snow melts" today.'
    )
    assert quotes_of(text) == [(2, "the northern trail will stay closed until the snow melts")]


def test_pdf_mangled_pairs() -> None:
    text = (
        '""We are deeply worried about the condition of the old canal locks."\n'
        "\n"
        "The office wanted to speed up '\"repairs and regular inspections of every lock on the "
        'canal."\n'
        "\n"
        "The engineer said the locks were \"badly\nneglected' by the previous canal owners.\n"
    )
    found = quotes_of(text)
    assert (1, "We are deeply worried about the condition of the old canal locks.") in found
    assert (3, "repairs and regular inspections of every lock on the canal.") in found
    assert len(found) == 2  # "badly neglected" is closed by the single mark but too short


def test_mangled_single_closing_mark_for_a_long_quote() -> None:
    text = "She said \"the station will reopen after the summer works end' according to staff.\n"
    assert quotes_of(text) == [(1, "the station will reopen after the summer works end")]


def test_quote_broken_by_one_blank_line_is_joined() -> None:
    text = (
        "Title\n\n"
        '"The city council remains committed to rebuilding the bridge over the\n'
        "\n"
        'river," the mayor said.\n'
    )
    assert quotes_of(text) == [
        (3, "The city council remains committed to rebuilding the bridge over the river")
    ]


def test_quote_not_joined_across_two_blank_lines_or_a_new_sentence() -> None:
    two_blanks = '"The council remains committed to the bridge over the\n\n\nriver," he said.'
    new_sentence = '"The council remains committed to the bridge over the\n\nRiver works," he said.'
    assert quotes_of(two_blanks) == []
    assert quotes_of(new_sentence) == []


def test_quote_running_over_paragraphs_closes_at_each_paragraph_end() -> None:
    text = (
        '"The first paragraph of a long statement about the harbor ends here.\n'
        "\n"
        '"The second paragraph of that statement closes properly now," she said.\n'
    )
    assert [line for line, _ in quotes_of(text)] == [1, 3]


def test_quotes_in_boilerplate_are_ignored() -> None:
    text = 'Article.\n\nDonate: "your support keeps our newsroom independent and free."'
    doc = make_doc("a.txt", text, boilerplate=((3, 3),))
    assert extract_quotes(doc) == []


def test_lines_map_to_the_original_file() -> None:
    text = 'Intro.\n"We have never seen the river this low in forty years," she said.'
    document = Document("a.html", DocFormat.HTML, text, "<html>", line_map=(10, 25))
    doc = ExtractedDocument(document, None, DocumentDate(None), (), None, ())
    assert [quote.line for quote in extract_quotes(doc)] == [25]


TRANSLATION_A = (
    'The minister said "our government is committed to a policy aimed at strengthening trade '
    'between the two neighbouring regions."'
)
TRANSLATION_B = (
    "In the minister's words, \"our government adheres to a policy line to intensify trade "
    'between the two neighbouring regions," the agency reported.'
)
UNRELATED = (
    'A farmer said "the government has done nothing for the regions since the floods ruined '
    'our harvest."'
)


def test_translation_variants_are_paired_both_ways() -> None:
    docs = [make_doc("b.txt", TRANSLATION_B), make_doc("a.txt", TRANSLATION_A)]
    found = find_quote_variants(docs)
    assert set(found) == {"a.txt", "b.txt"}
    (left,) = found["a.txt"]
    (right,) = found["b.txt"]
    assert left.other_path == "b.txt"
    assert right.other_path == "a.txt"
    assert left.quote == right.other_quote
    assert left.quote.startswith("our government is committed")
    assert right.quote.startswith("our government adheres")
    assert 0.3 <= left.similarity == right.similarity < 1.0


def test_identical_quotes_and_excerpts_are_not_variants() -> None:
    excerpt = 'He said the plan was "aimed at strengthening trade between the two neighbouring'
    excerpt += ' regions" and sat down.'
    docs = [
        make_doc("a.txt", TRANSLATION_A),
        make_doc("b.txt", TRANSLATION_A.replace("minister", "official")),
        make_doc("c.txt", excerpt),
    ]
    assert find_quote_variants(docs) == {}


def test_unrelated_quotes_on_the_same_topic_are_not_variants() -> None:
    docs = [make_doc("a.txt", TRANSLATION_A), make_doc("b.txt", UNRELATED)]
    assert find_quote_variants(docs) == {}


def test_reordered_words_are_not_a_variant() -> None:
    shuffled = (
        'They said "neighbouring trade regions policy: the two aimed between strengthening'
        ' government committed."'
    )
    docs = [make_doc("a.txt", TRANSLATION_A), make_doc("b.txt", shuffled)]
    assert find_quote_variants(docs) == {}


def test_near_duplicate_pairs_and_same_document_are_skipped() -> None:
    docs = [make_doc("a.txt", TRANSLATION_A), make_doc("b.txt", TRANSLATION_B)]
    assert find_quote_variants(docs, [("b.txt", "a.txt")]) == {}
    both = make_doc("c.txt", TRANSLATION_A + "\n\n" + TRANSLATION_B)
    assert find_quote_variants([both]) == {}


# --- pairing: twins compared once give exactly the pairs of comparing every copy ---------

_VOCABULARY = ["army", "border", "troops", "withdraw", "minister", "denied", "claims"]
_VOCABULARY += ["officials", "exercise", "forces", "statement", "country", "never", "would"]


def _every_pair(
    quoted: list[tuple[str, list[Quote]]], near: list[tuple[str, str]]
) -> dict[str, tuple[QuoteVariant, ...]]:
    """The specification, one copy at a time: every pair of quotes in two documents that are
    not near-duplicates, candidates when two of their rarest stems meet, scored alike."""
    instances = [(path, quote) for path, found in quoted for quote in found]
    frequency: Counter[str] = Counter(stem for _, quote in instances for stem in quote.stems)
    total = len(instances)
    weight = {stem: math.log((1 + total) / (1 + df)) + 1 for stem, df in frequency.items()}
    skip = {frozenset(pair) for pair in near}

    def prefix(quote: Quote) -> set[str]:
        return set(sorted(quote.stems, key=lambda stem: (frequency[stem], stem))[:PREFIX])

    found: dict[str, list[QuoteVariant]] = {}
    for index, (left, first) in enumerate(instances):
        for right, second in instances[index + 1 :]:
            if left == right or frozenset((left, right)) in skip:
                continue
            if len(prefix(first) & prefix(second)) < 2:
                continue
            score = _is_variant(first, second, weight)
            if score is not None:
                _record(found, (left, first), (right, second), round(score, 4))
    return {path: tuple(sorted(items, key=variant_order)) for path, items in sorted(found.items())}


_QUOTE_TEXT = st.lists(st.sampled_from(_VOCABULARY), min_size=6, max_size=10).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(_QUOTE_TEXT, st.integers(1, 40)), max_size=4),
        min_size=2,
        max_size=7,
    ),
    st.data(),
)
def test_pairing_twins_once_equals_pairing_every_copy(
    docs: list[list[tuple[str, int]]], data: st.DataObject
) -> None:
    quoted = [
        (f"doc{number}.txt", [quote_of(text, line) for text, line in found])
        for number, found in enumerate(docs)
    ]
    paths = [path for path, _ in quoted]
    near = data.draw(st.lists(st.tuples(st.sampled_from(paths), st.sampled_from(paths))))
    assert pair_quotes(quoted, near) == _every_pair(quoted, near)


def test_a_repeated_statement_pairs_with_every_copy_of_its_variant() -> None:
    one = "The army will never withdraw its troops from the border, the minister said"
    two = "The army would never pull back troops from that border, said the minister"
    quoted = [(f"a{i}.txt", [quote_of(one, 3)]) for i in range(3)]
    quoted += [(f"b{i}.txt", [quote_of(two, 5)]) for i in range(2)]
    variants = pair_quotes(quoted)
    assert sorted(variants) == ["a0.txt", "a1.txt", "a2.txt", "b0.txt", "b1.txt"]
    assert [v.other_path for v in variants["a1.txt"]] == ["b0.txt", "b1.txt"]
    assert len(variants["b0.txt"]) == 3


def test_variants_on_one_line_are_listed_by_text_whatever_the_order_found() -> None:
    one = "army army withdraw troops army border"
    first, second = "army army army border troops withdraw", "army army army border withdraw troops"
    forward = [
        ("a.txt", [quote_of(one, 1)] * 2),
        ("b.txt", [quote_of(first, 1), quote_of(second, 1)]),
    ]
    backward = [
        ("a.txt", [quote_of(one, 1)] * 2),
        ("b.txt", [quote_of(second, 1), quote_of(first, 1)]),
    ]
    listed = pair_quotes(forward)
    assert listed == pair_quotes(backward)
    assert [v.other_quote for v in listed["a.txt"]] == [first, first, second, second]
