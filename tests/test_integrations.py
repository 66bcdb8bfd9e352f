"""The pre-commit hook and the GitHub Action call options that the CLI really has."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _audit_help() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "provcheck", "audit", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    return result.stdout


def test_pre_commit_hooks_use_real_options():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    help_text = _audit_help()
    assert {hook["id"] for hook in hooks} == {"provcheck", "provcheck-online"}
    for hook in hooks:
        assert hook["entry"].startswith("provcheck audit")
        for option in re.findall(r"--[a-z-]+", hook["entry"]):
            assert option in help_text, option


def test_action_runs_provcheck_with_real_options():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    script = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    help_text = _audit_help()
    for option in set(re.findall(r"--(?:format|output)\b", script)):
        assert option in help_text
    assert "GITHUB_STEP_SUMMARY" in script
    assert {"paths", "args", "sarif"} <= set(action["inputs"])
