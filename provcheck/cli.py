"""The typer app: options -> Config -> pipeline -> renderer -> exit code. No domain logic."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from provcheck import __version__
from provcheck.config import Config, load_config
from provcheck.errors import ExitCode, InputError, ProvcheckError, UsageError

app = typer.Typer(
    name="provcheck",
    help="Source-provenance and link-integrity checker for archived news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathsArg = Annotated[
    list[str],
    typer.Argument(help="Files, directories (recursed) or '-' to read a list of paths on stdin."),
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
    typer.Option("--config", help="Configuration file (default: provcheck.toml or pyproject.toml)."),
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


def _stdin_lines(paths: list[str]) -> list[str]:
    if "-" not in paths:
        return []
    return sys.stdin.read().splitlines()


def _configure(
    config_file: str | None, include: list[str] | None, exclude: list[str] | None, **extra: Any
) -> Config:
    overrides: dict[str, Any] = dict(extra)
    if include:
        overrides["include"] = tuple(include)
    base = load_config(config_file, overrides)
    if exclude:
        base = load_config(config_file, {**overrides, "exclude": (*base.exclude, *exclude)})
    return base


def _emit(text: str, output: str | None) -> None:
    if output:
        from provcheck.report.atomic import write_atomic

        write_atomic(Path(output), text)
    else:
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")


def _warn_skipped(skipped: tuple[Any, ...]) -> None:
    for item in skipped:
        typer.echo(f"provcheck: skipped {item.path}: {item.reason}", err=True)


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
    from provcheck.report.model_json import extract_payload

    if fmt not in ("json", "table"):
        raise UsageError(f"unknown format '{fmt}' for extract", "use json or table")
    config = _configure(config_file, include, exclude)
    result = extract_paths(paths, config, stdin_lines=_stdin_lines(paths))
    _warn_skipped(result.skipped)
    if not result.documents:
        raise InputError("no readable documents", "see the reasons printed above")
    if fmt == "json":
        text = json.dumps(
            extract_payload(result.documents, result.skipped), indent=2, ensure_ascii=False
        )
    else:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render_extract_table(result.documents, result.skipped, color=color)
    _emit(text, output)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turning run failures into one line and an exit code."""
    logging.basicConfig(
        level=logging.DEBUG if os.environ.get("PROVCHECK_DEBUG") else logging.CRITICAL,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        app(args=argv, standalone_mode=False)
    except ProvcheckError as exc:
        typer.echo(f"provcheck: error: {exc.message}", err=True)
        if exc.hint:
            typer.echo(f"  hint: {exc.hint}", err=True)
        sys.exit(int(exc.exit_code))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("provcheck: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("provcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # usage errors from click, then genuine bugs
        _handle_unexpected(exc)
    sys.exit(0)


def _handle_unexpected(exc: Exception) -> None:
    # typer bundles click; its usage errors carry their own exit code and formatting.
    show = getattr(exc, "show", None)
    exit_code = getattr(exc, "exit_code", None)
    if callable(show) and isinstance(exit_code, int):
        show()
        sys.exit(int(ExitCode.USAGE) if exit_code == 2 else exit_code)
    if os.environ.get("PROVCHECK_DEBUG"):
        raise exc
    typer.echo(
        f"provcheck: internal error: {type(exc).__name__}: {exc}",
        err=True,
    )
    typer.echo("  hint: run again with PROVCHECK_DEBUG=1 for a traceback, and report it", err=True)
    sys.exit(int(ExitCode.INTERNAL))
