"""ONNX Runtime backend: a causal LM exported by ``assist export onnx`` (optimum, with KV cache).

``ORTModelForCausalLM`` implements Hugging Face's ``generate``, so the batched sampling,
per-sequence streaming, cancellation and likelihood scoring of
:class:`~assist.drafts.generators.hf_local.CausalLMGenerator` apply unchanged; only loading
differs. Threads are set deliberately: two intra-op threads on this class of machine, so
ONNX Runtime and torch (the embedder) in one process do not oversubscribe the cores.
"""

from __future__ import annotations

from pathlib import Path

from assist.core.errors import ModelLoadError
from assist.drafts.generators.hf_local import CausalLMGenerator, check_causal_lm_dir, read_version

ONNX_FILES = ("model.onnx", "decoder_model_merged.onnx", "decoder_with_past_model.onnx", "decoder_model.onnx")


def load_onnx(model_dir: str | Path, *, threads: int = 2, warm_up: bool = True) -> CausalLMGenerator:
    """Load an exported ONNX causal LM directory (CPU); ModelLoadError says what is wrong."""
    path = Path(model_dir)
    check_causal_lm_dir(path, weight_files=ONNX_FILES)
    try:
        import onnxruntime as ort
        from optimum.onnxruntime import ORTModelForCausalLM
        from transformers import AutoTokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        tokenizer = AutoTokenizer.from_pretrained(str(path))
        model = ORTModelForCausalLM.from_pretrained(
            str(path), use_cache=True, provider="CPUExecutionProvider", session_options=options
        )
    except Exception as exc:  # onnxruntime raises its own exception types for broken graphs
        raise ModelLoadError(f"draft model (ONNX): cannot load {path}: {exc}") from exc
    if not getattr(model, "use_cache", True):
        raise ModelLoadError(f"draft model (ONNX): {path} was exported without the KV cache; re-export with it")
    return CausalLMGenerator(model, tokenizer, version=read_version(path) + "+onnx", device="cpu", warm_up=warm_up)
