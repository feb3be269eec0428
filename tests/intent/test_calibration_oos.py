"""Temperature scaling and the out-of-scope rule: numbers that must move the right way."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assist.intent.calibration import expected_calibration_error, fit_oos_rule, fit_temperature, softmax
from assist.intent.metadata import OOSRule


def _overconfident(n: int = 2000, k: int = 5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Logits of a classifier right ~70 % of the time but claiming ~99 % (scaled by 8)."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, k, n)
    logits = rng.normal(0, 1, (n, k))
    logits[np.arange(n), labels] += 1.5
    return logits * 8, labels


def test_temperature_scaling_reduces_ece_of_an_overconfident_model() -> None:
    logits, labels = _overconfident()
    t = fit_temperature(logits, labels)
    assert t > 2  # it has to soften
    before = expected_calibration_error(softmax(logits), labels)
    after = expected_calibration_error(softmax(logits, t), labels)
    assert before > 0.15 and after < 0.05
    assert (softmax(logits, t).argmax(1) == logits.argmax(1)).all()  # the ranking is unchanged
    assert np.allclose(softmax(logits, t).sum(1), 1.0)


@pytest.mark.slow
def test_trained_model_is_not_worse_calibrated_after_scaling(tiny_model: Path) -> None:
    """On the toy model's validation split: the fitted temperature cannot raise the NLL it
    minimises. Its ECE is recorded but not compared: on ~30 messages in 10 bins it moves by
    more than 0.03 between machines (CI saw 0.017 -> 0.053), so the ECE claim is tested on
    2,000 synthetic rows above instead."""
    meta = json.loads((tiny_model / "assist.json").read_text())
    m = meta["metrics"]
    assert m["val_nll"] <= m["val_nll_uncalibrated"] + 1e-6, m
    assert 0.0 <= m["val_ece"] <= 1.0 and 0.0 <= m["val_ece_uncalibrated"] <= 1.0, m
    assert meta["temperature"] == pytest.approx(m["temperature"])


def test_oos_threshold_keeps_the_in_scope_loss_within_budget() -> None:
    logits, labels = _overconfident(seed=1)
    t = fit_temperature(logits, labels)
    rule = fit_oos_rule(logits, labels, t, max_in_scope_loss=0.02)
    correct = logits.argmax(1) == labels
    flagged = rule.flags(logits, t)
    assert (flagged & correct).sum() <= 0.02 * correct.sum() + 1
    # Unknown-intent rows: flat logits (no intent stands out) are flagged.
    rng = np.random.default_rng(2)
    unknown = rng.normal(0, 0.3, (200, 5)) * 8
    assert rule.flags(unknown, t).mean() > 0.7


def test_oos_rule_round_trips_through_json_and_energy_works() -> None:
    rule = OOSRule(method="energy", threshold=1.25, fitted_on="x")
    again = OOSRule.from_json(json.loads(json.dumps(rule.to_json())), "here")
    assert again == rule
    never = OOSRule.from_json({"method": "max_prob", "threshold": None}, "here")
    assert not never.flags(np.array([[0.0, 0.0]]), 1.0).any()


def test_too_little_validation_never_flags() -> None:
    rule = fit_oos_rule(np.array([[2.0, 0.0]]), np.array([0]), 1.0)
    assert rule.threshold == float("-inf")


@pytest.mark.slow
def test_minilm_head_only_flags_obviously_unrelated_text(tmp_path: Path) -> None:
    """The one test on the real MiniLM: head-only on 40 examples; its OOS rule, fitted on
    validation, flags messages about nothing the shop handles and passes real requests."""
    from assist.intent.loading import load_intent_engine
    from tests.intent.conftest import UNRELATED, toy_examples
    from training.train_intent import TrainIntentArgs, train

    rows = toy_examples(per_intent=20, seed=3)
    train_rows = [r for i, r in enumerate(rows) if i % 2 == 0]
    val_rows = [r for i, r in enumerate(rows) if i % 2 == 1]
    result = train(
        TrainIntentArgs(
            examples=train_rows,
            val_examples=val_rows,
            out=tmp_path / "m",
            backbone="minilm",
            mode="head",
            head_epochs=40,
            head_lr=3e-3,
            batch_size=8,
            patience=40,
            threads=1,
            quiet=True,
            seed=0,
            oos_max_in_scope_loss=0.05,
        )
    )
    assert result.metrics["val_accuracy"] >= 0.9, result.metrics
    engine = load_intent_engine(tmp_path / "m", runtime="torch", device="cpu", threads=1)
    unrelated = engine.classify(UNRELATED)
    assert sum(p.out_of_scope for p in unrelated) >= 3, [(p.top, p.out_of_scope) for p in unrelated]
    in_scope = engine.classify(
        [
            "where is my parcel",
            "i need a refund for my shoes",
            "cancel my order",
            "please change my delivery address",
        ]
    )
    assert sum(p.out_of_scope for p in in_scope) <= 1
    assert [p.top.label for p in in_scope] == ["track_order", "refund", "cancel_order", "change_address"]
