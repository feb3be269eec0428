"""The ranker's consensus and guidance terms, and ranking on known vectors (real MiniLM)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from assist.core.types import Draft, DraftRequest, DraftSource
from assist.drafts.engine import HybridDraftEngine
from assist.drafts.loading import library_items
from assist.drafts.ranking import Candidate, RankWeights, _mean_similarity_to, rank
from assist.drafts.retrieval import ReplyIndex

from .conftest import library

MESSAGE = "where is my parcel, it has not arrived yet"


def _library(text: str) -> Candidate:
    return Candidate(Draft(text=text, source=DraftSource.LIBRARY, model_version="retrieval"), intent_match=True)


def _generated(text: str) -> Candidate:
    return Candidate(Draft(text=text, source=DraftSource.GENERATED, model_version="gen"), mean_logprob=-1.0)


def test_mean_similarity_leaves_each_member_out() -> None:
    v = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], dtype=np.float32)
    members = np.array([True, True, False])
    out = _mean_similarity_to(v, members)
    # row 0 (a member): only row 1 counts (cos 0); row 1: only row 0 (0); row 2: rows 0 and 1 (1 and 0)
    assert out.tolist() == [0.0, 0.0, 0.5]
    assert _mean_similarity_to(v, np.zeros(3, dtype=bool)).tolist() == [0.0, 0.0, 0.0]


def test_consensus_prefers_the_typical_reply_over_an_outlier_that_echoes_the_message(embedder: Any) -> None:
    typical = [
        "Your order has shipped and the courier will deliver it within three days.",
        "Your parcel is with the courier now and should reach you in about three days.",
        "The courier has your package; delivery is expected within three working days.",
        "Good news: your parcel is on the way with the courier and arrives in a few days.",
        "Your package left our warehouse and the courier delivers it within three days.",
    ]
    outlier = "Where is my parcel? It has not arrived yet? Please visit our shop on Main Street."
    candidates = [_library(t) for t in [outlier, *typical]]
    plain = rank(MESSAGE, candidates, embedder, k=1, weights=RankWeights(consensus=0.0, guidance=0.0))
    assert plain[0].text == outlier  # similarity alone picks the echo
    best = rank(MESSAGE, candidates, embedder, k=1, weights=RankWeights(consensus=2.0))
    assert best[0].text in typical


def test_generated_drafts_guide_the_choice_among_retrieved_replies(embedder: Any) -> None:
    refund = "I have started a refund for your parcel; the money is back on your card within five days."
    resend = "I have asked the warehouse to send your parcel again; the new one leaves today."
    generated = [
        "We will refund the parcel to your card, the money arrives in a few days.",
        "A refund for the parcel is on its way back to your card.",
    ]
    candidates = [_library(resend), _library(refund), *(_generated(g) for g in generated)]
    without = rank(MESSAGE, candidates, embedder, k=1, weights=RankWeights(consensus=0.0, guidance=0.0, grounding=0.0))
    guided = rank(MESSAGE, candidates, embedder, k=1, weights=RankWeights(consensus=0.0, guidance=2.0, grounding=0.0))
    assert without[0].text != guided[0].text  # the guidance term decides between the two
    assert guided[0].text == refund


class _CountingEmbedder:
    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return np.asarray(self.inner.encode(texts))


def test_first_ranking_embeds_only_the_message(embedder: Any) -> None:
    counting = _CountingEmbedder(embedder)
    index = ReplyIndex(counting)
    index.add(library_items(library()))
    counting.texts.clear()
    engine = HybridDraftEngine(index, None)
    request = DraftRequest("c1", "Where is order #A10023? It is late", intent="track_order", lang="en")
    assert engine.suggest_detailed(request).baseline == ()  # the desk does not rank the baseline
    engine.score_baseline = True
    result = engine.suggest_detailed(request)
    assert result.retrieved and all("A10023" in d.text for d in result.retrieved if "order" in d.text.lower())
    # the retrieved replies are ranked by their indexed vectors, slot-filled or not: no encoder call for them
    assert set(counting.texts) == {request.message_text}
    assert result.baseline and all(d.source == DraftSource.LIBRARY for d in result.baseline)


def test_a_generated_draft_that_invents_facts_ranks_below_an_honest_one(embedder: Any) -> None:
    honest = _generated("Your parcel is on its way; you can follow order {{Order Number}} under My Orders.")
    invented = replace(_generated("Your parcel is on its way; order 99812 arrives on 12 March."), unsupported=2)
    ranked = rank(MESSAGE, [invented, honest], embedder, k=2, weights=RankWeights(reserve_generated=0))
    assert [d.text for d in ranked] == [honest.draft.text, invented.draft.text]


def test_one_slot_goes_to_a_generated_draft_only_when_it_earns_it(embedder: Any) -> None:
    reference = "Your parcel is with the courier and arrives within three days."
    library_ = [_library("Your order has shipped and the courier will deliver it within three days."),
                _library("You can follow your parcel under My Orders; the tracking link is in your e-mail.")]
    # fluency weighs so much that a library reply (1.0) always outscores a generated one (< 0.7)
    scored_only = RankWeights(fluency=5.0, reserve_generated=0)
    reserving = replace(scored_only, reserve_generated=1)

    def gen(text: str, **kw: Any) -> Candidate:
        return replace(_generated(text), reference_text=reference, **kw)

    good = gen("Your parcel is with the courier now and should arrive within three days.", mean_logprob=-0.5)
    assert all(d.source != DraftSource.GENERATED for d in rank(MESSAGE, [*library_, good], embedder, k=2, weights=scored_only))
    assert any(d.source == DraftSource.GENERATED for d in rank(MESSAGE, [*library_, good], embedder, k=2, weights=reserving))
    for failing in (
        replace(good, mean_logprob=-4.0),  # not fluent
        replace(good, unsupported=1),  # states a fact nobody gave it
        gen("Thanks for the photos, I have sent a replacement blender.", mean_logprob=-0.5),  # off its reference
    ):
        shown = rank(MESSAGE, [*library_, failing], embedder, k=2, weights=reserving)
        assert all(d.source != DraftSource.GENERATED for d in shown), failing
