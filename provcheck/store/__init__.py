"""The run store (``--store FILE``): every audit run in SQLite, with history and diffs."""

from provcheck.store.diff import RunDiff, diff_runs
from provcheck.store.diff_render import diff_to_dict, render_diff_text
from provcheck.store.reads import StoreReader
from provcheck.store.runs import RunInfo, RunState, RunStore

__all__ = [
    "RunDiff",
    "RunInfo",
    "RunState",
    "RunStore",
    "StoreReader",
    "diff_runs",
    "diff_to_dict",
    "render_diff_text",
]
