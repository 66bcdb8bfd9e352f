"""``provcheck diff`` and ``provcheck report``: reading the run store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from provcheck.cli.app import (
    FormatOpt,
    OutputOpt,
    OutputsOpt,
    app,
    emit,
)
from provcheck.cli.audit_cmd import output_plan, render_all
from provcheck.config import Config
from provcheck.errors import UsageError

StoreOpt = Annotated[str, typer.Option("--store", help="The SQLite run store.")]


@app.command()
def diff(
    runs: Annotated[
        list[int] | None, typer.Argument(help="Two run ids (default: the last two complete runs).")
    ] = None,
    store: StoreOpt = "runs.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    output: OutputOpt = None,
) -> None:
    """Links that broke, recovered or changed target, and scores that moved, between two runs."""
    from provcheck.store import StoreReader, diff_runs, diff_to_dict, render_diff_text

    if fmt not in ("text", "json"):
        raise UsageError(f"unknown format '{fmt}' for diff", "use text or json")
    with StoreReader(Path(store)) as reader:
        if runs:
            if len(runs) != 2:
                raise UsageError("give two run ids, or none for the last two complete runs")
            run_a, run_b = runs
        else:
            pair = reader.last_two_complete()
            if pair is None:
                raise UsageError(
                    f"{store} holds fewer than two complete runs",
                    "run 'provcheck audit PATHS --store FILE' twice first",
                )
            run_a, run_b = pair
        result = diff_runs(reader, run_a, run_b)
    text = (
        json.dumps(diff_to_dict(result), indent=2, ensure_ascii=False)
        if fmt == "json"
        else render_diff_text(result)
    )
    emit(text, output)


@app.command()
def report(
    store: StoreOpt = "runs.db",
    run: Annotated[int | None, typer.Option("--run", help="Run id (default: the latest).")] = None,
    fmt: FormatOpt = None,
    output: OutputsOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Render a stored run again, in any format (an HTML report, for instance)."""
    from provcheck.store import StoreReader

    config = Config(
        formats=tuple(fmt) if fmt else ("table",),
        outputs=tuple(output) if output else (),
        verbose=verbose,
        quiet=quiet,
    )
    targets = output_plan(config)
    with StoreReader(Path(store)) as reader:
        run_id = run if run is not None else reader.latest_complete()
        if run_id is None:
            raise UsageError(f"{store} holds no complete run", "run 'provcheck audit' first")
        stored = reader.load_report(run_id)
    render_all(stored, config, targets)
