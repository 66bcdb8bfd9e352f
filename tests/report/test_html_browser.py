"""The HTML report in a real browser: scripts run cleanly, sorting and filtering work.

Drives Debian's headless Chromium over the DevTools protocol (see ``cdp.py``); skipped when
Chromium is not installed. ``PROVCHECK_SAVE_SCREENSHOT=1`` also writes the screenshot to
``docs/report-screenshot.png`` for the README.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from provcheck.report.base import RenderOptions
from provcheck.report.html import render_html
from tests.report.cdp import Browser, file_url, find_chromium
from tests.report.fixture_report import DOC_B, DOC_C, build_report

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)"
)
REPO = Path(__file__).resolve().parents[2]

SCORES = "[...document.querySelectorAll('#documents tbody tr')].map(r => +r.cells[0].dataset.value)"
VISIBLE = (
    "[...document.querySelectorAll('#documents tbody tr')]"
    ".filter(r => !r.hidden).map(r => r.cells[2].dataset.value)"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    assert CHROMIUM is not None
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(build_report(), RenderOptions()), encoding="utf-8")
    with Browser(CHROMIUM) as browser:
        browser.open_page(1280, 1500)
        browser.navigate(file_url(path))
        yield browser


def _set(page: Browser, selector: str, value: str) -> None:
    page.evaluate(
        f"(() => {{ const el = document.querySelector({selector!r}); el.value = {value!r};"
        " el.dispatchEvent(new Event('input', {bubbles: true})); })()"
    )


def test_script_runs_without_errors(page: Browser) -> None:
    assert page.evaluate("document.body.dataset.ready") == "1"
    assert page.evaluate("document.getElementById('doc-count').textContent") == (
        "Showing 3 of 3 documents"
    )
    assert page.evaluate("window.provcheckReport.schema") == "provcheck.report/1"
    assert page.problems() == []


def test_hostile_title_is_inert_text(page: Browser) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    titles = page.evaluate("[...document.querySelectorAll('.doc h3')].map(h => h.textContent)")
    assert any("<script>window.__pwned=1</script>" in t for t in titles)


def test_clicking_score_header_sorts(page: Browser) -> None:
    assert page.evaluate(SCORES) == [92, 35, 68]  # input order
    click = "document.querySelector('#documents thead th:nth-child(1) button').click()"
    page.evaluate(click)
    assert page.evaluate(SCORES) == [35, 68, 92]
    assert page.evaluate("document.querySelector('#documents th').ariaSort") == "ascending"
    page.evaluate(click)
    assert page.evaluate(SCORES) == [92, 68, 35]
    assert page.evaluate("document.querySelector('#documents th').ariaSort") == "descending"
    page.evaluate("document.querySelector('#documents thead th:nth-child(3) button').click()")
    assert page.evaluate("document.querySelector('#documents th').ariaSort") is None
    assert page.problems() == []


def test_filters_hide_rows_and_sections(page: Browser) -> None:
    _set(page, "#filter-text", "MARKET")
    assert page.evaluate(VISIBLE) == [DOC_C]
    assert page.evaluate("document.getElementById('doc-1').hidden") is True
    assert page.evaluate("document.getElementById('doc-count').textContent") == (
        "Showing 1 of 3 documents"
    )
    _set(page, "#filter-text", "")
    _set(page, "#filter-band", "very low")
    assert page.evaluate(VISIBLE) == [DOC_B]
    _set(page, "#filter-band", "")
    _set(page, "#filter-severity", "3")
    assert page.evaluate(VISIBLE) == [DOC_B]
    _set(page, "#filter-severity", "0")
    assert len(page.evaluate(VISIBLE)) == 3
    assert page.problems() == []


def test_print_expands_details_and_hides_controls(page: Browser) -> None:
    page.send("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        display = page.evaluate("getComputedStyle(document.querySelector('.controls')).display")
        assert display == "none"
        pdf = page.print_pdf()
        assert pdf.startswith(b"%PDF")
        assert page.evaluate("document.querySelectorAll('details:not([open])').length") == 0
    finally:
        page.send("Emulation.setEmulatedMedia", {"media": ""})


def test_screenshot_is_a_png(page: Browser, tmp_path: Path) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = false)")
    page.evaluate("document.querySelector('#documents th').removeAttribute('aria-sort')")
    page.evaluate("document.querySelector('#documents th button').click()")  # worst first
    page.evaluate("window.scrollTo(0, 0)")
    png = page.screenshot()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000  # a rendered page, not an empty canvas
    (tmp_path / "report.png").write_bytes(png)
    if os.environ.get("PROVCHECK_SAVE_SCREENSHOT") == "1":
        (REPO / "docs" / "report-screenshot.png").write_bytes(png)
