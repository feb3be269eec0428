"""The head of a pooled (Gemma) classifier in fast mode, fitted as what it is: an L2-regularised
multinomial logistic regression on standardised, frozen features.

Full-batch L-BFGS to convergence (as scikit-learn's ``LogisticRegression`` does) instead of a
few epochs of mini-batch AdamW with early stopping: on the demo shop's Chinese split the same
features gave 91.9 % with the epoch loop and 95.9 % fitted this way (models/README.md). The
regularisation strength is chosen on the validation rows from a short grid, strongest first,
each fit warm-started from the previous one; without validation rows the middle of the grid
is used. Every process of a launched run has all the features, so each computes the same fit.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from training.common import Progress

log = logging.getLogger(__name__)

L2_GRID = (3e-2, 1e-2, 3e-3, 1e-3)  # per-example loss + l2/2 * |W|^2, strongest first
DEFAULT_L2 = 3e-3
MAX_ITER = 200


def fit_pooled_head(
    model: Any,
    x_train: list[Any],
    y_train: list[int],
    w_train: list[float],
    x_val: list[Any],
    y_val: np.ndarray,
    tracker: Progress,
    weight: float,
) -> dict[str, Any]:
    """Fit ``model.classifier`` in place on the cached pooled features; the fit's summary."""
    import torch

    model.eval()  # no dropout: the features are the frozen encoder's
    x = torch.cat(x_train).float()
    y = torch.tensor(y_train)
    w = torch.tensor(w_train, dtype=torch.float32)
    w = w / w.sum()
    xv = torch.cat(x_val).float() if len(x_val) else None
    yv = torch.tensor(y_val)
    clf = model.classifier
    with torch.no_grad():
        clf.weight.zero_()
        clf.bias.zero_()
    grid = L2_GRID if xv is not None else (DEFAULT_L2,)
    bar = tracker.stage("fit the head (logistic regression)", len(grid), weight=weight)
    history, best = [], None
    for epoch, l2 in enumerate(grid, start=1):
        optimizer = torch.optim.LBFGS(
            list(clf.parameters()), max_iter=MAX_ITER, tolerance_grad=1e-6, line_search_fn="strong_wolfe"
        )

        def objective(l2: float = l2) -> Any:
            losses = torch.nn.functional.cross_entropy(model.head(x), y, reduction="none")
            return (losses * w).sum() + 0.5 * l2 * clf.weight.pow(2).sum()

        def closure(objective: Any = objective, optimizer: Any = optimizer) -> Any:
            optimizer.zero_grad()
            loss = objective()
            loss.backward()
            return loss

        with torch.enable_grad():
            optimizer.step(closure)
        with torch.no_grad():
            loss = float(objective())
        row: dict[str, Any] = {"epoch": epoch, "l2": l2, "train_loss": loss}
        if xv is not None:
            with torch.no_grad():
                logits = model.head(xv)
                row["val_accuracy"] = float((logits.argmax(1) == yv).float().mean())
                row["val_loss"] = float(torch.nn.functional.cross_entropy(logits, yv))
            key = (row["val_accuracy"], -row["val_loss"])
            if best is None or key > best[0]:
                best = (key, epoch, {k: v.detach().clone() for k, v in clf.state_dict().items()})
        history.append(row)
        log.info("head l2 %.0e: train loss %.4f, val accuracy %s", l2, loss, row.get("val_accuracy"))
        bar.update(1, l2=f"{l2:.0e}")
    bar.close()
    best_epoch = len(grid)
    if best is not None:
        best_epoch = best[1]
        clf.load_state_dict(best[2])
    return {"best_epoch": best_epoch, "epochs_run": len(history), "steps": len(history), "history": history,
            "seen": len(y_train), "resumed_from_epoch": 0}  # fmt: skip
