"""Inline SVG charts for the HTML report: no script, no library, readable when printed.

Each chart is an ``<svg role="img">`` with a title and a text description of the same
numbers, so screen readers and text browsers get the data too. Colours come from CSS classes
(``band-*``, ``state-*``) defined in the report's stylesheet, so dark mode and print adapt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

BAR_AREA = 120  # px height of the tallest bar
BAR_WIDTH = 56
GAP = 18


def css_token(value: str) -> str:
    """A band or verdict as a CSS class suffix: ``very low`` -> ``very-low`` (nothing else)."""
    return re.sub(r"[^a-z0-9-]", "", "-".join(value.split()).lower())


def band_histogram(counts: Sequence[tuple[str, int]], chart_id: str) -> str:
    """Vertical bars, one per band (best first), with the count above each bar."""
    top = max((n for _, n in counts), default=0) or 1
    width = len(counts) * (BAR_WIDTH + GAP) + GAP
    height = BAR_AREA + 50
    desc = ", ".join(f"{band}: {n}" for band, n in counts)
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">Documents by confidence band</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<line class="axis" x1="0" x2="{width}" y1="{BAR_AREA + 20}" y2="{BAR_AREA + 20}"/>',
    ]
    for i, (band, n) in enumerate(counts):
        x = GAP + i * (BAR_WIDTH + GAP)
        h = round(BAR_AREA * n / top)
        y = BAR_AREA + 20 - h
        cx = x + BAR_WIDTH // 2
        parts += [
            f'<rect class="bar band-{css_token(band)}" x="{x}" y="{y}" '
            f'width="{BAR_WIDTH}" height="{h}" rx="3"/>',
            f'<text class="count" x="{cx}" y="{y - 6}" text-anchor="middle">{n}</text>',
            f'<text class="label" x="{cx}" y="{BAR_AREA + 38}" '
            f'text-anchor="middle">{escape(band)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def verdict_bars(counts: Sequence[tuple[str, int]], chart_id: str) -> str:
    """Horizontal bars, one per link verdict present, with the count after each bar."""
    top = max((n for _, n in counts), default=0) or 1
    row, label_w, bar_w = 22, 104, 220
    width = label_w + bar_w + 50
    height = max(len(counts), 1) * row + 8
    desc = ", ".join(f"{state}: {n}" for state, n in counts) or "no links"
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">Links by verdict</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for i, (state, n) in enumerate(counts):
        y = 4 + i * row
        w = max(round(bar_w * n / top), 2)
        parts += [
            f'<text class="label" x="{label_w - 8}" y="{y + 15}" '
            f'text-anchor="end">{escape(state)}</text>',
            f'<rect class="bar state-{css_token(state)}" x="{label_w}" y="{y + 3}" '
            f'width="{w}" height="{row - 8}" rx="3"/>',
            f'<text class="count" x="{label_w + w + 6}" y="{y + 15}">{n}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)
