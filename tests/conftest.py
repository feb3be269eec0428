"""Shared fixtures: isolated settings and data dirs, and databases on SQLite and PostgreSQL.

PostgreSQL tests use ``ASSIST_TEST_POSTGRES_URL`` (``.ci/run`` starts a server and sets it);
without it they skip and say so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
POSTGRES_URL = os.environ.get("ASSIST_TEST_POSTGRES_URL", "")


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user config; ASSIST_* from the shell is ignored."""
    for key in list(os.environ):
        if key.startswith("ASSIST_") and not key.startswith("ASSIST_TEST_"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("ASSIST_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data not available: {SHARED_DATA} is absent")
    return SHARED_DATA


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'assist.sqlite'}"


def _reset_postgres(url: str) -> None:
    from sqlalchemy import text

    from assist.storage.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    """Runs the test once on a real SQLite file and once on the real PostgreSQL."""
    if request.param == "sqlite":
        return sqlite_url
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL not reachable: set ASSIST_TEST_POSTGRES_URL (.ci/run does)")
    _reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def database(db_url: str) -> Iterator[object]:
    from assist.storage.database import Database

    db = Database.open(db_url)
    yield db
    db.close()


# ----------------------------------------------------------------- a tiny pretrained base
@pytest.fixture(scope="session")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny Gemma 3 GGUF (random weights, a Gemma-shaped vocabulary): what the real 253 MB file is, small."""
    from tests.pretrained.tiny_gguf import write_tiny_gemma_gguf

    return write_tiny_gemma_gguf(tmp_path_factory.mktemp("gguf") / "tiny-gemma3.gguf")


@pytest.fixture(scope="session")
def tiny_gemma_dir(tiny_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny GGUF converted by the production path into a registry's ``base/`` folder."""
    from assist.pretrained.bases import resolve_base

    return resolve_base(str(tiny_gguf), tmp_path_factory.mktemp("models"))
