#!/usr/bin/env python3
"""Write a deterministic synthetic archive for the extraction benchmark.

Why: extraction speed has to be measured on something shaped like a real archive (datelines,
bylines, bare and Markdown links, wrapped URLs, related-article labels, wrapper
boilerplate, full HTML pages with JSON-LD), large enough to time, and identical on every
machine. Everything is invented from small word lists with a seeded RNG: the same
``--seed`` gives byte-identical files. Hosts are under the reserved ``.example`` TLD.

Layout written under OUT::

    OUT/textmd/NNNNN.txt | NNNNN.md   (default 10,000 files, about 3 KB each)
    OUT/html/NNNNN.html               (default 1,000 pages)
    OUT/manifest.json                 counts, seed, bytes and the links planted per file

usage: python bench/gen_corpus.py OUT [--text 10000] [--html 1000] [--seed 20220614]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import sys
from pathlib import Path


def words(text: str) -> list[str]:
    """A word list from one string (keeps the lists below short to read)."""
    return text.split()


SYLLABLES = words("ka lo mer vin dal sor ten bra hul fen gar is mo rav tel quin ost per wy lan")
NOUNS = words(
    "harbour council ferry union budget bridge school clinic depot quay railway market "
    "tribunal reservoir library festival timetable contract ballot inquiry pension island "
    "warehouse pier storm licence tariff audit shipyard runway hospital court"
)
VERBS = words(
    "approved rejected delayed announced reviewed extended cancelled defended questioned "
    "funded suspended restored proposed postponed criticised welcomed"
)
ADJS = words("emergency regional annual disputed new revised temporary long-awaited costly")
ROLES = words("spokesperson chair secretary director minister councillor inspector treasurer")
ORGS = "Port Authority|Transport Board|Crews Union|Island Council|Audit Office|Health Trust"
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
WEEKDAYS = [dt.date(2024, 1, d).strftime("%A") for d in range(1, 8)]  # 2024-01-01 is Monday
BOILERPLATE = [
    "Support independent journalism\nOnce\nMonthly\nAnnual\nContinue\nRemind me later",
    "Leave a Reply\nYou are commenting using your account. Log Out /  Change )",
    "Categories: Local\n\nTagged as: , , ,",
    "Get more with myNews\nA personalised feed of stories\nLearn more",
    "We use cookies to improve your experience. Accept all | Manage settings",
]
TEXT_TARGET = 3000


class Writer:
    """Builds one document's text from a seeded RNG; records planted link counts."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def name(self) -> str:
        r = self.rng
        first = "".join(r.sample(SYLLABLES, 2)).capitalize()
        last = "".join(r.sample(SYLLABLES, 3)).capitalize()
        return f"{first} {last}"

    def host(self) -> str:
        r = self.rng
        return f"www.{r.choice(SYLLABLES)}{r.choice(SYLLABLES)}-{r.choice(NOUNS)}.example"

    def title(self) -> str:
        r = self.rng
        words = [r.choice(ADJS), r.choice(NOUNS), r.choice(VERBS), "as", r.choice(NOUNS)]
        words += [r.choice(VERBS), "over", r.choice(NOUNS), r.choice(NOUNS)]
        return " ".join(w.capitalize() for w in words)

    def url(self, date: dt.date, title: str | None = None) -> str:
        r = self.rng
        slug = "-".join((title or self.title()).lower().split())
        if r.random() < 0.7:
            return f"http://{self.host()}/{date:%Y/%m/%d}/{slug}-a{r.randint(1000, 99999)}"
        return f"http://{self.host()}/news/{r.choice(NOUNS)}/{slug}"

    def sentence(self) -> str:
        r = self.rng
        org = r.choice(ORGS.split("|"))
        forms = [
            f"The {r.choice(ADJS)} {r.choice(NOUNS)} was {r.choice(VERBS)} by the {org} on "
            f"{r.choice(WEEKDAYS)}, {r.choice(ROLES)} {self.name()} said.",
            f"According to the {org}, about {r.randint(2, 900) * 10:,} people rely on the "
            f"{r.choice(NOUNS)} every week.",
            f'"We have {r.choice(VERBS)} the {r.choice(NOUNS)} and will not stop now," '
            f"{self.name()} told reporters.",
            f"Critics said the {r.choice(NOUNS)} plan had been {r.choice(VERBS)} without a "
            f"proper {r.choice(NOUNS)} review, and the {org} declined to comment.",
            f"The {r.choice(NOUNS)} {r.choice(VERBS)} last year cost {r.randint(2, 90)} million, "
            f"figures from the {org} show.",
        ]
        return r.choice(forms)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))


def wrap_url(url: str, rng: random.Random) -> str:
    """Cut a URL mid-path across a line break, as a PDF extraction does."""
    cut = rng.randint(len(url) // 2, len(url) - 3)
    return url[:cut] + "\n" + url[cut:]


def text_document(rng: random.Random, markdown: bool) -> tuple[str, int]:
    """A ~3 KB text or Markdown article and the number of links planted in it."""
    w = Writer(rng)
    date = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 4000))
    title = w.title()
    links = 0
    parts: list[str] = []
    if rng.random() < 0.15:
        parts.append(rng.choice(BOILERPLATE))
    if markdown:
        parts.append(f"# {title}")
    elif rng.random() < 0.4:
        cut = title.find(" ", len(title) // 2)
        parts.append(title[:cut] + "\n" + title[cut + 1 :])
    else:
        parts.append(title)
    if rng.random() < 0.6:
        if markdown:
            parts.append(f"By [{w.name()}](#) and [{w.name()}](#)")
            links += 2
        else:
            parts.append(f"By {w.name()}")
    if rng.random() < 0.7:
        parts.append(f"{MONTHS[date.month - 1]} {date.day}, {date.year}")
    related = w.title()
    while sum(len(p) for p in parts) < TEXT_TARGET:
        para = w.paragraph()
        roll = rng.random()
        if markdown and roll < 0.35:
            word = rng.choice(("said", "reported", "figures", "data", "announced"))
            target = "#" if rng.random() < 0.3 else w.url(date)
            para += f" The {rng.choice(NOUNS)} was [{word}]({target}) earlier."
            links += 1
        elif not markdown and roll < 0.2:
            para += f" Details: {w.url(date)}"
            links += 1
        parts.append(para)
        if rng.random() < 0.08:
            label = "**Related article:**" if markdown else "Related article:"
            if markdown:
                parts.append(f"{label} [{related}]({w.url(date, related)})")
            else:
                parts.append(f"{label} {related}")
            links += int(markdown)
    if not markdown and rng.random() < 0.5:
        later = date + dt.timedelta(days=rng.randint(0, 2000))
        block = [f"http://{w.host()}/author/{w.name().lower().replace(' ', '-')}"]
        block += [w.url(later, related)] * 2
        if rng.random() < 0.3:
            block.append(wrap_url(w.url(date), rng))
        parts.append("\n".join(block))
        links += len(block)
    if rng.random() < 0.1:
        parts.append(rng.choice(BOILERPLATE))
    if markdown and rng.random() < 0.5:
        parts.append(f"Original url:\n\n<{w.url(date, title)}>")
        links += 1
    return "\n\n".join(parts) + "\n", links


def html_document(rng: random.Random) -> tuple[str, int]:
    """A news page with head metadata, JSON-LD, navigation and linked paragraphs."""
    w = Writer(rng)
    date = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 4000))
    title = w.title()
    canonical = w.url(date, title)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": f"{date.isoformat()}T09:00:00+00:00",
        "author": [{"@type": "Person", "name": w.name()}],
        "publisher": {"@type": "Organization", "name": "The Example Courier"},
        "url": canonical,
    }
    nav = " ".join(f'<a href="/{n}/">{n.title()}</a>' for n in rng.sample(NOUNS, 8))
    body: list[str] = []
    links = 8
    for _ in range(rng.randint(10, 16)):
        para = html.escape(w.paragraph())
        roll = rng.random()
        if roll < 0.25:
            para += f' <a href="{w.url(date)}">{rng.choice(VERBS)}</a>.'
            links += 1
        elif roll < 0.35:
            para += f' <a href="/{date:%Y/%m/%d}/{rng.choice(NOUNS)}-{rng.choice(NOUNS)}">more</a>.'
            links += 1
        elif roll < 0.4:
            para += f' <a href="#">{rng.choice(NOUNS)} report</a>.'
            links += 1
        body.append(f"<p>{para}</p>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<link rel="canonical" href="{canonical}">
<meta property="og:url" content="{canonical}">
<meta property="og:site_name" content="The Example Courier">
<meta property="article:published_time" content="{date.isoformat()}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body>
<header><nav>{nav}</nav></header>
<main><article><h1>{html.escape(title)}</h1>
<p class="byline">By {html.escape(w.name())}</p>
{chr(10).join(body)}
</article></main>
<footer><p>&copy; The Example Courier</p></footer>
</body></html>
"""
    return page, links + 2  # + canonical and og:url


def generate(out: Path, n_text: int, n_html: int, seed: int) -> dict[str, object]:
    """Write the corpus and return its manifest."""
    rng = random.Random(seed)
    (out / "textmd").mkdir(parents=True, exist_ok=True)
    (out / "html").mkdir(parents=True, exist_ok=True)
    size = {"textmd": 0, "html": 0}
    planted = {"textmd": 0, "html": 0}
    for i in range(n_text):
        markdown = rng.random() < 0.4
        text, links = text_document(rng, markdown)
        path = out / "textmd" / f"{i:05d}.{'md' if markdown else 'txt'}"
        path.write_text(text, "utf-8")
        size["textmd"] += len(text.encode())
        planted["textmd"] += links
    for i in range(n_html):
        page, links = html_document(rng)
        (out / "html" / f"{i:05d}.html").write_text(page, "utf-8")
        size["html"] += len(page.encode())
        planted["html"] += links
    manifest: dict[str, object] = {
        "seed": seed,
        "files": {"textmd": n_text, "html": n_html},
        "bytes": size,
        "planted_links_approx": planted,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the synthetic extraction corpus.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--text", type=int, default=10_000, help="text/Markdown documents")
    parser.add_argument("--html", type=int, default=1_000, help="HTML pages")
    parser.add_argument("--seed", type=int, default=20220614)
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.text, args.html, args.seed)
    print(json.dumps(manifest), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
