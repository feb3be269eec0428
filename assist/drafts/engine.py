"""The hybrid draft engine: retrieved drafts at once, generated drafts streamed, one ranking.

Order of events for one message (each a full :class:`DraftSet` snapshot via ``on_update``):
1. retrieval (tens of milliseconds): the best library / previously sent replies for the
   message and intent, slot-filled, ranked and de-duplicated: pushed at once, so the agent
   has something to work with before any generation starts;
2. generation: the generator adapts the best retrieved reply (retrieve-then-generate);
   snapshots show the top retrieved draft(s) followed by the generated drafts as they grow
   (``complete=False``);
3. the final ranking over all candidates (``final=True``), also returned.

If there is no generator, it failed to load, is down, or times out, the final set is the
retrieved drafts and ``DraftSet.error`` says why. Cancelling (a newer message arrived)
stops generation within one token and returns the retrieved drafts with ``error="cancelled"``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assist.core.text import guess_lang
from assist.core.types import Draft, DraftRequest, DraftSet, DraftSource, Role
from assist.drafts.base import OnUpdate
from assist.drafts.conditions import unmet
from assist.drafts.entities import unsupported_entities
from assist.drafts.generators.base import (
    GenerationCancelled,
    GenerationTimeout,
    Generator,
    GeneratorUnavailable,
)
from assist.drafts.prompting import PromptParts
from assist.drafts.ranking import Candidate, RankWeights, rank
from assist.drafts.retrieval import IndexedReply, ReplyIndex, RetrievedReply
from assist.drafts.slots import fill_slots

log = logging.getLogger(__name__)
RETRIEVAL_VERSION = "retrieval-minilm-l6"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The final set plus each source's own drafts (for evaluation and logging)."""

    final: DraftSet
    retrieved: tuple[Draft, ...]  # the first set the desk shows, before generation
    generated: tuple[Draft, ...]
    # why there are no generated drafts: "no generator", "cancelled", "timeout", "unavailable"
    # or "failed" (``final.error`` has the words); None when generation succeeded
    error_kind: str | None = None
    # the retrieval-only baseline: the same candidates by similarity and intent alone (no
    # consensus, no generation); only when the engine's ``score_baseline`` is set (evaluation)
    baseline: tuple[Draft, ...] = ()


class HybridDraftEngine:
    """Implements :class:`assist.drafts.base.DraftEngine`. Blocking; thread-safe for one worker."""

    def __init__(
        self,
        index: ReplyIndex,
        generator: Generator | None,
        *,
        generator_error: str | None = None,
        k: int = 3,
        n_generate: int = 3,
        n_retrieve: int = 40,
        max_new_tokens: int = 192,  # as long as training keeps replies (train_drafts: max_reply_tokens)
        timeout_s: float = 20.0,
        weights: RankWeights | None = None,
        update_interval_s: float = 0.05,
    ) -> None:
        self.index = index
        self._generator = generator
        self._generator_error = generator_error
        self.k = k
        self.n_generate = n_generate
        self.n_retrieve = n_retrieve
        self.max_new_tokens = max_new_tokens
        self.timeout_s = timeout_s
        self.weights = weights or RankWeights()
        self.update_interval_s = update_interval_s
        self.score_baseline = False  # evaluation sets it: also rank the retrieval-only baseline
        self._swap = threading.Lock()

    # ------------------------------------------------------------------ state
    @property
    def version(self) -> str:
        gen = self._generator
        return f"{RETRIEVAL_VERSION}+{gen.version}" if gen is not None else RETRIEVAL_VERSION

    @property
    def generator(self) -> Generator | None:
        return self._generator

    @property
    def generator_error(self) -> str | None:
        return self._generator_error

    def set_generator(self, generator: Generator | None, error: str | None = None) -> None:
        """Swap the generator atomically (e.g. the first-run model finished training)."""
        with self._swap:
            self._generator, self._generator_error = generator, error

    def add_replies(self, replies: Sequence[IndexedReply]) -> int:
        """Index replies as they are logged (sent ones are redacted by the index)."""
        return self.index.add(replies)

    # ------------------------------------------------------------------ suggest
    def suggest(
        self, request: DraftRequest, *, on_update: OnUpdate | None = None, cancel: threading.Event | None = None
    ) -> DraftSet:
        return self.suggest_detailed(request, on_update=on_update, cancel=cancel).final

    def suggest_detailed(
        self,
        request: DraftRequest,
        *,
        on_update: OnUpdate | None = None,
        cancel: threading.Event | None = None,
        exclude_ids: Sequence[str] = (),
    ) -> Suggestion:
        """As :meth:`suggest`, also returning each source's drafts; ``exclude_ids`` hides index
        entries (evaluation hides a message's own reply)."""
        started = time.monotonic()
        emit = on_update or (lambda snapshot: None)
        k = request.k or self.k
        message = request.message_text
        conversation = [t.text for t in request.history] + [message]
        customer_turns = [t.text for t in request.history if t.role is Role.CUSTOMER] + [message]
        known = dict(request.known)
        lang = request.lang or guess_lang(message)

        def elapsed_ms() -> float:
            return (time.monotonic() - started) * 1000

        message_vector = self.index.embedder.encode([message])[0]  # once, for the search and the rankings
        hits = self.index.search(
            message, intent=request.intent, lang=lang, k=self.n_retrieve, exclude_ids=exclude_ids,
            query_vector=message_vector,
        )
        retrieved_candidates = [
            self._retrieved_candidate(h, conversation, customer_turns, known, elapsed_ms()) for h in hits
        ]
        retrieved = rank(
            message, retrieved_candidates, self.index.embedder, k=k, weights=self.weights, message_vector=message_vector
        )
        emit(DraftSet(tuple(retrieved), final=False))
        baseline = tuple(rank(
            message, retrieved_candidates, self.index.embedder, k=k, message_vector=message_vector,
            weights=replace(self.weights, consensus=0.0, guidance=0.0, hallucination=0.0),
        )) if self.score_baseline else ()

        with self._swap:
            generator, gen_error = self._generator, self._generator_error
        if generator is None:
            return self._retrieved_only(retrieved, gen_error, emit, "no generator", baseline)
        if cancel is not None and cancel.is_set():
            return self._retrieved_only(retrieved, "cancelled", emit, "cancelled", baseline)

        reference = next((h for h in hits if h.intent_match), hits[0] if hits else None)
        parts = PromptParts(
            message=message,
            intent=request.intent,
            reference=reference.text if reference else None,
            history=tuple((t.role.value, t.text) for t in request.history),
            lang=lang,
        )
        n_show = min(self.n_generate, k - 1 if retrieved else k)
        keep_retrieved = tuple(retrieved[: k - n_show])
        partial: dict[int, str] = {}
        last_emit = [0.0]

        def on_token(i: int, text: str) -> None:
            first = i not in partial
            partial[i] = text
            now = time.monotonic()
            if i >= n_show or (not first and now - last_emit[0] < self.update_interval_s):
                return
            last_emit[0] = now
            streaming = [
                Draft(text=partial[j], source=DraftSource.GENERATED, model_version=generator.version,
                      rank=len(keep_retrieved) + j, complete=False, latency_ms=elapsed_ms())
                for j in range(n_show) if partial.get(j)
            ]
            emit(DraftSet((*keep_retrieved, *streaming), final=False))

        try:
            texts = generator.generate(
                parts, n=self.n_generate, max_new_tokens=self.max_new_tokens,
                on_token=on_token, cancel=cancel, timeout_s=self.timeout_s,
            )
        except GenerationCancelled:
            return self._retrieved_only(retrieved, "cancelled", emit, "cancelled", baseline)
        except GeneratorUnavailable as exc:  # GenerationTimeout included: the desk shows one message
            kind = "timeout" if isinstance(exc, GenerationTimeout) else "unavailable"
            return self._retrieved_only(retrieved, f"generator unavailable: {exc}", emit, kind, baseline)
        except Exception as exc:
            log.exception("draft generation failed")
            error = f"generator failed: {type(exc).__name__}: {exc}"
            return self._retrieved_only(retrieved, error, emit, "failed", baseline)

        # what a generated draft may state: the conversation, and the vetted replies it was shown
        sources = [*conversation, *known.values(), *(h.text for h in hits)]
        # it adapts the reference, so it assumes and asserts what the reference does
        marks = reference.reply if reference else None
        missing = len(unmet(marks.requires, customer_turns)) if marks else 0
        generated_candidates = []
        for text in texts:
            filled, unfilled = fill_slots(text, conversation, known)
            facts = tuple(value for _, value in unsupported_entities(filled, sources))
            draft = Draft(
                text=filled, source=DraftSource.GENERATED, model_version=generator.version,
                unfilled_slots=unfilled, reference_id=reference.id if reference else None, latency_ms=elapsed_ms(),
                unsupported_facts=facts,
            )
            generated_candidates.append(
                Candidate(draft, reference_text=reference.text if reference else None,
                          mean_logprob=getattr(text, "mean_logprob", None), unsupported=len(facts),
                          unmet=missing, claims=marks.claims if marks else ())
            )
        final_drafts = rank(
            message, [*retrieved_candidates, *generated_candidates], self.index.embedder, k=k, weights=self.weights,
            message_vector=message_vector,
        )
        final = DraftSet(tuple(final_drafts), final=True)
        emit(final)
        generated = tuple(replace(c.draft, rank=i) for i, c in enumerate(generated_candidates))
        return Suggestion(final, tuple(retrieved), generated, baseline=baseline)

    @staticmethod
    def _retrieved_candidate(
        hit: RetrievedReply,
        conversation: Sequence[str],
        customer_turns: Sequence[str],
        known: dict[str, str],
        latency_ms: float,
    ) -> Candidate:
        filled, unfilled = fill_slots(hit.text, conversation, known)
        source = DraftSource.LIBRARY if hit.source == "library" else DraftSource.RETRIEVED
        # a stored reply can carry another customer's order number or amount: as wrong here as an invented one
        facts = tuple(value for _, value in unsupported_entities(filled, [*conversation, *known.values()]))
        draft = Draft(
            text=filled, source=source, model_version=RETRIEVAL_VERSION, unfilled_slots=unfilled,
            reference_id=hit.id, latency_ms=latency_ms, unsupported_facts=facts,
        )
        # ranked by the indexed reply's vector: filled slots change a few words, and embedding the
        # filled texts again would cost an encoder call before the agent sees anything
        return Candidate(
            draft, intent_match=hit.intent_match, vector=hit.vector, unsupported=len(facts),
            unmet=len(unmet(hit.reply.requires, customer_turns)), claims=hit.reply.claims,
        )  # fmt: skip

    @staticmethod
    def _retrieved_only(
        retrieved: Sequence[Draft], error: str | None, emit: OnUpdate, kind: str, baseline: Sequence[Draft]
    ) -> Suggestion:
        final = DraftSet(tuple(retrieved), final=True, error=error)
        emit(final)
        return Suggestion(final, tuple(retrieved), (), kind, tuple(baseline))
