"""A run diff as text for the terminal and as `provcheck.diff/1` JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from provcheck.crawl.serialize import status_to_dict
from provcheck.models import LinkStatus
from provcheck.store.diff import FindingRow, LinkChange, RunDiff, target


def _state(status: LinkStatus | None) -> str:
    if status is None:
        return "-"
    return status.state.value + (f" {status.http_status}" if status.http_status else "")


def _run(run_id: int | None, started: str) -> str:
    name = f"run {run_id}" if run_id is not None else "report"
    return f"{name} ({started})" if started else name


def render_diff_text(diff: RunDiff) -> str:
    """A plain-text diff for the terminal (no colour: the CLI may style it)."""
    lines = [
        f"provcheck diff: {_run(diff.run_a, diff.started_a)} -> {_run(diff.run_b, diff.started_b)}"
    ]
    if diff.empty:
        lines.append("No changes.")
        return "\n".join(lines) + "\n"

    def section(title: str, items: Sequence[str]) -> None:
        if items:
            lines.append("")
            lines.append(f"{title} ({len(items)}):")
            lines.extend(f"  {item}" for item in items)

    def verdicts(changes: Sequence[LinkChange]) -> list[str]:
        return [f"{c.url}: {_state(c.before)} -> {_state(c.after)}" for c in changes]

    section("Links that broke", verdicts(diff.broke))
    section("Links that recovered", verdicts(diff.recovered))
    section(
        "Links that changed target",
        [
            f"{c.url}: {target(c.before)} -> {target(c.after)}"
            for c in diff.retargeted
            if c.before and c.after
        ],
    )
    section("New links", [f"{c.url} ({_state(c.after)})" for c in diff.new_urls])
    section("Removed links", [c.url for c in diff.removed_urls])
    section(
        "Documents whose score moved",
        [
            f"{s.path}: {s.old_score} ({s.old_band}) -> {s.new_score} ({s.new_band}), {s.delta:+d}"
            for s in diff.scores
        ],
    )
    section("New documents", list(diff.new_documents))
    section("Removed documents", list(diff.removed_documents))

    def finding(f: FindingRow) -> str:
        where = f" {f.url}" if f.url else ""
        return f"{f.path}: {f.rule} {f.severity}{where}: {f.message}"

    section("New findings", [finding(f) for f in diff.new_findings])
    section("Resolved findings", [finding(f) for f in diff.resolved_findings])
    lines.append("")
    lines.append(
        f"{len(diff.broke)} broke, {len(diff.recovered)} recovered, "
        f"{len(diff.retargeted)} changed target, {len(diff.scores)} scores moved, "
        f"{len(diff.new_findings)} new and {len(diff.resolved_findings)} resolved findings"
    )
    return "\n".join(lines) + "\n"


def _change_dict(c: LinkChange) -> dict[str, Any]:
    return {
        "url": c.url,
        "before": None if c.before is None else status_to_dict(c.before),
        "after": None if c.after is None else status_to_dict(c.after),
    }


def _finding_dict(f: FindingRow) -> dict[str, Any]:
    return {
        "path": f.path,
        "rule": f.rule,
        "url": f.url,
        "severity": f.severity,
        "message": f.message,
    }


def diff_to_dict(diff: RunDiff) -> dict[str, Any]:
    """The JSON form (``provcheck.diff/1``) of a diff."""
    return {
        "schema": "provcheck.diff/1",
        "run_a": {"id": diff.run_a, "started_at": diff.started_a or None},
        "run_b": {"id": diff.run_b, "started_at": diff.started_b or None},
        "links": {
            "broke": [_change_dict(c) for c in diff.broke],
            "recovered": [_change_dict(c) for c in diff.recovered],
            "changed_target": [_change_dict(c) for c in diff.retargeted],
            "new": [_change_dict(c) for c in diff.new_urls],
            "removed": [_change_dict(c) for c in diff.removed_urls],
        },
        "documents": {
            "score_moved": [
                {
                    "path": s.path,
                    "old_score": s.old_score,
                    "old_band": s.old_band,
                    "new_score": s.new_score,
                    "new_band": s.new_band,
                    "delta": s.delta,
                }
                for s in diff.scores
            ],
            "new": list(diff.new_documents),
            "removed": list(diff.removed_documents),
        },
        "findings": {
            "new": [_finding_dict(f) for f in diff.new_findings],
            "resolved": [_finding_dict(f) for f in diff.resolved_findings],
        },
    }
