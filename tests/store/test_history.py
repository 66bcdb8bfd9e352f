"""Failure history across runs, for PV301's confirmed-versus-suspected call."""

from __future__ import annotations

from provcheck.models import LinkState
from provcheck.store import RunStore
from tests.store_builders import status

URL = "https://news.example/gone"
OTHER = "https://news.example/fine"


def test_failures_of_earlier_runs_with_their_check_times(store: RunStore) -> None:
    first = store.start_run([], {})
    store.record_verdict(first, status(URL, LinkState.BROKEN, at="2024-05-01T10:00:00+00:00"))
    store.record_verdict(first, status(OTHER, LinkState.ALIVE, at="2024-05-01T10:00:00+00:00"))
    second = store.start_run([], {})
    store.record_verdict(second, status(URL, LinkState.TIMEOUT, at="2024-05-05T10:00:00+00:00"))
    third = store.start_run([], {})
    store.record_verdict(third, status(URL, LinkState.BROKEN, at="2024-05-09T10:00:00+00:00"))

    history = store.failure_history([URL, OTHER, "https://unknown.example/"], before_run=third)
    assert history == {URL: ("2024-05-01T10:00:00+00:00", "2024-05-05T10:00:00+00:00")}
    assert store.failure_history([URL], before_run=first) == {}
    assert len(store.failure_history([URL], before_run=None)[URL]) == 3


def test_run_start_stands_in_for_a_missing_check_time(store: RunStore) -> None:
    run = store.start_run([], {})
    store.record_verdict(run, status(URL, LinkState.BROKEN))
    stamps = store.failure_history([URL], None)[URL]
    assert stamps == (store.run_info(run).started_at,)


def test_a_cached_verdict_seen_in_two_runs_is_one_failure(store: RunStore) -> None:
    at = "2024-05-01T10:00:00+00:00"
    for _ in range(2):
        run = store.start_run([], {})
        store.record_verdict(run, status(URL, LinkState.BROKEN, at=at))
    assert store.failure_history([URL], None) == {URL: (at,)}


def test_soft_404_and_restricted_are_not_failures_for_pv301(store: RunStore) -> None:
    run = store.start_run([], {})
    store.record_verdict(run, status(URL, LinkState.SOFT_404, at="2024-05-01T10:00:00+00:00"))
    store.record_verdict(run, status(OTHER, LinkState.RESTRICTED, at="2024-05-01T10:00:00+00:00"))
    assert store.failure_history([URL, OTHER], None) == {}


def test_many_urls_are_queried_in_chunks(store: RunStore) -> None:
    urls = [f"https://news.example/{i}" for i in range(1234)]
    run = store.start_run([], {})
    store.record_verdicts(
        run, [status(u, LinkState.BROKEN, at="2024-01-01T00:00:00+00:00") for u in urls]
    )
    assert len(store.failure_history(urls, None)) == 1234


def test_stored_history_makes_pv301_confirmed(store: RunStore) -> None:
    from provcheck.models import Certainty
    from tests.rules.builders import ctx, doc, link, run

    old = store.start_run([], {})
    store.record_verdict(old, status(URL, LinkState.BROKEN, at="2024-05-01T09:00:00+00:00"))
    now = store.start_run([], {})
    current = status(URL, LinkState.BROKEN, at="2024-05-10T09:00:00+00:00")
    document = doc(links=(link(URL, line=3),))
    history = store.failure_history([URL], before_run=now)
    confirmed = run("PV301", ctx(document, (current,), history=history))
    alone = run("PV301", ctx(document, (current,), history={}))
    assert confirmed[0].confidence is Certainty.HIGH
    assert alone[0].confidence is Certainty.MEDIUM
