"""The typer app and what its commands share: option types, configuration, output.

The CLI is thin: options -> Config -> pipeline -> renderer -> exit code. Commands live in
``extract_cmd``, ``audit_cmd`` and ``store_cmd``; ``provcheck.cli`` registers them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from provcheck import __version__
from provcheck.config import Config, load_config

app = typer.Typer(
    name="provcheck",
    help="Source-provenance and link-integrity checker for archived news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATHS",
        help="Files, directories (recursed) or '-' to read a list of paths on stdin.",
    ),
]
IncludeOpt = Annotated[
    list[str] | None,
    typer.Option("--include", help="Glob of files to read inside directories (repeatable)."),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option("--exclude", help="Glob of files or folders to skip (repeatable)."),
]
ConfigOpt = Annotated[
    str | None,
    typer.Option(
        "--config", help="Configuration file (default: provcheck.toml or pyproject.toml)."
    ),
]
OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", help="Write the report to FILE (atomically).")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"provcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """provcheck: what in an archived article can still be trusted, and why."""


def stdin_lines(paths: list[str]) -> list[str]:
    if "-" not in paths:
        return []
    return sys.stdin.read().splitlines()


def configure(
    config_file: str | None, include: list[str] | None, exclude: list[str] | None, **extra: Any
) -> Config:
    overrides: dict[str, Any] = dict(extra)
    if include:
        overrides["include"] = tuple(include)
    base = load_config(config_file, overrides)
    if exclude:
        base = load_config(config_file, {**overrides, "exclude": (*base.exclude, *exclude)})
    return base


def emit(text: str | Iterable[str], output: str | None) -> None:
    from provcheck.report.atomic import write_atomic, write_stream

    if output:
        write_atomic(Path(output), text)
    else:
        write_stream(sys.stdout, text)


def warn_skipped(skipped: tuple[Any, ...]) -> None:
    for item in skipped:
        typer.echo(f"provcheck: skipped {item.path}: {item.reason}", err=True)


FormatOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        help="json, jsonl, sarif, junit, csv, csv-links, markdown, table or html (repeatable).",
    ),
]
OutputsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the Nth --format to the Nth --output FILE (atomically); others go to stdout.",
    ),
]


def want_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
