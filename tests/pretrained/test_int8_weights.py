"""Int8 weights with bf16 activations for the decoding steps (assist/pretrained/int8_weights.py)."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from assist.pretrained.int8_weights import MAX_INT8_ROWS, Int8WeightLinear, use_int8_weights


def _linear(inputs: int, outputs: int, bias: bool = False) -> nn.Linear:
    torch.manual_seed(0)
    return nn.Linear(inputs, outputs, bias=bias).to(torch.bfloat16)


def _relative_error(got: torch.Tensor, want: torch.Tensor) -> float:
    return float((got.float() - want.float()).norm() / want.float().norm())


@pytest.mark.parametrize("bias", [False, True])
def test_a_few_rows_use_int8_and_stay_close_to_bf16(bias: bool) -> None:
    linear = _linear(64, 96, bias)
    layer = Int8WeightLinear(linear)
    x = torch.randn(3, 1, 64).to(torch.bfloat16)  # (batch, one new token, width), as a decoding step
    with torch.inference_mode():
        got, want = layer(x), linear(x)
    assert got.shape == want.shape == (3, 1, 96) and got.dtype == torch.bfloat16
    assert not torch.equal(got, want)  # the int8 path ran: its rounding differs from bf16's
    assert _relative_error(got, want) < 0.02


def test_many_rows_use_the_bf16_weight_exactly() -> None:
    linear = _linear(64, 96, bias=True)
    layer = Int8WeightLinear(linear)
    x = torch.randn(1, MAX_INT8_ROWS + 1, 64).to(torch.bfloat16)  # a prompt
    with torch.inference_mode():
        assert torch.equal(layer(x), linear(x))


def test_only_bf16_layers_of_a_width_the_kernel_takes_are_replaced() -> None:
    model = nn.Sequential(_linear(64, 40), nn.GELU(), _linear(40, 64), nn.Linear(64, 64))  # 40: not a multiple of 32
    assert use_int8_weights(model) == 1
    assert isinstance(model[0], Int8WeightLinear)
    assert type(model[2]) is nn.Linear and type(model[3]) is nn.Linear  # bf16 of width 40; fp32


def test_a_layer_whose_int8_result_disagrees_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch, "_weight_int8pack_mm", lambda x, w, s: torch.zeros(x.shape[0], w.shape[0], dtype=x.dtype))
    model = nn.Sequential(_linear(64, 64))
    assert use_int8_weights(model) == 0 and type(model[0]) is nn.Linear


def test_a_gemma_body_with_int8_weights_keeps_its_next_token(tiny_gemma_dir) -> None:  # type: ignore[no-untyped-def]
    from assist.pretrained.loading import load_causal_lm

    bf16 = load_causal_lm(tiny_gemma_dir, dtype=torch.bfloat16).eval()
    int8 = load_causal_lm(tiny_gemma_dir, dtype=torch.bfloat16).eval()
    assert use_int8_weights(int8.get_decoder()) == 2 * 7  # q, k, v, o, gate, up, down in each of 2 layers
    ids = torch.tensor([[2, 40, 41, 42, 43]])
    with torch.inference_mode():  # prompt in bf16, then one step of batch 3 through the int8 weights
        outs = []
        for model in (bf16, int8):
            from transformers import DynamicCache

            cache = DynamicCache(config=model.config)
            model(input_ids=ids, past_key_values=cache, use_cache=True)
            cache.batch_repeat_interleave(3)
            outs.append(model(input_ids=torch.tensor([[44], [45], [46]]), past_key_values=cache, use_cache=True).logits)
    assert _relative_error(outs[1], outs[0]) < 0.05
