"""analyze_corpus: CorpusFacts per document, inherited dates, determinism."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys

from provcheck.corpus.analyze import analyze_corpus
from provcheck.models import CorpusFacts, DateSource, ExtractedDocument, LinkRole
from provcheck.spool import Spool
from tests.corpus.builders import link, make_doc, random_article, stated

ARTICLE = """Lantern Festival Returns To The Old Quarry After Three Quiet Years

Thousands of visitors filled the old quarry on Saturday night as the lantern festival returned
after three years without a public celebration in the town of Elmsford.

Organiser Petra Lind said "the quarry has never looked so bright, and every lantern tonight was
made by a family from the valley."

Volunteers spent six weeks building the floating platforms that carried the largest lanterns
across the flooded floor of the quarry, while the town band played on the upper terrace.

The council estimated that the festival brought more visitors to the town than any event since
the opening of the railway museum, and local bakeries reported record sales.

Next year's festival is planned for the same weekend, with a new path from the station.
"""

SCRAPE = "Subscribe for more stories\n\n" + ARTICLE + "\nShare on social media\nComments (0)\n"

REPORT = """Quarry Festival Crowds Surprise Organisers

Organisers of the Elmsford festival said on Sunday they had not expected such crowds.
In an interview Petra Lind said "never has the quarry looked this bright; each lantern this
evening was made by one of the valley families," adding that planning for next year had begun.
Traffic on the valley road was slow for most of the evening, police said.
"""

TITLE = "Lantern Festival Returns To The Old Quarry After Three Quiet Years"
ORIGINAL = "https://town.example/2017/09/16/lantern-festival-returns-to-the-old-quarry-after-three-quiet-years-77"
STALE = "https://town.example/2022/01/03/lantern-festival-returns-to-the-old-quarry-after-three-quiet-years"


def corpus() -> list[ExtractedDocument]:
    return [
        make_doc(
            "print.txt",
            ARTICLE,
            title=TITLE,
            date=stated(dt.date(2017, 9, 16)),
            authors=("J. Moss",),
            links=(link(ORIGINAL, LinkRole.ORIGINAL, line=30),),
        ),
        make_doc("scrape.txt", SCRAPE),
        make_doc("report.txt", REPORT, links=(link(STALE, line=6, text="Festival returns"),)),
        make_doc("other.txt", random_article(random.Random(2))),
    ]


def test_every_document_gets_facts_in_sorted_order() -> None:
    facts = analyze_corpus(corpus())
    assert list(facts) == ["other.txt", "print.txt", "report.txt", "scrape.txt"]
    assert facts["other.txt"] == CorpusFacts()


def test_near_duplicates_and_inherited_date() -> None:
    facts = analyze_corpus(corpus())
    (dup,) = facts["scrape.txt"].near_duplicates
    assert dup.other_path == "print.txt"
    assert dup.better_sourced == "print.txt"
    inherited = facts["scrape.txt"].inherited_date
    assert inherited is not None
    assert inherited.date.value == dt.date(2017, 9, 16)
    assert inherited.source is DateSource.INHERITED
    assert inherited.inferred
    assert not inherited.chosen
    assert inherited.evidence == "from near-duplicate print.txt"
    assert facts["scrape.txt"].inherited_from == "print.txt"
    assert facts["print.txt"].inherited_date is None
    assert facts["print.txt"].inherited_from is None


def test_related_match_and_quote_variant_through_the_entry_point() -> None:
    facts = analyze_corpus(corpus())
    (match,) = facts["report.txt"].related_matches
    assert match.other_path == "print.txt"
    assert match.suggested_url == ORIGINAL
    variants = facts["report.txt"].quote_variants
    assert {variant.other_path for variant in variants} == {"print.txt", "scrape.txt"}
    assert facts["print.txt"].quote_variants[0].other_path == "report.txt"


def test_quotes_repeated_by_near_duplicates_are_not_variants() -> None:
    facts = analyze_corpus(corpus())
    assert all(v.other_path == "report.txt" for v in facts["scrape.txt"].quote_variants)


def test_inferred_date_is_replaced_by_a_stated_one_but_never_passed_on() -> None:
    caption = stated(dt.date(2017, 9, 10), DateSource.CAPTION)
    docs = [make_doc("a.txt", ARTICLE, date=caption), make_doc("b.txt", SCRAPE)]
    facts = analyze_corpus(docs)
    assert facts["b.txt"].inherited_date is None  # a caption date is not inherited
    docs.append(make_doc("c.txt", ARTICLE, date=stated(dt.date(2017, 9, 16))))
    facts = analyze_corpus(docs)
    inherited = facts["a.txt"].inherited_date
    assert inherited is not None
    assert inherited.date.value == dt.date(2017, 9, 16)
    assert facts["a.txt"].inherited_from == "c.txt"


def test_best_sourced_partner_gives_the_date() -> None:
    weak = make_doc("a.txt", ARTICLE, date=stated(dt.date(2017, 9, 17)))
    strong = make_doc(
        "z.txt",
        ARTICLE,
        date=stated(dt.date(2017, 9, 16)),
        authors=("J. Moss",),
        links=(link(ORIGINAL, LinkRole.ORIGINAL),),
    )
    facts = analyze_corpus([weak, make_doc("m.txt", SCRAPE), strong])
    assert facts["m.txt"].inherited_from == "z.txt"
    assert {dup.better_sourced for dup in facts["m.txt"].near_duplicates} == {"a.txt", "z.txt"}


def test_same_result_for_shuffled_input() -> None:
    docs = corpus() + [make_doc(f"r{n}.txt", random_article(random.Random(n))) for n in range(8)]
    expected = analyze_corpus(docs)
    for seed in range(4):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        result = analyze_corpus(shuffled)
        assert result == expected
        assert list(result) == list(expected)


def test_duplicate_paths_are_analysed_once() -> None:
    docs = [make_doc("a.txt", ARTICLE), make_doc("a.txt", ARTICLE)]
    assert analyze_corpus(docs) == {"a.txt": CorpusFacts()}


def test_empty_corpus() -> None:
    assert analyze_corpus([]) == {}


def test_a_spool_on_disk_gives_the_same_facts_as_a_list() -> None:
    docs = corpus() + [make_doc(f"r{n}.txt", random_article(random.Random(n))) for n in range(5)]
    expected = analyze_corpus(docs)
    assert any(f.near_duplicates for f in expected.values())
    assert any(f.related_matches for f in expected.values())
    assert analyze_corpus(Spool(docs)) == expected


def test_duplicate_paths_keep_the_first_text_in_order() -> None:
    shorter = make_doc("a.txt", ARTICLE, date=stated(dt.date(2017, 9, 16)))
    longer = make_doc("a.txt", SCRAPE)
    for docs in ([shorter, longer, make_doc("b.txt", SCRAPE)],
                 [longer, make_doc("b.txt", SCRAPE), shorter]):  # fmt: skip
        facts = analyze_corpus(docs)
        assert list(facts) == ["a.txt", "b.txt"]
        # ARTICLE ("Lantern ...") sorts before SCRAPE ("Subscribe ..."): the dated copy is
        # the one analysed, whatever the input order, and b.txt inherits its date.
        assert facts["b.txt"].inherited_from == "a.txt"


def test_one_document_needs_no_numpy() -> None:
    code = (
        "import sys\n"
        "from provcheck.corpus.analyze import analyze_corpus\n"
        "from tests.corpus.builders import make_doc\n"
        "facts = analyze_corpus([make_doc('only.txt', 'A lone article about a quay.')])\n"
        "assert list(facts) == ['only.txt'], facts\n"
        "assert 'numpy' not in sys.modules and 'datasketch' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
