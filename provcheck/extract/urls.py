"""What a URL says without fetching it: normal form, registrable domain, path date, slug.

Everything here is pure and offline. The registrable domain comes from the Public Suffix
List snapshot bundled with tldextract (never the network: see PITFALLS.md); the extractor
is built once, on first use.

Choices worth knowing:

* Only ``http`` and ``https`` URLs get facts; any other scheme is :class:`MalformedUrl`
  (``htps://`` typos are exactly what the malformed-url rule wants to see). Extractors skip
  schemes that are deliberately not web links (``mailto:``, ``tel:`` ...), see
  :data:`NON_WEB_SCHEMES`.
* A host needs a dot (``localhost`` and IP literals excepted) and valid labels.
* Hosts outside the Public Suffix List (``news.test``, ``intranet.example``) get the last two
  labels as their domain, so fixtures on reserved names still group by site.
* Path dates: ``/2021/03/26/``, ``/2021-03-26/``, ``/2021_03_26``, ``/20210326/`` (day);
  ``/2021/03/`` and ``/2021-03/`` (month); a year alone only as ``/2021/<slug>`` where the next
  segment is a word slug (has letters and a ``-`` or ``_``), because a bare ``/2021/`` is as
  often a page number or an id. Years 1900-2099 are recognised; dates before 1990 or after
  ``today`` + 1 day are kept but marked not plausible.
* Slug words: the last path segment that has a letter (``index.html`` and ``amp`` skipped),
  extension dropped, split on ``-``/``_``/``+``, lower-cased; a trailing id token (digits, or
  letters mixed with digits like ``a73387``) is dropped from the words. The id stays in the
  URL; :func:`slug_id` returns it for callers that want to compare ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import idna

from provcheck.models import PartialDate, PathDate, Precision, UrlFacts

__all__ = [
    "NON_WEB_SCHEMES",
    "TRACKING_PARAMS",
    "TRACKING_PREFIXES",
    "MalformedUrl",
    "is_placeholder_target",
    "normalize_url",
    "path_date",
    "slug_id",
    "slug_words",
    "tld_extractor",
    "url_facts",
]


class MalformedUrl(ValueError):
    """The URL cannot be parsed or names an invalid host; the message is a one-line reason."""


#: Query parameters that only track the click; removed from the normal form.
TRACKING_PARAMS: tuple[str, ...] = (
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "ref_src",
    "ref_url",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wickedid",
    "cmpid",
    "ocid",
)
#: Parameter name prefixes that only track the click (``utm_source``, ``utm_medium`` ...).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_",)

#: Schemes that are deliberately not links to web pages; extractors skip them.
NON_WEB_SCHEMES: frozenset[str] = frozenset(
    {"mailto", "tel", "sms", "callto", "fax", "data", "file", "ftp", "sftp", "magnet", "irc"}
    | {"ircs", "xmpp", "skype", "geo", "webcal", "blob", "whatsapp", "intent", "news"}
)

_TRACKING = frozenset(TRACKING_PARAMS)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_IP_LIKE_RE = re.compile(r"[\d.]+")
_LABEL_RE = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_BAD_CHARS_RE = re.compile(r"[\s\x00-\x1f\x7f]")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
_PLACEHOLDERS = frozenset({"", "#", "#!", "#/", "about:blank", "about:", "undefined", "null"})

_DAY_RES = (
    re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?=[/._-]|$)"),
    re.compile(r"/((?:19|20)\d\d)[-_](\d\d)[-_](\d\d)(?=[/._-]|$)"),
    re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?=[/._-]|$)"),
)
_MONTH_RES = (
    re.compile(r"/((?:19|20)\d\d)/(\d\d?)(?=/|$)"),
    re.compile(r"/((?:19|20)\d\d)-(\d\d)(?=/|$)"),
)
_YEAR_RE = re.compile(r"/((?:19|20)\d\d)/(?=[^/]*[^\W\d_][^/]*[-_][^/]*[^\W\d_])")
_EARLIEST = dt.date(1990, 1, 1)

_INDEX_SEGMENTS = frozenset({"index", "default", "amp"})
_EXT_RE = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cms|cfm|amp)$", re.IGNORECASE)
_ASCII_LETTER_RE = re.compile("[A-Za-z]")
_SPLIT_RE = re.compile(r"[-_+\s.]+")
_ID_RE = re.compile(r"^(?:\d+|(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]+)$")


@functools.cache
def tld_extractor() -> Any:
    """The bundled-snapshot TLD extractor, built once (about 20 ms); never downloads."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def is_placeholder_target(href: str) -> bool:
    """True for hrefs that were stripped to nothing: ``#``, empty, ``javascript:``, ``about:blank``.

    Also ``#!``, ``#/``, and the template leftovers ``undefined`` and ``null``. A real
    in-page anchor such as ``#notes`` is not a placeholder.
    """
    target = _BAD_CHARS_RE.sub("", href).lower()
    return target in _PLACEHOLDERS or target.startswith("javascript:")


def normalize_url(url: str) -> str:
    """The normal form of ``url`` (see :func:`url_facts`); raises :class:`MalformedUrl`."""
    return url_facts(url).normalized


def url_facts(url: str, *, today: dt.date | None = None) -> UrlFacts:
    """Parse and normalise ``url`` and read its domain, path date and slug words.

    ``today`` bounds path-date plausibility (default: the current date). Results are cached:
    the same URLs (author pages, a site's front page) recur across a corpus.
    """
    return _cached_facts(url, today or dt.date.today())


#: ``http(s)://host/path?query#fragment`` with a plain ASCII host (no user, port or
#: brackets): the parts ``urlsplit`` gives such a URL are its groups (see ``_split``).
_PLAIN_URL_RE = re.compile(
    r"([Hh][Tt][Tt][Pp][Ss]?)://([A-Za-z0-9._-]+)((?:/[^?#]*)?)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL
)


def _split(text: str) -> tuple[str, str, str, str, str, str | None, int | None]:
    """``urlsplit(text)``'s scheme, netloc, path, query and fragment, then its hostname
    and port; raises ``ValueError`` as urlsplit does.

    A plain URL (most links) is read with one regex instead of urlsplit and its
    properties, which parse the netloc again for each: ``text`` has no blank or control
    character (checked before), the netloc ends at the first ``/``, ``?`` or ``#`` and
    holds no ``@``, ``:`` or brackets, so urlsplit would cut exactly at the groups' edges,
    lower-case the scheme, and give the lower-cased netloc as hostname and no port.
    """
    plain = _PLAIN_URL_RE.fullmatch(text)
    if plain:
        scheme, netloc, path, query, fragment = plain.groups("")
        return scheme.lower(), netloc, path, query, fragment, netloc.lower(), None
    parts = urlsplit(text)
    return (*parts, parts.hostname, parts.port)


@functools.lru_cache(maxsize=8192)
def _cached_facts(url: str, today: dt.date) -> UrlFacts:
    text = url.strip()
    if _BAD_CHARS_RE.search(text):
        raise MalformedUrl("URL contains whitespace or control characters")
    try:
        scheme, raw_netloc, raw_path, query, fragment, hostname, port = _split(text)
    except ValueError as exc:
        raise MalformedUrl(f"URL cannot be parsed: {exc}") from None
    scheme = scheme.lower()
    if not scheme:
        raise MalformedUrl("relative URL with no scheme or base to resolve it against")
    if scheme not in _DEFAULT_PORTS:
        raise MalformedUrl(f"unsupported scheme {scheme!r}")
    host = _valid_host(hostname or "")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if "@" in raw_netloc:
        netloc = raw_netloc.rsplit("@", 1)[0] + "@" + netloc
    path = _quote_path(raw_path) or "/"
    kept, removed = _split_query(query)
    # urlunsplit((scheme, netloc, path, kept, "")), written out: netloc is never empty
    # and path starts with "/" (urlsplit ends the netloc at the first "/", "?" or "#").
    normalized = f"{scheme}://{netloc}{path}?{kept}" if kept else f"{scheme}://{netloc}{path}"
    return UrlFacts(
        normalized=normalized,
        domain=_registrable_domain(host),
        host=host,
        path_date=path_date(path, today=today),
        slug_words=slug_words(path),
        removed_params=removed,
        fragment=fragment,
    )


#: Paths made only of the characters ``quote(path, safe=_PATH_SAFE)`` leaves alone.
_QUOTED_PATH_RE = re.compile(r"[A-Za-z0-9_.~/%:@!$&'()*+,;=-]*")


def _quote_path(path: str) -> str:
    """``quote(path, safe=_PATH_SAFE)``, skipped when there is nothing to quote."""
    return path if _QUOTED_PATH_RE.fullmatch(path) else quote(path, safe=_PATH_SAFE)


@functools.lru_cache(maxsize=4096)
def _valid_host(raw_host: str) -> str:
    """Lower-case, IDNA-encode and check ``raw_host``; raise :class:`MalformedUrl` if invalid."""
    host = raw_host.lower().rstrip(".")
    if not host:
        raise MalformedUrl("URL has no host")
    if ":" in host or _IP_LIKE_RE.fullmatch(host):
        try:
            return str(ipaddress.ip_address(host))
        except ValueError:
            raise MalformedUrl(f"invalid IP address host {host!r}") from None
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError) as exc:
            raise MalformedUrl(f"invalid internationalised host: {exc}") from None
    labels = host.split(".")
    if len(host) > 253 or not all(_LABEL_RE.match(label) for label in labels):
        raise MalformedUrl(f"invalid host {host!r}")
    if len(labels) < 2 and host != "localhost":
        raise MalformedUrl(f"host {host!r} has no domain suffix")
    if labels[-1].isdigit():
        raise MalformedUrl(f"invalid host {host!r}: numeric top-level label")
    return host


@functools.lru_cache(maxsize=4096)
def _registrable_domain(host: str) -> str:
    """The registrable domain (``example.co.uk``); the host itself for IPs and ``localhost``.

    Cached: a corpus links to few hosts, and the Public Suffix lookup is the costly part.
    """
    if ":" in host or host == "localhost" or host.replace(".", "").isdigit():
        return host
    top, tops = host.rpartition(".")[2], _public_suffix_top_labels()
    if top.startswith("xn--") or top in tops or "*" in tops:  # "*": a rule for every host
        domain = str(tld_extractor()(host).top_domain_under_public_suffix)
        if domain:
            return domain
    return ".".join(host.split(".")[-2:])


@functools.cache
def _public_suffix_top_labels() -> frozenset[str]:
    """The last label of every rule tldextract looks hosts up with (``uk`` for ``co.uk``).

    A host whose last label is none of these matches no rule, and tldextract finds no
    registrable domain for it; skipping the lookup then gives the same answer about 20
    times faster (a corpus on reserved names such as ``.example`` has many unique hosts).
    Punycode labels (``xn--``) are always looked up: the rules hold them decoded.
    """
    return frozenset(rule.rpartition(".")[2] for rule in tld_extractor().tlds)


def _split_query(query: str) -> tuple[str, tuple[str, ...]]:
    """Drop tracking parameters, keep the rest in order and as written (safely quoted)."""
    if not query:
        return "", ()
    kept: list[str] = []
    removed: list[str] = []
    for piece in query.split("&"):
        if not piece:
            continue
        name = unquote(piece.split("=", 1)[0])
        key = name.lower()
        if key in _TRACKING or key.startswith(TRACKING_PREFIXES):
            removed.append(name)
        else:
            kept.append(quote(piece, safe=_QUERY_SAFE))
    return "&".join(kept), tuple(removed)


def path_date(path: str, *, today: dt.date | None = None) -> PathDate | None:
    """The date in a URL path (day, then month, then year precision), or None.

    Only valid calendar dates are returned; ``plausible`` is False for dates before
    1990-01-01 or after ``today`` + 1 day.
    """
    if "/19" not in path and "/20" not in path:  # every pattern starts with /19.. or /20..
        return None
    limit = (today or dt.date.today()) + dt.timedelta(days=1)
    for pattern in _DAY_RES:
        for match in pattern.finditer(path):
            found = _make_date(match, Precision.DAY, limit)
            if found:
                return found
    for pattern in _MONTH_RES:
        for match in pattern.finditer(path):
            found = _make_date(match, Precision.MONTH, limit)
            if found:
                return found
    year = _YEAR_RE.search(path)
    return _make_date(year, Precision.YEAR, limit) if year else None


def _make_date(match: re.Match[str], precision: Precision, limit: dt.date) -> PathDate | None:
    groups = [int(g) for g in match.groups()]
    year, month, day = [*groups, 1, 1][:3]
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    date = PartialDate(value, precision)
    plausible = date.latest() >= _EARLIEST and value <= limit
    return PathDate(date=date, text=match.group(0), plausible=plausible)


def _has_letter(text: str) -> bool:
    """``any(ch.isalpha() for ch in text)``; for ASCII text one regex search does it."""
    if text.isascii():
        return _ASCII_LETTER_RE.search(text) is not None
    return any(ch.isalpha() for ch in text)


def _slug_tokens(url_or_path: str) -> list[str]:
    """The lower-cased tokens of the last meaningful path segment, id token included."""
    path = urlsplit(url_or_path).path if "://" in url_or_path else url_or_path
    path = path.split("?", 1)[0].split("#", 1)[0]
    for segment in reversed(path.split("/")):
        name = unquote(segment)
        if "." in name:
            name = _EXT_RE.sub("", name)
        name = name.lower()
        if not _has_letter(name) or name in _INDEX_SEGMENTS:
            continue
        return [token for token in _SPLIT_RE.split(name) if token]
    return []


def slug_words(url_or_path: str) -> tuple[str, ...]:
    """Words of the last meaningful path segment, without a trailing id token."""
    tokens = _slug_tokens(url_or_path)
    if len(tokens) > 1 and _ID_RE.match(tokens[-1]):
        tokens.pop()
    return tuple(tokens)


def slug_id(url_or_path: str) -> str | None:
    """The trailing id token that :func:`slug_words` drops (``a73387``), if any."""
    tokens = _slug_tokens(url_or_path)
    if len(tokens) > 1 and _ID_RE.match(tokens[-1]):
        return tokens[-1]
    return None
