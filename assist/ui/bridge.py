"""Turns the service's listener calls into Qt signals, so widgets connect as usual.

The service calls the listener on the event-loop thread, which under qasync is the GUI
thread, so these signals are delivered directly; a listener call from any other thread
would be queued by Qt just the same.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from assist.core.types import DraftSet, IncomingMessage, IntentPrediction


class ServiceBridge(QObject):
    message = Signal(str, int, object)  # conversation_id, message_pk, IncomingMessage
    prediction = Signal(str, int, object)  # conversation_id, message_pk, IntentPrediction
    drafts = Signal(str, int, object)  # conversation_id, message_pk, DraftSet
    error = Signal(str, object)  # where, exception
    latency = Signal(str, float)  # name, ms
    engines = Signal(object, object)  # intent version, drafts version
    contact = Signal(str, object)  # conversation_id, {"name": ..., "email": ...}

    def on_message(self, conversation_id: str, message_pk: int, message: IncomingMessage) -> None:
        self.message.emit(conversation_id, message_pk, message)

    def on_prediction(self, conversation_id: str, message_pk: int, prediction: IntentPrediction) -> None:
        self.prediction.emit(conversation_id, message_pk, prediction)

    def on_drafts(self, conversation_id: str, message_pk: int, drafts: DraftSet) -> None:
        self.drafts.emit(conversation_id, message_pk, drafts)

    def on_error(self, where: str, exc: BaseException) -> None:
        self.error.emit(where, exc)

    def on_latency(self, name: str, ms: float) -> None:
        self.latency.emit(name, ms)

    def on_engines(self, intent_version: str | None, drafts_version: str | None) -> None:
        self.engines.emit(intent_version, drafts_version)

    def on_contact(self, conversation_id: str, contact: dict[str, str]) -> None:
        self.contact.emit(conversation_id, contact)
