"""The demo site answers, as a forward proxy, for every URL in the demo archive."""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
URL_RE = re.compile(r"http://[^\s<>\"')\]]+")
CONTINUATION_RE = re.compile(r"[A-Za-z0-9._~%/-]+(?=\s|$)")

pytestmark = pytest.mark.network


def load_site() -> ModuleType:
    spec = importlib.util.spec_from_file_location("demo_site", ROOT / "scripts" / "demo_site.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["demo_site"] = module
    spec.loader.exec_module(module)
    return module


site = load_site()


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href") or ""


def text_urls(text: str) -> set[str]:
    """Bare URLs, joining one wrapped over a line break as a PDF extraction leaves it."""
    found: set[str] = set()
    lines = text.splitlines()
    for i, line in enumerate(lines):
        for match in URL_RE.finditer(line):
            url = match.group(0).rstrip(".,;:")
            if match.end() == len(line) and i + 1 < len(lines):
                nxt = CONTINUATION_RE.match(lines[i + 1])
                if nxt and not lines[i + 1].startswith("http"):
                    url += nxt.group(0)
            found.add(url)
    return found


def archive_urls() -> set[str]:
    urls: set[str] = set()
    for path in sorted((ROOT / "examples").iterdir()):
        text = path.read_text("utf-8")
        if path.suffix == ".html":
            parser = Hrefs()
            parser.feed(text)
            assert parser.canonical.startswith("http://")
            for href in parser.hrefs:
                if href != "#":
                    urls.add(urljoin(parser.canonical, href))
            urls |= set(URL_RE.findall(text))
        else:
            urls |= text_urls(text)
    return urls


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    server = site.make_server(0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with httpx.Client(proxy=proxy, timeout=5.0, trust_env=False) as c:
            yield c
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_table_lists_exactly_the_archive_urls() -> None:
    assert archive_urls() == set(site.EXAMPLE_URLS)


def test_wrapped_url_is_joined_in_the_table() -> None:
    assert f"{site.PORT_AUTH}/notices/2022/inner-harbour-closure-order-june-12" in archive_urls()


def test_every_archive_url_gets_its_intended_status(client: httpx.Client) -> None:
    for url, (status, _why) in site.EXAMPLE_URLS.items():
        response = client.get(url)
        assert "X-Demo-Proxy-Error" not in response.headers, url
        assert response.status_code == status, url


def test_related_page_carries_a_later_json_ld_date(client: httpx.Client) -> None:
    response = client.get(f"{site.COURIER}/features/island-lifeline-ferries")
    assert response.status_code == 200
    assert '"datePublished": "2025-09-02' in response.text


def test_redirect_chain_is_301_302_200(client: httpx.Client) -> None:
    response = client.get(
        "http://coastwire.example/story/ferry-strike-ballot", follow_redirects=True
    )
    assert [r.status_code for r in response.history] == [301, 302]
    assert response.status_code == 200
    assert str(response.url) == "http://www.coastwire.example/stories/2022/05/ferry-strike-ballot"


def test_redirect_to_root(client: httpx.Client) -> None:
    response = client.get(
        "http://www.tidewater-line.example/timetables/summer-2022", follow_redirects=True
    )
    assert response.status_code == 200
    assert str(response.url) == "http://www.tidewater-line.example/"


def test_soft_404_host_answers_200_for_any_path(client: httpx.Client) -> None:
    response = client.get(f"http://{site.SOFT_404_HOST}/no/such/page-q8z3")
    assert response.status_code == 200
    assert "Page not found" in response.text


def test_unknown_path_on_known_host_is_404_and_head_works(client: httpx.Client) -> None:
    assert client.get(f"{site.GAZETTE}/2022/06/13/random-sibling-x1").status_code == 404
    head = client.head(f"{site.GAZETTE}/author/marta-kell")
    assert head.status_code == 200
    assert head.content == b""


def test_rate_limited_url_sends_retry_after(client: httpx.Client) -> None:
    response = client.get("http://data.islands-stats.example/ferry-passengers/2021")
    assert response.headers["Retry-After"] == "1"


def test_unknown_host_is_a_marked_proxy_error(client: httpx.Client) -> None:
    response = client.get("http://nowhere.example/")
    assert response.status_code == 502
    assert response.headers["X-Demo-Proxy-Error"] == "unknown-host"


def test_availability_api_returns_snapshot_for_broken_link(client: httpx.Client) -> None:
    api = "http://archive.example/wayback/available"
    data = client.get(api, params={"url": site.BROKEN_404, "timestamp": "20220616"}).json()
    closest = data["archived_snapshots"]["closest"]
    assert closest["timestamp"] == "20220615183012"
    assert client.get(closest["url"]).status_code == 200
    alive = client.get(api, params={"url": f"{site.COURIER}/"}).json()
    assert alive["archived_snapshots"] == {}


def test_original_url_text_has_drifted_from_markdown_copy(client: httpx.Client) -> None:
    url = f"{site.GAZETTE}/2022/06/13/{site.TALKS_SLUG}-a12345"
    served = client.get(url).text
    copy = (ROOT / "examples" / "port-authority-talks.md").read_text("utf-8")
    assert site.TALKS_TITLE in served
    assert site.TALKS_TITLE in copy
    assert "ended without agreement" in served
    assert "ended without agreement" not in copy
