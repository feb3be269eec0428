"""bf16 linear layers pre-packed for oneDNN (assist/pretrained/packed_linear.py)."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from assist.pretrained.packed_linear import PackedBf16Linear, packing_available, use_packed_linear

pytestmark = pytest.mark.skipif(not packing_available(), reason="this CPU has no native bf16 for oneDNN")


def _linear(inputs: int, outputs: int, bias: bool = True) -> nn.Linear:
    torch.manual_seed(0)
    return nn.Linear(inputs, outputs, bias=bias).to(torch.bfloat16)


@pytest.mark.parametrize("shape", [(3, 40), (2, 7, 40), (1, 1, 40)])
@pytest.mark.parametrize("bias", [True, False])
def test_a_packed_layer_computes_what_the_plain_one_does(shape: tuple[int, ...], bias: bool) -> None:
    plain = _linear(40, 24, bias)
    packed = PackedBf16Linear(plain)
    x = torch.randn(*shape).to(torch.bfloat16)
    with torch.inference_mode():
        want, got = plain(x), packed(x)
    assert got.shape == want.shape and got.dtype == torch.bfloat16
    assert torch.allclose(got.float(), want.float(), rtol=1e-2, atol=1e-2)


def test_only_bf16_layers_are_packed_and_named_ones_are_skipped() -> None:
    model = nn.Sequential()
    model.add_module("a", _linear(16, 16))
    model.add_module("fp32", nn.Linear(16, 16))
    model.add_module("classifier", _linear(16, 4))
    assert use_packed_linear(model, skip=("classifier",)) == 1
    assert isinstance(model.a, PackedBf16Linear)
    assert type(model.fp32) is nn.Linear and type(model.classifier) is nn.Linear


def test_a_layer_whose_packed_result_disagrees_stays_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PackedBf16Linear, "forward", lambda self, x: torch.zeros(*x.shape[:-1], self.out_features))
    model = nn.Sequential(_linear(16, 16))
    assert use_packed_linear(model) == 0 and type(model[0]) is nn.Linear
