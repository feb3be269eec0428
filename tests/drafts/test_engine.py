"""The hybrid engine end to end: real MiniLM retrieval, a real tiny generator, the real ranker."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

from assist.core.records import ReplyTemplate
from assist.core.types import DraftRequest, DraftSet, DraftSource, Role, Turn
from assist.drafts.base import DraftEngine
from assist.drafts.engine import HybridDraftEngine
from assist.drafts.loading import build_draft_engine, library_items
from assist.drafts.ranking import RankWeights, max_pairwise_similarity
from assist.drafts.retrieval import ReplyIndex

from .conftest import library

REQUEST = DraftRequest(
    "c1",
    "Where is my order #A10023? It has been a week",
    intent="track_order",
    lang="en",
    history=(Turn(Role.CUSTOMER, "hello"), Turn(Role.AGENT, "Hi, how can I help?")),
)


def _engine(embedder: Any, generator: Any, **kwargs: Any) -> HybridDraftEngine:
    index = ReplyIndex(embedder)
    index.add(library_items(library()))
    return HybridDraftEngine(index, generator, **kwargs)


def test_retrieved_first_then_generated_stream_then_final(embedder: Any, tiny_generator: Any) -> None:
    engine = _engine(embedder, tiny_generator, max_new_tokens=24, update_interval_s=0.0)
    assert isinstance(engine, DraftEngine)
    snapshots: list[DraftSet] = []
    final = engine.suggest(REQUEST, on_update=snapshots.append)

    first = snapshots[0]
    assert not first.final and first.drafts
    assert all(d.source == DraftSource.LIBRARY and d.complete for d in first.drafts)
    top = first.drafts[0]
    assert "A10023" in top.text and "{{" not in top.text and not top.unfilled_slots  # slot filled from the message

    streaming = [s for s in snapshots[1:-1] if any(d.source == DraftSource.GENERATED for d in s.drafts)]
    assert streaming, "generated text never streamed"
    assert all(not d.complete for s in streaming for d in s.drafts if d.source == DraftSource.GENERATED)
    lengths = [
        len(next(d.text for d in s.drafts if d.source == DraftSource.GENERATED and d.rank == 1))
        for s in streaming
        if any(d.source == DraftSource.GENERATED and d.rank == 1 for d in s.drafts)
    ]
    assert len(lengths) >= 2 and lengths[-1] > lengths[0]  # text grows

    assert snapshots[-1] is final and final.final and final.error is None
    assert 1 <= len(final.drafts) <= 3
    assert [d.rank for d in final.drafts] == list(range(len(final.drafts)))
    assert [d.score for d in final.drafts] == sorted((d.score for d in final.drafts), reverse=True)
    for d in final.drafts:
        assert d.model_version and d.complete
        assert d.model_version == (
            tiny_generator.version if d.source == DraftSource.GENERATED else "retrieval-minilm-l6"
        )


def test_cancel_mid_generation_returns_retrieved(embedder: Any, tiny_generator: Any) -> None:
    engine = _engine(embedder, tiny_generator, max_new_tokens=300, update_interval_s=0.0)
    cancel = threading.Event()
    generated_updates = 0

    def on_update(snapshot: DraftSet) -> None:
        nonlocal generated_updates
        if any(d.source == DraftSource.GENERATED for d in snapshot.drafts):
            generated_updates += 1
            if generated_updates == 2:
                cancel.set()

    final = engine.suggest(REQUEST, on_update=on_update, cancel=cancel)
    assert final.final and final.error == "cancelled"
    assert final.drafts and all(d.source == DraftSource.LIBRARY for d in final.drafts)
    assert generated_updates <= 4  # stopped within a token or two, not after 300


def test_no_two_shown_drafts_are_near_duplicates(embedder: Any, tiny_generator: Any) -> None:
    base = "Your order {{Order Number}} is on its way and should arrive within 3 days."
    near = [
        base,
        base.replace("within 3 days", "within three days"),
        base.replace("Your order", "Your order,"),
        "Your order {{Order Number}} is on the way and should arrive within 3 days!",
        "You can follow order {{Order Number}} under My Orders on our website.",
        "Order {{Order Number}} left our warehouse yesterday; here is how to reach us if it is late.",
    ]
    index = ReplyIndex(embedder)
    index.add([*library_items([ReplyTemplate(f"n{i}", "track_order", t, "en") for i, t in enumerate(near)])])
    weights = RankWeights(similarity_cut=0.9)
    engine = HybridDraftEngine(index, tiny_generator, max_new_tokens=12, weights=weights)
    final = engine.suggest(REQUEST)
    texts = [d.text for d in final.drafts]
    assert len(texts) >= 2
    assert max_pairwise_similarity(texts, embedder) <= 0.9
    # without the cut the same candidates would have shown duplicates
    assert max_pairwise_similarity([r.text for r in index.search(REQUEST.message_text, k=3)], embedder) > 0.9


def test_corrupt_model_serves_retrieved_drafts_with_a_clear_error(
    embedder: Any, tiny_model_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model_dir, broken)
    (broken / "model.safetensors").write_bytes(b"\x00\x01 not safetensors")
    engine = build_draft_engine(model_dir=broken, library=library(), embedder=embedder)
    assert engine.generator is None
    assert engine.generator_error is not None and str(broken) in engine.generator_error
    result = engine.suggest(DraftRequest("c2", "I want my money back", intent="refund", lang="en"))
    assert result.final and result.error == engine.generator_error
    assert result.drafts and all(d.source == DraftSource.LIBRARY for d in result.drafts)
    assert result.drafts[0].reference_id is not None


def test_missing_and_unconfigured_models(embedder: Any, tmp_path: Path) -> None:
    missing = build_draft_engine(model_dir=tmp_path / "none", library=library(), embedder=embedder)
    assert missing.generator_error and "does not exist" in missing.generator_error
    unset = build_draft_engine(model_dir=None, library=library(), embedder=embedder)
    assert unset.generator_error and "no draft model yet" in unset.generator_error
    off = build_draft_engine(model_dir=None, library=library(), generator="none", embedder=embedder)
    assert off.suggest(REQUEST).drafts


def test_generation_timeout_keeps_retrieved(embedder: Any, tiny_generator: Any) -> None:
    engine = _engine(embedder, tiny_generator, timeout_s=0.0)
    result = engine.suggest(REQUEST)
    assert (
        result.error is not None
        and result.error.startswith("generator unavailable")
        and "longer than" in result.error
    )
    assert result.drafts and result.drafts[0].source == DraftSource.LIBRARY


def test_generation_timeout_is_told_apart_from_other_errors(embedder: Any, tiny_generator: Any) -> None:
    assert _engine(embedder, tiny_generator, timeout_s=0.0).suggest_detailed(REQUEST).error_kind == "timeout"
    assert _engine(embedder, None, generator_error="off").suggest_detailed(REQUEST).error_kind == "no generator"
    assert _engine(embedder, tiny_generator, max_new_tokens=4).suggest_detailed(REQUEST).error_kind is None


def test_hot_swap_generator(embedder: Any, tiny_generator: Any) -> None:
    engine = _engine(embedder, None, generator_error="no draft model yet")
    assert engine.suggest(REQUEST).error == "no draft model yet"
    engine.set_generator(tiny_generator)
    assert engine.version.endswith(tiny_generator.version)
    assert engine.suggest_detailed(REQUEST).generated


def test_chinese_message_gets_chinese_drafts(embedder: Any) -> None:
    engine = _engine(embedder, None)
    result = engine.suggest(DraftRequest("c3", "我的订单 20231234 到哪里了", intent="track_order"))
    assert result.drafts and result.drafts[0].text == "您的订单20231234正在配送中，预计三天内送达。"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in d.text) for d in result.drafts)
