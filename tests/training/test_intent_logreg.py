"""The fast-mode head of a pooled classifier is fitted as a logistic regression: it converges on
features a few AdamW epochs would underfit, picks its regularisation on the validation rows,
and honours sample weights."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")


class PooledHead(torch.nn.Module):  # type: ignore[misc]
    """What :func:`fit_pooled_head` uses of a pooled classifier: ``classifier`` and ``head``."""

    def __init__(self, dim: int, labels: int) -> None:
        super().__init__()
        self.classifier = torch.nn.Linear(dim, labels)
        self.dropout = torch.nn.Dropout(0.5)

    def head(self, pooled: Any) -> Any:
        return self.classifier(self.dropout(pooled))


def blobs(n: int, dim: int, labels: int, spread: float, seed: int) -> tuple[list[Any], list[int]]:
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(0).normal(size=(labels, dim))
    y = rng.integers(0, labels, size=n)
    x = centres[y] + spread * rng.normal(size=(n, dim))
    return [torch.tensor(row, dtype=torch.float32).unsqueeze(0) for row in x], [int(v) for v in y]


def fit(model: Any, x: list[Any], y: list[int], w: list[float], xv: list[Any], yv: list[int]) -> dict[str, Any]:
    from training.common import Progress
    from training.intent_logreg import fit_pooled_head

    for p in model.parameters():
        p.requires_grad = True
    return fit_pooled_head(model, x, y, w, xv, np.array(yv), Progress(quiet=True), 1.0)


def test_the_head_fits_many_close_classes_and_keeps_the_best_regularisation() -> None:
    from training.intent_logreg import L2_GRID

    x, y = blobs(600, 32, 12, spread=0.9, seed=1)
    xv, yv = blobs(200, 32, 12, spread=0.9, seed=2)
    model = PooledHead(32, 12)
    info = fit(model, x, y, [1.0] * len(y), xv, yv)
    assert [h["l2"] for h in info["history"]] == list(L2_GRID)
    best = max(info["history"], key=lambda h: (h["val_accuracy"], -h["val_loss"]))
    assert info["best_epoch"] == best["epoch"]
    model.eval()
    with torch.no_grad():
        accuracy = float((model.head(torch.cat(xv)).argmax(1) == torch.tensor(yv)).float().mean())
    assert accuracy == pytest.approx(best["val_accuracy"])  # the kept weights are the best fit's
    assert accuracy > 0.9


@pytest.mark.parametrize("heavy", [0, 1])
def test_sample_weights_decide_a_contradiction(heavy: int) -> None:
    x, y = blobs(80, 8, 2, spread=0.3, seed=3)
    same = torch.full((1, 8), 5.0)  # one point, far from both blobs, labelled both ways
    x += [same] * 10
    y += [0] * 5 + [1] * 5
    w = [1.0] * 80 + [1.0 if label == heavy else 0.05 for label in [0] * 5 + [1] * 5]
    model = PooledHead(8, 2)
    fit(model, x, y, w, [], [])
    model.eval()
    with torch.no_grad():
        assert int(model.head(same).argmax(1)) == heavy
