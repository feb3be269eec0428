"""The one database writer: a single thread that applies queued units of work in batches.

Every write in the app goes through :class:`Writer`. ``submit`` returns a
``concurrent.futures.Future`` that resolves only after the batch holding that unit of
work has committed, so whatever the caller was told is saved survives a crash of the
process. A failing unit is retried alone so one bad write cannot sink its batch. The
database being locked, full or unreachable is reported through ``on_state`` (which the
UI shows) while the writer keeps retrying the same batch, so nothing queued is lost;
``submit`` never blocks its caller.
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

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError, ProgrammingError
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
    """The single writer thread. ``on_state(error_or_None)`` is called from the writer thread
    whenever the storage state changes (the UI marshals it to its own thread).

    Transient problems (locked, disk full, server gone) are retried with capped exponential
    backoff, without failing the waiting futures, until ``give_up_after`` seconds have passed
    (None: until it works or the writer closes), so a database that comes back loses nothing.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        max_batch: int = 500,
        max_queue: int = 100_000,
        retry_delays: tuple[float, ...] = (0.05, 0.2, 0.5, 1.0, 2.0),
        on_state: Callable[[str | None], None] | None = None,
        give_up_after: float | None = None,
        sqlite_busy_timeout_ms: int = 1000,
    ) -> None:
        self._sessions = sessions
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max_queue)
        self._max_batch = max_batch
        self._retry_delays = retry_delays or (1.0,)
        self._on_state = on_state
        self._give_up_after = give_up_after
        self._busy_ms = sqlite_busy_timeout_ms
        self._error: str | None = None
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="assist-db-writer", daemon=True)
        self._started = False
        self.committed = 0  # units of work committed so far
        self.batches = 0  # transactions committed so far

    # ------------------------------------------------------------------ public
    def start(self) -> Writer:
        if not self._started:
            self._started = True
            self._thread.start()
        return self

    def submit(self, work: Callable[[Session], T]) -> Future[T]:
        """Queue a unit of work; never blocks (a full queue fails the future with StorageError)."""
        if not self._started or self._closing.is_set():
            raise RuntimeError("writer not running")
        fut: Future[T] = Future()
        try:
            self._queue.put_nowait(_Item(work, fut))
        except queue.Full:
            fut.set_exception(StorageError(f"too many unsaved writes ({self._queue.maxsize}); {self._error or ''}"))
        return fut

    def write(self, work: Callable[[Session], T], timeout: float | None = 30.0) -> T:
        """Submit and wait: for scripts and tests, never for the UI thread."""
        return self.submit(work).result(timeout)

    def sync(self, timeout: float | None = 30.0) -> None:
        """Wait until everything submitted before this call has been committed (or failed)."""
        self.write(lambda _s: None, timeout)

    @property
    def backlog(self) -> int:
        return self._queue.qsize()

    @property
    def error(self) -> str | None:
        """The current storage problem, or None when writes are going through."""
        return self._error

    def close(self, timeout: float = 30.0) -> None:
        """Commit what is queued, then stop (a transient error left after ``timeout`` fails the rest)."""
        if self._started and self._thread.is_alive():
            try:
                self._queue.put(_STOP, timeout=timeout)
            except queue.Full:
                log.error("writer queue still full at close; unsaved writes are dropped")
            self._thread.join(timeout)
            self._closing.set()  # stop retrying: the loop gives up and fails the futures
            self._thread.join(5.0)
        self._closing.set()

    # ------------------------------------------------------------------ worker
    def _set_error(self, error: str | None) -> None:
        if error != self._error:
            self._error = error
            if error:
                log.warning("storage problem: %s", error)
            else:
                log.info("storage is writable again")
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
            try:
                self._commit_batch(batch)
            except BaseException as exc:  # never let the writer thread die with futures pending
                log.exception("writer batch crashed")
                for item in batch:
                    if not item.future.done():
                        item.future.set_exception(StorageError(f"writer failed: {exc}"))
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
            if len(live) > 1:
                log.info("a unit of work failed in a batch of %d; retrying them one by one", len(live))
            for item in live:
                self._commit_one(item)
            return
        self.committed += len(live)
        self.batches += 1
        for item, result in zip(live, results, strict=True):
            item.future.set_result(result)

    def _commit_one(self, item: _Item) -> None:
        try:
            result = self._with_retries(item.work)
        except Exception as exc:  # noqa: BLE001 - reported on the future
            item.future.set_exception(StorageError(str(exc)) if isinstance(exc, _Transient) else exc)
            return
        self.committed += 1
        self.batches += 1
        item.future.set_result(result)

    def _with_retries(self, work: Work) -> Any:
        attempt = 0
        started = time.monotonic()
        while True:
            try:
                with self._sessions.begin() as session:
                    if self._busy_ms and session.get_bind().dialect.name == "sqlite":
                        session.connection().exec_driver_sql(f"PRAGMA busy_timeout={int(self._busy_ms)}")
                    result = work(session)
                    session.flush()
                self._set_error(None)
                return result
            except DBAPIError as exc:
                if not is_transient(exc):
                    raise
                message = describe(exc)
                self._set_error(message)
                waited = time.monotonic() - started
                if self._closing.is_set() or (self._give_up_after is not None and waited >= self._give_up_after):
                    raise _Transient(message) from exc
                delay = self._retry_delays[min(attempt, len(self._retry_delays) - 1)]
                self._closing.wait(delay)
                attempt += 1


class _Transient(Exception):
    pass


# SQLite result codes worth waiting out: BUSY, LOCKED, IOERR, FULL, CANTOPEN, READONLY (primary codes).
_SQLITE_TRANSIENT = {5, 6, 8, 10, 13, 14}
# PostgreSQL SQLSTATE classes/codes: connection exception, insufficient resources, operator
# intervention (shutdown, crash recovery), serialization failure, deadlock, lock not available.
_PG_TRANSIENT_PREFIXES = ("08", "53", "57P", "40001", "40P01", "55P03")


def is_transient(exc: DBAPIError) -> bool:
    """Whether waiting could fix it (locked, disk full, server restarting), not a bad write."""
    if exc.connection_invalidated:
        return True
    if isinstance(exc, IntegrityError | DataError | ProgrammingError):
        return False
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in _SQLITE_TRANSIENT
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str) and state:
        return state.startswith(_PG_TRANSIENT_PREFIXES)
    first = str(orig).strip().splitlines()[0].lower() if orig is not None else ""
    return isinstance(exc, OperationalError) and any(
        s in first for s in ("locked", "busy", "disk", "full", "i/o", "connection", "server closed", "readonly")
    )


def describe(exc: DBAPIError) -> str:
    """A one-line description for people (no SQL, no parameters)."""
    text = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc).splitlines()[0]
    low = text.lower()
    if "locked" in low or "busy" in low:
        return f"database is locked by another process ({text}); retrying"
    if "full" in low or "disk" in low or "no space" in low:
        return f"disk full: cannot write the database ({text}); retrying"
    return f"database unreachable ({text}); retrying"
