"""The only place that wires the stages together: read -> extract -> crawl -> analyze -> score.

Failures of one document or link are values (a SkippedInput, a LinkStatus, a
Finding); only run failures (a missing recording, an unreadable cache) raise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
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
from provcheck.spool import IN_MEMORY_BYTES, Spool

if TYPE_CHECKING:
    from provcheck.progress import RunProgress
    from provcheck.store import RunStore

log = logging.getLogger(__name__)

#: Inputs up to this many bytes in all keep their documents in memory between the stages:
#: spooling to disk pays off for batches, while for an article or a handful of them it only
#: adds pickling (extracted and judged documents take some 10-50 times their input's size).
IN_MEMORY_INPUT_BYTES = IN_MEMORY_BYTES


def small_input(files: Iterable[str], limit: int) -> bool:
    """True when the files add up to at most ``limit`` bytes (unreadable ones count 0)."""
    total = 0
    for path in files:
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
        if total > limit:
            return False
    return True


def _discover(
    arguments: Sequence[str], config: Config, stdin_lines: Iterable[str]
) -> tuple[list[str], list[SkippedInput]]:
    found = discover(
        arguments, include=config.include, exclude=config.exclude, stdin_lines=stdin_lines
    )
    if not found.files and not found.skipped:
        raise InputError(
            "no input documents found",
            "pass files or directories holding .txt, .md or .html documents",
        )
    return list(found.files), list(found.skipped)


def _extract_each(
    files: Iterable[str],
    today: dt.date | None,
    on_document: Callable[[str], None] | None,
) -> Iterator[ExtractedDocument | SkippedInput]:
    """Read and extract the files one at a time; unreadable ones come as SkippedInput."""
    for path in files:
        read = read_path(path)
        if isinstance(read, Document):
            try:
                yield extract_document(read, today=today)
            except Exception as exc:  # one bad document never stops the batch
                log.exception("extraction failed for %s", path)
                yield SkippedInput(path, f"extraction failed ({type(exc).__name__}: {exc})")
        else:
            yield read
        if on_document is not None:
            on_document(path)


@dataclass(frozen=True, slots=True)
class ExtractionStream:
    """Documents extracted one at a time, as they are consumed.

    ``skipped`` holds the inputs found unreadable so far: those discovery refused at once,
    then each one ``documents`` meets, so it is complete once ``documents`` is exhausted.
    """

    documents: Iterator[ExtractedDocument]
    skipped: list[SkippedInput]


def stream_extraction(
    arguments: Sequence[str],
    config: Config,
    *,
    stdin_lines: Iterable[str] = (),
    today: dt.date | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[str], None] | None = None,
) -> ExtractionStream:
    """Read and extract every input, a document at a time as ``documents`` is consumed:
    a writer that handles them one at a time keeps one in memory, whatever the size of the
    batch. Unreadable inputs are skipped with a reason (in ``skipped``)."""
    files, skipped = _discover(arguments, config, stdin_lines)
    if on_start is not None:
        on_start(len(files))

    def documents() -> Iterator[ExtractedDocument]:
        for item in _extract_each(files, today, on_document):
            if isinstance(item, SkippedInput):
                skipped.append(item)
            else:
                yield item

    return ExtractionStream(documents(), skipped)


@dataclass(slots=True)
class _CrawlPlan:
    """What the crawl needs from the documents, gathered as they stream past.

    The unique crawl keys, per key the earliest date of a document citing it, and the
    keys of declared original URLs: a few dozen bytes per unique URL, not the documents.
    """

    keys: set[str] = field(default_factory=set)
    dates: dict[str, dt.date] = field(default_factory=dict)
    originals: set[str] = field(default_factory=set)

    def add(self, doc: ExtractedDocument) -> None:
        self.keys.update(k for k in (fetchable_key(link) for link in doc.links) if k)
        for key, date in reference_dates([doc]).items():
            if key not in self.dates or date < self.dates[key]:
                self.dates[key] = date
        self.originals.update(original_keys([doc]))


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

    Memory stays flat in the number of documents: each extracted document goes to a
    :class:`~provcheck.spool.Spool` on disk as it is made (only the crawl plan is kept),
    and is read back once to be judged into a second spool, which becomes
    ``Report.documents``; renderers then read the documents one at a time. A small run
    (inputs of at most :data:`IN_MEMORY_INPUT_BYTES`) keeps its spools in memory.
    """
    from provcheck.rules.base import RuleContext, RuleSettings
    from provcheck.rules.engine import run_rules
    from provcheck.scoring import score_document

    clock = time.perf_counter()
    timings: dict[str, float] = {}
    files, skipped = _discover(arguments, config, stdin_lines)
    if progress is not None:
        progress.phase("reading documents", len(files))
    in_memory = small_input(files, IN_MEMORY_INPUT_BYTES)
    docs: Spool[ExtractedDocument] = Spool(in_memory=in_memory)
    plan = _CrawlPlan()
    for item in _extract_each(files, today, progress.advance if progress else None):
        if isinstance(item, SkippedInput):
            skipped.append(item)
        else:
            docs.append(item)
            plan.add(item)
    timings["extract"] = time.perf_counter() - clock
    keys = sorted(plan.keys)
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
            reference_dates=plan.dates,
            progress=on_verdict,
            text_for=frozenset(plan.originals),
        ),
    }
    del plan
    timings["crawl"] = time.perf_counter() - started
    started = time.perf_counter()
    corpus: dict[str, CorpusFacts] = {}
    if len(docs) > 1:  # one document has no corpus (and its modules are not even imported)
        from provcheck.corpus.analyze import analyze_corpus

        corpus = analyze_corpus(docs)
    settings = RuleSettings(
        today=today or dt.datetime.now(dt.UTC).date(),
        anachronism_tolerance_days=config.tolerance_days,
        ignored_rules=frozenset(config.ignore_rules),
        ignored_urls=frozenset(config.ignore_urls),
        history=history,
    )
    audited: Spool[AuditedDocument] = Spool(in_memory=in_memory)
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
    docs.close()
    timings["analyze"] = time.perf_counter() - started
    report = Report(
        documents=audited,
        skipped=tuple(skipped),
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
