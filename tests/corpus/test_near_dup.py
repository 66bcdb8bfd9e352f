"""Near-duplicate detection: captures of one article match, different articles do not."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from provcheck.corpus.near_dup import (
    LSH_BANDS,
    MATCH_THRESHOLD,
    NUM_PERM,
    _candidate_pairs,
    better_sourced,
    capture_of,
    content_text,
    find_near_duplicates,
    normalize_text,
    pair_captures,
    provenance_score,
    shingle_hashes,
    similarity,
    words,
)
from provcheck.models import DateSource, LinkRole
from tests.corpus.builders import link, make_doc, random_article, stated

ARTICLE = """Harbor Council Approves New Ferry Route After Long Debate

The harbor council of Port Alder voted on Tuesday to approve a new ferry route linking the old
fishing pier with the island villages, ending a debate that had lasted almost two years.

Council chair Mira Okonkwo said the route would "give island families a reliable way to reach
the clinic and the market every single day of the week."

The vote passed seven to two. Opponents argued that the budget for the new vessel was too high
and that the pier needed repairs before any new service could start.

Engineers from the regional transport office estimated that repairs to the pier would take
four months and cost less than the council had feared.

The first crossings are planned for early spring, weather permitting, with six return trips a
day on weekdays and four at weekends.
"""

WRAPPED = (
    "Support independent local news\nDonate once\nDonate monthly\n\n"
    + ARTICLE.replace('"', "\u201c", 1).replace('week."', "week.\u201d")
    + "\nLeave a comment\nYour email address will not be published.\n"
)

OTHER_ARTICLE = """Harbor Council Delays Vote On Ferry Budget

The harbor council of Port Alder postponed a vote on the ferry budget on Monday after members
asked for a second estimate of the repairs needed at the fishing pier.

Several residents of the island villages spoke at the meeting, saying they had waited long
enough for a daily service and that the delay was a disappointment to many families.

The council will meet again next month. A spokesperson declined to say whether the new route
would still be ready for the spring season.
"""


def test_normalize_text_unifies_quotes_dashes_and_spaces() -> None:
    assert normalize_text("  \u201cHello\u201d \u2014 it\u2019s\n\tFINE ") == '"hello" - it\'s fine'


def test_words_drop_punctuation_and_mangled_quotes() -> None:
    assert words("\"very concerned' by it") == words("\u201cVery concerned\u201d by it")


def test_content_text_blanks_boilerplate_lines_keeping_numbering() -> None:
    doc = make_doc("a.txt", "one\ntwo\nthree\nfour", boilerplate=((2, 3),))
    assert content_text(doc) == "one\n\n\nfour"


def test_shingles_empty_for_short_text() -> None:
    assert len(shingle_hashes(["only", "four", "words", "here"])) == 0
    assert len(shingle_hashes(words("one two three four five six"))) == 2


def test_similarity_uses_containment_for_wrapped_capture() -> None:
    clean = shingle_hashes(words(ARTICLE))
    wrapped = shingle_hashes(words(WRAPPED))
    shared = len(np.intersect1d(clean, wrapped))
    jaccard = shared / (len(clean) + len(wrapped) - shared)
    assert similarity(clean, wrapped) > jaccard
    assert similarity(clean, wrapped) == shared / len(clean)


def test_similarity_ignores_containment_of_a_much_smaller_text() -> None:
    rng = random.Random(3)
    long_text = random_article(rng, 900)
    excerpt = " ".join(long_text.split()[:150])
    small = shingle_hashes(words(excerpt))
    large = shingle_hashes(words(long_text))
    assert similarity(small, large) < MATCH_THRESHOLD


def test_two_captures_of_one_article_are_near_duplicates() -> None:
    dated = make_doc(
        "b_print.txt",
        ARTICLE,
        title="Harbor Council Approves New Ferry Route After Long Debate",
        date=stated(dt.date(2019, 5, 14)),
        authors=("Ana Reyes",),
    )
    scraped = make_doc("a_scrape.txt", WRAPPED)
    found = find_near_duplicates([scraped, dated])
    assert set(found) == {"a_scrape.txt", "b_print.txt"}
    (dup,) = found["a_scrape.txt"]
    assert dup.other_path == "b_print.txt"
    assert dup.similarity >= MATCH_THRESHOLD
    assert dup.better_sourced == "b_print.txt"
    assert found["b_print.txt"][0].other_path == "a_scrape.txt"
    assert found["b_print.txt"][0].better_sourced == "b_print.txt"


def test_boilerplate_ranges_remove_a_wrapper_that_hides_the_match() -> None:
    wrapper = random_article(random.Random(5), 700)
    text = ARTICLE + "\n" + wrapper
    first_wrapper_line = ARTICLE.count("\n") + 2
    last_line = text.count("\n") + 1
    plain = make_doc("a.txt", text)
    marked = make_doc("a.txt", text, boilerplate=((first_wrapper_line, last_line),))
    clean = make_doc("b.txt", ARTICLE)
    assert find_near_duplicates([plain, clean]) == {}
    assert find_near_duplicates([marked, clean])["a.txt"][0].similarity == 1.0


def test_articles_on_the_same_topic_are_not_duplicates() -> None:
    docs = [make_doc("a.txt", ARTICLE), make_doc("b.txt", OTHER_ARTICLE)]
    assert find_near_duplicates(docs) == {}


def test_tiny_documents_are_never_duplicates() -> None:
    text = "Read more about the harbor"
    assert find_near_duplicates([make_doc("a.txt", text), make_doc("b.txt", text)]) == {}


def test_provenance_score_counts_documented_signals() -> None:
    bare = make_doc("a.txt", ARTICLE)
    assert provenance_score(bare) == 0
    rich = make_doc(
        "b.txt",
        ARTICLE,
        title="T",
        date=stated(dt.date(2019, 5, 14)),
        authors=("A",),
        links=(
            link("https://news.example/2019/05/14/ferry-route", LinkRole.ORIGINAL),
            link("https://news.example/a", LinkRole.CITATION),
            link("https://news.example/b", LinkRole.CITATION),
            link("https://news.example/c", LinkRole.CITATION),
            link("#", LinkRole.PLACEHOLDER),
        ),
    )
    assert provenance_score(rich) == 3 + 3 + 2 + 1 + 3
    caption = stated(dt.date(2019, 5, 14), DateSource.CAPTION)
    assert provenance_score(make_doc("c.txt", ARTICLE, date=caption)) == 0


def test_better_sourced_ties_go_to_path_order() -> None:
    first, second = make_doc("a.txt", ARTICLE), make_doc("b.txt", ARTICLE)
    assert better_sourced(second, first) == "a.txt"
    dated = make_doc("z.txt", ARTICLE, date=stated(dt.date(2019, 5, 14)))
    assert better_sourced(first, dated) == "z.txt"


def test_exact_copies_have_similarity_one() -> None:
    found = find_near_duplicates([make_doc("a.txt", ARTICLE), make_doc("b.txt", ARTICLE)])
    assert found["a.txt"][0].similarity == 1.0


def test_scale_planted_pairs_found_without_false_pairs() -> None:
    rng = random.Random(11)
    docs = [make_doc(f"doc{n:03d}.txt", random_article(rng)) for n in range(297)]
    planted = {}
    for number, source in enumerate((5, 120, 250)):
        text = docs[source].document.text
        edited = text.replace("harbor", "harbour", 3) + "\n\nShare this story\nSubscribe"
        docs.append(make_doc(f"copy{number}.txt", edited))
        planted[f"copy{number}.txt"] = docs[source].path
    found = find_near_duplicates(docs)
    pairs = {tuple(sorted((path, dup.other_path))) for path, dups in found.items() for dup in dups}
    assert pairs == {tuple(sorted(pair)) for pair in planted.items()}


def test_lsh_buckets_are_datasketchs() -> None:
    """The compact banding pairs exactly the documents MinHashLSH(params=LSH_BANDS) pairs."""
    from datasketch import MinHash, MinHashLSH

    rng = random.Random(5)
    base = [random_article(rng) for _ in range(30)]
    texts = base + [text.replace("the", "a", 4) + " Subscribe now" for text in base[:10]]
    shingles = [shingle_hashes(words(text)) for text in texts]
    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
    batches = [(values & np.uint64(0xFFFFFFFF)).tolist() for values in shingles]
    minhashes = MinHash.bulk(batches, num_perm=NUM_PERM, hashfunc=int)
    for index, minhash in enumerate(minhashes):
        lsh.insert(index, minhash)
    expected = {
        (min(index, other), max(index, other))
        for index, minhash in enumerate(minhashes)
        for other in lsh.query(minhash)
        if other != index
    }
    assert len(expected) >= 10
    assert _candidate_pairs(shingles) == expected


def test_captures_pair_like_documents() -> None:
    docs = [make_doc("b.txt", ARTICLE), make_doc("a.txt", ARTICLE + "\nShare this story")]
    captures = [capture_of(doc) for doc in sorted(docs, key=lambda d: d.path)]
    assert captures[0].provenance == provenance_score(docs[1])
    assert pair_captures(captures) == find_near_duplicates(sorted(docs, key=lambda d: d.path))
    assert pair_captures(captures)["a.txt"][0].other_path == "b.txt"
