"""The typer app: options -> Config -> pipeline -> renderer -> exit code. No domain logic."""

from __future__ import annotations

import contextlib
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


def _want_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@app.command()
def audit(
    paths: PathsArg,
    fmt: FormatOpt = None,
    output: OutputsOpt = None,
    offline: Annotated[
        bool | None, typer.Option("--offline", help="No network: only cache and recording.")
    ] = None,
    cache: Annotated[
        str | None, typer.Option("--cache", help="Verdict cache file (SQLite).")
    ] = None,
    no_cache: Annotated[
        bool | None, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = None,
    record: Annotated[
        str | None, typer.Option("--record", help="Record every HTTP exchange to a WARC file.")
    ] = None,
    replay: Annotated[
        str | None,
        typer.Option("--replay", help="Serve HTTP from a recorded WARC file; no network at all."),
    ] = None,
    proxy: Annotated[str | None, typer.Option("--proxy", help="HTTP(S) proxy URL.")] = None,
    ca_bundle: Annotated[
        str | None, typer.Option("--ca-bundle", help="PEM file of trusted CAs.")
    ] = None,
    allow_private: Annotated[
        bool | None,
        typer.Option("--allow-private", help="Allow private, loopback and link-local targets."),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Seconds per request (default 10).")
    ] = None,
    max_concurrency: Annotated[
        int | None, typer.Option("--max-concurrency", help="Requests in flight (default 32).")
    ] = None,
    per_host: Annotated[
        int | None, typer.Option("--per-host", help="Requests in flight per host (default 4).")
    ] = None,
    host_interval: Annotated[
        float | None,
        typer.Option("--host-interval", help="Seconds between requests to one host (0.1)."),
    ] = None,
    retries: Annotated[
        int | None, typer.Option("--retries", help="Retries per URL (default 2).")
    ] = None,
    deadline: Annotated[
        float | None, typer.Option("--deadline", help="Seconds for the whole crawl.")
    ] = None,
    archive: Annotated[
        bool | None,
        typer.Option("--archive/--no-archive", help="Look broken links up in a web archive."),
    ] = None,
    archive_endpoint: Annotated[
        str | None,
        typer.Option("--archive-endpoint", help="Wayback-compatible availability API URL."),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Exit 1 on findings of this severity or worse."),
    ] = None,
    min_confidence: Annotated[
        int | None, typer.Option("--min-confidence", help="Exit 1 if a document scores lower.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Rule id to ignore (repeatable).")
    ] = None,
    ignore_url: Annotated[
        list[str] | None, typer.Option("--ignore-url", help="URL or glob to ignore (repeatable).")
    ] = None,
    verbose: Annotated[
        bool | None, typer.Option("--verbose", "-v", help="Show every link and its chain.")
    ] = None,
    quiet: Annotated[
        bool | None, typer.Option("--quiet", "-q", help="Only problems; no progress.")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option("--store", help="Keep this run in a SQLite run store (history, diff)."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue the store's interrupted run."),
    ] = False,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", help="Ignore findings recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        str | None,
        typer.Option("--write-baseline", help="Record every current finding as the baseline."),
    ] = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """Extract, resolve every link, apply the rules and score each document."""
    from provcheck.gate import exit_code
    from provcheck.pipeline import audit as run_audit
    from provcheck.progress import RunProgress

    config = _configure(
        config_file,
        include,
        exclude,
        formats=tuple(fmt) if fmt else None,
        outputs=tuple(output) if output else None,
        offline=offline,
        cache=cache,
        no_cache=no_cache,
        record=record,
        replay=replay,
        proxy=proxy,
        ca_bundle=ca_bundle,
        allow_private=allow_private,
        timeout=timeout,
        max_concurrency=max_concurrency,
        per_host=per_host,
        host_interval=host_interval,
        retries=retries,
        deadline=deadline,
        archive=archive,
        archive_endpoint=archive_endpoint,
        fail_on=fail_on,
        min_confidence=min_confidence,
        ignore_rules=tuple(ignore) if ignore else None,
        ignore_urls=tuple(ignore_url) if ignore_url else None,
        verbose=verbose,
        quiet=quiet,
        store=store,
        baseline=baseline,
    )
    if resume and not config.store:
        raise UsageError("--resume needs --store FILE", "name the store of the interrupted run")
    targets = _output_plan(config)
    gate_baseline = None
    if config.baseline:
        from provcheck.baseline import load_baseline

        gate_baseline = load_baseline(Path(config.baseline))
    with contextlib.ExitStack() as stack:
        run_store = None
        if config.store:
            from provcheck.store import RunStore

            run_store = stack.enter_context(RunStore(Path(config.store)))
        progress = stack.enter_context(RunProgress(enabled=not config.quiet))
        report = run_audit(
            paths,
            config,
            stdin_lines=_stdin_lines(paths),
            progress=progress,
            store=run_store,
            resume=resume,
        )
    if not config.quiet:
        _warn_skipped(report.skipped)
    if not report.documents:
        raise InputError("no readable documents", "see the reasons printed above")
    if write_baseline:
        from provcheck.baseline import write_baseline as save_baseline

        count = save_baseline(report, Path(write_baseline))
        typer.echo(
            f"provcheck: wrote {count} finding(s) to the baseline {write_baseline}", err=True
        )
    if gate_baseline is not None:
        from provcheck.baseline import apply_baseline

        report = apply_baseline(report, gate_baseline)
    _render_all(report, config, targets)
    code = exit_code(report, config.fail_on, config.min_confidence)
    raise typer.Exit(int(code))


def _output_plan(config: Config) -> list[tuple[str, str | None]]:
    """Pair each --format with an --output file (None = stdout), before any work is done.

    One format and one file pair up. Otherwise each file goes to the format its suffix
    names (``report.sarif``, ``docs.csv``; a file whose suffix names no requested format
    takes the first requested format still without a file); formats left without a file
    go to stdout, at most one of them.
    """
    from provcheck.report.registry import get_renderer

    formats = [get_renderer(f).name for f in config.formats]
    outputs = list(config.outputs)
    if len(outputs) > len(formats):
        if list(config.formats) == ["table"]:  # only the default: take formats from suffixes
            formats = [_format_from_suffix(o) for o in outputs]
        else:
            raise UsageError("more --output files than --format values")
    files: dict[str, str] = {}
    if len(formats) == 1 and len(outputs) == 1:
        files[formats[0]] = outputs[0]
    else:
        for out in outputs:
            wanted = _format_from_suffix(out)
            name = wanted if wanted in formats and wanted not in files else None
            if name is None:
                name = next((f for f in formats if f not in files), None)
            if name is None:
                raise UsageError(f"no --format left for --output {out}")
            files[name] = out
    plan = [(f, files.get(f)) for f in formats]
    if sum(1 for _, out in plan if out is None) > 1:
        raise UsageError(
            "several formats would go to stdout", "give each extra --format its own --output FILE"
        )
    return plan


_SUFFIX_FORMATS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".sarif": "sarif",
    ".xml": "junit",
    ".csv": "csv",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}


def _format_from_suffix(path: str) -> str:
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower(), "table")


def _render_all(report: Any, config: Config, plan: list[tuple[str, str | None]]) -> None:
    from provcheck.models import Severity
    from provcheck.report.base import RenderOptions
    from provcheck.report.registry import get_renderer

    gate = Severity.ERROR if config.fail_on == "never" else Severity(config.fail_on)
    for name, out in plan:
        options = RenderOptions(
            verbose=config.verbose,
            quiet=config.quiet,
            color=out is None and _want_color(),
            fail_on=gate,
        )
        _emit(get_renderer(name).render(report, options), out)


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
    _emit(text, output)


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
    targets = _output_plan(config)
    with StoreReader(Path(store)) as reader:
        run_id = run if run is not None else reader.latest_complete()
        if run_id is None:
            raise UsageError(f"{store} holds no complete run", "run 'provcheck audit' first")
        stored = reader.load_report(run_id)
    _render_all(stored, config, targets)


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


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turning run failures into one line and an exit code."""
    logging.basicConfig(
        level=logging.DEBUG if os.environ.get("PROVCHECK_DEBUG") else logging.CRITICAL,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        # With standalone_mode off, click returns the code of a typer.Exit instead of raising.
        code = app(args=argv, standalone_mode=False)
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
    sys.exit(code if isinstance(code, int) else 0)


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
