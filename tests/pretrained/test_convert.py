"""GGUF -> Hugging Face directory: the tiny Gemma file through the production converter and base resolver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.core.errors import ModelLoadError
from assist.pretrained.bases import bases_dir, resolve_base


def test_converted_base_is_an_ordinary_hf_directory(tiny_gemma_dir: Path, tiny_gguf: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from assist.pretrained.convert import sha256_file

    meta = json.loads((tiny_gemma_dir / "base.json").read_text())
    assert meta["architecture"] == "Gemma3ForCausalLM" and meta["source_sha256"] == sha256_file(tiny_gguf)
    assert tiny_gemma_dir.parent.name == "base" and tiny_gemma_dir.name.startswith("tiny-gemma3-")
    model = AutoModelForCausalLM.from_pretrained(tiny_gemma_dir)
    tok = AutoTokenizer.from_pretrained(tiny_gemma_dir)
    assert model.config.model_type == "gemma3_text" and model.config.num_hidden_layers == 2
    assert tok.convert_ids_to_tokens(tok("my order", add_special_tokens=False)["input_ids"]) == ["my", "▁order"]
    ids = tok("where is my order", return_tensors="pt")["input_ids"]
    with torch.inference_mode():
        logits = model(ids).logits
    assert logits.shape == (1, ids.shape[1], len(tok)) and torch.isfinite(logits).all()
    assert "Licence" in (tiny_gemma_dir / "README.md").read_text()


def test_second_resolve_reuses_the_conversion(tiny_gemma_dir: Path, tiny_gguf: Path) -> None:
    before = (tiny_gemma_dir / "model.safetensors").stat().st_mtime_ns
    again = resolve_base(str(tiny_gguf), tiny_gemma_dir.parents[1])
    assert again == tiny_gemma_dir and (again / "model.safetensors").stat().st_mtime_ns == before
    assert not list(bases_dir(tiny_gemma_dir.parents[1]).glob("*.partial"))


def test_bad_bases_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="no such directory"):
        resolve_base(str(tmp_path / "missing"), tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelLoadError, match=r"no config\.json"):
        resolve_base(str(tmp_path / "empty"), tmp_path)
    truncated = tmp_path / "cut.gguf"
    truncated.write_bytes(b"GGUF\x03\x00\x00\x00")
    with pytest.raises(ModelLoadError, match=r"cut\.gguf"):
        resolve_base(str(truncated), tmp_path / "models")
