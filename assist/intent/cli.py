"""``assist train intent`` and ``assist eval intent``.

Training options are those of ``python -m training.train_intent`` (one definition, in that
script). ``--json`` prints one JSON object on stdout; progress bars and logs go to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assist.core.errors import AssistError


def register_train(kinds: Any) -> None:
    from training.train_intent import add_arguments

    p = kinds.add_parser(
        "intent",
        help="train an intent classifier (minilm, scratch or a local encoder)",
        description="Fine-tune an intent classifier and save it as a Hugging Face directory "
        "with calibration, out-of-scope rule and model card. Example: assist train intent "
        "--data train.csv --out models/intent (add --backbone scratch for Chinese).",
    )
    add_arguments(p)
    p.set_defaults(func=_train)


def register_eval(kinds: Any) -> None:
    p = kinds.add_parser(
        "intent",
        help="evaluate an intent model on labelled data",
        description="Accuracy, macro-F1, calibration error and out-of-scope recall/precision "
        "of an intent model on a labelled file; writes a confusion matrix CSV.",
    )
    p.add_argument("--model", required=True, type=Path, help="intent model directory (or routed dir)")
    p.add_argument("--data", required=True, type=Path, help="CSV/JSON/JSONL of labelled utterances")
    p.add_argument("--text-col")
    p.add_argument("--label-col")
    p.add_argument("--oos-label", help="label of out-of-scope rows in the data")
    p.add_argument("--runtime", default="auto", choices=["auto", "torch", "onnx"])
    p.add_argument("--device", default="auto")
    p.add_argument("--onnx-file", help="model.onnx (fp32) or model_quantized.onnx (int8)")
    p.add_argument("--limit", type=int, default=0, help="evaluate only the first N rows")
    p.add_argument(
        "--confusion-out",
        type=Path,
        help="confusion matrix CSV (default: assist-intent-confusion-<version>.csv in the temp dir)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(func=_eval)


def _train(args: argparse.Namespace) -> int:
    from training.common import print_on_main
    from training.train_intent import run_from_namespace

    try:
        result = run_from_namespace(args)
    except ValueError as exc:
        raise AssistError(str(exc)) from None
    if args.json:
        print_on_main(
            json.dumps({"out_dir": str(result.out_dir), "version": result.version, "metrics": result.metrics})
        )
    else:
        acc = result.metrics.get("val_accuracy") if isinstance(result.metrics, dict) else None
        print_on_main(
            f"saved {result.version} to {result.out_dir}"
            + (f" (validation accuracy {acc:.4f})" if acc else "")
        )
    return 0


def _eval(args: argparse.Namespace) -> int:
    from assist.data.readers import read_utterances
    from assist.intent.evaluate import evaluate
    from assist.intent.loading import load_intent_engine

    engine = load_intent_engine(
        args.model, device=args.device, runtime=args.runtime, onnx_file=args.onnx_file
    )
    rows = read_utterances(args.data, text_col=args.text_col, label_col=args.label_col)
    if args.limit:
        rows = rows[: args.limit]
    result = evaluate(engine, rows, oos_label=args.oos_label)
    out = args.confusion_out
    if out is None:
        import tempfile

        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in engine.version)[:100]
        out = Path(tempfile.gettempdir()) / f"assist-intent-confusion-{safe}.csv"
    path = result.write_confusion_csv(out)
    metrics = {**result.metrics, "runtime": getattr(engine, "runtime", "routed"), "confusion_csv": str(path)}
    if args.json:
        print(json.dumps(metrics))
    else:
        for key, value in metrics.items():
            shown = f"{value:.4f}" if isinstance(value, float) else value
            print(f"{key:>20}: {shown}", file=sys.stdout)
    return 0
