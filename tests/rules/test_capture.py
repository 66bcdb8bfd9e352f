"""PV401-PV407: attribution and capture quality."""

from __future__ import annotations

from provcheck.models import (
    Artifact,
    Attribution,
    Block,
    BlockKind,
    Certainty,
    LinkRole,
    LinkState,
    OrphanHeadline,
    Severity,
)
from tests.rules.builders import ctx, doc, link, run, status

SRC = "https://ministry.example/statements/41"


def test_pv401_missing_byline() -> None:
    found = run("PV401", ctx(doc(authors=())))
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert run("PV401", ctx(doc())) == []


def test_pv401_author_page_link_counts_as_byline() -> None:
    d = doc(authors=(), links=(link("https://news.example/author/staff", role=LinkRole.AUTHOR),))
    assert run("PV401", ctx(d)) == []


def test_pv402_missing_publisher() -> None:
    assert len(run("PV402", ctx(doc(publisher=None)))) == 1
    assert run("PV402", ctx(doc())) == []


def test_pv402_publisher_known_from_original_or_author_link() -> None:
    for role in (LinkRole.ORIGINAL, LinkRole.AUTHOR):
        d = doc(publisher=None, links=(link(SRC, role=role),))
        assert run("PV402", ctx(d)) == []
    cited = doc(publisher=None, links=(link(SRC, role=LinkRole.CITATION),))
    assert len(run("PV402", ctx(cited))) == 1


def test_pv403_no_links_at_all() -> None:
    found = run("PV403", ctx(doc()))
    assert len(found) == 1
    assert found[0].confidence is Certainty.HIGH
    placeholders = doc(links=(link("#", role=LinkRole.PLACEHOLDER),))
    assert "1 stripped or malformed" in run("PV403", ctx(placeholders))[0].message


def test_pv403_offline_judges_by_presence() -> None:
    d = doc(links=(link(SRC),))
    assert run("PV403", ctx(d)) == []
    assert run("PV403", ctx(d, (status(SRC, LinkState.UNVERIFIED),))) == []


def test_pv403_all_checked_links_fail() -> None:
    d = doc(links=(link(SRC), link("https://b.example/x")))
    statuses = (status(SRC, LinkState.BROKEN), status("x", LinkState.SOFT_404))
    found = run("PV403", ctx(d, statuses))
    assert len(found) == 1
    assert "none of the 2 links works" in found[0].message
    working = (status(SRC, LinkState.BROKEN), status("x", LinkState.RESTRICTED))
    assert run("PV403", ctx(d, working)) == []


def test_pv404_lists_unlinked_attributions() -> None:
    attributions = (
        Attribution("the ministry", "according-to", "according to the ministry", 2),
        Attribution("the union", "said", "the union said", 1),
        Attribution("a spokesman", "told", "told a spokesman", 3),
    )
    d = doc(attributions=attributions, links=(link(SRC, line=3),))
    found = run("PV404", ctx(d))
    assert len(found) == 1
    f = found[0]
    assert f.line == 2
    assert "2 attribution(s)" in f.message
    assert "the ministry, the union" in f.message
    assert ("1", 'line 2: "according to the ministry" (the ministry)') in f.evidence


def test_pv404_placeholder_on_the_line_counts_as_linked() -> None:
    attributions = (Attribution("the union", "said", "the union said", 1),)
    d = doc(attributions=attributions, links=(link("#", line=1, role=LinkRole.PLACEHOLDER),))
    assert run("PV404", ctx(d)) == []


def test_pv404_evidence_is_capped() -> None:
    attributions = tuple(Attribution(f"s{i}", "said", f"s{i} said", i) for i in range(1, 15))
    evidence = run("PV404", ctx(doc(attributions=attributions)))[0].evidence
    assert ("more", "4") in evidence
    assert len(evidence) == 11


def test_pv405_one_finding_listing_blocks_without_tag_lists() -> None:
    blocks = (
        Block(BlockKind.DONATION, 3, 5, "Support our journalism"),
        Block(BlockKind.COMMENT_FORM, 30, 32, "Leave a Reply"),
        Block(BlockKind.TAG_LIST, 28, 28, "Tags: , ,"),
    )
    found = run("PV405", ctx(doc(boilerplate=blocks)))
    assert len(found) == 1
    assert found[0].line == 3
    assert "2 block(s)" in found[0].message
    assert "comment-form" in found[0].message
    assert "donation-appeal" in found[0].message
    only_tags = doc(boilerplate=(blocks[2],))
    assert run("PV405", ctx(only_tags)) == []
    assert run("PV405", ctx(doc())) == []


def test_pv406_orphan_headlines() -> None:
    orphans = (
        OrphanHeadline(6, "Ferry fares rise again"),
        OrphanHeadline(14, "Mayor opens new bridge", repeated=True),
    )
    found = run("PV406", ctx(doc(orphans=orphans)))
    assert len(found) == 1
    assert found[0].line == 6
    assert "2 headline-like" in found[0].message
    assert "1 repeated" in found[0].message
    assert found[0].confidence is Certainty.HIGH
    assert run("PV406", ctx(doc())) == []


def test_pv407_groups_artifacts_by_kind_and_reports_empty_tags() -> None:
    artifacts = (
        Artifact("mismatched-quotes", 9, "\"we are worried'"),
        Artifact("repeated-paragraph", 12, "A crane stands idle."),
        Artifact("mismatched-quotes", 4, "'no comment\""),
    )
    blocks = (Block(BlockKind.TAG_LIST, 40, 40, "Tagged as: , , ,"),)
    found = run("PV407", ctx(doc(artifacts=artifacts, boilerplate=blocks)))
    assert [f.line for f in found] == [4, 12, 40]
    assert "line(s) 4, 9" in found[0].message
    assert "empty-tag-list" in found[2].message
    assert run("PV407", ctx(doc())) == []
