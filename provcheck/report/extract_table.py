"""Human-readable rendering of ``provcheck extract`` (the ``table`` format)."""

from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.table import Table

from provcheck.models import ExtractedDocument, SkippedInput


def _date_text(doc: ExtractedDocument) -> str:
    chosen = doc.date.chosen
    if chosen is None:
        return "unknown"
    label = "inferred" if chosen.inferred else "stated"
    return f"{chosen.date.iso()} ({chosen.source.value}, {label})"


def render_extract_table(
    docs: list[ExtractedDocument] | tuple[ExtractedDocument, ...],
    skipped: tuple[SkippedInput, ...] = (),
    *,
    color: bool = False,
    width: int = 110,
) -> str:
    """One block per document: its metadata, then its links with line, role and text."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False
    )
    for doc in docs:
        console.rule(f"[bold]{doc.path}[/bold] ({doc.document.format.value})")
        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold")
        facts.add_column()
        facts.add_row("title", doc.title.value if doc.title else "-")
        facts.add_row("date", _date_text(doc))
        facts.add_row("authors", ", ".join(a.value for a in doc.authors) or "-")
        facts.add_row("publisher", doc.publisher.value if doc.publisher else "-")
        roles = Counter(link.role.value for link in doc.links)
        facts.add_row(
            "links",
            f"{len(doc.links)}"
            + (
                " (" + ", ".join(f"{n} {r}" for r, n in sorted(roles.items())) + ")"
                if roles
                else ""
            ),
        )
        facts.add_row(
            "boilerplate",
            ", ".join(f"{b.kind.value} {b.start_line}-{b.end_line}" for b in doc.boilerplate)
            or "-",
        )
        facts.add_row(
            "orphan headlines", ", ".join(str(o.line) for o in doc.orphan_headlines) or "-"
        )
        facts.add_row("attributions", str(len(doc.attributions)))
        for warning in (*doc.document.warnings, *doc.warnings):
            facts.add_row("warning", warning)
        console.print(facts)
        if doc.links:
            table = Table(show_edge=False, pad_edge=False)
            table.add_column("line", justify="right")
            table.add_column("role")
            table.add_column("url", overflow="fold")
            table.add_column("text", overflow="fold")
            table.add_column("url date")
            for link in doc.links:
                path_date = link.facts.path_date if link.facts else None
                table.add_row(
                    f"{link.line}:{link.column}",
                    link.role.value,
                    link.url + (" (joined)" if link.joined else ""),
                    link.text,
                    path_date.date.iso() if path_date else "",
                )
            console.print(table)
        console.print()
    for item in skipped:
        console.print(f"skipped {item.path}: {item.reason}")
    console.print(f"{len(docs)} document(s), {len(skipped)} skipped")
    return buffer.getvalue()
