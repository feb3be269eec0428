"""Per-conversation state the pipeline keeps between a message and the agent's reply.

Everything here is touched only from the event loop thread, so it needs no locks. The
``generation`` counter is how stale work is recognised: each new customer message (and
each correction or regeneration) bumps it and sets the previous cancel token; work that
finishes under an old generation is dropped instead of shown.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field

from assist.core.types import DraftSet, IntentPrediction, Role, Turn

HISTORY_TURNS = 8


@dataclass(slots=True)
class Inserted:
    """The draft the agent put into the composer (what the edit distance is measured from)."""

    index: int
    text: str
    rank: int
    source: str
    message_pk: int | None = None  # the message whose drafts it came from
    edited_logged: bool = False


@dataclass(slots=True)
class ConversationState:
    conversation_id: str
    history: deque[Turn] = field(default_factory=lambda: deque(maxlen=HISTORY_TURNS))
    history_loaded: bool = False
    known: tuple[tuple[str, str], ...] = ()  # the help desk's contact: ("name", ...), ("email", ...)
    generation: int = 0
    cancel: threading.Event = field(default_factory=threading.Event)
    message_pk: int | None = None  # the newest customer message
    analysing: bool = False  # its history, intents and first drafts are still being worked out
    message_text: str = ""
    message_in: float = 0.0  # perf_counter when it arrived
    lang: str | None = None  # the conversation's language (the source's tag, else chosen per message)
    draft_lang: str | None = None  # the agent chose the drafts' language ("en" / "zh"); None: lang
    customer_id: str | None = None  # as the message source names the customer (fills {{Customer Name}})
    prediction: IntentPrediction | None = None
    prediction_id: Future[int] | None = None  # the writer's future for the logged prediction
    corrected_intent: str | None = None
    drafts: DraftSet | None = None  # the final set shown for message_pk
    shown: DraftSet | None = None  # what the agent sees now (streaming or final)
    drafts_logged: bool = False
    dismissed: set[int] = field(default_factory=set)
    inserted: Inserted | None = None
    opened_at: float | None = None  # monotonic time of the first unanswered customer message
    ab_arm: str | None = None  # the A/B arm stored for this conversation (None: not in a test)
    ab_for: str | None = None  # the challenger version ab_arm was looked up for

    @property
    def settled(self) -> bool:
        """Closed by the agent, nothing inserted: the service may forget it (the database has it all)."""
        return self.opened_at is None and self.inserted is None

    def bump(self) -> tuple[int, threading.Event]:
        """Start new work: cancel whatever is running for this conversation."""
        self.cancel.set()
        self.generation += 1
        self.cancel = threading.Event()
        return self.generation, self.cancel

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    @property
    def intent(self) -> str | None:
        """The intent drafts are conditioned on: the agent's correction wins over the model."""
        if self.corrected_intent:
            return self.corrected_intent
        if self.prediction is None or self.prediction.out_of_scope:
            return None
        return self.prediction.top.label

    def previous_customer_text(self) -> str | None:
        for turn in reversed(self.history):
            if turn.role is Role.CUSTOMER:
                return turn.text
        return None

    def context_turns(self) -> tuple[Turn, ...]:
        """The turns before the newest customer message (what drafts condition on)."""
        turns = list(self.history)
        for i in range(len(turns) - 1, -1, -1):
            if turns[i].role is Role.CUSTOMER and turns[i].text == self.message_text:
                return tuple(turns[:i])
        return tuple(turns)

    def new_customer_message(self, message_pk: int, text: str, lang: str | None) -> None:
        """Record a new customer message: intents, drafts and the inserted draft start over."""
        self.message_pk = message_pk
        self.message_text = text
        self.message_in = time.perf_counter()
        self.lang = lang or self.lang
        self.prediction = None
        self.prediction_id = None
        self.corrected_intent = None
        self.drafts = None
        self.shown = None
        self.drafts_logged = False
        self.dismissed.clear()
        if self.opened_at is None:
            self.opened_at = time.monotonic()
