"""Bylines, author links and publishers."""

from __future__ import annotations

import pytest

from provcheck.extract.byline import (
    byline_authors,
    dedupe,
    domain_publisher,
    link_authors,
    looks_like_name,
    parse_byline,
    text_publisher,
)
from provcheck.models import Attributed, Link, LinkRole, UrlFacts


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Roe and Sam Lee", ("Jane Roe", "Sam Lee")),
        ("By Jane Roe, Sam Lee and Ana de la Cruz", ("Jane Roe", "Sam Lee", "Ana de la Cruz")),
        ("By Jane Roe | Example Wire", ("Jane Roe",)),
        ("BY JANE ROE", ("JANE ROE",)),
        ("By [Jane Roe](#) and [Sam Lee](https://news.example/staff/sam)", ("Jane Roe", "Sam Lee")),
        ("**By Jane Roe, Staff Writer**", ("Jane Roe",)),
        ("By Jane Roe in Milltown", ("Jane Roe",)),
        ("By Jane Roe, June 2, 2021", ("Jane Roe",)),
        ("By The Example Wire", ("The Example Wire",)),
    ],
)
def test_bylines(line: str, names: tuple[str, ...]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By Friday, the army had withdrawn from the town.",
        "By the way, nobody came.",
        "By 2030 the plan will be complete",
        "Bystanders Jane Roe and Sam Lee",
        "By Jane Roe and a team of eleven reporters working across the region for many weeks",
    ],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) == ()


def test_byline_authors_near_the_top_only() -> None:
    lines = ["Headline Here", "By Jane Roe", "", *(["Body line."] * 30), "By Sam Lee"]
    authors = byline_authors(lines)
    assert [(a.value, a.source, a.line) for a in authors] == [("Jane Roe", "byline", 2)]
    assert byline_authors(lines, skip=frozenset({2})) == []


def _link(url: str, text: str, role: LinkRole, domain: str | None = None) -> Link:
    facts = UrlFacts(url, domain, domain, None, ()) if domain else None
    return Link(url, 7, 1, text, role, facts=facts)


def test_link_authors_need_name_like_anchor_text() -> None:
    links = [
        _link("#", "Jane Roe", LinkRole.AUTHOR),
        _link(
            "https://news.example/author/sam-lee",
            "https://news.example/author/sam-lee",
            LinkRole.AUTHOR,
        ),
        _link("https://news.example/a", "Related Story Here", LinkRole.RELATED),
    ]
    assert [(a.value, a.source, a.line) for a in link_authors(links)] == [
        ("Jane Roe", "author-link", 7)
    ]


def test_dedupe_is_case_and_space_insensitive() -> None:
    values = [Attributed("Jane Roe", "byline"), Attributed("jane  roe", "author-link")]
    assert dedupe(values) == (values[0],)


def test_names() -> None:
    assert looks_like_name("Ana de la Cruz")
    assert looks_like_name("J. R. Smith")
    assert not looks_like_name("the mayor")
    assert not looks_like_name("Friday")
    assert not looks_like_name("news.example/staff")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("© 2022 Example Media Group. All rights reserved.", "Example Media Group"),
        ("Copyright 2019-2022 Harbour Gazette", "Harbour Gazette"),
        ("Source: Milltown Courier", "Milltown Courier"),
        ("Published by Riverside Press", "Riverside Press"),
    ],
)
def test_text_publisher(line: str, name: str) -> None:
    found = text_publisher(["Headline", "", "Body text.", "", line])
    assert found is not None
    assert (found.value, found.line) == (name, 5)


def test_no_text_publisher_in_body_sentences() -> None:
    lines = ["The source of the leak was never published by anyone in the town, the mayor said."]
    assert text_publisher(lines) is None


def test_domain_publisher_prefers_the_original_link() -> None:
    links = [
        _link("https://staff.test/author/x", "", LinkRole.AUTHOR, "staff.test"),
        _link("https://paper.test/2022/05/03/x", "", LinkRole.ORIGINAL, "paper.test"),
    ]
    found = domain_publisher(links)
    assert found is not None
    assert (found.value, found.source) == ("paper.test", "original-link-domain")
    only_author = domain_publisher(links[:1])
    assert only_author is not None
    assert only_author.source == "author-link-domain"
    assert domain_publisher([]) is None
