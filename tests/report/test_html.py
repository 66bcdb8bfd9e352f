"""The HTML report as a file: self-contained, escaped, accessible (checked without a browser)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.html import render_html, script_json
from provcheck.report.html_document import safe_link
from provcheck.report.report_json import report_payload
from tests.report.fixture_report import HOSTILE_TITLE, with_title


class _Collector(HTMLParser):
    """Tags with attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in][-1] += data


@pytest.fixture
def page(report: Report) -> tuple[str, _Collector]:
    text = render_html(report, RenderOptions())
    parser = _Collector()
    parser.feed(text)
    return text, parser


def _attrs(parser: _Collector, tag: str) -> list[dict[str, str | None]]:
    return [a for t, a in parser.tags if t == tag]


def test_self_contained(page: tuple[str, _Collector]) -> None:
    text, parser = page
    assert not [a for a in _attrs(parser, "script") if "src" in a]
    assert not _attrs(parser, "link")  # no stylesheets, fonts or icons
    assert not _attrs(parser, "img")
    assert "@import" not in text
    assert "url(" not in text
    for tag in ("script", "style", "iframe", "object", "embed", "source", "video", "audio"):
        for attrs in _attrs(parser, tag):
            assert "src" not in attrs


def test_untrusted_title_is_escaped(page: tuple[str, _Collector]) -> None:
    text, parser = page
    assert HOSTILE_TITLE not in text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert len(_attrs(parser, "script")) == 2  # the JSON data and our own script


def test_embedded_json_is_the_payload(page: tuple[str, _Collector], report: Report) -> None:
    _, parser = page
    data_scripts = [a for a in _attrs(parser, "script") if a.get("type") == "application/json"]
    assert data_scripts == [{"type": "application/json", "id": "report-data"}]
    embedded = parser.raw["script"][0]
    assert "<" not in embedded
    assert json.loads(embedded) == json.loads(json.dumps(report_payload(report)))


def test_csp_hashes_match_inline_code(page: tuple[str, _Collector]) -> None:
    _, parser = page
    csp = next(
        a["content"] or ""
        for a in _attrs(parser, "meta")
        if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp

    def digest(code: str) -> str:
        return base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(parser.raw['script'][1])}'" in csp
    assert f"style-src 'sha256-{digest(parser.raw['style'][0])}'" in csp


def test_accessibility_basics(page: tuple[str, _Collector]) -> None:
    text, parser = page
    assert _attrs(parser, "html") == [{"lang": "en"}]
    tags = [t for t, _ in parser.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in tags
    assert all(a.get("scope") == "col" for a in _attrs(parser, "th"))
    labels = {a.get("for") for a in _attrs(parser, "label")}
    controls = {a.get("id") for t, a in parser.tags if t in ("input", "select")}
    assert controls
    assert controls <= labels
    assert all(a.get("role") == "img" for a in _attrs(parser, "svg"))
    assert text.count("<title id=") == 2  # each chart is named


def test_every_document_has_a_section_with_links(page: tuple[str, _Collector]) -> None:
    text, parser = page
    sections = [a["id"] for a in _attrs(parser, "section") if a.get("class") == "doc"]
    assert sections == ["doc-1", "doc-2", "doc-3"]
    assert text.count('<ol class="chain"') == 2  # two redirect chains
    assert "archived copy:" in text
    assert text.count('<li class="notes"><details><summary>1 info finding</summary>') == 3
    assert text.count("<h4>In the corpus</h4>") == 2  # the third document has no corpus facts
    assert "&ldquo;we are proud of the crews&rdquo; reads &ldquo;we are proud of our crews" in text
    rows = [a for a in _attrs(parser, "tr") if "data-doc" in a]
    assert [r["data-band"] for r in rows] == ["high", "very low", "mixed"]
    assert [r["data-worst"] for r in rows] == ["2", "3", "2"]


def test_only_http_links_are_clickable(report: Report) -> None:
    assert safe_link("javascript:alert(1)") == "<span class=url>javascript:alert(1)</span>"
    assert safe_link("http://exa mple.test/x").startswith("<span")
    assert safe_link('https://x.test/?a="b"').startswith(
        '<a href="https://x.test/?a=&quot;b&quot;"'
    )
    text = render_html(report, RenderOptions())
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs)


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"t": "</script><!-- & -->"})
    assert "</" not in text
    assert "<!--" not in text
    assert json.loads(text) == {"t": "</script><!-- & -->"}


def test_deterministic(report: Report) -> None:
    assert render_html(report, RenderOptions()) == render_html(report, RenderOptions())


def test_empty_report_renders(report: Report) -> None:
    text = render_html(Report(documents=()), RenderOptions())
    assert "<tbody></tbody>" in text


def test_title_with_markup_in_table_cell(report: Report) -> None:
    changed = with_title(report, '"><svg onload=alert(1)>')
    text = render_html(changed, RenderOptions())
    assert "<svg onload" not in text
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in text
