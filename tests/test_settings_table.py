"""The table of settings in docs/running.md is the one the Settings declaration renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from longgang_api.settings import Settings, SettingsError, declared, markdown_table
from tools import settings_table

ROOT = Path(__file__).resolve().parents[1]
#: Every variable the server reads.
VARIABLES = {
    "HOST",
    "PORT",
    "WORKERS",
    "DATASET",
    "LONGGANG_ARTIFACT",
    "DATASETS",
    "PUBLIC_BASE_URL",
    "CACHE_MAX_AGE",
    "RATE_LIMIT",
    "TRUSTED_PROXIES",
    "RESPONSE_CACHE",
}


def test_the_guide_s_table_is_the_declared_one() -> None:
    in_guide = settings_table.table_in((ROOT / "docs" / "running.md").read_text())
    assert in_guide == markdown_table() + "\n", "run `make docs`"


def test_every_setting_has_a_variable_a_default_and_a_meaning() -> None:
    settings = declared()
    assert [s.field for s in settings] == list(Settings.__struct_fields__)
    assert {s.variable for s in settings} == VARIABLES
    for setting in settings:
        assert setting.shown and setting.meaning, setting
        assert "|" not in setting.meaning + setting.shown, setting


def test_a_row_per_meaning_with_the_defaults_as_the_server_has_them() -> None:
    rows = markdown_table().splitlines()
    assert rows[:2] == ["| variable | default | meaning |", "|---|---|---|"]
    assert "| `HOST`, `PORT` | `127.0.0.1`, `8000` | where to listen |" in rows
    assert "| `DATASET` | `longgang-2024` | " in "\n".join(rows)
    assert "| `PUBLIC_BASE_URL` | `http://HOST:PORT` | public address; " in "\n".join(rows)
    assert "| `RESPONSE_CACHE` | `true` | " in "\n".join(rows)
    assert len(rows) == 2 + len(VARIABLES) - 1


@pytest.mark.parametrize(("value", "on"), [("true", True), ("false", False), ("0", False)])
def test_the_response_cache_is_a_setting(value: str, on: bool) -> None:
    assert Settings.from_env({"RESPONSE_CACHE": value}).response_cache is on
    assert Settings.from_env({}).response_cache


def test_a_response_cache_neither_true_nor_false_is_refused_with_its_name() -> None:
    with pytest.raises(SettingsError, match=r"^RESPONSE_CACHE='off': Expected `bool`"):
        Settings.from_env({"RESPONSE_CACHE": "off"})


def test_the_command_rewrites_a_stale_table_and_nothing_else(tmp_path: Path) -> None:
    guide = tmp_path / "running.md"
    text = (ROOT / "docs" / "running.md").read_text()
    stale = text.replace("| `WORKERS` | `1` |", "| `WORKERS` | `4` |")
    assert stale != text
    guide.write_text(stale)
    assert settings_table.main(["--check", "--guide", str(guide)]) == 1
    assert settings_table.main(["--guide", str(guide)]) == 0
    assert guide.read_text() == text
    assert settings_table.main(["--check", "--guide", str(guide)]) == 0


def test_a_guide_without_the_markers_is_an_error(tmp_path: Path) -> None:
    guide = tmp_path / "running.md"
    guide.write_text("# Running it\n\nno table\n")
    assert settings_table.main(["--guide", str(guide)]) == 1
    assert guide.read_text() == "# Running it\n\nno table\n"
