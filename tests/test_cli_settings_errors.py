"""A bad setting written by hand in settings.toml stops the start with one line that names the
setting and the file (``assist: error: ...``, exit code 2), not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assist.config import ConfigError, check_database_url, load_settings, settings_file

REPO = Path(__file__).resolve().parents[1]


def test_an_unloadable_database_url_in_the_file_names_the_setting_and_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    settings_file(cfg).write_text('database_url = "notaurl://??"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(config_dir=cfg, environ={"ASSIST_DATA_DIR": str(tmp_path / "d")}, create=False)
    assert "database_url" in str(caught.value) and str(settings_file(cfg)) in str(caught.value)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite:///{file}/x.sqlite", "sqlite:///{tmp}"])
def test_sqlite_urls_that_keep_nothing_or_cannot_be_made_are_refused(tmp_path: Path, url: str) -> None:
    """The outside review: ``sqlite://`` started a desk that stored nothing (503 on every message),
    ``sqlite:////etc/passwd/x.sqlite`` a traceback (NotADirectoryError)."""
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    with pytest.raises(ConfigError) as caught:
        check_database_url(url.format(file=a_file, tmp=tmp_path))
    assert "database_url" in str(caught.value)


def test_a_sqlite_file_in_a_folder_still_to_be_made_passes(tmp_path: Path) -> None:
    check_database_url(f"sqlite:///{tmp_path / 'new' / 'assist.sqlite'}")  # the desk makes the folder at start


@pytest.mark.parametrize("url", ["notaurl://??", "sqlite:////etc/passwd/x.sqlite"])
def test_the_desk_does_not_start_on_a_bad_database_url_and_says_why_in_one_line(tmp_path: Path, url: str) -> None:
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    path = settings_file(cfg)
    path.write_text(f'database_url = "{url}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_")}
    env.update(ASSIST_CONFIG_DIR=str(cfg), ASSIST_DATA_DIR=str(tmp_path / "d"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "assist.cli.main", "desk", "--fake-engines", "--no-demo"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert "Traceback" not in done.stderr
    assert lines[-1].startswith("assist: error: ") and "database_url" in lines[-1] and str(path) in lines[-1]
