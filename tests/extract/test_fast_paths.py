"""Property tests: every shortcut taken for speed gives exactly what the plain way gives.

Each fast path in extraction claims equality with a simpler computation (a regex run over
the whole text, a library function); these tests hold it to that on text built from the
pieces that stress it: URL starts in any case, the characters that lower-case or fold
unusually (U+0130, U+0131, U+017F, the Kelvin sign), brackets, commas, quotes, line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import helpers

from provcheck.extract import boilerplate, byline, linetext, needles
from provcheck.extract.boilerplate import (
    _ADDRESS_RE,
    _addresses_reader,
    classify_line,
)
from provcheck.extract.links_markdown import _parse_link_destination
from provcheck.extract.links_text import _URL_RE, find_bare_urls
from provcheck.extract.signals import (
    _BEFORE_VERB_RE,
    _NAME_RUN_RE,
    _VERB_LITERALS,
    _VERB_RE,
    _WEEKDAY_RE,
    _name_search_start,
    blank_markup,
    weekday_spans,
)

FOLDING = ["\u0130", "\u0131", "\u017f", "\u212a", "é", "Σ"]
URLISH = ["http://", "HTTPS://", "httP://", "www.", "WwW.", "<", ">", "<x:y>", "a.example/p-"]
PROSE = [" ", "\n", "\n\n", "\t", "Jane", "Doe", "the", "The", "of", "state-run", "U.S.", "(AFP)"]
PUNCT = [",", ", a spokesman,", ".", ". ", '"', "“", "”", "'", "’", "&", "-", "(", ")", "[", "]"]
MARKUP = ["](", "[x](http://a.example/b)", "**", "__", "*", "`", "\\", "\x01", "\x7f"]
WORDS = ["said", "told", "Support", "your support", "We", "us", "our", "help", "Subscribe", "_"]

PIECES = st.sampled_from(FOLDING + URLISH + PROSE + PUNCT + MARKUP + WORDS)
TEXT = st.lists(PIECES, max_size=40).map("".join)
URLISH_RE = re.compile(r"<?(?:https?://|www\.)\S+|<[a-zA-Z][\w+.-]*:[^>\s]*>", re.IGNORECASE)


def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_lowscan_finds_the_matches_finditer_finds(text: str) -> None:
    assert spans(needles.finditer(_URL_RE, needles.URL_NEEDLES, text)) == spans(
        _URL_RE.finditer(text)
    )
    urlish = (("<", (0,)), *needles.URL_NEEDLES)
    assert spans(needles.finditer(URLISH_RE, urlish, text)) == spans(URLISH_RE.finditer(text))


def test_lowscan_falls_back_where_lower_case_cannot_stand_in() -> None:
    assert needles.lower_for_scan("\u0130stanbul") is None  # lower-cases to two characters
    assert needles.lower_for_scan("httpſ://x.example") is None  # long s folds to "s"
    assert needles.lower_for_scan("WWW.Example") == "www.example"
    text = "see httpſ://a.example/x"
    assert spans(needles.finditer(_URL_RE, needles.URL_NEEDLES, text)) == [(4, 23)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_linetext_helpers_agree_with_the_plain_regexes(text: str) -> None:
    md_link = re.compile(r"!?\[([^\]]*)\]\([^)\n]*\)")
    word = re.compile(r"[^\W\d_][\w'’-]*")
    assert linetext.drop_urls(text, " ") == URLISH_RE.sub(" ", text)
    assert linetext.drop_links(text) == URLISH_RE.sub(" ", md_link.sub(" ", text))
    assert linetext.has_link(text) == bool(URLISH_RE.search(text) or md_link.search(text))
    for limit in (1, 3, 16):
        assert linetext.word_count(text, limit) == min(len(word.findall(text)), limit)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_name_search_start_keeps_the_leftmost_match(text: str) -> None:
    for verb in _VERB_RE.finditer(text):
        window = max(0, verb.start() - 120)
        plain = _BEFORE_VERB_RE.search(text, window, verb.start())
        start = _name_search_start(text, window, verb.start())
        fast = _BEFORE_VERB_RE.search(text, start, verb.start())
        assert (plain and plain.span()) == (fast and fast.span())


def test_name_search_start_skips_past_quotes_and_keeps_clauses() -> None:
    text = '"We will," Jane Doe said. Mr Roe, a spokesman, told'
    said = text.index("said")
    assert text[_name_search_start(text, 0, said) :].startswith(" Jane Doe")
    told = text.index("told")
    match = _BEFORE_VERB_RE.search(text, _name_search_start(text, 0, told), told)
    assert match is not None
    assert match.group().startswith("Mr Roe, a spokesman,")


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 45), st.integers(0, 48))
def test_link_destination_fast_path_matches_markdown_it(text: str, pos: int, extra: int) -> None:
    pos = min(pos, len(text))
    maximum = min(pos + extra, len(text))
    ours = _parse_link_destination(text, pos, maximum)
    theirs = helpers.parseLinkDestination(text, pos, maximum)
    assert ours.ok == theirs.ok  # type: ignore[attr-defined]
    if theirs.ok:
        assert (ours.pos, ours.str) == (theirs.pos, theirs.str)  # type: ignore[attr-defined]


def test_find_urls_in_mixed_case_and_folding_text() -> None:
    text = "Read WWW.Harbour.example/a and HTTPS://x.example/\u0130 then http://y.example/b"
    assert [link.url for link in find_bare_urls(text)] == [
        "http://WWW.Harbour.example/a",
        "HTTPS://x.example/\u0130",
        "http://y.example/b",
    ]


def reference_blank_markup(text: str) -> str:
    """``blank_markup`` as one regex substitution over the whole text."""
    md_link = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")

    def link(m: re.Match[str]) -> str:
        return " " * (m.start(1) - m.start()) + m.group(1) + " " * (m.end() - m.end(1))

    return re.sub(r"\*\*|__", lambda m: " " * len(m.group()), md_link.sub(link, text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*MARKUP, "![", "!", "[a]", "(b)", "\n", " ", "x"]), max_size=30))
def test_blank_markup_is_the_plain_substitution(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert blank_markup.__wrapped__(text) == reference_blank_markup(text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_reader_address_check_is_the_case_insensitive_regex(text: str) -> None:
    assert _addresses_reader(text, text.lower()) == bool(_ADDRESS_RE.search(text))
    ascii_text = text.encode("ascii", "ignore").decode()
    assert _addresses_reader(ascii_text, ascii_text.lower()) == bool(_ADDRESS_RE.search(ascii_text))


DAYS = ["Monday", "Tuesday's", "Sunday’s", "Satur", "Wednes", "day", "days", "today", "Fri"]
VERBS = ["said", "says", "unsaid", "told", "stated", "states", "reported", "reports", "posted"]
DAYS_AND_VERBS = st.sampled_from([*DAYS, *VERBS, " ", "'", "s", "\n", "X", "_"])


@settings(max_examples=300, deadline=None)
@given(st.lists(DAYS_AND_VERBS, max_size=30).map("".join))
def test_weekday_and_verb_needles_find_every_match(text: str) -> None:
    assert weekday_spans(text) == [
        (m.start(), m.end(), m.group("day")) for m in _WEEKDAY_RE.finditer(text)
    ]
    verbs = needles.find_literals(text, _VERB_LITERALS)
    assert [(start, verb) for start, verb in verbs] == [
        (m.start(), m.group()) for m in _VERB_RE.finditer(text)
    ]


def test_find_literals_skips_overlaps_like_finditer() -> None:
    assert needles.find_literals("saidsaidtold", ("said", "told")) == [
        (0, "said"),
        (4, "said"),
        (8, "told"),
    ]
    assert needles.find_literals("aaa", ("aa",)) == [(0, "aa")]
    assert needles.find_literals("", ("said",)) == []


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_name_run_taken_in_runs_ends_where_the_character_loop_ends(text: str) -> None:
    one_at_a_time = re.compile(r"(?:[\w \t'’&()-]|(?<=\w)\.|\n(?![ \t]*\n))*")
    for start in range(len(text) + 1):
        fast = _NAME_RUN_RE.match(text, start)
        plain = one_at_a_time.match(text, start)
        assert fast is not None
        assert plain is not None
        assert fast.end() == plain.end()


def reference_classify_line(line: str) -> boilerplate.Cue | None:
    """``classify_line`` with case-insensitive regexes only (the plain way)."""
    text = line.strip().lstrip(boilerplate._LEAD_CHARS).rstrip(boilerplate._TRAIL_CHARS)
    if not text:
        return None
    words = text.count(" ") + 1
    if words <= boilerplate.MAX_LABEL_WORDS:
        m = boilerplate._LINE_RE.fullmatch(text.lower())
        if m and m.lastgroup:
            return boilerplate.Cue(boilerplate._LINE_KINDS[m.lastgroup], text, True)
    stems = re.compile("|".join(map(re.escape, boilerplate._PHRASE_HINTS)))
    if words <= 80 and stems.search(text.lower()) and _ADDRESS_RE.search(text):
        m = boilerplate._PHRASE_RE.search(text)
        if m and m.lastgroup:
            return boilerplate.Cue(boilerplate._PHRASE_KINDS[m.lastgroup], m.group(0), False)
    return None


PHRASES = ["We need YOUR help", "your Support", "we use cookies", "Sign Up for", "$5 a month"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PHRASES, *FOLDING, *PROSE, *PUNCT, "Subscribe"]), max_size=20))
def test_classify_line_is_the_case_insensitive_classification(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert classify_line(line) == reference_classify_line(line)


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example("www.http://")  # a mark ("w.") straddling the end set by a later one ("://")
@example("http://x")  # every word inside a URL
@example("one two three https://x.example")  # the words end just before the URL
@example("one two threehttps://x.example")  # the third word runs into a URL
@example("a b cwww.x")  # the mark is within reach of the last word's end
def test_words_outside_links_agree_with_dropping_the_links_first(text: str) -> None:
    assert linetext.has_words_outside_links(text) == linetext.has_words(linetext.drop_links(text))
    for limit in (1, 3):
        assert linetext.word_count_outside_urls(text, limit) == linetext.word_count(
            linetext.drop_urls(text, " "), limit
        )


def test_words_before_a_link_settle_the_question() -> None:
    assert linetext.has_words_outside_links("The council [said](https://x.example) so")
    assert not linetext.has_words_outside_links("[said](https://x.example) https://y.example")
    assert linetext.word_count_outside_urls("one two three https://x.example", 3) == 3
    assert linetext.word_count_outside_urls("one https://x.example two", 3) == 2


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_quote_marks_by_find_are_the_character_class_matches(text: str) -> None:
    marks = "\"“”'‘’"
    assert needles.find_literals(text, tuple(marks)) == [
        (m.start(), m.group()) for m in re.finditer(f"[{marks}]", text)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["1", "2021", "0", "9", " ", "-", "\n", "a", "\u0663", "é"]), max_size=30
    )
)
def test_four_digit_starts_are_the_regex_matches(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert needles.four_digit_starts(text) == [m.start() for m in re.finditer(r"\d{4}", text)]


CUE_PIECES = [
    "thank you for supporting", "thank you for standing with", "please give", "please consider ",
    "disabled all ads", "already a subscriber", "stories that matter to you", "we use cookies",
    "you are commenting using", "$ 5 per year", "$5 a month", "reader-funded", "our newsletter",
    "make a contribution", "every contribution", "we need your help", "depends on readers",
    "personalised news feed", "roads", "help", "please", "thank you for", " ", ",", "x", "\n",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CUE_PIECES), max_size=12))
def test_phrase_cue_needles_find_the_leftmost_match(pieces: list[str]) -> None:
    lower = "".join(pieces)
    pattern = boilerplate._PHRASE_LOWER_RE
    fast = next(
        needles.finditer(pattern, boilerplate._PHRASE_NEEDLES, lower, fold_case=False), None
    )
    plain = pattern.search(lower)
    assert (fast and (fast.span(), fast.lastgroup)) == (plain and (plain.span(), plain.lastgroup))


HINT_PIECES = ["©", "(c)", "(C)", "Copyright", "COPYRIGHT", "coPyright", "Source", "SOURCE"]
HINT_PIECES += ["SoUrce", "Published", "PUBLISHED", "publisheD", "\u0130", "\u212a", " ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HINT_PIECES), max_size=20))
def test_publisher_hints_found_in_lower_case_are_the_case_sensitive_matches(pieces) -> None:
    text = "".join(pieces)
    pattern, hints = byline._PUBLISHER_HINT_RE, byline._PUBLISHER_NEEDLES
    assert spans(needles.finditer(pattern, hints, text)) == spans(pattern.finditer(text))
