"""``provcheck extract`` and ``provcheck rules``: no network, no judgement."""

from __future__ import annotations

import itertools
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
    from provcheck.pipeline import stream_extraction

    if fmt not in ("json", "table"):
        raise UsageError(f"unknown format '{fmt}' for extract", "use json or table")
    config = configure(config_file, include, exclude)
    stream = stream_extraction(paths, config, stdin_lines=stdin_lines(paths))
    first = next(stream.documents, None)
    if first is None:
        warn_skipped(tuple(stream.skipped))
        raise InputError("no readable documents", "see the reasons printed above")
    documents = itertools.chain((first,), stream.documents)
    if fmt == "json":
        # A document at a time: a batch's documents never sit in memory together.
        from provcheck.report.model_json import iter_extract_json

        emit(iter_extract_json(documents, stream.skipped), output)
    else:
        from provcheck.report.extract_table import render_extract_table

        color = output is None and want_color()
        emit(render_extract_table(tuple(documents), tuple(stream.skipped), color=color), output)
    warn_skipped(tuple(stream.skipped))


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
