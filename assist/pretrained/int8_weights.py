"""Weight-only int8 linear layers for CPU decoding: int8 weights, bf16 activations.

Why: decoding a few drafts at a time multiplies 3 rows by every weight matrix of the body,
so each step is bound by reading the weights (Gemma 3 270M: 189 MB in bf16 per token). Int8
weights with one scale per output row halve that; activations stay bf16, so unlike dynamic
quantization (int8 activations too) the outputs differ from bf16 by about as much as bf16
differs from fp32 (relative error 0.3 %, same machine). PyTorch's CPU kernel for it
(``torch._weight_int8pack_mm``) is fast for a few rows and slow for many (a 2048x640 layer:
0.13 vs 0.30 ms at 3 rows, 12.7 vs 1.1 ms at 250), so a layer keeps its bf16 weight too and
uses it for the prompt (many rows) and the int8 one per decoding step (a few rows).

The kernel requires the input width to be a multiple of 32 (other widths give wrong numbers
or crash), so only such layers are converted, and each converted layer is checked against its
bf16 result once before it is used; a layer that disagrees stays as it was.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

MAX_INT8_ROWS = 4  # above this many rows the bf16 weight is faster (see above)
WIDTH_MULTIPLE = 32
PROBE_TOLERANCE = 0.02  # relative error of the int8 result against the bf16 weight's


class Int8WeightLinear(nn.Module):
    """A linear layer that keeps its bf16 weight and an int8 copy with per-row scales."""

    weight_int8: torch.Tensor
    scales: torch.Tensor

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        weight = linear.weight.detach()
        scales = weight.float().abs().amax(dim=1).clamp(min=1e-8) / 127.0
        self.weight = nn.Parameter(weight, requires_grad=False)
        self.bias = None if linear.bias is None else nn.Parameter(linear.bias.detach(), requires_grad=False)
        self.register_buffer("weight_int8", torch.round(weight.float() / scales[:, None]).clamp(-127, 127).to(torch.int8))
        self.register_buffer("scales", scales.to(weight.dtype))
        self.in_features = linear.in_features
        self.out_features = linear.out_features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        rows = x.numel() // x.shape[-1]
        if rows > MAX_INT8_ROWS or x.dtype != self.scales.dtype:
            return nn.functional.linear(x, self.weight, self.bias)
        out = torch._weight_int8pack_mm(x.reshape(rows, x.shape[-1]).contiguous(), self.weight_int8, self.scales)
        if self.bias is not None:
            out = out + self.bias
        return out.reshape(*x.shape[:-1], self.out_features)

    def agrees(self) -> bool:
        """One probe of 3 rows: the int8 result is within PROBE_TOLERANCE of the bf16 one."""
        generator = torch.Generator().manual_seed(0)
        x = torch.randn(3, self.in_features, generator=generator).to(self.weight.dtype)
        with torch.inference_mode():
            want = nn.functional.linear(x, self.weight, self.bias).float()
            got = self.forward(x).float()
        scale = float(want.norm())
        return bool(torch.isfinite(got).all()) and float((got - want).norm()) <= PROBE_TOLERANCE * max(scale, 1e-6)


def int8_kernel_available() -> bool:
    return hasattr(torch, "_weight_int8pack_mm")


def use_int8_weights(module: nn.Module) -> int:
    """Replace every bf16 ``nn.Linear`` under ``module`` whose input width the kernel takes with an
    :class:`Int8WeightLinear`; returns how many were replaced (0 where the kernel is missing)."""
    if not int8_kernel_available():
        return 0
    replaced = 0
    for parent in list(module.modules()):
        for name, child in list(parent.named_children()):
            if not _convertible(child):
                continue
            layer = Int8WeightLinear(child)  # type: ignore[arg-type]
            if layer.agrees():
                setattr(parent, name, layer)
                replaced += 1
    return replaced


def _convertible(child: Any) -> bool:
    return (
        type(child) is nn.Linear
        and child.weight.dtype == torch.bfloat16
        and child.weight.device.type == "cpu"
        and child.in_features % WIDTH_MULTIPLE == 0
    )
