"""The OOS diagnostics of ``assist eval intent``: AUROC of the top-1 probability and the recall
ceiling (the most unknowns any threshold catches within the in-scope accuracy budget)."""

from __future__ import annotations

import numpy as np
import pytest

from assist.core.records import LabelledText
from assist.intent.base import FakeIntentEngine
from assist.intent.evaluate import evaluate, oos_separability


def test_perfect_separation_scores_one() -> None:
    out = oos_separability(np.array([0.9, 0.8, 0.2, 0.1]), np.array([1, 1, 0, 0]), np.array([0, 0, 1, 1]))
    assert out["oos_auroc"] == 1.0 and out["oos_recall_ceiling"] == 1.0


def test_auroc_counts_pairs_and_wrong_in_scope_rows_are_free_to_flag() -> None:
    # in scope: 0.9 (correct), 0.8 (correct), 0.3 (wrong); unknown: 0.5, 0.2
    score = np.array([0.9, 0.8, 0.3, 0.5, 0.2])
    correct = np.array([1, 1, 0, 0, 0])
    is_oos = np.array([0, 0, 0, 1, 1])
    out = oos_separability(score, correct, is_oos, max_drop=0.0)
    assert out["oos_auroc"] == pytest.approx(5 / 6)  # only 0.3 < 0.5 is out of order
    assert out["oos_recall_ceiling"] == 1.0  # flagging <= 0.5 costs only the already wrong row


def test_ceiling_respects_the_accuracy_budget() -> None:
    # an unknown row (0.6) scores above a correct in-scope row (0.4)
    score, correct, is_oos = np.array([0.9, 0.4, 0.6, 0.1]), np.array([1, 1, 0, 0]), np.array([0, 0, 1, 1])
    assert oos_separability(score, correct, is_oos, max_drop=0.0)["oos_recall_ceiling"] == 0.5
    assert oos_separability(score, correct, is_oos, max_drop=0.49)["oos_recall_ceiling"] == 0.5
    assert oos_separability(score, correct, is_oos, max_drop=0.5)["oos_recall_ceiling"] == 1.0


def test_ties_count_half() -> None:
    out = oos_separability(np.array([0.5, 0.5]), np.array([1, 0]), np.array([0, 1]))
    assert out["oos_auroc"] == 0.5
    assert out["oos_recall_ceiling"] == 0.0  # flagging the unknown flags the tied correct row too


def test_evaluate_reports_them_when_both_kinds_of_rows_exist() -> None:
    engine = FakeIntentEngine({"refund": ["refund"], "shipping": ["ship"]})
    rows = [
        LabelledText("refund please", "refund"),
        LabelledText("when do you ship", "shipping"),
        LabelledText("what's the weather", "oos"),
    ]
    metrics = evaluate(engine, rows, oos_label="oos").metrics
    assert metrics["oos_auroc"] == 1.0 and metrics["oos_recall_ceiling"] == 1.0
    assert metrics["oos_ceiling_max_drop"] == 0.015
    assert "oos_auroc" not in evaluate(engine, rows[:2], oos_label="oos").metrics
