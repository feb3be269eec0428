"""bf16 linear layers with their weights pre-packed for oneDNN, for inference on a CPU.

Why: an ``nn.Linear`` in bf16 hands oneDNN a plain row-major weight, which it reorders into its
blocked layout on every call. Reordering once at load (``torch.ops.mkldnn._reorder_linear_weight``,
what ``torch.compile`` does for frozen CPU models) gives the same numbers (bit-identical here) and
saves that work: the Gemma intent encoder (7 layers) went from 28-30 to 23 ms p50 and 34-35 to
30-32 ms p95 for a Chinese message on one thread (models/README.md). Inference only: the packed
weight cannot be trained or saved as a normal state dict, so engines apply it after loading.

Each converted layer is checked once against the unpacked one; a layer that disagrees, or a
build of torch without the ops, keeps the plain ``nn.Linear``.
"""

from __future__ import annotations

import torch
from torch import nn

PROBE_TOLERANCE = 1e-2  # relative; packing changes the memory layout, not the arithmetic


class PackedBf16Linear(nn.Module):
    """``nn.Linear`` for bf16 inputs with the weight reordered once for oneDNN."""

    packed: torch.Tensor

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        self.in_features = linear.in_features
        self.out_features = linear.out_features
        self.register_buffer("packed", torch.ops.mkldnn._reorder_linear_weight(linear.weight.detach(), 1))
        self.bias = None if linear.bias is None else nn.Parameter(linear.bias.detach(), requires_grad=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.ops.mkldnn._linear_pointwise(x, self.packed, self.bias, "none", [], "")


def packing_available() -> bool:
    try:
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def use_packed_linear(module: nn.Module, skip: tuple[str, ...] = ()) -> int:
    """Replace every bf16 CPU ``nn.Linear`` under ``module`` (except children named in ``skip``)
    with a :class:`PackedBf16Linear`; returns how many were replaced."""
    if not packing_available():
        return 0
    replaced = 0
    for parent in list(module.modules()):
        for name, child in list(parent.named_children()):
            if name in skip or type(child) is not nn.Linear:
                continue
            if child.weight.dtype != torch.bfloat16 or child.weight.device.type != "cpu":
                continue
            try:
                layer = PackedBf16Linear(child)
            except RuntimeError:
                continue
            if _agrees(layer, child):
                setattr(parent, name, layer)
                replaced += 1
    return replaced


def _agrees(packed: nn.Module, plain: nn.Linear) -> bool:
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(1, 5, plain.in_features, generator=generator).to(torch.bfloat16)
    try:
        with torch.inference_mode():
            want, got = plain(x).float(), packed(x).float()
    except RuntimeError:
        return False
    return got.shape == want.shape and float((got - want).norm()) <= PROBE_TOLERANCE * max(float(want.norm()), 1e-6)
