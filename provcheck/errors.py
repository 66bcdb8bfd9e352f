"""Run failures: typed exceptions, each with an exit code and a hint for the user.

Failures of a single link or document are data (a status, a warning); these
exceptions are for what stops the whole run.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes (documented in the README)."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    ENVIRONMENT = 3
    INTERNAL = 4


class ProvcheckError(Exception):
    """Base of every run failure; carries an exit code and a one-line hint."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(ProvcheckError):
    """Bad arguments or configuration."""

    exit_code = ExitCode.USAGE


class ConfigError(UsageError):
    """An invalid provcheck.toml or [tool.provcheck] table."""


class InputError(UsageError):
    """No readable input at all (a missing path, an empty list)."""


class EnvironmentProblem(ProvcheckError):
    """The environment stops the run: unreadable cache, missing recording ..."""

    exit_code = ExitCode.ENVIRONMENT


class ReplayMiss(EnvironmentProblem):
    """A request that the replayed recording does not hold."""

    def __init__(self, url: str, cassette: str) -> None:
        super().__init__(
            f"{url}: not in the recording {cassette}",
            "record it again with --record, or run without --replay",
        )
        self.url = url
