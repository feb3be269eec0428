"""The draft engine interface, and a fake for tests.

``suggest`` is blocking (run it in an executor). It reports every change through
``on_update`` with a full :class:`DraftSet` snapshot: retrieved drafts first, then
generated ones as their tokens stream in, then the final ranked set, which it also
returns. Setting ``cancel`` stops the work as soon as possible (a newer message came).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from assist.core.types import Draft, DraftRequest, DraftSet, DraftSource

OnUpdate = Callable[[DraftSet], None]


@runtime_checkable
class DraftEngine(Protocol):
    @property
    def version(self) -> str: ...

    def suggest(
        self,
        request: DraftRequest,
        *,
        on_update: OnUpdate | None = None,
        cancel: threading.Event | None = None,
    ) -> DraftSet: ...


class FakeDraftEngine:
    """Returns canned replies per intent, "streaming" the last one word by word."""

    def __init__(
        self,
        replies: dict[str, Sequence[str]],
        *,
        version: str = "fake-drafts-1",
        fallback: Sequence[str] = ("Thanks for reaching out, let me check that for you.",),
    ) -> None:
        self._replies = replies
        self._fallback = fallback
        self._version = version

    @property
    def version(self) -> str:
        return self._version

    def suggest(
        self,
        request: DraftRequest,
        *,
        on_update: OnUpdate | None = None,
        cancel: threading.Event | None = None,
    ) -> DraftSet:
        texts = list(self._replies.get(request.intent or "", self._fallback))[: request.k]
        drafts = [
            Draft(text=t, source=DraftSource.LIBRARY, model_version=self._version, rank=i)
            for i, t in enumerate(texts)
        ]
        if on_update is not None and drafts:
            on_update(DraftSet(tuple(drafts[:1])))
        if cancel is not None and cancel.is_set():
            return DraftSet(tuple(drafts[:1]), final=True, error="cancelled")
        final = DraftSet(tuple(drafts), final=True)
        if on_update is not None:
            on_update(final)
        return final
