"""report_from_payload is the inverse of report_payload on the JSON contract."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from provcheck.models import DateSource, LinkState, Precision
from provcheck.report.model_load import report_from_payload
from provcheck.report.report_json import report_payload
from tests.report.fixture_report import DOC_A, build_report
from tests.store_builders import rich_report


def test_payload_round_trip_is_identity_for_the_rich_report() -> None:
    payload = report_payload(rich_report())
    assert report_payload(report_from_payload(payload)) == payload


def test_payload_round_trip_survives_json_text() -> None:
    payload = json.loads(json.dumps(report_payload(build_report())))
    assert report_payload(report_from_payload(payload)) == payload


def test_rebuilt_model_keeps_values_and_types() -> None:
    original = rich_report()
    loaded = report_from_payload(report_payload(original))
    doc = loaded.documents[0]
    assert doc.extracted.path == DOC_A
    assert doc.extracted.document.text == ""
    assert doc.findings[0].rule in {f.rule for f in original.documents[0].findings}
    joined = doc.extracted.links[-1]
    assert joined.joined
    assert "\n" in joined.raw
    assert joined.facts is not None
    assert joined.facts.host == "news.example"
    assert joined.facts.path_date is not None
    assert joined.facts.path_date.date.precision is Precision.MONTH
    assert not joined.facts.path_date.plausible
    assert doc.statuses[1] is not None
    assert doc.statuses[1].state is LinkState.REDIRECTED
    assert len(doc.statuses[1].hops) == 3
    assert doc.extracted.weekdays[0].weekday == 4  # Friday
    assert doc.extracted.date.chosen == original.documents[0].extracted.date.chosen
    assert loaded.documents[2].statuses[-1] is None
    corpus = loaded.documents[2].corpus
    assert corpus is not None
    assert corpus.inherited_date is not None
    assert corpus.inherited_date.source is DateSource.INHERITED
    assert corpus.inherited_from == DOC_A
    assert loaded.skipped == original.skipped
    assert loaded.generated_at == original.generated_at


def test_empty_generated_at_comes_back_empty() -> None:
    payload = report_payload(build_report())
    payload["generated_at"] = None
    assert report_from_payload(payload).generated_at == ""


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.__setitem__("schema", "provcheck.extract/1"),
        lambda p: p["documents"][0].pop("links"),
        lambda p: p["documents"][0]["links"][0].__setitem__("role", "sidebar"),
        lambda p: p["documents"][0]["weekdays"][0].__setitem__("weekday", "Someday"),
        lambda p: p["documents"][1]["findings"][0].__setitem__("severity", 3),
        lambda p: p["documents"][0].__setitem__("date", None),
    ],
)
def test_malformed_payload_raises_value_error(damage: Callable[[dict[str, Any]], None]) -> None:
    payload = copy.deepcopy(report_payload(build_report()))
    damage(payload)
    with pytest.raises(ValueError):  # noqa: PT011 - any ValueError is the contract
        report_from_payload(payload)
