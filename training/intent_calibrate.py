"""After fine-tuning: the temperature, the out-of-scope rule and the validation metrics.

Kept apart from ``train_intent`` so the script reads as data, model, fit, calibrate, save.
The temperature is fitted on the validation split (its NLL); the out-of-scope rule is then
chosen on the same split, on the calibrated scores, plus any labelled unknown-intent rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from training.intent_fit import predict_logits
from training.intent_prep import macro_f1

if TYPE_CHECKING:
    from assist.intent.metadata import OOSRule


def calibrate(
    model: Any,
    val_enc: list[dict[str, list[int]]],
    y_val: np.ndarray,
    oos_enc: list[dict[str, list[int]]],
    *,
    n_labels: int,
    pad_id: int,
    device: Any,
    oos_method: str,
    max_in_scope_loss: float,
) -> tuple[float, OOSRule, dict[str, float]]:
    """``(temperature, rule, metrics)`` from the validation rows (and unknown-intent rows)."""
    from assist.intent.calibration import (
        expected_calibration_error,
        fit_oos_rule,
        fit_temperature,
        nll,
        softmax,
    )

    val_logits = predict_logits(model, val_enc, pad_id, device)
    oos_logits = predict_logits(model, oos_enc, pad_id, device) if oos_enc else np.zeros((0, n_labels))
    temperature = fit_temperature(val_logits, y_val) if len(y_val) >= 5 else 1.0
    rule = fit_oos_rule(
        np.concatenate([val_logits, oos_logits]),
        np.concatenate([y_val, np.zeros(len(oos_logits), dtype=np.int64)]),
        temperature,
        method=oos_method,
        max_in_scope_loss=max_in_scope_loss,
        oos_mask=np.concatenate([np.zeros(len(y_val), bool), np.ones(len(oos_logits), bool)]),
    )
    metrics: dict[str, float] = {}
    if len(y_val):
        pred = val_logits.argmax(1)
        metrics.update(
            val_accuracy=float((pred == y_val).mean()),
            val_macro_f1=macro_f1(pred, y_val, n_labels),
            val_nll_uncalibrated=nll(val_logits, y_val, 1.0),
            val_nll=nll(val_logits, y_val, temperature),
            val_ece_uncalibrated=expected_calibration_error(softmax(val_logits), y_val),
            val_ece=expected_calibration_error(softmax(val_logits, temperature), y_val),
            val_in_scope_accuracy_with_oos=float(
                ((pred == y_val) & ~rule.flags(val_logits, temperature)).mean()
            ),
        )
    if len(oos_logits):
        metrics["val_oos_recall"] = float(rule.flags(oos_logits, temperature).mean())
    return temperature, rule, metrics
