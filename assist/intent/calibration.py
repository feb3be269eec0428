"""Calibration and out-of-scope fitting, on validation logits (numpy only).

Temperature scaling (Guo et al., 2017) divides the logits by one scalar fitted to minimise the
validation negative log-likelihood: it keeps the ranking, and makes "80 %" mean right about
80 % of the time. Label smoothing, which we train with, leaves models under-confident, so the
fitted temperature is often below 1.

The out-of-scope rule is a threshold on a score (calibrated max probability or energy). With
only in-scope validation data it is set so that at most ``max_in_scope_loss`` of the correctly
classified validation messages would be flagged (the accuracy the agent loses); when validation
data has examples of unknown intents, it picks the threshold that catches most of them within
that same budget.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from assist.intent.metadata import OOSRule


def softmax(logits: Any, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=-1, keepdims=True)
    return out


def nll(logits: Any, labels: Any, temperature: float) -> float:
    p = softmax(logits, temperature)
    idx = np.asarray(labels, dtype=np.int64)
    return float(-np.log(np.clip(p[np.arange(len(idx)), idx], 1e-12, 1.0)).mean())


def fit_temperature(logits: Any, labels: Any) -> float:
    """The temperature in [0.05, 20] minimising NLL: a log-grid, then golden-section refinement."""
    logits = np.asarray(logits, dtype=np.float64)
    if len(logits) == 0:
        return 1.0
    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 61))
    losses = [nll(logits, labels, t) for t in grid]
    i = int(np.argmin(losses))
    lo, hi = np.log(grid[max(i - 1, 0)]), np.log(grid[min(i + 1, len(grid) - 1)])
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(40):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if nll(logits, labels, float(np.exp(a))) < nll(logits, labels, float(np.exp(b))):
            hi = b
        else:
            lo = a
    return float(np.exp((lo + hi) / 2))


def expected_calibration_error(probs: Any, labels: Any, n_bins: int = 15) -> float:
    """ECE of the top-1 confidence: sum over equal-width bins of |accuracy - confidence| * share."""
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    if len(probs) == 0:
        return 0.0
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    ece = 0.0
    for lo, hi in itertools.pairwise(edges):
        in_bin = (conf > lo) & (conf <= hi)
        if in_bin.any():
            ece += abs(correct[in_bin].mean() - conf[in_bin].mean()) * in_bin.mean()
    return float(ece)


def fit_oos_rule(
    logits: Any,
    labels: Any,
    temperature: float,
    *,
    method: str = "max_prob",
    max_in_scope_loss: float = 0.01,
    oos_mask: Any = None,
) -> OOSRule:
    """Fit the threshold on validation data.

    ``labels`` index the known intents for in-scope rows; rows where ``oos_mask`` is true are
    examples of unknown intents (their label is ignored).
    """
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    oos = np.zeros(len(logits), dtype=bool) if oos_mask is None else np.asarray(oos_mask, dtype=bool)
    probe = OOSRule(method=method)
    scores = probe.score(logits, temperature) if len(logits) else np.zeros(0)
    in_scope = ~oos
    correct = in_scope & (logits.argmax(axis=1) == labels) if len(logits) else in_scope
    if correct.sum() < 5:
        return OOSRule(method=method, fitted_on="too little validation data: never flags")
    # Largest threshold that flags at most `max_in_scope_loss` of the correct in-scope rows.
    budget = int(np.floor(max_in_scope_loss * correct.sum()))
    ordered = np.sort(scores[correct])
    threshold = float(ordered[budget]) if budget < len(ordered) else float(ordered[-1])
    note = f"flags <= {max_in_scope_loss:.1%} of correct in-scope validation messages"
    if oos.any():
        recall = float((scores[oos] < threshold).mean())
        note += f"; validation OOS recall {recall:.1%}"
    return OOSRule(method=method, threshold=threshold, fitted_on=note)
