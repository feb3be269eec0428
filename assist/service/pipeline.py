"""``AssistService``: the real pipeline, message -> intents -> drafts -> logged agent actions.

The desk, the headless server, the simulator and the benchmarks all drive this one class,
so what they measure is what agents get. It is Qt-free and runs on whatever asyncio loop
calls it (qasync's in the desk). Blocking work goes to explicit executors:

* intents on a single-thread executor (messages arriving together are batched);
* drafts on their own executor, with a ``threading.Event`` cancel token per run;
* every write through the database's single writer (``submit`` never blocks the loop).

A newer customer message in a conversation makes the older one's work stale: its cancel
token is set (generation stops mid-way) and its results are dropped, not shown. Engines can
be swapped while work is in flight (a promotion): each call takes the engine it started
with, the next one gets the new engine. During an A/B test (:mod:`assist.service.ab`) each new
conversation is assigned an arm once and served by that arm's engine.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any, TypeVar

from assist.core.errors import AssistError
from assist.core.text import choose_lang
from assist.core.types import DraftRequest, DraftSet, IncomingMessage, Role, Turn
from assist.drafts.base import DraftEngine
from assist.drafts.slots import customer_values
from assist.intent.base import IntentEngine
from assist.learning.quality import store_arm
from assist.service import actions
from assist.service.ab import ABSplit
from assist.service.agent_actions import AgentActions
from assist.service.batching import IntentBatcher
from assist.service.latency import LatencyStats
from assist.service.listener import NullListener, ServiceListener
from assist.service.state import ConversationState
from assist.storage import events
from assist.storage.database import Database
from assist.storage.events import ActionKind, IngestResult

log = logging.getLogger(__name__)
T = TypeVar("T")
KEEP: Any = object()  # swap_engines(ab=KEEP): leave the A/B split as it is


class AssistService(AgentActions):
    max_states = 2000  # conversations kept in memory; beyond it the oldest closed ones are forgotten

    def __init__(
        self,
        database: Database,
        intent_engine: IntentEngine | None,
        draft_engine: DraftEngine | None,
        *,
        agent_name: str,
        intent_executor: Executor | None = None,
        draft_executor: Executor | None = None,
        listener: ServiceListener | None = None,
        drafts_k: int = 3,
        max_batch: int = 16,
        source: str = "ingest",
    ) -> None:
        self.database = database
        self.agent_name = agent_name
        self.listener: ServiceListener = listener if listener is not None else NullListener()
        self.drafts_k = drafts_k
        self.source = source
        self.latency = LatencyStats()
        self._intent = intent_engine
        self._drafts = draft_engine
        self._ab: ABSplit | None = None
        self._swap_lock = threading.Lock()
        self._owned: list[ThreadPoolExecutor] = []
        self._intent_executor = intent_executor or self._own(ThreadPoolExecutor(1, "assist-intent"))
        self._draft_executor = draft_executor or self._own(ThreadPoolExecutor(1, "assist-drafts"))
        self._read_executor = self._own(ThreadPoolExecutor(1, "assist-reads"))
        self._batcher = IntentBatcher(lambda: self.intent_engine, self._intent_executor, max_batch=max_batch)
        # the A/B challenger's arm: same executor, its own batches (stopping the test serves the promoted)
        self._ab_batcher = IntentBatcher(
            lambda: self._serving("intent", True), self._intent_executor, max_batch=max_batch
        )
        self._states: OrderedDict[str, ConversationState] = OrderedDict()  # least recently used first
        self._tasks: set[asyncio.Task[Any]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False

    def _own(self, executor: ThreadPoolExecutor) -> ThreadPoolExecutor:
        self._owned.append(executor)
        return executor

    # ------------------------------------------------------------------ engines
    @property
    def intent_engine(self) -> IntentEngine | None:
        with self._swap_lock:
            return self._intent

    @property
    def draft_engine(self) -> DraftEngine | None:
        with self._swap_lock:
            return self._drafts

    @property
    def ab_split(self) -> ABSplit | None:
        """The A/B test this service serves (None: everyone gets the promoted engines)."""
        with self._swap_lock:
            return self._ab

    def swap_engines(
        self,
        intent: IntentEngine | None = None,
        drafts: DraftEngine | None = None,
        *,
        ab: ABSplit | None = KEEP,
    ) -> None:
        """Atomically replace engines and/or the A/B split (``ab=None`` ends a test); in-flight
        calls finish on the engine they started with."""
        with self._swap_lock:
            if intent is not None:
                self._intent = intent
            if drafts is not None:
                self._drafts = drafts
            if ab is not KEEP:
                self._ab = ab
            versions = (
                self._intent.version if self._intent is not None else None,
                self._drafts.version if self._drafts is not None else None,
            )
            split = self._ab
        log.info("engines now: intent=%s drafts=%s%s", *versions, f"; {split.describe()}" if split else "")
        self._emit_threadsafe("on_engines", *versions)

    def _serving(self, kind: str, challenger: bool) -> Any:
        """The engine of ``kind`` for an arm: the challenger's while its test runs, else the promoted."""
        with self._swap_lock:
            split = self._ab
            if challenger and split is not None and split.kind == kind:
                return split.engine
            return self._intent if kind == "intent" else self._drafts

    def _on_challenger(self, state: ConversationState, kind: str) -> bool:
        split = self.ab_split
        return (
            split is not None
            and split.kind == kind
            and state.ab_for == split.challenger
            and split.serves_challenger(state.ab_arm)
        )

    async def _assign_arm(self, state: ConversationState, message_pk: int) -> None:
        """While a test runs: the conversation's arm, assigned and stored once (one write per
        conversation per test; a conversation that began before the test stays out of it)."""
        split = self.ab_split
        if split is None or state.ab_for == split.challenger:
            return
        try:
            arm = await self._write(store_arm(state.conversation_id, split.arms, first_message_pk=message_pk))
        except Exception as exc:  # noqa: BLE001 - served by the promoted version
            self._error("ab", exc)
            arm = None
        state.ab_arm, state.ab_for = arm, split.challenger

    # ------------------------------------------------------------------ messages
    def submit(self, msg: IncomingMessage, stored: IngestResult | None = None) -> asyncio.Task[None]:
        """Handle a message in a tracked task (what an ingest callback or a replay calls)."""
        return self.spawn(self.handle_message(msg, stored), name=f"assist-message-{msg.message_id}")

    def spawn(self, coro: Any, *, name: str | None = None) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def handle_message(self, msg: IncomingMessage, stored: IngestResult | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        arrived = time.perf_counter()
        try:
            if stored is None:
                stored = await self._write(events.ingest_message(msg, source=self.source))
        except Exception as exc:  # noqa: BLE001 - reported, the desk keeps going
            self._error("ingest", exc)
            return
        if not stored.created:
            log.debug("message %s already handled (idempotent retry)", msg.message_id)
            return
        state = self.state(msg.conversation_id)
        generation, cancel = state.bump()
        context = state.previous_customer_text()
        state.new_customer_message(stored.message_pk, msg.text, msg.lang or choose_lang(msg.text, state.lang))
        state.customer_id = msg.customer_id or state.customer_id
        state.message_in = arrived
        state.history.append(Turn(Role.CUSTOMER, msg.text))
        state.analysing = True
        self._emit("on_message", msg.conversation_id, stored.message_pk, msg)
        try:
            if not state.history_loaded:
                context = await self._load_history(state, generation, stored.message_pk) or context
            await self._assign_arm(state, stored.message_pk)
            await self._classify(state, generation, stored.message_pk, msg.text, context)
            if not state.is_current(generation):
                return
            await self._run_drafts(state, generation, cancel, measure_from=arrived)
        except asyncio.CancelledError:
            cancel.set()
            raise
        except Exception as exc:  # noqa: BLE001
            self._error("pipeline", exc)
        finally:
            if state.message_pk == stored.message_pk:
                state.analysing = False

    async def _load_history(self, state: ConversationState, generation: int, message_pk: int) -> str | None:
        """First sight of a conversation (e.g. after a restart): its earlier turns from the database."""

        def read() -> tuple[list[Turn], tuple[tuple[str, str], ...]]:
            with self.database.read() as session:
                turns = actions.read_history(session, state.conversation_id, message_pk, limit=8)
                return turns, actions.read_contact(session, state.conversation_id)

        loop = asyncio.get_running_loop()
        try:
            turns, known = await loop.run_in_executor(self._read_executor, read)
        except Exception as exc:  # noqa: BLE001 - history is a nicety, not a requirement
            self._error("history", exc)
            return None
        if not state.is_current(generation) or state.history_loaded:
            return None
        state.known = known
        if known:
            self._emit("on_contact", state.conversation_id, dict(known))
        current = list(state.history)[-1:]
        state.history.clear()
        state.history.extend([*turns[-(state.history.maxlen or 8) + 1 :], *current])
        state.history_loaded = True
        for turn in reversed(turns):
            if turn.role is Role.CUSTOMER:
                return turn.text
        return None

    async def _classify(
        self, state: ConversationState, generation: int, message_pk: int, text: str, context: str | None
    ) -> None:
        if self.intent_engine is None:
            return
        batcher = self._ab_batcher if self._on_challenger(state, "intent") else self._batcher
        try:
            prediction = await batcher.classify(text, context)
        except Exception as exc:  # noqa: BLE001 - drafts still come without an intent
            self._error("intent", exc)
            return
        # Logged even when stale: it is a true statement about that message.
        future = self.database.writer.submit(events.log_prediction(message_pk, prediction))
        if not state.is_current(generation):
            return
        state.prediction = prediction
        state.prediction_id = future
        self._latency("intents", state.message_in)
        self._emit("on_prediction", state.conversation_id, message_pk, prediction)

    # ------------------------------------------------------------------ drafts
    async def _run_drafts(
        self,
        state: ConversationState,
        generation: int,
        cancel: threading.Event,
        *,
        measure_from: float | None,
    ) -> None:
        engine: DraftEngine | None = self._serving("drafts", self._on_challenger(state, "drafts"))
        message_pk = state.message_pk
        if engine is None or message_pk is None:
            return
        loop = asyncio.get_running_loop()
        request = DraftRequest(
            conversation_id=state.conversation_id,
            message_text=state.message_text,
            history=state.context_turns(),
            intent=state.intent,
            lang=state.draft_lang or state.lang,
            k=self.drafts_k,
            known=(*customer_values(state.customer_id), *state.known),  # the help desk's contact wins
        )
        seen_first = False

        def deliver(snapshot: DraftSet) -> None:  # on the loop thread
            nonlocal seen_first
            if not state.is_current(generation) or cancel.is_set() or snapshot.final:
                return
            state.shown = snapshot
            if snapshot.drafts and not seen_first:
                seen_first = True
                if measure_from is not None:
                    self._latency("first_draft", measure_from)
            self._emit("on_drafts", state.conversation_id, message_pk, snapshot)

        def on_update(snapshot: DraftSet) -> None:  # on the draft worker thread
            loop.call_soon_threadsafe(deliver, snapshot)

        call = functools.partial(engine.suggest, request, on_update=on_update, cancel=cancel)
        try:
            final = await loop.run_in_executor(self._draft_executor, call)
        except Exception as exc:  # noqa: BLE001 - the agent can still type
            if state.is_current(generation):
                self._error("drafts", exc)
                self._emit(
                    "on_drafts", state.conversation_id, message_pk, DraftSet((), final=True, error=str(exc))
                )
            return
        if not state.is_current(generation) or cancel.is_set():
            return
        if not final.final:
            final = DraftSet(final.drafts, final=True, error=final.error)
        if final.drafts and not seen_first and measure_from is not None:
            self._latency("first_draft", measure_from)
        if measure_from is not None:
            self._latency("drafts", measure_from)
        state.drafts = final
        state.shown = final
        if final.drafts:
            self.database.writer.submit(
                events.log_suggestions(
                    message_pk,
                    state.conversation_id,
                    final.drafts,
                    intent=state.intent,
                    agent_name=self.agent_name,
                )
            )
            state.drafts_logged = True
        self._emit("on_drafts", state.conversation_id, message_pk, final)

    async def regenerate(self, conversation_id: str) -> None:
        """New drafts for the newest message (logged as ``regenerated``, then as shown).

        While the message is still being analysed its drafts are on their way: a regenerate then
        would cancel the analysis (its intents never shown, a resumed conversation's earlier
        turns never loaded) and draft without them."""
        state = self.state(conversation_id)
        if state.message_pk is None or state.analysing:
            return
        self.database.writer.submit(
            events.log_action(
                ActionKind.REGENERATED,
                conversation_id=conversation_id,
                agent_name=self.agent_name,
                message_pk=state.message_pk,
            )
        )
        await self._redraft(state)

    async def set_draft_language(self, conversation_id: str, lang: str | None) -> None:
        """The agent picks the drafts' language ("en", "zh"; None: the conversation's): redraft."""
        state = self.state(conversation_id)
        state.draft_lang = lang
        if state.message_pk is not None:
            await self._redraft(state)

    async def correct_intent(self, conversation_id: str, label: str) -> None:
        """The agent says the intent is ``label``: log it and redraft with it."""
        state = self.state(conversation_id)
        if state.message_pk is None:
            return
        from_label = state.prediction.top.label if state.prediction is not None else None
        self.database.writer.submit(
            actions.correction(
                state.message_pk, to_label=label, from_label=from_label, agent_name=self.agent_name
            )
        )
        state.corrected_intent = label
        await self._redraft(state)

    async def _redraft(self, state: ConversationState) -> None:
        generation, cancel = state.bump()
        state.drafts = None
        state.dismissed.clear()
        try:
            await self._run_drafts(state, generation, cancel, measure_from=None)
        except asyncio.CancelledError:
            cancel.set()
            raise

    # ------------------------------------------------------------------ state and lifecycle
    def state(self, conversation_id: str) -> ConversationState:
        found = self._states.get(conversation_id)
        if found is None:
            if len(self._states) >= self.max_states:
                self._forget_settled(room=1)
            found = self._states[conversation_id] = ConversationState(conversation_id)
        else:
            self._states.move_to_end(conversation_id)
        return found

    def _forget_settled(self, room: int) -> None:
        """Keep at most ``max_states`` conversations in memory by forgetting the least recently used
        settled (closed) ones. A forgotten conversation that gets a new message starts a fresh state
        and reads its history and A/B arm back from the database. Open conversations are never
        forgotten: they are the agent's queue."""
        excess = len(self._states) + room - self.max_states
        for conversation_id in [c for c, s in self._states.items() if s.settled][:excess]:
            del self._states[conversation_id]

    def conversation(self, conversation_id: str) -> ConversationState | None:
        return self._states.get(conversation_id)

    @property
    def intents_queued(self) -> int:
        """Messages waiting for the intent engine: a backlog gauge for the status bar and bench."""
        return self._batcher.queued

    @property
    def pending_tasks(self) -> int:
        return len(self._tasks)

    async def wait_idle(self) -> None:
        """Wait until every task started through :meth:`submit`/:meth:`spawn` is done."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def aclose(self) -> None:
        """Cancel pending work and stop the executors this service created."""
        if self._closed:
            return
        self._closed = True
        for state in self._states.values():
            state.cancel.set()
        self._batcher.cancel()
        self._ab_batcher.cancel()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for executor in self._owned:
            executor.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ helpers
    async def _write(self, work: Any) -> Any:
        return await asyncio.wrap_future(self.database.writer.submit(work))

    def _latency(self, name: str, since: float) -> None:
        ms = (time.perf_counter() - since) * 1000.0
        self.latency.add(name, ms)
        self._emit("on_latency", name, ms)

    def _error(self, where: str, exc: BaseException) -> None:
        log.warning("%s failed: %s", where, exc, exc_info=not isinstance(exc, AssistError))
        self._emit("on_error", where, exc)

    def _emit(self, name: str, *args: Any) -> None:
        handler = getattr(self.listener, name, None)
        if handler is None:
            return
        try:
            handler(*args)
        except Exception:
            log.exception("listener %s failed", name)

    def _emit_threadsafe(self, name: str, *args: Any) -> None:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not None or self._loop is None or self._loop.is_closed():
            self._emit(name, *args)
        else:
            self._loop.call_soon_threadsafe(self._emit, name, *args)
