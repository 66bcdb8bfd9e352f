"""Archive lookups through the Wayback availability API (served by the local server)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from provcheck.crawl.archive import is_before, parse_availability
from provcheck.crawl.crawler import check_urls_sync
from provcheck.models import ArchivedCopy, LinkState

from .conftest import LocalServer
from .test_fetch_server import cfg

pytestmark = pytest.mark.network


def snapshot(stamp: str, url: str = "https://web.archive.example/web/x") -> dict[str, Any]:
    closest = {"available": True, "url": url, "timestamp": stamp, "status": "200"}
    return {"archived_snapshots": {"closest": closest}}


def test_parse_availability() -> None:
    copy = parse_availability(snapshot("20210326093000"))
    assert copy == ArchivedCopy("https://web.archive.example/web/x", "20210326093000", 200)
    assert parse_availability({"archived_snapshots": {}}) is None
    assert parse_availability({"archived_snapshots": {"closest": {"available": False}}}) is None
    assert parse_availability("nonsense") is None
    assert parse_availability(snapshot("2021")) is None
    assert is_before(copy, dt.date(2021, 3, 26))
    assert not is_before(copy, dt.date(2021, 3, 25))


def archive_cfg(local: LocalServer, **kw: Any) -> Any:
    return cfg(archive=True, archive_endpoint=local.url + "/wayback/available", **kw)


def test_broken_link_gets_snapshot_before_document(local: LocalServer) -> None:
    url = local.url + "/missing"
    local.archive[url] = snapshot("20200101120000")
    result = check_urls_sync([url], archive_cfg(local), reference_dates={url: dt.date(2021, 3, 26)})
    status = result[url]
    assert status.state is LinkState.BROKEN
    assert status.archived == ArchivedCopy(
        "https://web.archive.example/web/x", "20200101120000", 200, before_document=True
    )
    assert local.count("/wayback/available") == 1


def test_later_snapshot_triggers_one_earlier_query(local: LocalServer) -> None:
    url = local.url + "/gone"
    seen: list[str] = []

    def answer(timestamp: str) -> dict[str, Any]:
        seen.append(timestamp)
        return snapshot("20220601000000") if len(seen) == 1 else snapshot("20201001000000")

    local.archive[url] = answer
    status = check_urls_sync(
        [url], archive_cfg(local), reference_dates={url: dt.date(2021, 3, 26)}
    )[url]
    assert seen == ["20210326", "20200927"]  # 180 days earlier
    assert status.archived is not None
    assert status.archived.timestamp == "20201001000000"
    assert status.archived.before_document


def test_only_later_snapshot_is_marked_after(local: LocalServer) -> None:
    url = local.url + "/gone"
    local.archive[url] = snapshot("20220601000000")
    status = check_urls_sync(
        [url], archive_cfg(local), reference_dates={url: dt.date(2021, 3, 26)}
    )[url]
    assert status.archived is not None
    assert not status.archived.before_document
    assert local.count("/wayback/available") == 2


def test_alive_links_are_not_looked_up_and_failures_change_nothing(local: LocalServer) -> None:
    urls = [local.url + "/page/article", local.url + "/missing"]
    config = cfg(archive=True, archive_endpoint=local.url + "/no-archive-here", soft404_probe=False)
    result = check_urls_sync(urls, config)
    assert result[urls[0]].archived is None
    assert result[urls[1]].state is LinkState.BROKEN
    assert result[urls[1]].archived is None
    assert local.count("/no-archive-here") == 1
