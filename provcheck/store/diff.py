"""What changed between two runs: links that broke, recovered or moved, scores, findings.

The comparison is pure (:func:`diff_snapshots` on two :class:`Snapshot` values); the store
and a report each give a snapshot. Findings are matched by (path, rule, url) and counted, not
by line, so an edit that shifts lines neither resolves nor adds anything. Every list is sorted,
so the same two runs always give the same diff.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from provcheck.models import LinkState, LinkStatus, Report
from provcheck.store.history import report_verdicts

if TYPE_CHECKING:
    from provcheck.store.reads import StoreReader

#: A link "works" in these states; a move from one to the other is a break or a recovery.
OK_STATES: frozenset[LinkState] = frozenset({LinkState.ALIVE, LinkState.REDIRECTED})
FAILED_STATES: frozenset[LinkState] = frozenset(
    {LinkState.BROKEN, LinkState.TIMEOUT, LinkState.SOFT_404}
)


@dataclass(frozen=True, slots=True, order=True)
class FindingRow:
    """The part of a finding a diff compares (and shows)."""

    path: str
    rule: str
    url: str | None
    severity: str
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.url or "")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One run as the diff sees it."""

    run_id: int | None
    started_at: str
    verdicts: Mapping[str, LinkStatus]
    scores: Mapping[str, tuple[int | None, str | None]]
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A URL's verdict before and after (``None`` where the run did not have the URL)."""

    url: str
    before: LinkStatus | None
    after: LinkStatus | None


@dataclass(frozen=True, slots=True)
class ScoreChange:
    path: str
    old_score: int | None
    old_band: str | None
    new_score: int | None
    new_band: str | None

    @property
    def delta(self) -> int:
        return (self.new_score or 0) - (self.old_score or 0)


@dataclass(frozen=True, slots=True)
class RunDiff:
    """Everything that changed from run A to run B, each list in a fixed order."""

    run_a: int | None
    run_b: int | None
    started_a: str
    started_b: str
    broke: tuple[LinkChange, ...] = ()
    recovered: tuple[LinkChange, ...] = ()
    retargeted: tuple[LinkChange, ...] = ()
    new_urls: tuple[LinkChange, ...] = ()
    removed_urls: tuple[LinkChange, ...] = ()
    scores: tuple[ScoreChange, ...] = ()  # biggest drop first
    new_documents: tuple[str, ...] = ()
    removed_documents: tuple[str, ...] = ()
    new_findings: tuple[FindingRow, ...] = ()
    resolved_findings: tuple[FindingRow, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.broke,
                self.recovered,
                self.retargeted,
                self.new_urls,
                self.removed_urls,
                self.scores,
                self.new_documents,
                self.removed_documents,
                self.new_findings,
                self.resolved_findings,
            )
        )


def target(status: LinkStatus) -> str:
    """Where a working link ends up."""
    return status.final_url or status.url


def diff_snapshots(a: Snapshot, b: Snapshot) -> RunDiff:
    """Compare run A (older) with run B (newer)."""
    broke, recovered, moved, new, removed = [], [], [], [], []
    for url in sorted(set(a.verdicts) | set(b.verdicts)):
        before, after = a.verdicts.get(url), b.verdicts.get(url)
        change = LinkChange(url, before, after)
        if before is None:
            new.append(change)
        elif after is None:
            removed.append(change)
        elif before.state in OK_STATES and after.state in FAILED_STATES:
            broke.append(change)
        elif before.state in FAILED_STATES and after.state in OK_STATES:
            recovered.append(change)
        elif (
            before.state in OK_STATES
            and after.state in OK_STATES
            and target(before) != target(after)
        ):
            moved.append(change)
    scores = [
        ScoreChange(path, *a.scores[path], *b.scores[path])
        for path in sorted(set(a.scores) & set(b.scores))
        if a.scores[path] != b.scores[path]
    ]
    scores.sort(key=lambda s: (s.delta, s.path))
    new_findings, resolved = _finding_changes(a.findings, b.findings)
    return RunDiff(
        run_a=a.run_id,
        run_b=b.run_id,
        started_a=a.started_at,
        started_b=b.started_at,
        broke=tuple(broke),
        recovered=tuple(recovered),
        retargeted=tuple(moved),
        new_urls=tuple(new),
        removed_urls=tuple(removed),
        scores=tuple(scores),
        new_documents=tuple(sorted(set(b.scores) - set(a.scores))),
        removed_documents=tuple(sorted(set(a.scores) - set(b.scores))),
        new_findings=new_findings,
        resolved_findings=resolved,
    )


def _finding_changes(
    a: Sequence[FindingRow], b: Sequence[FindingRow]
) -> tuple[tuple[FindingRow, ...], tuple[FindingRow, ...]]:
    """Findings of B beyond A's count for the same key (new), and of A beyond B's (resolved)."""
    groups: dict[tuple[str, str, str], tuple[list[FindingRow], list[FindingRow]]] = defaultdict(
        lambda: ([], [])
    )
    for row in a:
        groups[row.key][0].append(row)
    for row in b:
        groups[row.key][1].append(row)
    new: list[FindingRow] = []
    resolved: list[FindingRow] = []
    for key in sorted(groups):
        old_rows, new_rows = (sorted(rows) for rows in groups[key])
        new.extend(new_rows[len(old_rows) :])
        resolved.extend(old_rows[len(new_rows) :])
    return tuple(new), tuple(resolved)


def snapshot_of_report(report: Report, run_id: int | None = None) -> Snapshot:
    """A snapshot of an in-memory (or loaded JSON) report."""
    return Snapshot(
        run_id=run_id,
        started_at=report.generated_at,
        verdicts=report_verdicts(report),
        scores={
            d.extracted.path: (
                d.confidence.score if d.confidence else None,
                d.confidence.band if d.confidence else None,
            )
            for d in report.documents
        },
        findings=tuple(
            FindingRow(f.path, f.rule, f.url, f.severity.value, f.message)
            for d in report.documents
            for f in d.findings
        ),
    )


def snapshot_of_run(store: StoreReader, run_id: int) -> Snapshot:
    """A snapshot read from the store's indexed tables (no document JSON is parsed)."""
    return Snapshot(
        run_id=run_id,
        started_at=store.run_info(run_id).started_at,
        verdicts=store.verdicts(run_id),
        scores=store.scores(run_id),
        findings=tuple(FindingRow(*row) for row in store.finding_rows(run_id)),
    )


def diff_runs(store: StoreReader, run_a: int, run_b: int) -> RunDiff:
    """What changed from stored run A to stored run B."""
    return diff_snapshots(snapshot_of_run(store, run_a), snapshot_of_run(store, run_b))
