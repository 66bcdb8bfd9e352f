import pytest

from provcheck.config import Config, load_config
from provcheck.errors import ConfigError, ExitCode


def test_defaults_without_any_file(tmp_path):
    config = load_config(cwd=tmp_path)
    assert config == Config()


def test_provcheck_toml_is_read(tmp_path):
    (tmp_path / "provcheck.toml").write_text(
        'offline = true\nmax-concurrency = 8\nignore-rules = ["PV312"]\nformat = "json"\n'
    )
    config = load_config(cwd=tmp_path)
    assert config.offline is True
    assert config.max_concurrency == 8
    assert config.ignore_rules == ("PV312",)
    assert config.formats == ("json",)


def test_pyproject_tool_table_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "archive"\n\n[tool.provcheck]\nfail-on = "warning"\n'
    )
    assert load_config(cwd=tmp_path).fail_on == "warning"


def test_cli_overrides_win_and_none_means_not_given(tmp_path):
    (tmp_path / "provcheck.toml").write_text("timeout = 3.0\nretries = 5\n")
    config = load_config(overrides={"timeout": 1.5, "retries": None}, cwd=tmp_path)
    assert config.timeout == 1.5
    assert config.retries == 5


def test_unknown_option_is_a_config_error(tmp_path):
    (tmp_path / "provcheck.toml").write_text("colour = true\n")
    with pytest.raises(ConfigError, match="unknown option 'colour'") as info:
        load_config(cwd=tmp_path)
    assert info.value.exit_code is ExitCode.USAGE


def test_invalid_toml_names_the_file(tmp_path):
    (tmp_path / "provcheck.toml").write_text("offline = \n")
    with pytest.raises(ConfigError, match=r"provcheck\.toml: invalid TOML"):
        load_config(cwd=tmp_path)


def test_explicit_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(str(tmp_path / "nope.toml"), cwd=tmp_path)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"fail_on": "fatal"}, "fail_on"),
        ({"min_confidence": 140}, "min_confidence"),
        ({"per_host": 0}, "per_host"),
        ({"record": "a.warc.gz", "replay": "b.warc.gz"}, "--record and --replay"),
    ],
)
def test_validation(tmp_path, overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_config(overrides=overrides, cwd=tmp_path)


def test_list_option_type_is_checked(tmp_path):
    (tmp_path / "provcheck.toml").write_text("exclude = 3\n")
    with pytest.raises(ConfigError, match="'exclude' must be a string or a list"):
        load_config(cwd=tmp_path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('timeout = "fast"', "'timeout' expects a float"),
        ("offline = 1", "'offline' expects a bool"),
        ("retries = true", "'retries' expects a int"),
    ],
)
def test_scalar_types_are_checked(tmp_path, line, message):
    (tmp_path / "provcheck.toml").write_text(line + "\n")
    with pytest.raises(ConfigError, match=message):
        load_config(cwd=tmp_path)
