"""The ONNX Runtime path: a directory written by ``assist export onnx`` (optimum), on the CPU.

We drive ``onnxruntime.InferenceSession`` directly rather than through optimum's ORTModel so the
session options are ours:
- ``intra_op_num_threads`` = ``threads`` (default min(4, CPUs)), ``inter_op_num_threads`` = 1:
  an encoder graph is a chain, inter-op parallelism buys nothing;
- spinning off (``session.intra_op.allow_spinning = 0``): ORT's worker threads otherwise
  busy-wait after each call and steal the cores the PyTorch draft generator needs, which is
  exactly the oversubscription to avoid on a 2-core desk machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assist.core.errors import ModelLoadError
from assist.core.threads import default_threads
from assist.intent.gemma import is_gemma_intent
from assist.intent.inference import EncoderEngine
from assist.intent.metadata import IntentMeta

ONNX_FILES = ("model_quantized.onnx", "model.onnx")  # preferred first


def find_onnx_file(path: Path, name: str | None = None) -> Path | None:
    if name is not None:
        candidate = path / name
        return candidate if candidate.is_file() else None
    for candidate_name in ONNX_FILES:
        if (path / candidate_name).is_file():
            return path / candidate_name
    return None


class OnnxIntentEngine(EncoderEngine):
    runtime = "onnx"

    def __init__(
        self,
        session: Any,
        tokenizer: Any,
        meta: IntentMeta,
        labels: Sequence[str],
        *,
        batch_size: int = 32,
        onnx_file: str = "",
    ) -> None:
        super().__init__(tokenizer, meta, labels, batch_size)
        self._session = session
        self._input_names = [i.name for i in session.get_inputs()]
        self.onnx_file = onnx_file
        self.classify(["warm up"])

    def _compute(self, inputs: dict[str, np.ndarray]) -> np.ndarray:
        feed = {}
        for name in self._input_names:
            if name in inputs:
                feed[name] = inputs[name]
            elif name == "token_type_ids":
                feed[name] = np.zeros_like(inputs["input_ids"])
            else:
                raise ModelLoadError(f"ONNX model wants an input {name!r} the tokenizer does not make")
        out: np.ndarray = self._session.run(None, feed)[0]
        return out


def load_onnx_engine(
    path: Path,
    meta: IntentMeta,
    labels: Sequence[str],
    *,
    threads: int | None,
    onnx_file: str | None = None,
    config: dict[str, Any] | None = None,
) -> OnnxIntentEngine:
    import onnxruntime as ort
    from transformers import AutoTokenizer

    model_file = find_onnx_file(path, onnx_file)
    if model_file is None:
        wanted = onnx_file or " or ".join(ONNX_FILES)
        raise ModelLoadError(f"{path}: no ONNX model ({wanted}); run `assist export onnx` first")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or default_threads()
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        session = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - ORT raises its own untyped errors for corrupt files
        raise ModelLoadError(f"{model_file}: ONNX Runtime cannot load it ({exc})") from None
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    if config is not None and is_gemma_intent(config):
        tokenizer.padding_side = "right"  # a pooled Gemma graph counts positions from the first token
    return OnnxIntentEngine(session, tokenizer, meta, labels, onnx_file=model_file.name)

