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


class FixedGenerator:
    """Writes the same drafts for every message: one honest, one that invents an order number."""

    version = "fixed-1"

    def generate(self, prompt: Any, **kwargs: Any) -> list[str]:
        from assist.drafts.generators.base import GeneratedText

        return [GeneratedText("Your order {{Order Number}} is on its way and arrives within 3 days.", -0.3),
                GeneratedText("Your order 99999991 was refunded yesterday.", -0.3)]  # fmt: skip


def test_several_references_history_and_honesty_figures(embedder: Any) -> None:
    from assist.core.records import ReplyPairRecord

    engine = _engine(embedder, FixedGenerator())
    seen: list[Any] = []
    engine.suggest_detailed = _recording(engine.suggest_detailed, seen)  # type: ignore[method-assign]
    pairs = [
        ReplyPairRecord("Where is my order?", "It is on its way.", "track_order", "en", "c1"),
        ReplyPairRecord("Where is my order?", "Your order {{Order Number}} is on its way and arrives within 3 days.",
                        "track_order", "en", "c2"),  # the same message again: a second reference
        ReplyPairRecord("Thanks!", "You are welcome.", None, "en", "c1"),  # c1's second turn: it has history
    ]  # fmt: skip
    rows: list[dict[str, Any]] = []
    result = evaluate_drafts(engine, pairs, per_message=rows)
    assert result["n"] == 2 and result["n_pairs"] == 3  # the same message with no history: one, two references
    assert rows[0]["references"] == [pairs[0].agent, pairs[1].agent]
    assert [len(r.history) for r in seen] == [0, 2] and seen[1].history[0].text == "Where is my order?"
    assert rows[0]["generated"]["rouge_l"] == 1.0  # the best over references: the second one is matched exactly
    assert result["hallucinated_entity_rate"] == 0.5  # one of each message's two generated drafts
    assert rows[0]["generated"]["unsupported"] == [[], ["99999991"]]
    assert result["generated_shown_rate"] is not None and result["shown_hallucinated_rate"] is not None


def _recording(fn: Any, seen: list[Any]) -> Any:
    def wrapper(request: Any, **kwargs: Any) -> Any:
        seen.append(request)
        return fn(request, **kwargs)

    return wrapper


def test_paired_differences_are_means_with_a_bootstrap_interval() -> None:
    from assist.drafts.evaluate import paired_differences

    def row(a: float, b: float) -> dict[str, Any]:
        return {"x": {"rouge_l": a, "chrf": a, "embedding_similarity": a}, "y": {"rouge_l": b, "chrf": b, "embedding_similarity": b}}

    better = paired_differences([row(0.5 + 0.01 * i, 0.4 + 0.01 * i) for i in range(30)], "x", "y")
    assert better["rouge_l"]["mean"] == 0.1 and better["rouge_l"]["ci_low"] == better["rouge_l"]["ci_high"] == 0.1
    mixed = paired_differences([row(0.5, 0.4), row(0.4, 0.5)] * 10, "x", "y")["chrf"]
    assert mixed["mean"] == 0.0 and mixed["ci_low"] < 0 < mixed["ci_high"]  # not better: the interval holds zero
    assert paired_differences([row(0.5, 0.4)], "x", "y")["rouge_l"]["mean"] is None  # one message: no interval
