"""``provcheck extract`` and ``provcheck rules``: no network, no judgement."""

from __future__ import annotations

import gc
from typing import Annotated

import typer

from provcheck.cli.app import (
    ConfigOpt,
    ExcludeOpt,
    IncludeOpt,
    OutputOpt,
    PathsArg,
    app,
    configure,
    emit,
    stdin_lines,
    want_color,
    warn_skipped,
)
from provcheck.errors import InputError, UsageError


@app.command()
def extract(
    paths: PathsArg,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output format: json or table.")
    ] = "table",
    output: OutputOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """Extract links and metadata from documents, without any network access."""
    from provcheck.pipeline import extract_paths
    from provcheck.report.extract_table import render_extract_table
    from provcheck.report.json_stream import dumps
    from provcheck.report.model_json import extract_payload

    if fmt not in ("json", "table"):
        raise UsageError(f"unknown format '{fmt}' for extract", "use json or table")
    config = configure(config_file, include, exclude)
    result = extract_paths(paths, config, stdin_lines=stdin_lines(paths))
    warn_skipped(result.skipped)
    if not result.documents:
        raise InputError("no readable documents", "see the reasons printed above")
    # The extracted documents stay alive until the report is written: frozen, the collector
    # does not trace them again each time building the report's objects sets it off (that
    # tracing was over half of building the JSON of 10,000 documents).
    gc.freeze()
    try:
        if fmt == "json":
            text = dumps(extract_payload(result.documents, result.skipped))
        else:
            color = output is None and want_color()
            text = render_extract_table(result.documents, result.skipped, color=color)
    finally:
        gc.unfreeze()
    emit(text, output)


@app.command()
def rules(
    rule_id: Annotated[
        str | None, typer.Argument(help="A rule id (PV101) or name to print its docs.")
    ] = None,
) -> None:
    """List the rules, or print one rule's documentation."""
    from provcheck.rules.docs import render_rule_doc, rule_table
    from provcheck.rules.registry import get_rule

    if rule_id is None:
        for rid, name, severity, summary in rule_table():
            typer.echo(f"{rid}  {name:<38} {severity:<8} {summary}")
        return
    rule = get_rule(rule_id)
    if rule is None:
        raise UsageError(f"no rule '{rule_id}'", "run 'provcheck rules' for the list")
    typer.echo(render_rule_doc(rule))
