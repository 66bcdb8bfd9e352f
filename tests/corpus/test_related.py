"""Related-link corpus matching: a link naming a corpus article gets that article's URL."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.corpus.related import (
    MATCH_THRESHOLD,
    RelatedTarget,
    _candidate_links,
    _score,
    find_related_matches,
    significant_words,
    target_of,
)
from provcheck.models import ExtractedDocument, Link, LinkRole, RelatedMatch
from tests.corpus.builders import link, make_doc

TITLE = "Valley Orchards Brace For Late Frost As Growers Cover Young Trees"
ORIGINAL = "https://valley.example/2018/04/02/valley-orchards-brace-for-late-frost-as-growers-cover-young-trees-b5521"
# The same slug under another date and without the trailing id, as a site redesign leaves it.
REWRITTEN = "https://valley.example/2023/09/30/valley-orchards-brace-for-late-frost-as-growers-cover-young-trees"


def target(
    path: str = "b.txt", title: str = TITLE, original: str | None = ORIGINAL
) -> ExtractedDocument:
    links = () if original is None else (link(original, LinkRole.ORIGINAL, line=40),)
    return make_doc(path, "Growers spent the night covering trees.", title=title, links=links)


def source(*links_: Link) -> ExtractedDocument:
    return make_doc("a.txt", "An article with a related link.", links=links_)


def test_significant_words_drop_stopwords_numbers_and_ids() -> None:
    words = significant_words(["valley", "orchards", "brace", "for", "2023", "b5521", "grower's"])
    assert words == {"valley", "orchard", "brace", "grower"}


def test_significant_words_join_apostrophes_like_slugs() -> None:
    assert significant_words(["The Mayor's Plan"]) == significant_words(["mayors", "plan"])


def test_slug_match_suggests_the_corpus_original_url() -> None:
    docs = [source(link(REWRITTEN, line=12, text="")), target()]
    found = find_related_matches(docs)
    assert list(found) == ["a.txt"]
    (match,) = found["a.txt"]
    assert match.link_url == REWRITTEN
    assert match.line == 12
    assert match.other_path == "b.txt"
    assert match.suggested_url == ORIGINAL
    assert match.matched_on == "slug"
    assert match.score == 1.0


def test_anchor_text_match_when_slug_says_nothing() -> None:
    numeric = "https://valley.example/story/448812"
    docs = [source(link(numeric, line=7, text=TITLE)), target()]
    (match,) = find_related_matches(docs)["a.txt"]
    assert match.matched_on == "anchor"
    assert match.suggested_url == ORIGINAL


def test_citation_with_slug_is_matched_but_placeholder_is_not() -> None:
    cited = link(REWRITTEN, LinkRole.CITATION, line=3)
    placeholder = link("#", LinkRole.PLACEHOLDER, line=4, text=TITLE)
    found = find_related_matches([source(cited, placeholder), target()])
    assert [match.line for match in found["a.txt"]] == [3]


def test_no_match_when_link_already_is_the_original_url() -> None:
    assert find_related_matches([source(link(ORIGINAL, line=2)), target()]) == {}


def test_no_match_when_target_declares_no_original_url() -> None:
    assert find_related_matches([source(link(REWRITTEN)), target(original=None)]) == {}


def test_no_match_for_a_weakly_related_slug() -> None:
    other = "https://valley.example/2023/01/01/valley-growers-sell-apples-at-winter-market"
    assert find_related_matches([source(link(other)), target()]) == {}


def test_document_does_not_match_its_own_original() -> None:
    own = make_doc(
        "b.txt",
        "Text.",
        title=TITLE,
        links=(link(ORIGINAL, LinkRole.ORIGINAL), link(REWRITTEN, LinkRole.RELATED)),
    )
    assert find_related_matches([own]) == {}


def test_best_target_wins_and_ties_go_to_path_order() -> None:
    twin = target(
        "c.txt",
        original="https://mirror.example/valley-orchards-brace-for-late-frost-as-growers-cover-young-trees-x1",
    )
    found = find_related_matches([twin, source(link(REWRITTEN)), target()])
    (match,) = found["a.txt"]
    assert match.other_path == "b.txt"


def test_each_occurrence_of_a_repeated_link_is_reported() -> None:
    docs = [source(link(REWRITTEN, line=22), link(REWRITTEN, line=23)), target()]
    assert [match.line for match in find_related_matches(docs)["a.txt"]] == [22, 23]


# --- the word index finds exactly the matches of scoring every target ---------------------

_WORDS = ["valley", "orchard", "frost", "grower", "tree", "council", "budget", "river"]
_WORDS += ["bridge", "mayor", "school", "harbour"]
_PHRASE = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=7).map(" ".join)


def _every_target(docs: list[ExtractedDocument]) -> dict[str, tuple[RelatedMatch, ...]]:
    """The specification: each candidate link scored against every other corpus target."""
    targets = [t for t in map(target_of, docs) if t is not None]
    known = {t.normalized for t in targets}
    found: dict[str, tuple[RelatedMatch, ...]] = {}
    for doc in docs:
        matches = []
        for candidate in _candidate_links(doc):
            assert candidate.facts is not None
            if candidate.facts.normalized in known:
                continue
            by_slug = significant_words(candidate.facts.slug_words)
            by_anchor = significant_words([candidate.text])
            best: tuple[float, str, RelatedTarget] | None = None
            for other in targets:
                if other.path == doc.path:
                    continue
                slug, anchor = _score(by_slug, other), _score(by_anchor, other)
                score, basis = (slug, "slug") if slug >= anchor else (anchor, "anchor")
                if score >= MATCH_THRESHOLD and (
                    best is None or (-score, other.path) < (-best[0], best[2].path)
                ):
                    best = (score, basis, other)
            if best is not None:
                matches.append(
                    RelatedMatch(
                        link_url=candidate.url,
                        line=candidate.line,
                        other_path=best[2].path,
                        suggested_url=best[2].original_url,
                        score=round(best[0], 4),
                        matched_on=best[1],
                    )
                )
        if matches:
            found[doc.path] = tuple(matches)
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_PHRASE, _PHRASE), min_size=1, max_size=8),
    st.lists(st.tuples(_PHRASE, _PHRASE), min_size=1, max_size=6),
)
def test_indexed_matching_equals_scoring_every_target(
    corpus: list[tuple[str, str]], cited: list[tuple[str, str]]
) -> None:
    docs = [
        make_doc(
            f"t{number}.txt",
            "Body.",
            title=title or None,
            links=(
                link(f"https://news.example/{number}/{slug.replace(' ', '-')}", LinkRole.ORIGINAL),
            ),
        )
        for number, (title, slug) in enumerate(corpus)
    ]
    links_ = tuple(
        link(f"https://old.example/{slug.replace(' ', '-')}", line=number + 1, text=anchor)
        for number, (slug, anchor) in enumerate(cited)
    )
    docs.append(make_doc("a.txt", "Citing.", links=links_))
    assert find_related_matches(docs) == _every_target(docs)
