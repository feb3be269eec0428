"""A/B split in the pipeline: new conversations served by the promoted or the challenger version.

A supervisor starts a test in the registry (``assist models ab start VERSION``, see
:meth:`assist.learning.registry.Registry.start_ab`). Whoever loads engines for a service (the
desk's :func:`assist.service.engines.load_engines`, or
:class:`assist.learning.hotswap.ModelFollower`) loads the challenger off the event loop and
hands the service an :class:`ABSplit` (``AssistService.swap_engines(ab=...)``); a challenger
that fails to load means no split: everyone keeps the promoted version, and the loader says why.

The service then assigns each *new* conversation an arm once
(:func:`assist.learning.quality.store_arm`: a seeded hash of the conversation id, stored in
``conversations.ab_arm``, so every desk on a shared database agrees) and classifies or drafts
every message of it with its arm's engine. The logged predictions and suggestions carry the
serving engine's version, so :func:`~assist.learning.quality.ab_comparison` and the
per-version analytics compare what was really served. Stopping the test (``ab=None``) returns
every conversation to the promoted version at its next message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assist.learning.quality import arm_key


@dataclass(frozen=True, slots=True)
class ABSplit:
    kind: str  # "intent" or "drafts": the kind whose versions are compared
    promoted: str  # the active version (arm A, served by the service's own engine)
    challenger: str  # arm B
    engine: Any  # the challenger's IntentEngine or DraftEngine, loaded

    @property
    def arms(self) -> tuple[str, str]:
        """The two values ``conversations.ab_arm`` takes in this test (promoted first)."""
        return (arm_key(self.promoted), arm_key(self.challenger))

    def serves_challenger(self, arm: str | None) -> bool:
        return arm is not None and arm == arm_key(self.challenger)

    def describe(self) -> str:
        return f"A/B test of the {self.kind} model: {self.promoted} vs {self.challenger}"


def open_split(test: tuple[Any, Any] | None, load: Callable[[Any], Any]) -> ABSplit | None:
    """Load the challenger of ``test`` (the registry's ``(active, challenger)`` infos) with ``load``.

    Blocking (it loads weights): call it off the event loop. Raises what ``load`` raises.
    """
    if test is None:
        return None
    promoted, challenger = test
    return ABSplit(challenger.kind, promoted.version, challenger.version, load(challenger))
