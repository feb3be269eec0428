"""The ONNX Runtime backend on a tiny model exported by the project's own `assist export onnx` code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assist.core.types import DraftRequest, DraftSource
from assist.drafts.loading import build_draft_engine

from .conftest import library


@pytest.mark.slow
def test_exported_model_streams_batched_drafts(tiny_model_dir: Path, tmp_path: Path, embedder: Any) -> None:
    export = pytest.importorskip("training.export_onnx", reason="assist export onnx not available")
    out = tmp_path / "onnx"
    export.export_model(tiny_model_dir, out)

    from assist.drafts.generators.onnx import load_onnx

    gen = load_onnx(out, threads=1)
    assert gen.version.endswith("+onnx")
    calls = 0
    real = gen.model.generate

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        assert kwargs["use_cache"] is True
        return real(*args, **kwargs)

    gen.model.generate = counting
    seen: dict[int, str] = {}
    from assist.drafts.prompting import PromptParts

    drafts = gen.generate(PromptParts(message="where is my order?", intent="track_order"), n=3, max_new_tokens=8,
                          on_token=lambda i, t: seen.__setitem__(i, t))
    assert calls == 1 and len(drafts) == 3 and seen

    engine = build_draft_engine(model_dir=out, library=library(), generator="onnx", embedder=embedder)
    assert engine.generator is not None, engine.generator_error
    result = engine.suggest_detailed(DraftRequest("c1", "where is my order 55821?", intent="track_order", lang="en"))
    assert result.final.error is None and len(result.generated) == 3
    assert all(d.source == DraftSource.GENERATED for d in result.generated)


def test_onnx_backend_on_a_pytorch_dir_is_a_clear_error(tiny_model_dir: Path, embedder: Any) -> None:
    engine = build_draft_engine(model_dir=tiny_model_dir, library=library(), generator="onnx", embedder=embedder)
    assert engine.generator is None
    assert engine.generator_error is not None and "has no weights" in engine.generator_error
    assert "model.onnx" in engine.generator_error
