"""Candidate against active, honestly: both scored on the same rows, the paired difference
with a bootstrap confidence interval, and a verdict that says "better" only when the whole
interval lies above zero.

A comparison is a plain dict (it is stored in the candidate's metrics and in the audit
trail)::

    {"metric": "accuracy", "n": 120, "candidate": 0.81, "active": 0.79, "difference": 0.02,
     "ci_low": -0.01, "ci_high": 0.05, "confidence": 0.95, "verdict": "not better",
     "active_version": "...", "candidate_version": "..."}

The interval is the percentile bootstrap over rows (messages): resample the n rows with
replacement, take the mean paired difference, repeat; the 2.5th and 97.5th percentiles of
those means bound the 95 % interval. Pairing matters: both models see the same messages, so
the easy and hard messages cancel out and a real difference shows with fewer rows.

Fewer than :data:`MIN_ROWS` rows, or no scores at all, give ``"cannot compare"``: at 20 rows
one message moves an accuracy by 5 points, below that any interval says nothing useful.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

MIN_ROWS = 20
RESAMPLES = 2000
CONFIDENCE = 0.95
BETTER, NOT_BETTER, WORSE, CANNOT, NO_ACTIVE = "better", "not better", "worse", "cannot compare", "no active model"
PROMOTABLE = (BETTER, NO_ACTIVE)  # verdicts that need no override to promote


def paired_bootstrap(
    candidate: Sequence[float],
    active: Sequence[float],
    *,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    seed: int = 0,
) -> tuple[float, float, float]:
    """(mean difference candidate - active, interval low, interval high) over paired rows."""
    if len(candidate) != len(active) or not candidate:
        raise ValueError("paired_bootstrap needs two equally long, non-empty score lists")
    diff = np.asarray(candidate, dtype=np.float64) - np.asarray(active, dtype=np.float64)
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, len(diff), size=(resamples, len(diff)))].mean(axis=1)
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return float(diff.mean()), float(low), float(high)


def compare(
    metric: str,
    candidate: Sequence[float] | None,
    active: Sequence[float] | None,
    *,
    active_version: str | None = None,
    candidate_version: str | None = None,
    min_rows: int = MIN_ROWS,
    seed: int = 0,
) -> dict[str, Any]:
    """The comparison dict for per-row scores (``active`` None: there is no active model;
    an empty list: the active model could not be scored)."""
    n = len(candidate or [])
    out: dict[str, Any] = {
        "metric": metric,
        "n": n,
        "candidate": _mean(candidate),
        "active": _mean(active),
        "active_version": active_version,
        "candidate_version": candidate_version,
        "confidence": CONFIDENCE,
        "min_rows": min_rows,
    }
    if n < min_rows or candidate is None:
        out["verdict"] = CANNOT
        out["why"] = f"only {n} evaluation rows (need at least {min_rows})"
        return out
    if active is None:
        out["verdict"] = NO_ACTIVE
        return out
    if len(active) != n:
        out["verdict"] = CANNOT
        out["why"] = f"the active model {active_version or ''} could not be scored on these rows".replace("  ", " ")
        return out
    diff, low, high = paired_bootstrap(candidate, active, seed=seed)
    out.update(difference=diff, ci_low=low, ci_high=high)
    out["verdict"] = BETTER if low > 0 else WORSE if high < 0 else NOT_BETTER
    return out


def _mean(scores: Sequence[float] | None) -> float | None:
    return float(np.mean(scores)) if scores else None


def verdict(comparison: dict[str, Any] | None) -> str:
    """The verdict of a stored comparison (older ones without a verdict: cannot compare)."""
    value = (comparison or {}).get("verdict")
    return str(value) if value else CANNOT


def promotable(comparison: dict[str, Any] | None) -> bool:
    """True when the comparison allows promotion without an override."""
    return verdict(comparison) in PROMOTABLE


def _num(value: Any, signed: bool = False) -> str:
    if not isinstance(value, int | float) or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def describe(c: dict[str, Any] | None) -> str:
    """One line for people: n, both scores, the difference with its interval, the verdict."""
    if not c:
        return "cannot compare: no comparison recorded"
    v = verdict(c)
    metric, n = c.get("metric", "score"), int(c.get("n") or c.get("n_heldout") or 0)
    if v == CANNOT:
        return f"cannot compare: {c.get('why') or f'only {n} evaluation rows'}"
    if v == NO_ACTIVE:
        return f"{metric} on {n} evaluation rows: candidate {_num(c.get('candidate'))}; no active model to compare with"
    pct = round(float(c.get("confidence") or CONFIDENCE) * 100)
    return (
        f"{metric} on {n} evaluation rows: candidate {_num(c.get('candidate'))} vs active "
        f"{_num(c.get('active'))}, difference {_num(c.get('difference'), True)} "
        f"({pct} % CI {_num(c.get('ci_low'), True)} to {_num(c.get('ci_high'), True)}): {v}"
    )
