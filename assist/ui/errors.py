"""The one error path of the desk: slots, tasks, threads and the loop all report here.

Every exception ends up in :class:`ErrorHub`, which logs it (with the traceback) and emits
``reported(text)`` so the status bar shows it. Nothing reaches Qt's default handler, which
would abort the process from inside a slot.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
import threading
from collections.abc import Callable, Coroutine
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal

from assist.core.errors import AssistError

log = logging.getLogger("assist.ui")
P = ParamSpec("P")
R = TypeVar("R")


def describe(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, AssistError) else f"{type(exc).__name__}: {exc}"


class ErrorHub(QObject):
    reported = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.history: list[str] = []

    def report(self, where: str, exc: BaseException) -> None:
        text = f"{where}: {describe(exc)}"
        if isinstance(exc, AssistError):
            log.warning("%s", text)
        else:
            log.error("%s", text, exc_info=(type(exc), exc, exc.__traceback__))
        self.history.append(text)
        del self.history[:-200]
        self.reported.emit(text)

    # -------------------------------------------------------------- installers
    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Route sys/threading excepthooks and the asyncio loop's handler here."""

        def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            self.report("unexpected", exc)

        sys.excepthook = hook

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is not None:
                self.report(f"thread {args.thread.name if args.thread else '?'}", args.exc_value)

        threading.excepthook = thread_hook
        if loop is not None:
            loop.set_exception_handler(self._loop_handler)

    def _loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, asyncio.CancelledError):
            return
        self.report("task", exc if isinstance(exc, BaseException) else RuntimeError(context.get("message")))

    # -------------------------------------------------------------- helpers
    def guard(self, where: str) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
        """Decorator for slots: an exception is reported instead of escaping into Qt."""

        def wrap(fn: Callable[P, R]) -> Callable[P, R | None]:
            @functools.wraps(fn)
            def inner(*args: P.args, **kwargs: P.kwargs) -> R | None:
                try:
                    return fn(*args, **kwargs)
                except Exception as exc:  # noqa: BLE001 - the one error path
                    self.report(where, exc)
                    return None

            return inner

        return wrap

    def spawn(
        self, where: str, coro: Coroutine[Any, Any, Any], tasks: set[asyncio.Task[Any]]
    ) -> asyncio.Task[Any]:
        """Run ``coro`` on the loop; its exception (if any) is reported, the task is tracked."""
        task = asyncio.get_event_loop().create_task(coro)
        tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                self.report(where, t.exception())  # type: ignore[arg-type]

        task.add_done_callback(done)
        return task
