"""Soft-404 detection: pages that answer 200 but are not the page that was linked.

Three signals, from strongest to weakest:

(a) the redirect chain ends at the site root, a section front (an ancestor of the linked path) or
    a URL that looks like an error page (``/404``, ``not-found``, ``error``): confirmed, and the
    reason says where it went ("redirected to site root") so the analyzer's PV303 can name it;
(b) a random-sibling probe: once per (host, parent directory, path shape), the crawler fetches
    ``<parent>/provcheck-probe-<hex>``, the hex a hash of the directory rather than random so
    that a recorded run replays (a random path would never be in the recording). A probe
    answered 404/410 (or any error) shows that the site does tell missing pages apart, and
    clears the page. A probe that lands on the same final URL the link redirected to confirms
    a soft-404. A probe whose page is nearly the same
    (word 3-shingle Jaccard >= 0.9, titles equal) shows the site answers 200 to any path;
(c) a "not found" page: the title says so, or a thin page (little text) says so.

Confirmed: (a); a probe that redirects to the same place; (b) on a page with real text (an
article-sized page identical to a random path's cannot be the linked article); (b) and (c)
together. Suspected only, keeping the state with the reason prefix "suspected soft-404": (b) on
a thin page without a not-found cue (single-page apps serve one near-empty shell for every path,
real pages included), and (c) without a probe or against a probe that failed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from provcheck.crawl.body import HtmlView

SIMILARITY_THRESHOLD = 0.9
THIN_WORDS = 150  # a page with fewer words is "thin"
PROBE_PREFIX = "provcheck-probe-"

_ROOT_PATHS = frozenset(
    {"", "/", "/index.html", "/index.htm", "/index.php", "/home", "/default.aspx"}
)
_ERROR_SEGMENT = re.compile(
    r"^(404|410|error|errors|not[-_]?found|page[-_]?not[-_]?found|missing|gone)(\.[a-z]+)?$",
    re.IGNORECASE,
)
_NOT_FOUND = re.compile(
    r"\bnot\s+found\b|\b404\b|does\s*n[o'’]t\s+exist|does not exist|no longer (exists|available)"
    r"|could\s*(n[o'’]t| not) be found|can(no|['’])t be found|page (is )?unavailable",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Soft404Verdict:
    """A soft-404 judgement: confirmed changes the state, suspected only the reason."""

    confirmed: bool
    reason: str


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What a random sibling of the link answered (status None: the probe failed)."""

    status: int | None
    final_url: str | None = None
    title: str | None = None
    text: str = ""
    token: str = ""


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def redirect_verdict(original: str, final: str) -> Soft404Verdict | None:
    """Signal (a): where a redirect chain that ends in 2xx went, if that is not the page."""
    if final == original:
        return None
    o, f = urlsplit(original), urlsplit(final)
    o_segs = [s for s in o.path.split("/") if s]
    f_segs = [s for s in f.path.split("/") if s]
    if (
        f.path.lower() in _ROOT_PATHS
        and not f.query
        and (o_segs or _host(original) != _host(final))
    ):
        return Soft404Verdict(True, "redirected to site root")
    to_error = any(_ERROR_SEGMENT.match(s) for s in f_segs) or re.search(
        r"(^|&)(error|status)=40[34]", f.query
    )
    if to_error and not any(_ERROR_SEGMENT.match(s) for s in o_segs):
        return Soft404Verdict(True, f"redirected to an error page {f.path}")
    if (
        _host(original) == _host(final)
        and 0 < len(f_segs) < len(o_segs)
        and [s.lower() for s in o_segs[: len(f_segs)]] == [s.lower() for s in f_segs]
    ):
        return Soft404Verdict(True, f"redirected to section front {f.path}")
    return None


def says_not_found(view: HtmlView) -> bool:
    """Signal (c): the title says "not found", or a thin page's text does."""
    if view.title and _NOT_FOUND.search(view.title):
        return True
    words = view.text.split()
    return len(words) < THIN_WORDS and bool(_NOT_FOUND.search(" ".join(words[:THIN_WORDS])))


def probe_target(url: str) -> tuple[tuple[str, str, str, str], str] | None:
    """The per-run probe key and a made-up sibling URL of ``url`` (None for a site root)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path == "/":
        return None
    trailing = path.endswith("/")
    stem = path.rstrip("/")
    parent, _, last = stem.rpartition("/")
    ext = ""
    if "." in last and not trailing:
        ext = "." + last.rsplit(".", 1)[1][:8]
    shape = ("/" if trailing else "") + ext
    key = (parts.scheme.lower(), parts.netloc.lower(), parent + "/", shape)
    token = PROBE_PREFIX + hashlib.sha256("|".join(key).encode()).hexdigest()[:12]
    probe_path = f"{parent}/{token}{ext}{'/' if trailing else ''}"
    return key, urlunsplit((parts.scheme, parts.netloc, probe_path, "", ""))


def _shingles(text: str, drop: str) -> set[tuple[str, ...]]:
    lowered = text.lower()
    if len(drop) >= 6:  # an echoed path segment ("/a/old-story was not found"); short ones
        lowered = lowered.replace(drop.lower(), " ")  # would cut into ordinary words
    words = re.sub(r"\d+", "0", lowered)
    tokens = re.findall(r"\w+", words)
    if len(tokens) < 3:
        return {tuple(tokens)}
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def similarity(a: str, b: str, drop_a: str = "", drop_b: str = "") -> float:
    """Jaccard similarity of word 3-shingles (digits folded, the given strings removed)."""
    sa, sb = _shingles(a, drop_a), _shingles(b, drop_b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def probe_verdict(
    url: str, final_url: str, view: HtmlView, probe: ProbeResult | None
) -> Soft404Verdict | None:
    """Signals (b) and (c) for a page that answered 2xx, given its sibling probe."""
    not_found = says_not_found(view)
    if probe is None or probe.status is None:
        return Soft404Verdict(False, "suspected soft-404: not-found page") if not_found else None
    if not 200 <= probe.status < 300:
        return None  # the site answers missing paths with an error: this page is real
    if final_url != url and probe.final_url == final_url:
        return Soft404Verdict(True, "redirected where any missing path goes")
    slug = urlsplit(url).path.rstrip("/").rpartition("/")[2]
    same_title = (view.title or "").casefold() == (probe.title or "").casefold()
    sim = similarity(view.text, probe.text, slug, probe.token)
    if same_title and sim >= SIMILARITY_THRESHOLD:
        if not_found:
            return Soft404Verdict(True, "site answers 200 to any path; the page says not found")
        if len(view.text.split()) >= THIN_WORDS:
            return Soft404Verdict(True, "site answers 200 to any path with the same page")
        return Soft404Verdict(False, "suspected soft-404: site answers the same page to any path")
    if not_found:
        return Soft404Verdict(False, "suspected soft-404: not-found page")
    return None
