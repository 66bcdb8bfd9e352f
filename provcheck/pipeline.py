"""The only place that wires the stages together: read -> extract -> crawl -> analyze -> score.

Failures of one document or link are values (a SkippedInput, a LinkStatus, a
Finding); only run failures (a missing recording, an unreadable cache) raise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from provcheck import __version__
from provcheck.config import Config
from provcheck.crawl.session import (
    crawl,
    fetchable_key,
    link_statuses,
    original_keys,
    reference_dates,
)
from provcheck.errors import InputError
from provcheck.extract import extract_document
from provcheck.models import (
    AuditedDocument,
    CorpusFacts,
    Document,
    ExtractedDocument,
    LinkStatus,
    Report,
    SkippedInput,
)
from provcheck.readers import discover, read_path

if TYPE_CHECKING:
    from provcheck.progress import RunProgress
    from provcheck.store import RunStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Extraction:
    documents: tuple[ExtractedDocument, ...]
    skipped: tuple[SkippedInput, ...]


def extract_paths(
    arguments: Sequence[str],
    config: Config,
    *,
    stdin_lines: Iterable[str] = (),
    today: dt.date | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[str], None] | None = None,
) -> Extraction:
    """Read and extract every input; unreadable ones are skipped with a reason."""
    found = discover(
        arguments, include=config.include, exclude=config.exclude, stdin_lines=stdin_lines
    )
    if not found.files and not found.skipped:
        raise InputError(
            "no input documents found",
            "pass files or directories holding .txt, .md or .html documents",
        )
    if on_start is not None:
        on_start(len(found.files))
    documents: list[ExtractedDocument] = []
    skipped = list(found.skipped)
    for path in found.files:
        read = read_path(path)
        if isinstance(read, Document):
            try:
                documents.append(extract_document(read, today=today))
            except Exception as exc:  # one bad document never stops the batch
                log.exception("extraction failed for %s", path)
                skipped.append(
                    SkippedInput(path, f"extraction failed ({type(exc).__name__}: {exc})")
                )
        else:
            skipped.append(read)
        if on_document is not None:
            on_document(path)
    return Extraction(documents=tuple(documents), skipped=tuple(skipped))


def audit(
    arguments: Sequence[str],
    config: Config,
    *,
    stdin_lines: Iterable[str] = (),
    today: dt.date | None = None,
    progress: RunProgress | None = None,
    store: RunStore | None = None,
    resume: bool = False,
) -> Report:
    """Extract, resolve every unique link once, cross-reference the corpus, judge and score.

    With a run store every verdict is written as soon as it is known, so an interrupted
    run loses nothing; ``resume`` continues the store's unfinished run, fetching only the
    URLs it had not checked yet. Earlier runs' failures feed PV301's "confirmed broken".
    """
    from provcheck.corpus.analyze import analyze_corpus
    from provcheck.rules.base import RuleContext, RuleSettings
    from provcheck.rules.engine import run_rules
    from provcheck.scoring import score_document

    clock = time.perf_counter()
    timings: dict[str, float] = {}
    extraction = extract_paths(
        arguments,
        config,
        stdin_lines=stdin_lines,
        today=today,
        on_start=(lambda n: progress.phase("reading documents", n)) if progress else None,
        on_document=progress.advance if progress else None,
    )
    docs = extraction.documents
    timings["extract"] = time.perf_counter() - clock
    keys = sorted({k for d in docs for k in (fetchable_key(link) for link in d.links) if k})
    run_id, known, history = _open_run(store, resume, arguments, config, keys)
    remaining = [k for k in keys if k not in known]
    if progress is not None:
        progress.phase("checking links", len(remaining))

    def on_verdict(status: LinkStatus) -> None:
        if store is not None and run_id is not None:
            store.record_verdict(run_id, status)
        if progress is not None:
            progress.advance()

    started = time.perf_counter()
    verdicts = {
        **known,
        **crawl(
            remaining,
            config,
            reference_dates=reference_dates(docs),
            progress=on_verdict,
            text_for=original_keys(docs),
        ),
    }
    timings["crawl"] = time.perf_counter() - started
    started = time.perf_counter()
    corpus = analyze_corpus(docs)
    settings = RuleSettings(
        today=today or dt.datetime.now(dt.UTC).date(),
        anachronism_tolerance_days=config.tolerance_days,
        ignored_rules=frozenset(config.ignore_rules),
        ignored_urls=frozenset(config.ignore_urls),
        history=history,
    )
    audited: list[AuditedDocument] = []
    for doc in docs:
        statuses = link_statuses(doc, verdicts)
        facts = corpus.get(doc.path, CorpusFacts())
        findings = run_rules(
            RuleContext(doc=doc, statuses=statuses, corpus=facts, settings=settings)
        )
        audited.append(
            AuditedDocument(
                extracted=doc,
                statuses=statuses,
                findings=findings,
                confidence=score_document(findings, doc.links, statuses),
                corpus=facts,
            )
        )
    timings["analyze"] = time.perf_counter() - started
    report = Report(
        documents=tuple(audited),
        skipped=extraction.skipped,
        generated_at="" if config.replay else dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        tool_version=__version__,
        offline=config.offline,
    )
    timings["total"] = time.perf_counter() - clock
    if store is not None and run_id is not None:
        store.finish_run(run_id, report, timings)
    return report


def _open_run(
    store: RunStore | None,
    resume: bool,
    arguments: Sequence[str],
    config: Config,
    keys: Sequence[str],
) -> tuple[int | None, dict[str, LinkStatus], dict[str, tuple[str, ...]]]:
    """The run id to record into, the verdicts it already holds, and earlier failures."""
    if store is None:
        return None, {}, {}
    run_id = store.unfinished_run() if resume else None
    known: dict[str, LinkStatus] = {}
    if run_id is None:
        settings = {k: v for k, v in dataclasses.asdict(config).items() if k != "extra"}
        run_id = store.start_run(list(arguments), settings)
    else:
        wanted = set(keys)
        known = {url: s for url, s in store.checked_verdicts(run_id).items() if url in wanted}
    return run_id, known, store.failure_history(keys, before_run=run_id)
