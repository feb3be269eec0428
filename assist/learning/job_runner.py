"""The child side of a retrain job: ``python -m assist.learning.job_runner SPEC.json``.

Runs in its own process so training never competes with the desk's event loop (and a
crash or a cancel takes only this process down). It speaks a tiny line protocol on
stdout, one JSON object per line (see :mod:`assist.learning.jobs`)::

    {"progress": 0.42, "message": "epoch 2/5"}
    {"result": {"out_dir": ..., "version": ..., "metrics": {...}, "comparison": {...}}}
    {"error": "what went wrong"}

Everything else the libraries print (tqdm bars, warnings) goes to stderr, which the
parent writes to the job's log file: file descriptor 1 is pointed at stderr before any
training code runs, and the protocol uses a private duplicate of the original stdout.

Under a launcher (``training_processes`` > 1) every process runs this module; only the main
one (``RANK`` 0) speaks the protocol and evaluates the candidate, the others only train.
Examples keep their dataset ``weight`` (the trainers weight the loss by it).

Spec fields: ``kind`` (intent | drafts), ``mode`` (retrain | demo), ``dataset_dir`` (an
:func:`assist.learning.dataset.export_dataset` directory), ``out_dir``, ``active_dir`` /
``active_version`` (the model to compare with and start from), ``params`` (overrides of
the training script's argument dataclass), ``eval_max`` (held-out examples evaluated).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any, TextIO

from training.common import launched_rank

_PROTO: TextIO | None = None
MAIN_PROCESS = launched_rank() == 0  # launched as several: one speaks


def emit(obj: dict[str, Any]) -> None:
    if not MAIN_PROCESS:
        return
    stream = _PROTO or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    stream.flush()


def progress(fraction: float, message: str) -> None:
    emit({"progress": round(max(0.0, min(1.0, float(fraction))), 4), "message": str(message)[:300]})


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fields(cls: Any) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


# --------------------------------------------------------------------------- intent
def intent_accuracy(model_dir: str, rows: list[dict[str, Any]]) -> float | None:
    """Top-1 accuracy of a model directory on held-out rows (None when it cannot load)."""
    if not rows:
        return None
    from assist.intent.loading import load_intent_engine

    try:
        engine = load_intent_engine(model_dir, device="cpu")
    except Exception as exc:  # noqa: BLE001 - an unloadable active model is reported, not fatal
        print(f"cannot evaluate {model_dir}: {exc}", file=sys.stderr)
        return None
    correct = 0
    for i in range(0, len(rows), 32):
        batch = rows[i : i + 32]
        preds = engine.classify([r["text"] for r in batch], [r.get("context") for r in batch])
        correct += sum(p.top.label == r["label"] for p, r in zip(preds, batch, strict=True))
    return correct / len(rows)


def retrain_intent(spec: dict[str, Any]) -> dict[str, Any]:
    from assist.core.records import LabelledText
    from training.train_intent import TrainIntentArgs, train

    ds = Path(spec["dataset_dir"])
    train_rows = _read_jsonl(ds / "intents.train.jsonl") + list(spec.get("extra_intents", []))
    valid_rows = _read_jsonl(ds / "intents.valid.jsonl")
    if len({r["label"] for r in train_rows}) < 2:
        raise RuntimeError(f"need intent examples of at least 2 intents to train, got {len(train_rows)} rows")
    labels = {r["label"] for r in train_rows}
    valid_rows = [r for r in valid_rows if r["label"] in labels]
    params = {k: v for k, v in spec.get("params", {}).items() if k in _fields(TrainIntentArgs)}
    args = TrainIntentArgs(
        examples=[
            LabelledText(r["text"], r["label"], r.get("lang"), r.get("context"), float(r.get("weight", 1.0)))
            for r in train_rows
        ],
        val_examples=[
            LabelledText(r["text"], r["label"], r.get("lang"), r.get("context")) for r in valid_rows
        ]
        if len(valid_rows) >= 5
        else None,
        out=Path(spec["out_dir"]),
        parent_version=spec.get("active_version"),
        quiet=True,
        **params,
    )
    result = train(args, lambda f, m: progress(0.9 * f, m))
    if not MAIN_PROCESS:
        return {}
    progress(0.92, "evaluating candidate and active model on held-out logged data")
    held = valid_rows[: int(spec.get("eval_max", 500))]
    candidate = intent_accuracy(str(result.out_dir), held)
    active = intent_accuracy(spec["active_dir"], held) if spec.get("active_dir") else None
    comparison = {"metric": "accuracy", "n_heldout": len(held), "candidate": candidate, "active": active}
    return {
        "out_dir": str(result.out_dir),
        "version": result.version,
        "metrics": result.metrics,
        "comparison": comparison,
    }


# --------------------------------------------------------------------------- drafts
def drafts_score(model_dir: str | None, pairs: list[Any]) -> float | None:
    """Mean best-of-3 ROUGE-L of the generated drafts against the agents' replies."""
    if not pairs:
        return None
    from assist.data.demo_shop import load_demo_shop
    from assist.drafts.evaluate import evaluate_drafts
    from assist.drafts.loading import build_draft_engine

    try:
        engine = build_draft_engine(model_dir=model_dir, library=load_demo_shop().replies, device="cpu")
        report = evaluate_drafts(engine, pairs)
    except Exception as exc:  # noqa: BLE001
        print(f"cannot evaluate drafts {model_dir}: {exc}", file=sys.stderr)
        return None
    # The generated set is what a new draft model changes (retrieval is the same for both);
    # the ranked set is the fallback when nothing was generated.
    for name in ("generated", "ranked"):
        part = report.get(name)
        value = part.get("rouge_l") if isinstance(part, dict) else None
        if isinstance(value, int | float):
            return float(value)
    return None


def weighted_pairs(rows: list[dict[str, Any]]) -> list[Any]:
    """Dataset rows as pairs keeping their ``weight`` (the trainer weights each pair's loss)."""
    from assist.core.records import ReplyPairRecord

    return [
        ReplyPairRecord(
            r["customer"], r["agent"], r.get("intent"), r.get("lang"), r.get("group"), float(r.get("weight", 1.0))
        )
        for r in rows
    ]


def retrain_drafts(spec: dict[str, Any]) -> dict[str, Any]:
    from assist.core.records import ReplyPairRecord
    from training.train_drafts import TrainDraftsArgs, train

    ds = Path(spec["dataset_dir"])
    train_rows = _read_jsonl(ds / "pairs.train.jsonl") + list(spec.get("extra_pairs", []))
    valid_rows = _read_jsonl(ds / "pairs.valid.jsonl")
    params = {k: v for k, v in spec.get("params", {}).items() if k in _fields(TrainDraftsArgs)}
    if spec.get("active_dir"):  # continue from the active model (its adapter, for a fine-tuned base)
        params.setdefault("base", spec["active_dir"])
    params.setdefault("models_dir", spec.get("models_dir"))
    args = TrainDraftsArgs(
        pairs=weighted_pairs(train_rows),
        out=str(spec["out_dir"]),
        parent_version=spec.get("active_version"),
        **params,
    )
    result = train(args, lambda f, m: progress(0.85 * f, m))
    if not MAIN_PROCESS:
        return {}
    progress(0.88, "evaluating candidate and active model on held-out logged data")
    held = [ReplyPairRecord(r["customer"], r["agent"], r.get("intent"), r.get("lang")) for r in valid_rows]
    held = held[: int(spec.get("eval_max", 40))]
    candidate = drafts_score(str(result.out_dir), held)
    active = drafts_score(spec["active_dir"], held) if spec.get("active_dir") else None
    comparison = {
        "metric": "generated_rouge_l",
        "n_heldout": len(held),
        "candidate": candidate,
        "active": active,
    }
    return {
        "out_dir": str(result.out_dir),
        "version": result.version,
        "metrics": dict(result.metrics),
        "comparison": comparison,
    }


# --------------------------------------------------------------------------- demo shop
def demo(spec: dict[str, Any]) -> dict[str, Any]:
    tiny = bool(spec.get("params", {}).get("tiny", False))
    out = Path(spec["out_dir"])
    if spec["kind"] == "intent":
        from training.intent_demo_shop import train_demo_shop as intent_demo

        r = intent_demo(out, progress, tiny=tiny, models_dir=spec.get("models_dir"))
        return {"out_dir": str(r.out_dir), "version": r.version, "metrics": r.metrics}
    from training.train_drafts import train_demo_shop as drafts_demo

    # Checkpoints outlive the job: quitting the desk pauses the first run, the next start resumes it.
    checkpoints = Path(spec["work_dir"]) / "checkpoints" / "first-run-drafts" if spec.get("work_dir") else None
    d = drafts_demo(out, progress, tiny=tiny, models_dir=spec.get("models_dir"), checkpoint_dir=checkpoints)
    return {"out_dir": str(d.out_dir), "version": d.version, "metrics": dict(d.metrics)}


def main(argv: list[str] | None = None) -> int:
    global _PROTO
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m assist.learning.job_runner SPEC.json", file=sys.stderr)
        return 2
    sys.stdout.flush()
    _PROTO = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # stray prints from libraries go to the log, not into the protocol
    sys.stdout = sys.stderr
    try:
        spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
        progress(0.0, f"starting {spec['mode']} {spec['kind']}")
        if spec["mode"] == "demo":
            result = demo(spec)
        elif spec["kind"] == "intent":
            result = retrain_intent(spec)
        else:
            result = retrain_drafts(spec)
        progress(1.0, "done")
        emit({"result": result})
        return 0
    except Exception as exc:  # noqa: BLE001 - reported on the protocol and in the log
        traceback.print_exc()
        emit({"error": f"{type(exc).__name__}: {exc}"})
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
