"""End to end: `audit` on real responses, live through the demo site and replayed from WARC.

The demo site (scripts/demo_site.py) plays the fictional sites the demo archive links to, on
127.0.0.1, as a forward proxy: broken, soft-404, redirected, restricted, rate-limited,
drifted and anachronistic targets, and a Wayback-compatible archive.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from provcheck.config import load_config
from provcheck.errors import ReplayMiss
from provcheck.pipeline import audit
from provcheck.report.report_json import report_payload
from tests.helpers import serving

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASSETTE = ROOT / "cassettes" / "demo.warc.gz"
ARCHIVE = "http://archive.example/wayback/available"

pytestmark = pytest.mark.network


def _load_site() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "demo_site_e2e", ROOT / "scripts" / "demo_site.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["demo_site_e2e"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    with serving(_load_site().make_server(0)) as base:
        yield base


def _run(tmp_path: Path, **options: Any) -> dict[str, Any]:
    config = load_config(
        overrides={"archive_endpoint": ARCHIVE, "no_cache": True, **options}, cwd=tmp_path
    )
    return report_payload(audit([str(EXAMPLES)], config))


def _without_timing(payload: dict[str, Any]) -> dict[str, Any]:
    """The report minus what differs between a live run and its replay by nature."""
    clone = json.loads(json.dumps(payload))
    clone["generated_at"] = None
    for doc in clone["documents"]:
        for link in doc["links"]:
            status = link["status"]
            if status is not None:
                status["elapsed_ms"] = None
                status["source"] = "-"
                status["checked_at"] = None  # compared apart: see _checked_times
        for finding in doc["findings"]:
            finding["evidence"].pop("checked_at", None)
    return clone


def _states(payload: dict[str, Any]) -> dict[str, str]:
    return {
        link["status"]["url"]: link["status"]["state"]
        for doc in payload["documents"]
        for link in doc["links"]
        if link["status"]["state"] != "placeholder"
    }


def _rules(payload: dict[str, Any], name: str) -> set[str]:
    doc = next(d for d in payload["documents"] if d["path"].endswith(name))
    return {f["rule"] for f in doc["findings"]}


def _checked_times(payload: dict[str, Any]) -> list[dt.datetime | None]:
    return [
        dt.datetime.fromisoformat(link["status"]["checked_at"].replace("Z", "+00:00"))
        if link["status"] and link["status"]["checked_at"]
        else None
        for doc in payload["documents"]
        for link in doc["links"]
    ]


def test_live_run_recorded_then_replayed_gives_the_same_report(proxy: str, tmp_path: Path):
    cassette = tmp_path / "live.warc.gz"
    live = _run(tmp_path, proxy=proxy, record=str(cassette))
    replayed = _run(tmp_path, replay=str(cassette))
    assert _without_timing(live) == _without_timing(replayed)
    # A replayed verdict carries the time its exchange was recorded, a live one the time it
    # was decided: the same moment give or take the run's own duration (comparing them to
    # the minute failed whenever the two fell on either side of a minute boundary).
    pairs = list(zip(_checked_times(live), _checked_times(replayed), strict=True))
    assert any(a is not None for a, _ in pairs)
    for live_time, replayed_time in pairs:
        assert (live_time is None) == (replayed_time is None)
        if live_time is not None and replayed_time is not None:
            assert abs((live_time - replayed_time).total_seconds()) <= 120
    sources = {
        link["status"]["source"]
        for doc in replayed["documents"]
        for link in doc["links"]
        if link["status"]["state"] != "placeholder"
    }
    assert sources == {"cassette"}


def test_replaying_twice_is_byte_identical(tmp_path: Path):
    first = json.dumps(_run(tmp_path, replay=str(CASSETTE)), sort_keys=True)
    second = json.dumps(_run(tmp_path, replay=str(CASSETTE)), sort_keys=True)
    assert first == second


def test_demo_verdicts_from_real_responses(tmp_path: Path):
    payload = _run(tmp_path, replay=str(CASSETTE))
    states = set(_states(payload).values())
    assert {"alive", "redirected", "broken", "soft-404", "restricted", "rate-limited"} <= states
    archived = [
        link["status"]["archived"]
        for doc in payload["documents"]
        for link in doc["links"]
        if link["status"]["state"] == "broken"
    ]
    assert archived
    assert all(a and a["url"].startswith("http://archive.example/web/") for a in archived)
    # the redirect chain is kept hop by hop
    redirected = next(
        link["status"]
        for doc in payload["documents"]
        for link in doc["links"]
        if link["status"]["state"] == "redirected"
    )
    assert [hop["status"] for hop in redirected["hops"]][:2] == [301, 302]


def test_demo_findings_need_the_fetched_pages(tmp_path: Path):
    payload = _run(tmp_path, replay=str(CASSETTE))
    html_rules = _rules(payload, "council-vote.html")
    # PV101 here comes from the target page's own JSON-LD date: its URL carries no date
    assert {"PV101", "PV301", "PV302", "PV308", "PV309"} <= html_rules
    pv101 = next(
        f
        for d in payload["documents"]
        for f in d["findings"]
        if d["path"].endswith("council-vote.html") and f["rule"] == "PV101"
    )
    assert pv101["evidence"]["target_date_source"] == "target page metadata"
    assert "PV310" in _rules(payload, "port-authority-talks.md")  # the original drifted
    assert "PV101" in _rules(payload, "harbour-closure-pdf.txt")
    statuses = _states(payload)
    assert "broken" not in {statuses[u] for u in statuses if "rate" in u or "bot" in u}


def test_offline_run_calls_nothing_broken(tmp_path: Path):
    payload = _run(tmp_path, offline=True)
    assert set(_states(payload).values()) == {"unverified"}
    assert not any(
        f["rule"] in {"PV301", "PV302", "PV306"}
        for d in payload["documents"]
        for f in d["findings"]
    )


def test_replay_miss_names_the_url(tmp_path: Path):
    partial = tmp_path / "examples"
    shutil.copytree(EXAMPLES, partial)
    (partial / "extra.md").write_text(
        "# Extra\n\nSee [the new page](http://www.harbour-gazette.example/not-recorded).\n"
    )
    config = load_config(
        overrides={"replay": str(CASSETTE), "archive_endpoint": ARCHIVE}, cwd=tmp_path
    )
    with pytest.raises(ReplayMiss, match="not-recorded"):
        audit([str(partial)], config)


def test_real_reports_validate_against_their_schemas(tmp_path: Path):
    import jsonschema

    from provcheck.report.base import RenderOptions
    from provcheck.report.registry import get_renderer

    config = load_config(
        overrides={"replay": str(CASSETTE), "archive_endpoint": ARCHIVE}, cwd=tmp_path
    )
    report = audit([str(EXAMPLES)], config)
    options = RenderOptions()
    sarif = json.loads(get_renderer("sarif").render(report, options))
    sarif_schema = json.loads(
        (ROOT / "tests" / "report" / "schemas" / "sarif-schema-2.1.0.json").read_text()
    )
    jsonschema.validate(sarif, sarif_schema)
    assert len(sarif["runs"][0]["results"]) == sum(len(d.findings) for d in report.documents)
    payload = json.loads(get_renderer("json").render(report, options))
    report_schema = json.loads((ROOT / "docs" / "schema" / "report-1.schema.json").read_text())
    jsonschema.validate(payload, report_schema)
