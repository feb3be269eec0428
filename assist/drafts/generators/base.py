"""The generator protocol every backend implements, and its errors.

A generator turns one :class:`PromptParts` into ``n`` reply drafts. It is blocking (the
engine runs it in its worker thread), reports text as it streams through ``on_token``,
stops early when ``cancel`` is set, and gives up after ``timeout_s``. Backends return
:class:`GeneratedText`, a ``str`` that may also carry the mean token log-probability the
ranker uses (``None`` when the backend cannot say, e.g. a remote server).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from assist.core.errors import AssistError
from assist.drafts.prompting import PromptParts

# on_token(sequence index, the text of that sequence so far)
OnToken = Callable[[int, str], None]


class GeneratorUnavailable(AssistError):
    """The generator cannot produce drafts (model missing or broken, server down)."""


class GenerationTimeout(GeneratorUnavailable):
    """Generation ran past its time limit."""


class GenerationCancelled(AssistError):
    """The caller set the cancel event (a newer message arrived)."""


class GeneratedText(str):
    """A generated draft; ``mean_logprob`` is the average log-probability of its tokens."""

    mean_logprob: float | None

    def __new__(cls, text: str, mean_logprob: float | None = None) -> GeneratedText:
        obj = super().__new__(cls, text)
        obj.mean_logprob = mean_logprob
        return obj


@runtime_checkable
class Generator(Protocol):
    @property
    def version(self) -> str: ...

    def generate(
        self,
        prompt: PromptParts,
        *,
        n: int,
        max_new_tokens: int,
        on_token: OnToken | None = None,
        cancel: threading.Event | None = None,
        timeout_s: float = 20.0,
    ) -> list[str]:
        """``n`` drafts (as :class:`GeneratedText`). Raises GenerationCancelled, GenerationTimeout
        or GeneratorUnavailable."""
        ...
