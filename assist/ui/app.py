"""Start the desk: one QApplication, one qasync loop, one DeskSession; clean shutdown.

``asyncio.Runner(loop_factory=qasync.QEventLoop)`` (``asyncio.run(..., loop_factory=...)`` from
Python 3.12 on) runs Qt and asyncio on one loop
(PySide6 is imported before qasync so qasync binds to it). The window's close ends
``main``; pending tasks are cancelled, the ingest server and outbox stop, the writer drains.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from assist.config import Settings
from assist.storage.database import Database
from assist.ui.errors import ErrorHub
from assist.ui.i18n import install_language
from assist.ui.resources import icon, stylesheet

log = logging.getLogger(__name__)


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Assist")
    app.setOrganizationName("Assist")
    app.setWindowIcon(icon("app"))
    app.setStyleSheet(stylesheet())
    app.setQuitOnLastWindowClosed(False)  # main() decides when the loop ends
    return app


async def desk_main(
    settings: Settings,
    *,
    replay_file: str | Path | None = None,
    speed: float = 1.0,
    demo: bool = True,
    load_models: bool = True,
) -> int:
    from assist.ui.session import DeskSession

    loop = asyncio.get_running_loop()
    app = QApplication.instance()
    errors = ErrorHub()
    errors.install(loop)
    from assist.service.engines import fallback_engines

    database = await loop.run_in_executor(None, Database.open, settings.resolved_database_url)
    engines = await loop.run_in_executor(None, fallback_engines)  # instant ones; real models follow
    session = DeskSession(settings, database, engines=engines, load_models=load_models, errors=errors)
    closed = asyncio.Event()
    session.window.closing.connect(closed.set)
    if app is not None:
        app.aboutToQuit.connect(closed.set)
    previous = _close_on_signals(loop, closed)
    session.window.show()
    await session.start()
    if replay_file is not None or demo:
        session.start_replay(replay_file, speed=speed, demo=demo and replay_file is None)
    try:
        await closed.wait()
    finally:
        await session.stop()
        await loop.run_in_executor(None, database.close)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _close_on_signals(loop: asyncio.AbstractEventLoop, closed: asyncio.Event) -> dict[int, Any]:
    """SIGTERM (``kill``, a logout, a service manager) and SIGINT (Ctrl+C in the terminal) close
    the desk as its window does: the first run is paused, the outbox and ingest stop, the
    writer drains. Qt's loop runs Python often (the heartbeat timer), so the handler runs soon."""

    def on_signal(signum: int, _frame: object) -> None:
        log.info("%s: closing the desk", signal.Signals(signum).name)
        loop.call_soon_threadsafe(closed.set)

    previous: dict[int, Any] = {}
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            previous[sig] = signal.signal(sig, on_signal)
        except ValueError:  # not the main thread (tests driving desk_main elsewhere)
            break
    return previous


def run_desk(
    settings: Settings,
    *,
    replay_file: str | Path | None = None,
    speed: float = 1.0,
    demo: bool = True,
    load_models: bool = True,
) -> int:
    """Open the desk and block until its window closes; returns the exit code."""
    make_app()
    install_language(settings.ui_language)
    import qasync  # imported after PySide6, so qasync binds to it

    coro = desk_main(settings, replay_file=replay_file, speed=speed, demo=demo, load_models=load_models)
    # Python 3.11: asyncio.Runner takes the loop factory (asyncio.run gains it in 3.12).
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        return runner.run(coro)
