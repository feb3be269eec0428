"""``assist export onnx --model DIR --out DIR [--int8]``: ONNX Runtime copies of local models.

Intent classifiers and causal LMs (with KV cache) are exported with optimum; routed bilingual
intent directories are exported per language. The work is in ``training.export_onnx``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from assist.core.errors import AssistError


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="export a model to ONNX (fp32, optionally int8)")
    formats = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    onnx = formats.add_parser(
        "onnx",
        help="export an intent model or a causal LM to ONNX Runtime",
        description="Export with optimum to a directory that load_intent_engine(runtime='onnx') "
        "or the draft engine's ONNX backend loads; --int8 adds a dynamically quantized copy.",
    )
    onnx.add_argument("--model", required=True, type=Path, help="Hugging Face model directory")
    onnx.add_argument("--out", required=True, type=Path, help="output directory")
    onnx.add_argument("--int8", action="store_true", help="also write model_quantized.onnx (dynamic int8)")
    onnx.set_defaults(func=_export_onnx)


def _export_onnx(args: argparse.Namespace) -> int:
    from training.export_onnx import export_model

    try:
        summary = export_model(args.model, args.out, int8=args.int8)
    except (ValueError, OSError) as exc:
        raise AssistError(f"export failed: {exc}") from None
    print(json.dumps(summary))
    return 0
