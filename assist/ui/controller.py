"""The desk's behaviour: service events -> widgets, agent actions -> service.

Widgets never touch the database or the engines; the controller never blocks: every
service call that waits (send, correction, regeneration) runs as a task on the qasync loop,
and its failure goes to the one error handler (the status bar shows it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject

from assist.core.types import DraftSet, IncomingMessage, IntentPrediction, Role, utcnow
from assist.service import AssistService
from assist.service.queries import ConversationSummary, StoredTurn, open_conversations
from assist.storage.events import IngestResult
from assist.ui.bridge import ServiceBridge
from assist.ui.conversation_view import Bubble
from assist.ui.errors import ErrorHub
from assist.ui.labels import intent_title
from assist.ui.main_window import DeskWindow
from assist.ui.queue_model import QueueItem

ComposerSnapshot = tuple[str, int | None, str | None, str | None]


def first_unanswered(turns: tuple[StoredTurn, ...]) -> datetime | None:
    """When the customer started waiting: their first message after the last agent reply."""
    since = None
    for turn in reversed(turns):
        if turn.role != "customer":
            break
        since = turn.ts or since
    return since


class DeskController(QObject):
    def __init__(
        self,
        window: DeskWindow,
        service: AssistService,
        bridge: ServiceBridge,
        errors: ErrorHub,
        *,
        read_executor: Executor | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.errors = errors
        self.read_executor = read_executor
        self.current: str | None = None
        self.bubbles: dict[str, list[Bubble]] = {}
        self.langs: dict[str, str | None] = {}
        self.titles: dict[str, str] = {}
        self.emails: dict[str, str] = {}  # the help desk's contact e-mail, for the customer panel
        self.composer_drafts: dict[str, ComposerSnapshot] = {}
        self.resumable: dict[str, StoredTurn] = {}  # stored conversations awaiting a reply
        self.resuming: set[str] = set()
        self.tasks: set[asyncio.Task[Any]] = set()
        self.sent: list[Any] = []  # SentReply of this session, newest last (tests, debug view)
        self.after_send: Callable[[], None] | None = None  # e.g. wake the outbox
        guard = errors.guard
        bridge.message.connect(guard("message")(self.on_message))
        bridge.prediction.connect(guard("prediction")(self.on_prediction))
        bridge.drafts.connect(guard("drafts")(self.on_drafts))
        bridge.error.connect(lambda where, exc: errors.report(where, exc))
        bridge.latency.connect(window.status.set_latency)
        bridge.engines.connect(guard("engines")(self.on_engines))
        bridge.contact.connect(guard("contact")(self.on_contact))
        window.queue.selected.connect(guard("select")(self.select))
        window.intents.corrected.connect(guard("correct")(self.correct))
        window.drafts.insert.connect(guard("insert")(self.insert))
        window.drafts.dismiss.connect(guard("dismiss")(self.dismiss))
        window.drafts.rated.connect(guard("rate")(self.rate))
        window.drafts.regenerate.connect(guard("regenerate")(self.regenerate))
        window.drafts.language_chosen.connect(guard("language")(self.choose_language))
        window.composer.send.connect(guard("send")(self.send))
        window.composer.edited.connect(guard("edit")(self.edited))
        window.composer.cleared.connect(guard("clear")(self.cleared))
        for i, act in enumerate(window.act_insert):
            act.triggered.connect(guard("insert")(lambda _c=False, i=i: self.insert(i)))
        window.act_regenerate.triggered.connect(guard("regenerate")(self.regenerate))
        window.act_close_conv.triggered.connect(guard("close")(self.close_current))
        window.queue.ticked.connect(guard("tick")(self.refresh_info))  # one clock for both waits
        self.refresh_labels()
        window.set_conversation_header(None)

    # ---------------------------------------------------------------- service events
    def on_message(self, conversation_id: str, message_pk: int, msg: IncomingMessage) -> None:
        if conversation_id in self.resuming:  # a stored message being re-analysed: already shown
            self.resuming.discard(conversation_id)
            return
        title = self.titles.setdefault(conversation_id, msg.customer_id or conversation_id)
        self.langs[conversation_id] = msg.lang or self.langs.get(conversation_id)
        bubble = Bubble(Role.CUSTOMER, msg.text, msg.ts, None)
        self.bubbles.setdefault(conversation_id, []).append(bubble)
        active = conversation_id == self.current
        self.window.queue_model.customer_message(
            conversation_id, msg.text, title=title, lang=msg.lang, active=active, ts=msg.ts
        )
        if active:
            self.window.conversation.add(bubble)
            self.refresh_info()
            self.window.intents.clear()
            self.window.drafts.clear("waiting")
        elif self.current is None:
            self.window.queue.select(conversation_id)

    def on_prediction(self, conversation_id: str, message_pk: int, prediction: IntentPrediction) -> None:
        self.window.queue_model.set_intent(
            conversation_id,
            None if prediction.out_of_scope else prediction.top.label,
            prediction.top.probability,
            prediction.out_of_scope,
        )
        if conversation_id == self.current:
            state = self.service.state(conversation_id)
            self.window.intents.show_prediction(prediction, state.corrected_intent)

    def on_drafts(self, conversation_id: str, message_pk: int, drafts: DraftSet) -> None:
        if conversation_id != self.current:
            return
        state = self.service.state(conversation_id)
        if state.message_pk != message_pk:
            return
        self.window.drafts.show_drafts(drafts, state.dismissed)
        self._show_language(conversation_id)

    def on_engines(self, intent_version: str | None, drafts_version: str | None) -> None:
        self.window.status.set_models(intent_version, drafts_version)
        self.refresh_labels()

    def on_contact(self, conversation_id: str, contact: dict[str, str]) -> None:
        email = contact.get("email")
        if email:
            self.emails[conversation_id] = email
            if conversation_id == self.current:
                self.refresh_info()

    def refresh_labels(self) -> None:
        engine = self.service.intent_engine
        self.window.intents.set_labels(list(engine.labels) if engine is not None else [])

    # ---------------------------------------------------------------- conversations
    def add_stored(self, summaries: list[ConversationSummary]) -> None:
        """Conversations already in the database when the desk starts (newest last)."""
        for conv in summaries:
            if conv.conversation_id in self.bubbles:
                continue
            self.titles[conv.conversation_id] = conv.customer_id or conv.conversation_id
            self.langs[conv.conversation_id] = conv.lang
            if conv.email:
                self.emails[conv.conversation_id] = conv.email
            self.bubbles[conv.conversation_id] = [
                Bubble(Role.CUSTOMER if t.role == "customer" else Role.AGENT, t.text, t.ts)
                for t in conv.turns
            ]
            last = conv.turns[-1].text if conv.turns else ""
            item = QueueItem(
                conv.conversation_id,
                self.titles[conv.conversation_id],
                conv.lang,
                top_intent=conv.top_intent,
                unsure=conv.out_of_scope,
            )
            self.window.queue_model.upsert(item)
            if conv.awaiting_reply:
                self.resumable[conv.conversation_id] = conv.turns[-1]
                # unanswered customer messages count as unread: the desk cannot know which ones
                # the agent saw before it stopped, and messages may have come in meanwhile
                unanswered = 0
                for turn in reversed(conv.turns):
                    if turn.role != "customer":
                        break
                    unanswered += 1
                item.unread = unanswered
                self.window.queue_model.customer_message(
                    conv.conversation_id,
                    last,
                    title=item.title,
                    lang=conv.lang,
                    active=True,
                    ts=first_unanswered(conv.turns),
                )
            else:
                self.window.queue_model.agent_replied(conv.conversation_id, last)

    async def load_stored(self) -> None:
        def read() -> list[ConversationSummary]:
            with self.service.database.read() as session:
                return open_conversations(session)

        summaries = await asyncio.get_running_loop().run_in_executor(self.read_executor, read)
        self.add_stored(summaries)

    def select(self, conversation_id: str) -> None:
        if conversation_id == self.current:
            return
        if self.current is not None:
            self.composer_drafts[self.current] = self.window.composer.snapshot()
        self.current = conversation_id
        w = self.window
        w.queue.select(conversation_id)
        w.queue_model.mark_read(conversation_id)
        lang = self.langs.get(conversation_id)
        meta = " · ".join(
            x
            for x in (
                conversation_id if self.titles.get(conversation_id) != conversation_id else "",
                lang or "",
            )
            if x
        )
        w.set_conversation_header(self.titles.get(conversation_id, conversation_id), meta)
        w.conversation.show_bubbles(self.bubbles.get(conversation_id, []))
        self.refresh_info()
        state = self.service.conversation(conversation_id)
        if state is not None and state.prediction is not None:
            w.intents.show_prediction(state.prediction, state.corrected_intent)
        else:
            w.intents.clear()
        if state is not None and state.shown is not None:
            w.drafts.show_drafts(state.shown, state.dismissed)
        else:
            waiting = (
                state is not None
                and state.message_pk is not None
                and state.drafts is None
                and state.inserted is None
            )
            w.drafts.clear("waiting" if waiting and self._awaiting(conversation_id) else "idle")
        w.composer.restore(self.composer_drafts.pop(conversation_id, None))
        self._show_language(conversation_id)
        self._resume(conversation_id)

    def _resume(self, conversation_id: str) -> None:
        """A conversation stored before this desk started, still awaiting a reply: when the agent
        opens it, run intents and drafts for its last customer message (nothing is re-stored)."""
        turn = self.resumable.pop(conversation_id, None)
        state = self.service.conversation(conversation_id)
        if turn is None or (state is not None and state.message_pk is not None):
            return
        msg = IncomingMessage(
            message_id=f"stored:{turn.message_pk}",
            conversation_id=conversation_id,
            text=turn.text,
            customer_id=self.titles.get(conversation_id),
            lang=self.langs.get(conversation_id),
            ts=turn.ts or utcnow(),
        )
        self.window.drafts.clear("waiting")
        self.resuming.add(conversation_id)
        stored = IngestResult(turn.message_pk, conversation_id, created=True)
        self.errors.spawn("resume", self.service.handle_message(msg, stored), self.tasks)

    def refresh_info(self) -> None:
        conv = self.current
        item = self.window.queue_model.get(conv) if conv is not None else None
        messages = len(self.bubbles.get(conv, [])) if conv is not None else 0
        self.window.info.show_item(item, messages, self.emails.get(conv) if conv is not None else None)

    def _awaiting(self, conversation_id: str) -> bool:
        item = self.window.queue_model.get(conversation_id)
        return item is not None and item.waiting_since is not None

    # ---------------------------------------------------------------- agent actions
    def insert(self, index: int) -> None:
        conv = self.current
        if conv is None:
            return
        state = self.service.state(conv)
        shown = state.shown
        if shown is None or index >= len(shown.drafts) or index in state.dismissed:
            return
        text = self.service.insert_draft(conv, index)
        if text is not None:
            self.window.composer.insert_draft(index, text, shown.drafts[index].source.value)

    def edited(self, text: str) -> None:
        if self.current is not None:
            self.service.note_edit(self.current, text)

    def cleared(self, text: str = "") -> None:
        if self.current is not None:
            self.service.discard_insert(self.current, text)

    def dismiss(self, index: int) -> None:
        if self.current is None:
            return
        self.service.dismiss(self.current, index)
        self.window.drafts.mark_dismissed(index)

    def rate(self, index: int, rating: str, reason: str = "") -> None:
        if self.current is not None:
            self.service.rate_draft(self.current, index, rating, reason or None)

    def choose_language(self, lang: str) -> None:
        conv = self.current
        if conv is None:
            return
        state = self.service.state(conv)
        if state.message_pk is not None:
            self.window.drafts.regenerating()
        self.errors.spawn("language", self.service.set_draft_language(conv, lang or None), self.tasks)

    def _show_language(self, conversation_id: str) -> None:
        state = self.service.conversation(conversation_id)
        if state is None:
            self.window.drafts.set_language(None, self.langs.get(conversation_id))
        else:
            self.window.drafts.set_language(state.draft_lang, state.lang)

    def regenerate(self) -> None:
        conv = self.current
        if conv is None or self.service.state(conv).message_pk is None:
            return
        self.window.drafts.regenerating()
        self.errors.spawn("regenerate", self.service.regenerate(conv), self.tasks)

    def correct(self, label: str) -> None:
        conv = self.current
        if conv is None:
            return
        state = self.service.state(conv)
        if state.prediction is not None:
            self.window.intents.show_prediction(state.prediction, label)
        self.window.queue_model.set_intent(conv, label, 1.0, False)
        self.window.drafts.clear("waiting")
        self.errors.spawn("correct", self.service.correct_intent(conv, label), self.tasks)

    def send(self, text: str) -> None:
        conv = self.current
        if conv is None or not text.strip():
            return
        self.window.composer.send_button.setEnabled(False)
        self.errors.spawn("send", self._send(conv, text), self.tasks)

    async def _send(self, conv: str, text: str) -> None:
        try:
            sent = await self.service.send(conv, text)
        finally:
            self.window.composer.send_button.setEnabled(bool(self.window.composer.text().strip()))
        self.sent.append(sent)
        if self.after_send is not None:
            self.after_send()
        bubble = Bubble(Role.AGENT, text.strip(), utcnow(), self.service.agent_name)
        self.bubbles.setdefault(conv, []).append(bubble)
        self.window.queue_model.agent_replied(conv, text)
        if conv == self.current:
            self.window.conversation.add(bubble)
            self.refresh_info()
            self.window.composer.reset()
            self.window.drafts.clear("idle")
        else:
            self.composer_drafts.pop(conv, None)

    def close_current(self) -> None:
        conv = self.current
        if conv is None:
            return
        self.service.close_conversation(conv)
        self.window.queue_model.mark_closed(conv)
        nxt = next(
            (
                i.conversation_id
                for i in self.window.queue_model.items()
                if i.waiting_since is not None and i.conversation_id != conv
            ),
            None,
        )
        if nxt is not None:
            self.window.queue.select(nxt)

    def describe_intent(self, label: str | None) -> str:
        return intent_title(label)
