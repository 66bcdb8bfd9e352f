"""Small factories for made-up ExtractedDocuments used by the corpus tests."""

from __future__ import annotations

import datetime as dt
import random
import re

from provcheck.models import (
    Attributed,
    Block,
    BlockKind,
    DateCandidate,
    DateSource,
    DocFormat,
    Document,
    DocumentDate,
    ExtractedDocument,
    Link,
    LinkRole,
    PartialDate,
    Precision,
    UrlFacts,
)


def url_facts(url: str) -> UrlFacts:
    """Rough facts for a test URL: host, lowercase normalised form and slug words."""
    match = re.match(r"https?://([^/]+)(/.*)?", url)
    assert match is not None
    host = match.group(1).lower()
    path = (match.group(2) or "/").rstrip("/")
    last = path.rsplit("/", 1)[-1]
    slug = tuple(part for part in re.split(r"[-_]", last.lower()) if part)
    return UrlFacts(
        normalized=f"https://{host}{path}",
        domain=".".join(host.split(".")[-2:]),
        host=host,
        path_date=None,
        slug_words=slug,
    )


def link(
    url: str,
    role: LinkRole = LinkRole.RELATED,
    *,
    line: int = 1,
    text: str = "",
) -> Link:
    """A link with URL facts (none for placeholders)."""
    facts = None if role is LinkRole.PLACEHOLDER else url_facts(url)
    return Link(url=url, line=line, column=1, text=text, role=role, facts=facts)


def stated(day: dt.date, source: DateSource = DateSource.DATELINE) -> DocumentDate:
    """A document date chosen from ``source``."""
    candidate = DateCandidate(PartialDate(day, Precision.DAY), source, "test", 1, chosen=True)
    return DocumentDate(chosen=candidate, candidates=(candidate,))


NO_DATE = DocumentDate(chosen=None)


def make_doc(
    path: str,
    text: str,
    *,
    title: str | None = None,
    date: DocumentDate = NO_DATE,
    authors: tuple[str, ...] = (),
    links: tuple[Link, ...] = (),
    boilerplate: tuple[tuple[int, int], ...] = (),
) -> ExtractedDocument:
    """An ExtractedDocument over plain text with the given metadata."""
    document = Document(path=path, format=DocFormat.TEXT, text=text, raw=text)
    return ExtractedDocument(
        document=document,
        title=None if title is None else Attributed(title, "test"),
        date=date,
        authors=tuple(Attributed(name, "test") for name in authors),
        publisher=None,
        links=links,
        boilerplate=tuple(
            Block(BlockKind.DONATION, start, end, "test") for start, end in boilerplate
        ),
    )


_VOCABULARY_TEXT = (
    "harbor council river budget school market bridge farmer storm vote mayor festival train "
    "library museum clinic rainfall harvest ferry tunnel lantern orchard quarry canal plaza "
    "glacier meadow summit village theatre bakery courier tram depot mill pier dock forest "
    "valley island coast garden station airport factory office stadium tower castle chapel "
    "engineer nurse teacher pilot sailor baker painter writer singer judge ranger miner"
)
_VOCABULARY = _VOCABULARY_TEXT.split()


def random_article(rng: random.Random, words: int = 450) -> str:
    """A made-up article of random vocabulary words, wrapped into short paragraphs."""
    tokens = [rng.choice(_VOCABULARY) for _ in range(words)]
    lines = [" ".join(tokens[start : start + 15]) for start in range(0, words, 15)]
    return "\n\n".join(lines)
