"""GUI test fixtures: a real desk (DeskSession) on a real SQLite file, driven on a qasync loop.

pytest-qt provides the QApplication; each test gets a qasync loop over it and runs the
desk's coroutines with ``run(...)``. Conditions are awaited (``until``), never timed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from service.hash_embedder import HashEmbedder  # noqa: F401 - shared with the service tests

from assist.config import Settings
from assist.core.types import IncomingMessage
from assist.storage.database import Database


async def until(predicate: Callable[[], bool], limit: float = 30.0) -> None:
    """Yield to the loop until ``predicate`` holds (a guard against hanging, not a timing test)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.01)


class Driver:
    """Runs coroutines on the qasync loop and waits for conditions.

    qasync's ``run_until_complete`` processes Qt events once more after the loop stops, so a
    task step can run with no running loop; scenarios with background tasks (replay, ingest)
    therefore run as one coroutine: ``driver.run(scenario())`` with ``await until(...)`` inside.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        return self.loop.run_until_complete(coro)

    def until(self, predicate: Callable[[], bool], limit: float = 30.0) -> None:
        self.run(until(predicate, limit))


@pytest.fixture
def driver(qapp: Any) -> Iterator[Driver]:
    import qasync

    from assist.ui.app import make_app
    from assist.ui.i18n import install_language

    make_app()
    install_language("en")
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    try:
        yield Driver(loop)
    finally:
        install_language("en")
        asyncio.set_event_loop(None)
        loop.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", agent_name="lin", ui_language="en", ingest_token="t0ken-0123456789abcdef")


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = Database.open(settings.resolved_database_url)
    yield db
    db.close()


def customer(mid: str, conv: str, text: str, **kw: Any) -> IncomingMessage:
    return IncomingMessage(
        message_id=mid, conversation_id=conv, text=text, customer_id=kw.pop("who", None), **kw
    )


def start_desk(driver: Driver, settings: Settings, database: Database, **kwargs: Any) -> Any:
    from assist.ui.session import DeskSession

    kwargs.setdefault("load_models", False)
    kwargs.setdefault("ingest", False)
    kwargs.setdefault("outbox", False)
    session = DeskSession(settings, database, **kwargs)
    session.window.resize(1280, 800)
    session.window.show()
    driver.run(session.start())
    return session


def stop_desk(driver: Driver, session: Any) -> None:
    driver.run(session.stop())
    session.window.close()
    session.window.deleteLater()
