#!/usr/bin/env python3
"""A loopback web of fictional ``.example`` sites for the demo archive in ``examples/``.

Why: ``provcheck audit examples`` should show every link verdict (alive, redirected,
broken, soft-404, restricted, rate-limited, archived copy, content drift, anachronism that
only a fetch can see) without touching the internet. This server answers for every host
the demo archive links to. It is also a plain-HTTP forward proxy: a client configured with
``proxy=http://127.0.0.1:PORT`` sends ``GET http://host/path HTTP/1.1`` and gets the
answer for ``host``; an origin-form request is routed by its ``Host`` header. CONNECT
(https) is refused, so every URL in the archive uses ``http://``. Unknown hosts get a 502
marked with the ``X-Demo-Proxy-Error`` header. It binds 127.0.0.1 only and exits by
itself after ``--lifetime`` seconds.

The demo archive (``examples/``), six captures of one invented story (a ferry strike that
closes the harbour of the fictional town of Vellmouth, June 2022):

- ``harbour-closure-pdf.txt``: text from a PDF print. Title over two lines, dateline
  ``June 14, 2022`` (a Tuesday; the text says Tuesday, Monday, Sunday, Saturday), mangled
  quotes, a caption repeated as body text, a real hyphen at a line end, a wrapped
  ``Related article:`` title, a block of bare URLs (an author page, the same related URL
  twice, dated 2025/11/04: anachronistic, and without the ``-a12345`` id of the real
  one), and a URL wrapped mid-path across a line break.
- ``harbour-closure-scraped.txt``: the same article scraped from the web: no date, byline
  or URL; an ad-free appeal on top, a donation appeal and widget remnants at the end.
- ``ferry-strike-blog.txt``: a blog post: dates without a year, no byline, no link,
  unlinked attributions, ``Categories:``, an empty ``Tagged as:`` list, a comment form, and
  the port chair's statement in another translation than the Markdown copy gives.
- ``port-authority-talks.md``: a Markdown conversion of the related article (June 13,
  2022, two authors), author, citation and related links stripped to ``(#)``, and an
  ``Original url:`` that is alive here but whose text has drifted.
- ``widgets-flattened.txt``: a page with widgets flattened: no dateline, the only full
  date in a photo caption, related headlines left as bare lines (one twice), a
  personalisation appeal on top, many unlinked attributions.
- ``council-vote.html``: an HTML page with JSON-LD, og:url, canonical and site name;
  citation links that are relative, a ``#`` placeholder, a 404 and a 410 with archived
  copies, a soft-404, a 301 -> 302 -> 200 chain, a redirect to the site root, a 429, a 403
  bot wall, and a related link whose target says (in its own JSON-LD) it was published
  in 2025.

``EXAMPLE_URLS`` lists every URL the archive contains (relative ones resolved against the
page's canonical URL) with the first-hop status it gets here; tests/test_demo_site.py
checks the table against the files and the server against the table.

Usage: ``python scripts/demo_site.py --port 8765 --lifetime 600``
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"

GAZETTE = "http://www.harbour-gazette.example"
COURIER = "http://www.vellmouth-courier.example"
PORT_AUTH = "http://www.vellmouth-port.example"
SOFT_404_HOST = "records.vellmouth-council.example"
ARCHIVE_HOST = "archive.example"
TALKS_SLUG = "port-authority-opens-talks-with-ferry-unions-as-harbour-stays-shut"
COUNCIL_URL = f"{COURIER}/2022/06/16/council-votes-emergency-ferry-fund-as-harbour-closure-drags-on"
BROKEN_404 = f"{PORT_AUTH}/notices/2022/closure-order-review-0615"
GONE_410 = f"{PORT_AUTH}/press/strike-timeline"

#: Every URL in examples/ -> (status of the first hop, what it demonstrates).
EXAMPLE_URLS: dict[str, tuple[int, str]] = {
    f"{GAZETTE}/author/marta-kell": (200, "author page"),
    f"{GAZETTE}/2025/11/04/{TALKS_SLUG}": (200, "related link dated years after the article"),
    f"{PORT_AUTH}/notices/2022/inner-harbour-closure-order-june-12": (200, "URL wrapped in PDF"),
    f"{GAZETTE}/2022/06/13/{TALKS_SLUG}-a12345": (200, "original URL, text drifted"),
    COUNCIL_URL: (200, "canonical / og:url / JSON-LD url of council-vote.html"),
    f"{COURIER}/": (200, "site front (navigation)"),
    f"{COURIER}/news/": (200, "section front (navigation)"),
    f"{COURIER}/islands/": (200, "section front (navigation)"),
    f"{COURIER}/author/ines-marlow": (200, "author page (relative href)"),
    f"{COURIER}/author/tomas-reddy": (200, "author page (relative href)"),
    f"{COURIER}/2022/06/15/harbour-master-extends-closure-order": (200, "relative citation"),
    f"{COURIER}/features/island-lifeline-ferries": (200, "related page whose metadata says 2025"),
    BROKEN_404: (404, "broken link, archived copy exists"),
    GONE_410: (410, "gone, archived copy exists"),
    f"http://{SOFT_404_HOST}/minutes/2022-06-16-full-council": (200, "soft-404 host"),
    "http://coastwire.example/story/ferry-strike-ballot": (301, "redirect chain 301 -> 302 -> 200"),
    "http://www.tidewater-line.example/timetables/summer-2022": (301, "redirect to site root"),
    "http://data.islands-stats.example/ferry-passengers/2021": (429, "rate limited, Retry-After"),
    "http://www.maritime-crews-union.example/statements/strike-mandate": (403, "bot wall"),
}

#: Archived snapshots (Wayback availability API) for the broken links: URL -> timestamp.
SNAPSHOTS: dict[str, str] = {BROKEN_404: "20220615183012", GONE_410: "20220612090455"}


@dataclass(frozen=True, slots=True)
class Route:
    """One canned answer."""

    status: int
    body: str = ""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


def page(
    title: str,
    paragraphs: list[str],
    *,
    published: str | None = None,
    modified: str | None = None,
    authors: tuple[str, ...] = (),
    url: str | None = None,
    site: str = "",
) -> str:
    """A small news-like HTML page, with JSON-LD when a date or URL is given."""
    head = [f"<title>{html.escape(title)}</title>"]
    if site:
        head.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
    if url:
        head.append(f'<link rel="canonical" href="{url}">')
    if published or url:
        data: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle"}
        data["headline"] = title
        if published:
            data["datePublished"] = published
        if modified:
            data["dateModified"] = modified
        if authors:
            data["author"] = [{"@type": "Person", "name": a} for a in authors]
        if site:
            data["publisher"] = {"@type": "NewsMediaOrganization", "name": site}
        if url:
            data["url"] = url
        head.append(f'<script type="application/ld+json">{json.dumps(data)}</script>')
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        + "\n".join(head)
        + f"\n</head><body><main><article><h1>{html.escape(title)}</h1>\n{body}\n"
        + "</article></main></body></html>\n"
    )


def redirect(status: int, location: str) -> Route:
    return Route(status, f"Moved to {location}\n", "text/plain", (("Location", location),))


TALKS_TITLE = "Port Authority Opens Talks With Ferry Unions as Harbour Stays Shut"

#: The live original of port-authority-talks.md: same headline and date, text rewritten.
DRIFTED_TALKS = [
    "Talks between the Vellmouth port authority and the two ferry unions ended without"
    " agreement late on Monday, and both sides said they would not meet again this week.",
    "The harbour master has since allowed a limited number of freight sailings under"
    " coastguard escort, while passenger crossings to the Skerry Isles remain suspended.",
    '"We came to listen, and we heard nothing new," union secretary Dana Whitcombe said after'
    " the meeting, adding that the roster plan had to be withdrawn before any return to work.",
    "Crews of the Tidewater Line walked out on Saturday after negotiations over rosters and"
    " overtime pay collapsed.",
    "A spokesperson for the Tidewater Line said the company had offered an independent review"
    " of rest periods, an offer the unions described as too little and too late.",
    "This article was updated after the first round of talks ended.",
]

OLD_SITE = "The Harbour Gazette"


def build_routes() -> dict[str, Route]:
    """Every exact URL the demo web answers for, keyed by ``http://host/path``."""
    council = EXAMPLES / "council-vote.html"
    council_html = council.read_text("utf-8") if council.exists() else page("Council vote", [])
    notice = ["The inner harbour is closed to all traffic until further notice."]
    routes = {
        f"{GAZETTE}/": Route(200, page(OLD_SITE, ["Local news from the harbour."], site=OLD_SITE)),
        f"{GAZETTE}/author/marta-kell": Route(
            200, page("Marta Kell", ["Marta Kell covers transport and the islands."], site=OLD_SITE)
        ),
        f"{GAZETTE}/2025/11/04/{TALKS_SLUG}": Route(
            200,
            page(
                TALKS_TITLE,
                ["Three years on, the port authority looks back at the talks that ended a strike."],
                published="2025-11-04T08:00:00+00:00",
                url=f"{GAZETTE}/2025/11/04/{TALKS_SLUG}",
                site=OLD_SITE,
            ),
        ),
        f"{GAZETTE}/2022/06/13/{TALKS_SLUG}-a12345": Route(
            200,
            page(
                TALKS_TITLE,
                DRIFTED_TALKS,
                published="2022-06-13T16:20:00+01:00",
                modified="2022-06-14T07:05:00+01:00",
                authors=("Marta Kell", "Jonas Airey"),
                url=f"{GAZETTE}/2022/06/13/{TALKS_SLUG}-a12345",
                site=OLD_SITE,
            ),
        ),
        f"{PORT_AUTH}/": Route(200, page("Vellmouth Port Authority", ["Notices and press."])),
        f"{PORT_AUTH}/notices/2022/inner-harbour-closure-order-june-12": Route(
            200, page("Closure order: inner harbour", notice, published="2022-06-12")
        ),
        BROKEN_404: Route(404, page("Not found", ["No such notice."])),
        GONE_410: Route(410, page("Gone", ["This page has been removed."])),
        COUNCIL_URL: Route(200, council_html),
        f"{COURIER}/": Route(200, page("The Vellmouth Courier", ["Front page."])),
        f"{COURIER}/news/": Route(200, page("News", ["Latest news."])),
        f"{COURIER}/islands/": Route(200, page("Islands", ["Island news."])),
        f"{COURIER}/author/ines-marlow": Route(200, page("Ines Marlow", ["Reporter."])),
        f"{COURIER}/author/tomas-reddy": Route(200, page("Tomas Reddy", ["Reporter."])),
        f"{COURIER}/2022/06/15/harbour-master-extends-closure-order": Route(
            200,
            page(
                "Harbour Master Extends Closure Order",
                ["The closure order was extended on Wednesday."],
                published="2022-06-15T12:00:00+01:00",
                url=f"{COURIER}/2022/06/15/harbour-master-extends-closure-order",
                site="The Vellmouth Courier",
            ),
        ),
        f"{COURIER}/features/island-lifeline-ferries": Route(
            200,
            page(
                "Lifelines on the Water: How the Island Ferries Keep Holm Going",
                ["A portrait of the crossing, three summers after the strike."],
                published="2025-09-02T06:30:00+01:00",
                url=f"{COURIER}/features/island-lifeline-ferries",
                site="The Vellmouth Courier",
            ),
        ),
        "http://coastwire.example/story/ferry-strike-ballot": redirect(
            301, "http://coastwire.example/stories/ferry-strike-ballot"
        ),
        "http://coastwire.example/stories/ferry-strike-ballot": redirect(
            302, "http://www.coastwire.example/stories/2022/05/ferry-strike-ballot"
        ),
        "http://www.coastwire.example/stories/2022/05/ferry-strike-ballot": Route(
            200,
            page(
                "Ferry Crews Back Strike in Roster Ballot",
                ["Crews voted by a large margin for a walkout."],
                published="2022-05-27T10:00:00+01:00",
            ),
        ),
        "http://www.tidewater-line.example/timetables/summer-2022": redirect(
            301, "http://www.tidewater-line.example/"
        ),
        "http://www.tidewater-line.example/": Route(200, page("Tidewater Line", ["Book now."])),
        "http://data.islands-stats.example/ferry-passengers/2021": Route(
            429, "Too many requests\n", "text/plain", (("Retry-After", "1"),)
        ),
        "http://www.maritime-crews-union.example/statements/strike-mandate": Route(
            403, page("Access denied", ["Checking your browser before accessing this site."])
        ),
    }
    for url, stamp in SNAPSHOTS.items():
        snap = page("Archived notice", [f"Archived copy of {url}."], published=stamp[:8])
        routes[f"http://{ARCHIVE_HOST}/web/{stamp}/{url}"] = Route(200, snap)
    return routes


ROUTES = build_routes()
KNOWN_HOSTS = frozenset(urlsplit(u).hostname or "" for u in ROUTES) | {SOFT_404_HOST}
ROBOTS = Route(200, "User-agent: *\nAllow: /\n", "text/plain")
NOT_FOUND = Route(404, page("Page not found", ["Sorry, we could not find that page."]))
SOFT_404 = Route(200, page("Page not found", ["Sorry, the page you asked for does not exist."]))


def availability(query: str) -> Route:
    """Answer like the Wayback availability API (``/wayback/available?url=&timestamp=``)."""
    wanted = (parse_qs(query).get("url") or [""])[0]
    bare = wanted.split("://", 1)[-1].rstrip("/")
    hits = [(u, t) for u, t in SNAPSHOTS.items() if u.split("://", 1)[-1].rstrip("/") == bare]
    snaps: dict[str, object] = {}
    if hits:
        url, stamp = hits[0]
        snaps["closest"] = {
            "available": True,
            "url": f"http://{ARCHIVE_HOST}/web/{stamp}/{url}",
            "timestamp": stamp,
            "status": "200",
        }
    body = json.dumps({"url": wanted, "archived_snapshots": snaps})
    return Route(200, body, "application/json")


def resolve(host: str, path: str, query: str) -> Route:
    """The answer for one request to ``host``: exact route, host rule, or a 404/502."""
    host = host.lower()
    if host in ("127.0.0.1", "localhost"):
        if path == "/__health":
            return Route(200, "ok\n", "text/plain")
        return Route(200, "\n".join(EXAMPLE_URLS) + "\n", "text/plain")
    if host == SOFT_404_HOST:
        return SOFT_404
    if host == ARCHIVE_HOST and path == "/wayback/available":
        return availability(query)
    key = f"http://{host}{path}" + (f"?{query}" if query else "")
    if key in ROUTES:
        return ROUTES[key]
    if host not in KNOWN_HOSTS:
        body = f"demo proxy: unknown host {host}\n"
        return Route(502, body, "text/plain", (("X-Demo-Proxy-Error", "unknown-host"),))
    return ROBOTS if path == "/robots.txt" else NOT_FOUND


class Handler(BaseHTTPRequestHandler):
    """Routes absolute-form (proxy) and origin-form requests through :func:`resolve`."""

    protocol_version = "HTTP/1.1"
    server_version = "provcheck-demo/1"
    quiet = True

    def _answer(self, with_body: bool) -> None:
        target = self.path
        if target.startswith(("http://", "https://")):
            parts = urlsplit(target)
            host, path, query = parts.hostname or "", parts.path or "/", parts.query
        else:
            parts = urlsplit("http://placeholder" + target)
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
            path, query = parts.path or "/", parts.query
        route = resolve(host, path, query)
        data = route.body.encode("utf-8")
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in route.headers:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_CONNECT(self) -> None:
        self.send_error(405, "demo proxy serves plain http only")

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server(port: int = 0, *, verbose: bool = False) -> ThreadingHTTPServer:
    """A server bound to 127.0.0.1 (``port=0`` picks a free port); not yet serving."""
    Handler.quiet = not verbose
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--lifetime", type=float, default=600.0, help="exit after N seconds")
    parser.add_argument("--verbose", action="store_true", help="log requests to stderr")
    args = parser.parse_args(argv)
    server = make_server(args.port, verbose=args.verbose)
    timer = threading.Timer(args.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    print(f"demo site on http://127.0.0.1:{server.server_address[1]}", file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        timer.cancel()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
