"""What the pipeline tells the outside world: the desk, the simulator and the benchmarks listen.

The service calls these from its event loop thread only, so a Qt listener may touch widgets
directly (qasync runs the loop on the GUI thread). A listener that raises never breaks the
pipeline: the service logs the exception and carries on.
"""

from __future__ import annotations

from typing import Protocol

from assist.core.types import DraftSet, IncomingMessage, IntentPrediction


class ServiceListener(Protocol):
    def on_message(self, conversation_id: str, message_pk: int, message: IncomingMessage) -> None:
        """A customer message was stored (called in arrival order per conversation)."""

    def on_prediction(self, conversation_id: str, message_pk: int, prediction: IntentPrediction) -> None:
        """The intents for the conversation's newest message (stale results are never reported)."""

    def on_drafts(self, conversation_id: str, message_pk: int, drafts: DraftSet) -> None:
        """A snapshot of the drafts, repeatedly while they stream; ``drafts.final`` at the end."""

    def on_error(self, where: str, exc: BaseException) -> None:
        """Something failed; ``where`` names the step (``ingest``, ``intent``, ``drafts``, ...)."""

    def on_latency(self, name: str, ms: float) -> None:
        """``intents``, ``first_draft`` or ``drafts`` latency, measured from message-in."""


class NullListener:
    """A listener that ignores everything: subclass it and override what you need."""

    def on_message(self, conversation_id: str, message_pk: int, message: IncomingMessage) -> None:
        return None

    def on_prediction(self, conversation_id: str, message_pk: int, prediction: IntentPrediction) -> None:
        return None

    def on_drafts(self, conversation_id: str, message_pk: int, drafts: DraftSet) -> None:
        return None

    def on_error(self, where: str, exc: BaseException) -> None:
        return None

    def on_latency(self, name: str, ms: float) -> None:
        return None

    def on_engines(self, intent_version: str | None, drafts_version: str | None) -> None:
        """Optional: the engines were swapped (a promotion or the first-start models)."""
        return None

    def on_contact(self, conversation_id: str, contact: dict[str, str]) -> None:
        """Optional: what the help desk told us about the conversation's customer
        (``{"name": ..., "email": ...}``), read when the conversation is first seen."""
        return None
