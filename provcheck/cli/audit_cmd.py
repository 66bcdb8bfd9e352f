"""``provcheck audit``: the main job, and how its reports reach files and stdout."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any

import typer

from provcheck.cli.app import (
    ConfigOpt,
    ExcludeOpt,
    FormatOpt,
    IncludeOpt,
    OutputsOpt,
    PathsArg,
    app,
    configure,
    emit,
    stdin_lines,
    want_color,
    warn_skipped,
)
from provcheck.config import Config
from provcheck.errors import InputError, UsageError


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

    config = configure(
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
    targets = output_plan(config)
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
            stdin_lines=stdin_lines(paths),
            progress=progress,
            store=run_store,
            resume=resume,
        )
    if not config.quiet:
        warn_skipped(report.skipped)
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
    render_all(report, config, targets)
    code = exit_code(report, config.fail_on, config.min_confidence)
    raise typer.Exit(int(code))


def output_plan(config: Config) -> list[tuple[str, str | None]]:
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


def render_all(report: Any, config: Config, plan: list[tuple[str, str | None]]) -> None:
    from provcheck.models import Severity
    from provcheck.report.base import RenderOptions
    from provcheck.report.registry import get_renderer

    gate = Severity.ERROR if config.fail_on == "never" else Severity(config.fail_on)
    for name, out in plan:
        options = RenderOptions(
            verbose=config.verbose,
            quiet=config.quiet,
            color=out is None and want_color(),
            fail_on=gate,
        )
        emit(get_renderer(name).chunks(report, options), out)
