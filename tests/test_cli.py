"""The real command, run as a subprocess: exit codes, stdout and stderr."""

from __future__ import annotations

import gc
import json
import subprocess
from pathlib import Path

import pytest

from provcheck import __version__
from tests.helpers import run_provcheck

TEXT_ARTICLE = """Lighthouse Keepers Return
To Outer Rock After Repairs
June 14, 2022

The keepers went back to the outer rock on Monday, the trust said on Tuesday.

Related article: Storm Damage Closes Lighthouse For
The Winter Season

https://www.coast-herald.example/author/ines-moor
https://www.coast-herald.example/2025/01/09/storm-damage-closes-lighthouse-for-the-winter-season
"""

MARKDOWN_ARTICLE = """# Quay Wall Survey Finds Cracks

By [Ada Brun](#)

June 2, 2022

Engineers [reported](#) on Thursday that the wall needed work, according to the harbour board.

Original url:

<https://www.quayside-news.example/2022/06/02/quay-wall-survey-finds-cracks-b123>
"""


def run(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return run_provcheck(*args, stdin=stdin, cwd=cwd, timeout=120)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    (root / "keepers.txt").write_text(TEXT_ARTICLE)
    (root / "quay.md").write_text(MARKDOWN_ARTICLE)
    (root / "scan.pdf.txt").write_bytes(b"\x00\x01\x02\x03 binary junk")
    (root / "empty.txt").write_text("")
    return root


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"provcheck {__version__}"


def test_extract_json_contract(archive: Path):
    result = run("extract", str(archive), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["schema"] == "provcheck.extract/1"
    docs = {Path(d["path"]).name: d for d in payload["documents"]}
    assert sorted(docs) == ["keepers.txt", "quay.md"]
    keepers = docs["keepers.txt"]
    assert keepers["format"] == "text"
    assert keepers["date"]["value"] == "2022-06-14"
    assert keepers["date"]["source"] == "dateline"
    assert keepers["title"]["value"] == "Lighthouse Keepers Return To Outer Rock After Repairs"
    roles = [link["role"] for link in keepers["links"]]
    assert roles == ["author", "related"]
    related = keepers["links"][1]
    assert related["url_date"]["value"] == "2025-01-09"
    assert related["text"].startswith("Storm Damage Closes Lighthouse")
    for key in (
        "url",
        "normalized",
        "line",
        "column",
        "text",
        "role",
        "domain",
        "url_date",
        "joined",
    ):
        assert key in related
    quay = docs["quay.md"]
    assert quay["format"] == "markdown"
    assert [a["value"] for a in quay["authors"]] == ["Ada Brun"]
    assert sorted(link["role"] for link in quay["links"]) == [
        "original",
        "placeholder",
        "placeholder",
    ]
    skipped = {Path(s["path"]).name: s["reason"] for s in payload["skipped"]}
    assert skipped["empty.txt"] == "empty file"
    assert skipped["scan.pdf.txt"].startswith("binary file")
    # one line per skipped file on stderr, never a traceback
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if "skipped" in line]) == 2


def test_extract_table_is_for_people(archive: Path):
    result = run("extract", str(archive / "keepers.txt"))
    assert result.returncode == 0
    assert "2022-06-14 (dateline, stated)" in result.stdout
    assert "related" in result.stdout


def test_paths_from_stdin(archive: Path):
    result = run("extract", "-", "--format", "json", stdin=f"{archive / 'quay.md'}\n")
    assert result.returncode == 0, result.stderr
    assert [Path(d["path"]).name for d in json.loads(result.stdout)["documents"]] == ["quay.md"]


def test_no_readable_document_is_a_usage_error(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    result = run("extract", str(tmp_path / "empty.txt"))
    assert result.returncode == 2
    assert "no readable documents" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_reported_in_one_line(archive: Path):
    result = run("extract", str(archive / "nope.txt"), str(archive / "quay.md"), "-f", "json")
    assert result.returncode == 0
    assert f"skipped {archive / 'nope.txt'}: no such file or directory" in result.stderr


def test_unknown_format_is_a_usage_error(archive: Path):
    result = run("audit", str(archive), "--offline", "--format", "yaml")
    assert result.returncode == 2
    assert "unknown report format 'yaml'" in result.stderr


def test_bad_option_is_a_usage_error(archive: Path):
    result = run("extract", str(archive), "--frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_offline_audit_calls_nothing_broken_and_gates_on_errors(archive: Path, tmp_path: Path):
    result = run("audit", str(archive), "--offline", "--no-cache", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["schema"] == "provcheck.report/1"
    states = {link["status"]["state"] for d in payload["documents"] for link in d["links"]}
    assert "broken" not in states
    assert states <= {"unverified", "placeholder"}
    rules = {f["rule"] for d in payload["documents"] for f in d["findings"]}
    assert "PV101" in rules  # the related link dated 2025 against a 2022 dateline
    assert result.returncode == 1  # PV101 is an error: the default gate fails
    relaxed = run("audit", str(archive), "--offline", "--no-cache", "--fail-on", "never", "-q")
    assert relaxed.returncode == 0


def test_min_confidence_gate(archive: Path):
    result = run(
        "audit",
        str(archive / "quay.md"),
        "--offline",
        "--no-cache",
        "--fail-on",
        "never",
        "--min-confidence",
        "100",
        "-q",
    )
    assert result.returncode == 1


def test_several_formats_in_one_run(archive: Path, tmp_path: Path):
    sarif = tmp_path / "out.sarif"
    junit = tmp_path / "out.xml"
    result = run(
        "audit",
        str(archive),
        "--offline",
        "--no-cache",
        "--fail-on",
        "never",
        "-f",
        "sarif",
        "-f",
        "junit",
        "-f",
        "markdown",
        "-o",
        str(sarif),
        "-o",
        str(junit),
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert junit.read_text().startswith("<?xml")
    assert "| " in result.stdout  # the markdown went to stdout


def test_missing_recording_is_an_environment_error(archive: Path, tmp_path: Path):
    result = run("audit", str(archive), "--replay", str(tmp_path / "none.warc.gz"))
    assert result.returncode == 3
    assert "none.warc.gz" in result.stderr
    assert "Traceback" not in result.stderr


def test_config_file_is_used_and_flags_win(archive: Path, tmp_path: Path):
    (tmp_path / "provcheck.toml").write_text('fail-on = "never"\nformat = "json"\n')
    quiet = run("audit", str(archive), "--offline", "--no-cache", cwd=tmp_path)
    assert quiet.returncode == 0
    assert json.loads(quiet.stdout)["schema"] == "provcheck.report/1"
    strict = run(
        "audit", str(archive), "--offline", "--no-cache", "--fail-on", "error", cwd=tmp_path
    )
    assert strict.returncode == 1


def test_bad_config_is_a_usage_error(archive: Path, tmp_path: Path):
    (tmp_path / "provcheck.toml").write_text("colour = true\n")
    result = run("audit", str(archive), "--offline", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown option 'colour'" in result.stderr


def test_rules_list_and_docs():
    listing = run("rules")
    assert listing.returncode == 0
    assert len([line for line in listing.stdout.splitlines() if line.startswith("PV")]) == 30
    doc = run("rules", "PV101")
    assert doc.returncode == 0
    for section in ("What it does", "Why it matters", "Example", "How to fix"):
        assert section in doc.stdout
    missing = run("rules", "PV999")
    assert missing.returncode == 2


def test_the_command_line_tunes_the_garbage_collector_for_batches():
    from provcheck.cli import GC_THRESHOLDS, tune_gc

    before = gc.get_threshold()
    try:
        tune_gc()
        assert gc.get_threshold() == GC_THRESHOLDS
        assert GC_THRESHOLDS[0] > before[0]
        assert gc.get_freeze_count() > 0  # start-up objects are out of the collector's sight
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_extract_unfreezes_what_it_froze_for_the_report(archive: Path, capsys):
    from provcheck.cli.extract_cmd import extract

    assert gc.get_freeze_count() == 0
    extract([str(archive / "keepers.txt")], fmt="json")
    assert json.loads(capsys.readouterr().out)["documents"][0]["date"]["value"] == "2022-06-14"
    assert gc.get_freeze_count() == 0  # the documents are back in the collector's sight
