"""Run configuration: defaults, ``provcheck.toml`` / ``[tool.provcheck]``, CLI overrides.

Precedence, lowest first: the defaults below, the first configuration file found
(``--config FILE``, else ``provcheck.toml`` then ``pyproject.toml`` in the current
directory), then the command-line flags that were actually given.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from provcheck.errors import ConfigError
from provcheck.readers.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE


@dataclass(frozen=True, slots=True)
class Config:
    """Every option of a run. CLI flag ``--max-concurrency`` is key ``max_concurrency``."""

    # inputs
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    # crawling
    offline: bool = False
    timeout: float = 10.0
    max_concurrency: int = 32
    per_host: int = 4
    host_interval: float = 0.1
    retries: int = 2
    deadline: float | None = None
    max_redirects: int = 10
    max_body_bytes: int = 2 * 1024 * 1024
    allow_private: bool = False
    ca_bundle: str | None = None
    proxy: str | None = None
    archive: bool = True
    archive_endpoint: str = "https://archive.org/wayback/available"
    cache: str | None = None  # path; None = the user cache directory
    no_cache: bool = False
    record: str | None = None
    replay: str | None = None
    # analysis
    ignore_rules: tuple[str, ...] = ()
    ignore_urls: tuple[str, ...] = ()
    tolerance_days: int = 1
    # reporting and gating
    formats: tuple[str, ...] = ("table",)
    outputs: tuple[str, ...] = ()
    fail_on: str = "error"
    min_confidence: int | None = None
    verbose: bool = False
    quiet: bool = False
    store: str | None = None
    baseline: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


_TUPLE_FIELDS = {f.name for f in fields(Config) if str(f.type).startswith("tuple")}
_FIELD_NAMES = {f.name for f in fields(Config)} - {"extra"}


_FIELD_TYPES = {f.name: str(f.type) for f in fields(Config)}
_SCALARS: dict[str, tuple[type, ...]] = {
    "bool": (bool,),
    "int": (int,),
    "float": (int, float),
    "str": (str,),
}


def _coerce(key: str, value: Any, origin: str) -> Any:
    declared = _FIELD_TYPES[key]
    base, _, optional = declared.partition(" | ")
    if base in _SCALARS:
        if value is None and optional == "None":
            return None
        wanted = _SCALARS[base]
        if isinstance(value, bool) and bool not in wanted:
            raise ConfigError(f"{origin}: '{key}' expects a {base} value, not {value!r}")
        if not isinstance(value, wanted):
            raise ConfigError(f"{origin}: '{key}' expects a {base} value, not {value!r}")
        return float(value) if base == "float" and isinstance(value, int | float) else value
    if key in _TUPLE_FIELDS:
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise ConfigError(f"{origin}: '{key}' must be a string or a list of strings")
    return value


def from_mapping(data: Mapping[str, Any], origin: str, base: Config | None = None) -> Config:
    """Apply a configuration table (keys with dashes or underscores) over ``base``."""
    base = base or Config()
    changes: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key == "format":
            key = "formats"
        if key not in _FIELD_NAMES:
            raise ConfigError(
                f"{origin}: unknown option '{raw_key}'",
                "see the README's configuration section for the option names",
            )
        changes[key] = _coerce(key, value, origin)
    try:
        return dataclasses.replace(base, **changes)
    except TypeError as exc:  # pragma: no cover - defensive
        raise ConfigError(f"{origin}: {exc}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}", "fix the syntax error") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def find_config_table(explicit: str | None, cwd: Path) -> tuple[dict[str, Any], str] | None:
    """The configuration table to use and where it came from, if any."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("provcheck", {})
        return dict(data.get("provcheck", data)) if "provcheck" in data else dict(data), str(path)
    own = cwd / "provcheck.toml"
    if own.is_file():
        return _read_toml(own), str(own)
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("provcheck")
        if isinstance(table, dict):
            return table, f"{pyproject} [tool.provcheck]"
    return None


def load_config(
    explicit: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Defaults, then the configuration file, then the CLI overrides (None = not given)."""
    config = Config()
    found = find_config_table(explicit, cwd or Path.cwd())
    if found is not None:
        table, origin = found
        config = from_mapping(table, origin, config)
    if overrides:
        given = {k: v for k, v in overrides.items() if v is not None and v != ()}
        config = from_mapping(given, "command line", config)
    _validate(config)
    return config


def _validate(config: Config) -> None:
    if config.fail_on not in ("error", "warning", "info", "never"):
        raise ConfigError(f"fail_on must be error, warning, info or never, not '{config.fail_on}'")
    if config.min_confidence is not None and not 0 <= config.min_confidence <= 100:
        raise ConfigError("min_confidence must be between 0 and 100")
    for name in ("timeout", "host_interval"):
        if getattr(config, name) < 0:
            raise ConfigError(f"{name} must not be negative")
    for name in ("max_concurrency", "per_host"):
        if getattr(config, name) < 1:
            raise ConfigError(f"{name} must be at least 1")
    if config.record and config.replay:
        raise ConfigError("--record and --replay cannot be used together")
