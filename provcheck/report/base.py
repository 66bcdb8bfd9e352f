"""The one seam every report format goes through.

A renderer is a pure function from a :class:`~provcheck.models.Report` to text: no I/O, no
printing, no clock. Every format also gives its text in pieces (:meth:`Renderer.chunks`), a
document at a time, so that a large batch is written without the whole text, or all of its
documents, in memory. The CLI
picks one from :data:`provcheck.report.registry.RENDERERS`, decides the options (colour from
the terminal, the JUnit gate from ``--fail-on``) and writes the text with
:func:`provcheck.report.atomic.write_atomic` or to stdout.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from provcheck.models import Report, Severity


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What the caller decided about presentation; renderers ignore what they do not use.

    ``color`` is decided by the caller (a TTY and no ``NO_COLOR``): a renderer never looks at
    the environment, so the same options always give the same text. ``fail_on`` is the lowest
    severity that counts as a failure in gate-like formats (JUnit).
    """

    verbose: bool = False
    quiet: bool = False
    color: bool = False
    fail_on: Severity = Severity.ERROR


class Renderer(Protocol):
    """A report format: a registry name, a file extension and a pure ``render``."""

    @property
    def name(self) -> str: ...

    @property
    def extension(self) -> str: ...

    def render(self, report: Report, options: RenderOptions) -> str: ...

    def chunks(self, report: Report, options: RenderOptions) -> Iterable[str]: ...


RenderFunc = Callable[[Report, RenderOptions], str]
StreamFunc = Callable[[Report, RenderOptions], Iterable[str]]


@dataclass(frozen=True, slots=True)
class FunctionRenderer:
    """A :class:`Renderer` made from a plain function, so each format stays a function.

    ``stream``, when given, yields the same text as ``func`` in pieces, for the same options
    (the JSON-like formats have none and ignore them).
    """

    name: str
    extension: str
    func: RenderFunc
    description: str = ""
    stream: StreamFunc | None = None

    def render(self, report: Report, options: RenderOptions) -> str:
        return self.func(report, options)

    def chunks(self, report: Report, options: RenderOptions) -> Iterable[str]:
        """The text in pieces: streamed when the format can be, else the whole at once."""
        if self.stream is not None:
            return self.stream(report, options)
        return (self.func(report, options),)


@dataclass(frozen=True, slots=True)
class ModuleRenderer:
    """A :class:`FunctionRenderer` whose functions are named, not imported: the module
    (``provcheck.report.<module>``) is imported on first use, so that writing one format
    does not import every other format's dependencies (rich for the terminal, ...)."""

    name: str
    extension: str
    module: str
    func: str
    description: str = ""
    stream: str | None = None

    def resolve(self) -> FunctionRenderer:
        """The renderer with its functions, importing their module if not yet imported."""
        module = importlib.import_module(f"provcheck.report.{self.module}")
        stream = getattr(module, self.stream) if self.stream else None
        return FunctionRenderer(
            self.name, self.extension, getattr(module, self.func), self.description, stream
        )

    def render(self, report: Report, options: RenderOptions) -> str:
        return self.resolve().render(report, options)

    def chunks(self, report: Report, options: RenderOptions) -> Iterable[str]:
        return self.resolve().chunks(report, options)
