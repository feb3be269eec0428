"""The data-parallel pieces the training loops share, without launching processes: how a
global batch is split, how the weighted loss is scaled, and mixed precision on a CPU."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from training.common import make_accelerator, pad_to_processes, shard, weighted_loss


def process(rank: int, world: int) -> SimpleNamespace:
    return SimpleNamespace(process_index=rank, num_processes=world)


def test_each_process_takes_every_nth_example_of_the_global_batch() -> None:
    batch = [10, 11, 12, 13, 14]
    parts = [shard(batch, process(r, 2)) for r in range(2)]
    assert parts == [[10, 12, 14], [11, 13]]
    assert sorted(parts[0] + parts[1]) == batch  # nothing twice, nothing missed


def test_a_short_batch_is_padded_with_weightless_repeats() -> None:
    weights = [0.5] * 20
    idx, w = pad_to_processes([7], weights, 3)
    assert idx == [7, 7, 7] and w == [0.5, 0.0, 0.0]
    assert pad_to_processes([1, 2, 3], weights, 2) == ([1, 2, 3], [0.5, 0.5, 0.5])


def test_shares_of_the_weighted_loss_add_up_to_the_global_weighted_mean() -> None:
    import torch

    losses = torch.tensor([1.0, 2.0, 3.0, 4.0])
    weights = [1.0, 0.5, 2.0, 0.0]
    total = sum(weights)
    expected = float((losses * torch.tensor(weights)).sum() / total)
    shares = [
        weighted_loss(losses[r::2], weights[r::2], total, process(r, 2)) for r in range(2)
    ]  # each scaled by N=2, as gradient averaging over 2 processes divides by 2
    assert abs(float(sum(shares)) / 2 - expected) < 1e-6
    assert abs(float(weighted_loss(losses, weights, total, process(0, 1))) - expected) < 1e-6


def test_mixed_precision_is_off_on_a_cpu_and_checked() -> None:
    accelerator = make_accelerator("cpu", "bf16")
    assert accelerator.mixed_precision == "no" and accelerator.num_processes == 1
    with pytest.raises(ValueError, match="mixed precision must be one of"):
        make_accelerator("cpu", "fp8")
