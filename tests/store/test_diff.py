"""Diffs between two stored runs: links, scores and findings, in a fixed order."""

from __future__ import annotations

import json

from provcheck.models import LinkState
from provcheck.store import RunStore, diff_runs, diff_to_dict, render_diff_text
from provcheck.store.diff import diff_snapshots, snapshot_of_report
from tests.store_builders import finding, status, tiny_doc, tiny_report

OK = "https://news.example/ok"
BREAKS = "https://news.example/breaks"
HEALS = "https://news.example/heals"
MOVES = "https://news.example/moves"
GONE = "https://news.example/gone"
ADDED = "https://news.example/added"
FLAKY = "https://news.example/flaky"

RUN_A = {
    OK: status(OK, LinkState.ALIVE),
    BREAKS: status(BREAKS, LinkState.ALIVE),
    HEALS: status(HEALS, LinkState.BROKEN),
    MOVES: status(MOVES, LinkState.REDIRECTED, final_url="https://news.example/new-home"),
    GONE: status(GONE, LinkState.ALIVE),
    FLAKY: status(FLAKY, LinkState.RATE_LIMITED),
}
RUN_B = {
    OK: status(OK, LinkState.ALIVE),
    BREAKS: status(BREAKS, LinkState.BROKEN),
    HEALS: status(HEALS, LinkState.ALIVE),
    MOVES: status(MOVES, LinkState.REDIRECTED, final_url="https://news.example/other-home"),
    ADDED: status(ADDED, LinkState.SOFT_404),
    FLAKY: status(FLAKY, LinkState.BROKEN),
}


def _store_two_runs(store: RunStore) -> tuple[int, int]:
    a_docs = (
        tiny_doc(
            "a.md",
            [OK, BREAKS, HEALS],
            RUN_A,
            [finding("a.md", "PV301", HEALS, line=3), finding("a.md", "PV201", line=None)],
            score=80,
        ),
        tiny_doc("b.md", [MOVES, GONE, FLAKY], RUN_A, score=90),
        tiny_doc("old.md", [OK], RUN_A, score=100),
    )
    b_docs = (
        # lines shifted by an edit: PV201 must not be new or resolved
        tiny_doc(
            "a.md",
            [OK, BREAKS, HEALS],
            RUN_B,
            [finding("a.md", "PV301", BREAKS, line=7), finding("a.md", "PV201", line=None)],
            score=80,
        ),
        tiny_doc("b.md", [MOVES, ADDED, FLAKY], RUN_B, [finding("b.md", "PV302", ADDED)], 60),
        tiny_doc("new.md", [OK], RUN_B, score=100),
    )
    ids = []
    for docs, verdicts in ((a_docs, RUN_A), (b_docs, RUN_B)):
        run = store.start_run(["archive"], {})
        for url in sorted(verdicts):
            store.record_verdict(run, verdicts[url])
        store.finish_run(run, tiny_report(*docs), {})
        ids.append(run)
    return ids[0], ids[1]


def test_diff_names_every_kind_of_change(store: RunStore) -> None:
    a, b = _store_two_runs(store)
    diff = diff_runs(store, a, b)
    assert (diff.run_a, diff.run_b) == (a, b)
    assert [c.url for c in diff.broke] == [BREAKS]
    assert [c.url for c in diff.recovered] == [HEALS]
    assert [c.url for c in diff.retargeted] == [MOVES]
    assert [c.url for c in diff.new_urls] == [ADDED]
    assert [c.url for c in diff.removed_urls] == [GONE]
    # rate-limited -> broken is neither a break nor a recovery: A never showed it working
    assert FLAKY not in {c.url for c in (*diff.broke, *diff.recovered)}
    assert [(s.path, s.old_score, s.new_score, s.delta) for s in diff.scores] == [
        ("b.md", 90, 60, -30)
    ]
    assert diff.scores[0].old_band == "high"
    assert diff.scores[0].new_band == "mixed"
    assert diff.new_documents == ("new.md",)
    assert diff.removed_documents == ("old.md",)
    assert [(f.path, f.rule, f.url) for f in diff.new_findings] == [
        ("a.md", "PV301", BREAKS),
        ("b.md", "PV302", ADDED),
    ]
    assert [(f.path, f.rule, f.url) for f in diff.resolved_findings] == [("a.md", "PV301", HEALS)]


def test_same_run_twice_is_an_empty_diff(store: RunStore) -> None:
    a, _ = _store_two_runs(store)
    diff = diff_runs(store, a, a)
    assert diff.empty
    assert "No changes." in render_diff_text(diff)


def test_repeated_finding_counts_matter(store: RunStore) -> None:
    doc_a = tiny_doc("a.md", [], {}, [finding("a.md", "PV404", line=1)])
    doc_b = tiny_doc(
        "a.md", [], {}, [finding("a.md", "PV404", line=5), finding("a.md", "PV404", line=9)]
    )
    diff = diff_snapshots(
        snapshot_of_report(tiny_report(doc_a)), snapshot_of_report(tiny_report(doc_b))
    )
    assert len(diff.new_findings) == 1
    assert diff.resolved_findings == ()


def test_text_rendering_lists_sections_in_order(store: RunStore) -> None:
    a, b = _store_two_runs(store)
    text = render_diff_text(diff_runs(store, a, b))
    order = [
        "Links that broke (1):",
        "Links that recovered (1):",
        "Links that changed target (1):",
        "New links (1):",
        "Removed links (1):",
        "Documents whose score moved (1):",
        "New documents (1):",
        "Removed documents (1):",
        "New findings (2):",
        "Resolved findings (1):",
    ]
    positions = [text.index(title) for title in order]
    assert positions == sorted(positions)
    assert f"  {BREAKS}: alive 200 -> broken 404" in text
    assert "https://news.example/new-home -> https://news.example/other-home" in text
    assert "b.md: 90 (high) -> 60 (mixed), -30" in text
    assert text.splitlines()[-1].startswith("1 broke, 1 recovered, 1 changed target")


def test_json_form_is_deterministic_and_serialisable(store: RunStore) -> None:
    a, b = _store_two_runs(store)
    first = diff_to_dict(diff_runs(store, a, b))
    second = diff_to_dict(diff_runs(store, a, b))
    assert json.dumps(first) == json.dumps(second)
    assert first["schema"] == "provcheck.diff/1"
    assert first["links"]["broke"][0]["before"]["state"] == "alive"
    assert first["links"]["broke"][0]["after"]["state"] == "broken"
    assert first["links"]["new"][0]["before"] is None
    assert first["documents"]["score_moved"][0]["delta"] == -30
    assert [f["rule"] for f in first["findings"]["new"]] == ["PV301", "PV302"]


def test_store_snapshot_matches_report_snapshot(store: RunStore) -> None:
    a, b = _store_two_runs(store)
    from_store = diff_runs(store, a, b)
    from_reports = diff_snapshots(
        snapshot_of_report(store.load_report(a), a), snapshot_of_report(store.load_report(b), b)
    )
    assert from_store.broke == from_reports.broke
    assert from_store.scores == from_reports.scores
    assert from_store.new_findings == from_reports.new_findings
