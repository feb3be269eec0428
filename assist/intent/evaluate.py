"""Score an intent engine on labelled data: accuracy, macro-F1, calibration, out-of-scope.

Works on any :class:`IntentEngine` (PyTorch, ONNX, routed) through ``classify`` only, so it
measures exactly what the desk gets. Definitions (``oos_label`` names the rows of unknown
intents; rows whose label the model does not know are treated the same way):
- ``accuracy``: top-1 correct over in-scope rows (the classifier alone);
- ``in_scope_accuracy``: top-1 correct *and* not flagged out of scope, over in-scope rows
  (what the agent sees once the OOS rule runs);
- ``oos_recall`` / ``oos_precision``: flagged OOS rows / all OOS rows, and OOS rows among
  flagged rows;
- ``ece``: expected calibration error of the top-1 probability, in-scope rows.

With both kinds of rows, two figures say how far *any* rule on the top-1 probability could
go on this data, whatever threshold the model saved (see :func:`oos_separability`):
- ``oos_auroc``: how well the top-1 probability ranks in-scope rows above unknown ones
  (1.0 separates them perfectly, 0.5 is chance);
- ``oos_recall_ceiling``: the most unknown rows any threshold flags while in-scope accuracy
  drops by at most ``oos_ceiling_max_drop`` (1.5 points), the threshold being chosen on this
  very data, so an upper bound for a rule fitted elsewhere.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assist.core.records import LabelledText
from assist.core.types import IntentPrediction
from assist.intent.base import IntentEngine
from assist.intent.calibration import expected_calibration_error

OOS_COLUMN = "(out of scope)"
CEILING_MAX_DROP = 0.015  # the in-scope accuracy an out-of-scope rule may cost (issue #3's budget)


@dataclass
class EvalResult:
    metrics: dict[str, Any]
    labels: list[str]  # confusion matrix row/column order (gold rows; predicted columns + OOS)
    confusion: np.ndarray

    def write_confusion_csv(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        columns = [*self.labels, OOS_COLUMN]
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["gold \\ predicted", *columns])
            for label, row in zip([*self.labels, OOS_COLUMN], self.confusion, strict=True):
                writer.writerow([label, *(int(v) for v in row)])
        return path


def _macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    classes = sorted(set(gold))
    f1s = []
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(f1s)) if f1s else 0.0


def classify_all(
    engine: IntentEngine, examples: Sequence[LabelledText], batch_size: int = 64
) -> list[IntentPrediction]:
    preds: list[IntentPrediction] = []
    for start in range(0, len(examples), batch_size):
        chunk = examples[start : start + batch_size]
        contexts = [e.context for e in chunk] if any(e.context for e in chunk) else None
        preds += engine.classify([e.text for e in chunk], contexts)
    return preds


def evaluate(
    engine: IntentEngine, examples: Sequence[LabelledText], *, oos_label: str | None = None
) -> EvalResult:
    if not examples:
        raise ValueError("no examples to evaluate")
    labels = list(engine.labels)
    index = {label: i for i, label in enumerate(labels)}
    started = time.perf_counter()
    preds = classify_all(engine, examples)
    seconds = time.perf_counter() - started
    is_oos = np.array([e.label == oos_label or e.label not in index for e in examples])
    flagged = np.array([p.out_of_scope for p in preds])
    top1 = [p.top.label for p in preds]
    gold = [e.label for e in examples]
    in_scope = ~is_oos
    correct = np.array([t == g for t, g in zip(top1, gold, strict=True)])
    probs = np.zeros((len(examples), len(labels)))
    for row, pred in enumerate(preds):
        for score in pred.ranking:
            probs[row, index[score.label]] = score.probability
    gold_idx = np.array([index.get(g, -1) for g in gold])
    metrics: dict[str, Any] = {
        "n": len(examples),
        "n_in_scope": int(in_scope.sum()),
        "accuracy": float(correct[in_scope].mean()) if in_scope.any() else 0.0,
        "macro_f1": _macro_f1(
            [g for g, s in zip(gold, in_scope, strict=True) if s],
            [t for t, s in zip(top1, in_scope, strict=True) if s],
        ),
        "ece": expected_calibration_error(probs[in_scope], gold_idx[in_scope]) if in_scope.any() else 0.0,
        "in_scope_accuracy": float((correct & ~flagged)[in_scope].mean()) if in_scope.any() else 0.0,
        "flagged_rate": float(flagged.mean()),
        "model_version": engine.version,
        "ms_per_message": 1000.0 * seconds / len(examples),
    }
    if oos_label is not None or is_oos.any():
        metrics["n_oos"] = int(is_oos.sum())
        metrics["oos_recall"] = float(flagged[is_oos].mean()) if is_oos.any() else 0.0
        metrics["oos_precision"] = float(is_oos[flagged].mean()) if flagged.any() else 0.0
        if is_oos.any() and in_scope.any():
            top_prob = np.array([p.top.probability for p in preds])
            metrics.update(oos_separability(top_prob, correct, is_oos))
    confusion = np.zeros((len(labels) + 1, len(labels) + 1), dtype=np.int64)
    for g, t, oos_row, flag in zip(gold_idx, top1, is_oos, flagged, strict=True):
        row = len(labels) if oos_row else int(g)
        col = len(labels) if flag else index[t]
        confusion[row, col] += 1
    return EvalResult(metrics=metrics, labels=labels, confusion=confusion)


def oos_separability(
    score: np.ndarray, correct: np.ndarray, is_oos: np.ndarray, max_drop: float = CEILING_MAX_DROP
) -> dict[str, float]:
    """How well ``score`` (higher = more in scope) separates in-scope rows from unknown ones.

    ``oos_auroc``: the chance that a random in-scope row scores above a random unknown one
    (ties count half). ``oos_recall_ceiling``: over every threshold (flag ``score <= t``), the
    highest share of unknown rows flagged while the flagged correct in-scope rows cost at most
    ``max_drop`` of in-scope accuracy.
    """
    score, correct, is_oos = np.asarray(score, float), np.asarray(correct, bool), np.asarray(is_oos, bool)
    in_scope = ~is_oos
    n_in, n_oos = int(in_scope.sum()), int(is_oos.sum())
    values, group = np.unique(score, return_inverse=True)
    ins_per, oos_per = np.bincount(group, in_scope, len(values)), np.bincount(group, is_oos, len(values))
    # Mann-Whitney: each in-scope row beats the unknown rows of lower values, ties count half
    oos_below = np.cumsum(oos_per) - oos_per
    auroc = float((ins_per * (oos_below + 0.5 * oos_per)).sum() / (n_in * n_oos))
    lost = np.cumsum(np.bincount(group, correct & in_scope, len(values))) / n_in
    caught = np.cumsum(oos_per) / n_oos
    within = lost <= max_drop + 1e-12
    ceiling = float(caught[within].max()) if within.any() else 0.0
    return {"oos_auroc": auroc, "oos_recall_ceiling": ceiling, "oos_ceiling_max_drop": max_drop}
