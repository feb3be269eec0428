"""One scorer for every candidate draft, then a diversity cut (as Smart Reply does).

Retrieved and generated drafts compete on the same scale, so the agent sees the three
best, whatever their source:

    score = relevance · cos(message, draft)
          + grounding · (retrieved: its intent is the requested one;
                         generated: cos(draft, the reference it adapted))
          + fluency   · (generated: per-token probability exp(mean log-prob);
                         library: 1.0, sent replies: 0.9; unknown: 0.5)
          + consensus · mean cos(draft, the other on-intent retrieved replies)
          + guidance  · mean cos(draft, the other generated drafts)
          - hallucination · (facts it states that the conversation does not (nor,
                             for a generated draft, its references): ids, amounts,
                             dates, names; a stored reply may carry another
                             customer's order number; and conditions it assumes
                             that the customer's turns do not show, such as photos)

Grounding rewards generated drafts that stay close to a vetted reply (on-intent, no
invented promises); fluency penalises the incoherent samples a small model sometimes
writes. Consensus prefers the typical answer of the intent over an odd one that happens to
share the message's words: the reply an agent will write is more like the bulk of the
intent's replies than like an outlier (the idea of minimum-Bayes-risk selection). Guidance
uses the generated drafts as evidence of what this message's reply says (as HyDE does for
search), so generation improves the choice among vetted replies even when its own text is
not the best. Then, best first, a draft is dropped when its cosine similarity to one already
kept is above ``similarity_cut``, or when it contradicts one already kept (their claims give
one subject two values, :mod:`assist.drafts.conditions`): no two shown drafts say the same
thing, and none says the opposite of another.

One slot (``reserve_generated``) goes to the best generated draft that has earned it: fluent
(per-token probability at least ``min_generated_fluency``), grounded (cosine to the vetted
reference it adapted at least ``min_generated_grounding``) and stating no fact the
conversation does not support. A generated draft that fails any of these competes only on
its score.

A candidate may carry its embedding (``Candidate.vector``: the index's vector of a library
reply); then ranking embeds nothing for it, so the first, retrieval-only ranking costs a few
small matrix products and no encoder call.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from assist.core.types import Draft, DraftSource
from assist.drafts.conditions import contradicts
from assist.drafts.retrieval import Embedder


@dataclass(frozen=True, slots=True)
class RankWeights:
    relevance: float = 1.0
    grounding: float = 0.3
    fluency: float = 0.2
    consensus: float = 1.0
    guidance: float = 0.5
    similarity_cut: float = 0.92  # cosine above which two drafts count as the same
    min_chars: int = 4  # shorter drafts are never shown
    hallucination: float = 0.5  # per unsupported fact (at most two counted)
    reserve_generated: int = 1  # slots kept for the best generated drafts that pass the gates and the cut
    min_generated_fluency: float = 0.3  # exp(mean token log-prob) a reserved generated draft needs
    min_generated_grounding: float = 0.6  # cos(draft, its reference) a reserved generated draft needs


@dataclass(frozen=True, slots=True)
class Candidate:
    """A draft before ranking, with the evidence the scorer uses."""

    draft: Draft
    intent_match: bool | None = None  # retrieved: the reply's intent equals the requested one
    reference_text: str | None = None  # generated: the reference reply it adapted
    mean_logprob: float | None = None  # generated: average token log-probability
    vector: np.ndarray | None = None  # its unit embedding when already known (an indexed reply's)
    unsupported: int = 0  # facts it states that its sources do not (see assist.drafts.entities)
    unmet: int = 0  # conditions it assumes that the conversation does not show (assist.drafts.conditions)
    claims: tuple[str, ...] = ()  # what it asserts ("subject:value"): two shown drafts never contradict


def _fluency(c: Candidate) -> float:
    if c.draft.source == DraftSource.LIBRARY:
        return 1.0
    if c.draft.source == DraftSource.RETRIEVED:
        return 0.9
    if c.mean_logprob is None or math.isnan(c.mean_logprob):
        return 0.5
    return float(math.exp(max(c.mean_logprob, -20.0)))


def _mean_similarity_to(vectors: np.ndarray, is_member: np.ndarray) -> np.ndarray:
    """Each row's mean cosine to the member rows (``is_member``), a member leaving itself out."""
    n = int(is_member.sum())
    if n == 0:
        return np.zeros(len(vectors), dtype=np.float32)
    total = (vectors @ vectors[is_member].T).sum(axis=1) - np.where(is_member, 1.0, 0.0)  # cos(v, v) = 1
    count = np.where(is_member, n - 1, n)
    return np.where(count > 0, total / np.maximum(count, 1), 0.0).astype(np.float32)


def _candidate_vectors(candidates: Sequence[Candidate], embedder: Embedder) -> np.ndarray:
    """One unit vector per candidate: its own when known, otherwise its text embedded (one call)."""
    missing = [c.draft.text for c in candidates if c.vector is None]
    encoded = iter(embedder.encode(missing) if missing else ())
    return np.stack([c.vector if c.vector is not None else next(encoded) for c in candidates]).astype(np.float32)


def score_candidates(
    message: str,
    candidates: Sequence[Candidate],
    embedder: Embedder,
    weights: RankWeights,
    *,
    message_vector: np.ndarray | None = None,
) -> tuple[list[float], np.ndarray]:
    """The score of each candidate, and their embeddings (rows) for the diversity cut."""
    if not candidates:
        return [], np.zeros((0, 1), dtype=np.float32)
    drafts = _candidate_vectors(candidates, embedder)
    msg = message_vector if message_vector is not None else embedder.encode([message])[0]
    refs = [c.reference_text or "" for c in candidates]
    ref_vecs = embedder.encode(refs) if any(refs) else np.zeros_like(drafts)  # "" encodes to zeros, free
    generated = np.array([c.draft.source == DraftSource.GENERATED for c in candidates])
    on_intent = ~generated & np.array([c.intent_match in (True, None) for c in candidates])
    pool = on_intent if on_intent.any() else ~generated
    consensus = _mean_similarity_to(drafts, pool) if weights.consensus else np.zeros(len(drafts))
    guidance = _mean_similarity_to(drafts, generated) if weights.guidance else np.zeros(len(drafts))
    relevance = drafts @ msg
    scores = []
    for i, c in enumerate(candidates):
        scores.append(
            weights.relevance * float(relevance[i])
            + weights.grounding * _grounding(c, drafts[i], ref_vecs[i])
            + weights.fluency * _fluency(c)
            + weights.consensus * float(consensus[i])
            + weights.guidance * float(guidance[i])
            - weights.hallucination * min(c.unsupported + c.unmet, 2)
        )
    return scores, drafts


def _grounding(c: Candidate, vector: np.ndarray, ref_vector: np.ndarray) -> float:
    if c.draft.source == DraftSource.GENERATED:
        return max(0.0, float(vector @ ref_vector)) if c.reference_text else 0.5
    return 1.0 if c.intent_match in (True, None) else 0.0


def earns_a_slot(c: Candidate, vector: np.ndarray, ref_vector: np.ndarray, weights: RankWeights) -> bool:
    """A generated draft that is fluent, grounded in its reference and invents no fact."""
    return (
        c.draft.source == DraftSource.GENERATED
        and c.unsupported == 0
        and c.unmet == 0
        and c.reference_text is not None
        and _fluency(c) >= weights.min_generated_fluency
        and float(vector @ ref_vector) >= weights.min_generated_grounding
    )


def rank(
    message: str,
    candidates: Sequence[Candidate],
    embedder: Embedder,
    *,
    k: int,
    weights: RankWeights | None = None,
    message_vector: np.ndarray | None = None,
) -> list[Draft]:
    """The top ``k`` drafts, best first, with ``score`` and ``rank`` set and near-duplicates removed."""
    w = weights or RankWeights()
    usable = [c for c in candidates if len(c.draft.text.strip()) >= w.min_chars]
    scores, vectors = score_candidates(message, usable, embedder, w, message_vector=message_vector)
    order = sorted(range(len(usable)), key=lambda i: -scores[i])
    kept: list[int] = []

    def fits(i: int) -> bool:
        return all(
            float(vectors[i] @ vectors[j]) <= w.similarity_cut and not contradicts(usable[i].claims, usable[j].claims)
            for j in kept
        )

    if w.reserve_generated:
        refs = [c.reference_text or "" for c in usable]
        ref_vecs = embedder.encode(refs) if any(refs) else np.zeros_like(vectors)
        earned = [i for i in order if earns_a_slot(usable[i], vectors[i], ref_vecs[i], w)]
        for i in earned[: w.reserve_generated]:
            if len(kept) < k and fits(i):
                kept.append(i)
    for i in order:
        if len(kept) >= k:
            break
        if i not in kept and fits(i):
            kept.append(i)
    kept.sort(key=lambda i: -scores[i])
    return [replace(usable[i].draft, score=round(scores[i], 4), rank=r) for r, i in enumerate(kept)]


def max_pairwise_similarity(texts: Sequence[str], embedder: Embedder) -> float:
    """The highest cosine between any two texts (for tests and audits of the diversity cut)."""
    if len(texts) < 2:
        return 0.0
    v = embedder.encode(list(texts))
    sims = v @ v.T
    np.fill_diagonal(sims, -1.0)
    return float(sims.max())
