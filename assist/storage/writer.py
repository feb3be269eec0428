"""The one database writer: a single thread that applies queued units of work in batches.

Every write in the app goes through :class:`Writer`. ``submit`` returns a
``concurrent.futures.Future`` that resolves only after the batch holding that unit of
work has committed, so whatever the caller was told is saved survives a crash of the
process. A failing unit is retried alone so one bad write cannot sink its batch; the
database being locked or unreachable surfaces as :class:`StorageError` on the future
and through ``on_state`` (which the UI shows), and the writer keeps serving.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assist.core.errors import StorageError

log = logging.getLogger(__name__)
T = TypeVar("T")
Work = Callable[[Session], Any]

_STOP = object()


@dataclass(slots=True)
class _Item:
    work: Work
    future: Future[Any]


class Writer:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        max_batch: int = 500,
        max_queue: int = 100_000,
        retry_delays: tuple[float, ...] = (0.05, 0.2, 0.5, 1.0, 2.0),
        on_state: Callable[[str | None], None] | None = None,
    ) -> None:
        self._sessions = sessions
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max_queue)
        self._max_batch = max_batch
        self._retry_delays = retry_delays
        self._on_state = on_state
        self._error: str | None = None
        self._thread = threading.Thread(target=self._run, name="assist-db-writer", daemon=True)
        self._started = False
        self.committed = 0  # units of work committed so far

    # ------------------------------------------------------------------ public
    def start(self) -> Writer:
        if not self._started:
            self._started = True
            self._thread.start()
        return self

    def submit(self, work: Callable[[Session], T]) -> Future[T]:
        if not self._started:
            raise RuntimeError("writer not started")
        fut: Future[T] = Future()
        self._queue.put(_Item(work, fut))
        return fut

    def write(self, work: Callable[[Session], T], timeout: float | None = 30.0) -> T:
        """Submit and wait: for scripts and tests, never for the UI thread."""
        return self.submit(work).result(timeout)

    @property
    def backlog(self) -> int:
        return self._queue.qsize()

    @property
    def error(self) -> str | None:
        """The current storage problem, or None when writes are going through."""
        return self._error

    def close(self, timeout: float = 30.0) -> None:
        if self._started and self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    # ------------------------------------------------------------------ worker
    def _set_error(self, error: str | None) -> None:
        if error != self._error:
            self._error = error
            if error:
                log.warning("storage problem: %s", error)
            if self._on_state is not None:
                try:
                    self._on_state(error)
                except Exception:
                    log.exception("writer state callback failed")

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch: list[_Item] = [first]
            stop = False
            while len(batch) < self._max_batch:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    stop = True
                    break
                batch.append(nxt)
            self._commit_batch(batch)
            if stop:
                return

    def _commit_batch(self, batch: list[_Item]) -> None:
        live = [item for item in batch if item.future.set_running_or_notify_cancel()]
        if not live:
            return
        try:
            results = self._with_retries(lambda s: [item.work(s) for item in live])
        except _Transient as exc:
            for item in live:
                item.future.set_exception(StorageError(str(exc)))
            return
        except Exception:  # noqa: BLE001 - one bad unit: fall back to one by one
            if len(live) == 1:
                self._commit_one(live[0])
                return
            for item in live:
                self._commit_one(item)
            return
        self.committed += len(live)
        for item, result in zip(live, results, strict=True):
            item.future.set_result(result)

    def _commit_one(self, item: _Item) -> None:
        try:
            result = self._with_retries(item.work)
        except Exception as exc:  # noqa: BLE001 - reported on the future
            item.future.set_exception(StorageError(str(exc)) if isinstance(exc, _Transient) else exc)
            return
        self.committed += 1
        item.future.set_result(result)

    def _with_retries(self, work: Work) -> Any:
        attempt = 0
        while True:
            try:
                with self._sessions.begin() as session:
                    result = work(session)
                    session.flush()
                self._set_error(None)
                return result
            except (OperationalError, DBAPIError) as exc:
                if not _is_transient(exc):
                    raise
                message = _describe(exc)
                self._set_error(message)
                if attempt >= len(self._retry_delays):
                    raise _Transient(message) from exc
                time.sleep(self._retry_delays[attempt])
                attempt += 1


class _Transient(Exception):
    pass


def _is_transient(exc: DBAPIError) -> bool:
    if exc.connection_invalidated:
        return True
    text = str(exc.orig).lower()
    return any(
        s in text
        for s in (
            "locked",
            "busy",
            "disk",
            "full",
            "i/o",
            "connection",
            "server closed",
            "terminating",
            "could not connect",
            "readonly",
        )
    )


def _describe(exc: DBAPIError) -> str:
    text = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return f"database is locked by another process ({text}); retrying"
    if "full" in low or "disk" in low:
        return f"disk full: cannot write the database ({text})"
    return f"database unreachable ({text}); retrying"
