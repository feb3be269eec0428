"""Offline draft evaluation: the desk's time limit does not apply, and errors are told apart."""

from __future__ import annotations

from typing import Any

from assist.drafts.engine import HybridDraftEngine
from assist.drafts.evaluate import evaluate_drafts
from assist.drafts.generators.base import GeneratorUnavailable
from assist.drafts.loading import library_items
from assist.drafts.retrieval import ReplyIndex

from .conftest import library, tiny_pairs


def _engine(embedder: Any, generator: Any, **kwargs: Any) -> HybridDraftEngine:
    index = ReplyIndex(embedder)
    index.add(library_items(library()))
    return HybridDraftEngine(index, generator, max_new_tokens=6, **kwargs)


def test_eval_is_not_cut_by_the_desk_timeout(embedder: Any, tiny_generator: Any) -> None:
    engine = _engine(embedder, tiny_generator, timeout_s=0.0)  # the desk would time out every message
    result = evaluate_drafts(engine, tiny_pairs()[:3])
    assert result["errors"] == 0 and result["error_kinds"] == {} and result["generated"]["n"] == 3
    assert engine.timeout_s == 0.0  # the engine keeps its own limit for the desk
    short = evaluate_drafts(engine, tiny_pairs()[:2], timeout_s=0.0)
    assert short["errors"] == 2 and short["error_kinds"] == {"timeout": 2}
    assert "longer than" in short["error_examples"]["timeout"]


class DownGenerator:
    version = "down-1"

    def generate(self, prompt: Any, **kwargs: Any) -> list[str]:
        raise GeneratorUnavailable("the server refused the connection")


def test_errors_are_counted_by_kind_with_an_example(embedder: Any) -> None:
    result = evaluate_drafts(_engine(embedder, DownGenerator()), tiny_pairs()[:3])
    assert result["errors"] == 3 and result["error_kinds"] == {"unavailable": 3}
    assert "refused" in result["error_examples"]["unavailable"]
    assert result["retrieved"]["n"] == 3 and result["generated"]["n"] == 0


def test_baseline_and_first_shown_are_scored_apart(embedder: Any) -> None:
    """``retrieved`` is the similarity-only baseline; ``first_shown`` the full ranker before generation.
    With generation down, ``ranked`` is exactly ``first_shown``."""
    engine = _engine(embedder, DownGenerator())
    rows: list[dict[str, Any]] = []
    result = evaluate_drafts(engine, tiny_pairs()[:4], per_message=rows)
    assert result["first_shown"] == result["ranked"]
    assert engine.score_baseline is False  # the desk does not pay for the baseline after an evaluation
    assert [r["i"] for r in rows] == [0, 1, 2, 3] and "generated" not in rows[0]
    mean = sum(r["retrieved"]["rouge_l"] for r in rows) / 4  # the per-message rows add up to the summary
    assert round(mean, 4) == result["retrieved"]["rouge_l"] and rows[0]["retrieved"]["texts"]
    assert result["retrieved"]["n"] == result["first_shown"]["n"] == 4
    plain = _engine(embedder, DownGenerator())
    plain.weights = type(plain.weights)(consensus=0.0, guidance=0.0)  # the ranker without its new terms
    same = evaluate_drafts(plain, tiny_pairs()[:4])
    assert same["first_shown"] == same["retrieved"] == result["retrieved"]  # the baseline ignores those terms
