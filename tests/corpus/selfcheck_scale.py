"""Scale self-check (not a test): time analyze_corpus on a generated corpus.

Run: ``python -m tests.corpus.selfcheck_scale [documents]`` from the repository root. Builds
documents of about 3 KB of Zipf-distributed pseudo-words, each with a title, three quotations,
an original URL and two related links to other documents' titles, plants a few near-duplicate
pairs, and prints the time taken and what was found.
"""

from __future__ import annotations

import itertools
import random
import sys
import time

from provcheck.corpus.analyze import analyze_corpus
from provcheck.models import ExtractedDocument, LinkRole
from tests.corpus.builders import link, make_doc

_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.randint(1, 4)
        words.add("".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables)))
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


def generate(count: int, seed: int = 7) -> list[ExtractedDocument]:
    """``count`` documents of about 3 KB, with ``count // 1000 + 3`` planted duplicate pairs.

    Every document has two related links to other documents' titles under another URL, and
    one document in 500 rewords a quotation of the document before it (three words of twelve).
    """
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 20_000)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))

    def sample(size: int) -> list[str]:
        return rng.choices(vocabulary, cum_weights=cumulative, k=size)

    titles = [" ".join(sample(8)).capitalize() for _ in range(count)]
    docs = []
    previous: list[str] = []
    for number in range(count):
        paragraphs = [" ".join(sample(40)) + "." for _ in range(9)]
        for slot in (1, 4, 7):
            quote = sample(12)
            if slot == 1 and number % 500 == 1:  # a reworded quote of the previous document
                quote = previous[:2] + sample(1) + previous[3:7] + sample(2) + previous[9:]
            if slot == 1:
                previous = quote
            paragraphs[slot] += f' "{" ".join(quote).capitalize()}," an official said.'
        text = titles[number] + "\n\n" + "\n\n".join(paragraphs)
        slug = "-".join(titles[number].lower().split())
        links = [link(f"https://news.example/2020/01/01/{slug}-{number}", LinkRole.ORIGINAL)]
        for other in rng.sample(range(count), 2):
            other_slug = "-".join(titles[other].lower().split())
            links.append(link(f"https://news.example/2024/05/05/{other_slug}", line=3))
        docs.append(
            make_doc(f"doc{number:06d}.txt", text, title=titles[number], links=tuple(links))
        )
    for pair in range(count // 1000 + 3):
        source = docs[pair * 7]
        copy = "Subscribe to our newsletter today.\n\n" + source.document.text
        docs.append(
            make_doc(
                f"copy{pair:04d}.txt", copy, title=source.title.value if source.title else None
            )
        )
    return docs


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    docs = generate(count)
    size = sum(len(doc.document.text) for doc in docs)
    started, cpu = time.perf_counter(), time.process_time()
    facts = analyze_corpus(docs)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    pairs = sum(len(item.near_duplicates) for item in facts.values()) // 2
    related = sum(len(item.related_matches) for item in facts.values())
    variants = sum(len(item.quote_variants) for item in facts.values()) // 2
    print(
        f"{len(docs)} documents, {size / len(docs):.0f} chars each,",
        f"{elapsed:.1f} s ({cpu:.1f} s CPU)",
    )
    print(
        f"near-duplicate pairs {pairs}, related matches {related}, quote variant pairs {variants}"
    )


if __name__ == "__main__":
    main()
