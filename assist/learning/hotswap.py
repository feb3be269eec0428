"""Keep a running service on the registry's active models: promotion and rollback hot-swap.

:class:`ModelFollower` polls :meth:`Registry.active_version` for each kind (one cheap query;
desks on other machines see the shared database the same way). When the active version
changes it loads the new engine *off* the event loop (on the watcher thread, or wherever
:meth:`ModelFollower.check` is called) and then calls ``service.swap_engines``, which swaps
atomically: messages already in flight finish on the engine they started with, the next
message uses the new one. A model that fails to load leaves the current engine in place
and is reported through ``on_error``.

It follows the registry's A/B test the same way (:mod:`assist.service.ab`): when a test
starts it loads the challenger off the loop and hands the service the split; when the test
stops (or the challenger is promoted) the service goes back to one version. A challenger
that fails to load is reported through ``on_error`` (kind ``"ab"``) and everyone keeps the
promoted version.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from assist.learning.registry import KINDS, ModelVersionInfo, Registry

log = logging.getLogger(__name__)
Loader = Callable[[ModelVersionInfo], Any]


def default_intent_loader(info: ModelVersionInfo) -> Any:
    from assist.intent.loading import load_intent_engine

    return load_intent_engine(info.path)


class ModelFollower:
    """Swaps ``service``'s engines to the registry's active versions.

    ``loaders`` maps a kind to a function that opens that kind's model directory (e.g. the
    desk's ``load_intent`` / ``load_drafts``); kinds without a loader are not followed.
    ``current`` holds the versions the service runs now (None: whatever it started with).
    """

    def __init__(
        self,
        service: Any,
        registry: Registry,
        loaders: dict[str, Loader],
        *,
        current: dict[str, str | None] | None = None,
        on_swap: Callable[[str, str], None] | None = None,
        on_error: Callable[[str, BaseException], None] | None = None,
    ) -> None:
        self.service = service
        self.registry = registry
        self.loaders = {k: v for k, v in loaders.items() if k in KINDS}
        self.current: dict[str, str | None] = dict(current or {})
        self.ab: tuple[str, str] | None = None  # (promoted, challenger) the service splits between
        self.on_swap = on_swap
        self.on_error = on_error
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> list[str]:
        """Poll once; swap every kind whose active version changed. Returns the kinds swapped."""
        swapped: list[str] = []
        with self._lock:
            for kind, load in self.loaders.items():
                try:
                    version = self.registry.active_version(kind)
                except Exception as exc:  # noqa: BLE001 - the database may be briefly unreachable
                    self._error(kind, exc)
                    continue
                if version is None or version == self.current.get(kind):
                    continue
                info = self.registry.get(version)
                if info is None:
                    continue
                try:
                    engine = load(info)
                except Exception as exc:  # noqa: BLE001 - keep serving the current engine
                    self._error(kind, exc)
                    self.current[kind] = version  # do not retry a broken model every poll
                    continue
                if kind == "intent":
                    self.service.swap_engines(intent=engine)
                else:
                    self.service.swap_engines(drafts=engine)
                self.current[kind] = version
                swapped.append(kind)
                log.info("switched %s model to %s", kind, version)
                if self.on_swap is not None:
                    self.on_swap(kind, version)
            if self._follow_ab():
                swapped.append("ab")
        return swapped

    def _follow_ab(self) -> bool:
        """Start or stop the service's A/B split as the registry says; True when it changed."""
        from assist.service.ab import open_split

        try:
            test = self.registry.ab_test()
        except Exception as exc:  # noqa: BLE001 - the database may be briefly unreachable
            self._error("ab", exc)
            return False
        if test is not None and (
            test[1].kind not in self.loaders or self.current.get(test[1].kind) != test[0].version
        ):
            test = None  # a kind not followed here, or the promoted version is not the one served
        wanted = (test[0].version, test[1].version) if test is not None else None
        if wanted == self.ab:
            return False
        self.ab = wanted
        try:
            split = open_split(test, lambda info: self.loaders[info.kind](info))
        except Exception as exc:  # noqa: BLE001 - everyone keeps the promoted version
            self._error("ab", exc)
            split = None
        self.service.swap_engines(ab=split)
        if split is not None:
            log.info("%s", split.describe())
        return True

    def start(self, interval_s: float = 3.0) -> ModelFollower:
        """Poll every ``interval_s`` seconds on a daemon thread."""

        def run() -> None:
            while not self._stop.wait(interval_s):
                self.check()

        self._thread = threading.Thread(target=run, name="assist-model-follower", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def _error(self, kind: str, exc: BaseException) -> None:
        log.warning("cannot switch %s model: %s", kind, exc)
        if self.on_error is not None:
            self.on_error(kind, exc)
