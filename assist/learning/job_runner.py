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
def intent_scores(model_dir: str, rows: list[dict[str, Any]]) -> list[float]:
    """Per row 1.0 (top-1 right) or 0.0; empty when the model cannot load (reported on stderr)."""
    if not rows:
        return []
    from assist.intent.loading import load_intent_engine

    try:
        engine = load_intent_engine(model_dir, device="cpu")
    except Exception as exc:  # noqa: BLE001 - an unloadable active model is reported, not fatal
        print(f"cannot evaluate {model_dir}: {exc}", file=sys.stderr)
        return []
    scores: list[float] = []
    for i in range(0, len(rows), 32):
        batch = rows[i : i + 32]
        preds = engine.classify([r["text"] for r in batch], [r.get("context") for r in batch])
        scores += [float(p.top.label == r["label"]) for p, r in zip(preds, batch, strict=True)]
    return scores


def comparison_on_yardstick(
    spec: dict[str, Any], metric: str, candidate_dir: str, rows: list[Any], score: Any
) -> dict[str, Any]:
    """Candidate and active scored on the same yardstick rows, compared (see :mod:`assist.learning.compare`)."""
    from assist.learning.compare import compare

    candidate = score(candidate_dir, rows)
    active = score(spec["active_dir"], rows) if spec.get("active_dir") else None
    result = compare(
        metric,
        candidate if len(candidate) == len(rows) else [],
        active,
        active_version=spec.get("active_version"),
    )
    result["n_heldout"] = result["n"]
    return result


def intent_yardstick(model_dir: str) -> dict[str, Any]:
    """The model's accuracy on the demo part of the yardstick: the figure a desk checks it
    against when it loads the model (:mod:`assist.service.last_good`)."""
    from assist.learning.yardstick import demo_intent_rows

    scores = intent_scores(model_dir, demo_intent_rows())
    return {"demo_accuracy": sum(scores) / len(scores), "n": len(scores)} if scores else {}


def drafts_yardstick(model_dir: str) -> dict[str, Any]:
    """The model's reply NLL on the demo health pairs: the figure a desk checks it against when
    it loads the model (:mod:`assist.service.last_good`); empty when it cannot be scored."""
    from assist.drafts.generators.hf_local import load_hf_local
    from assist.drafts.health import HEALTH_PAIRS, reply_nll
    from assist.learning.yardstick import demo_health_pairs

    pairs = demo_health_pairs(HEALTH_PAIRS)
    try:
        nll = reply_nll(load_hf_local(model_dir, device="cpu", warm_up=False), pairs)
    except Exception as exc:  # noqa: BLE001 - the model is still saved; the desk just cannot check it
        print(f"cannot score drafts {model_dir}: {exc}", file=sys.stderr)
        return {}
    return {"demo_reply_nll": nll, "n": len(pairs)} if nll is not None else {}


def retrain_intent(spec: dict[str, Any]) -> dict[str, Any]:
    from assist.core.records import LabelledText
    from assist.learning.yardstick import without_yardstick, yardstick_rows
    from training.train_intent import TrainIntentArgs, train

    ds = Path(spec["dataset_dir"])
    train_rows = without_yardstick(
        "intent", _read_jsonl(ds / "intents.train.jsonl") + list(spec.get("extra_intents", []))
    )
    valid_rows = _read_jsonl(ds / "intents.valid.jsonl")
    if len({r["label"] for r in train_rows}) < 2:
        raise RuntimeError(f"need intent examples of at least 2 intents to train, got {len(train_rows)} rows")
    params = {k: v for k, v in spec.get("params", {}).items() if k in _fields(TrainIntentArgs)}
    args = TrainIntentArgs(
        examples=[
            LabelledText(r["text"], r["label"], r.get("lang"), r.get("context"), float(r.get("weight", 1.0)))
            for r in train_rows
        ],
        val_examples=None,  # the trainer splits its own: the held-out slice is the yardstick, never tuned on
        out=Path(spec["out_dir"]),
        parent_version=spec.get("active_version"),
        quiet=True,
        **params,
    )
    result = train(args, lambda f, m: progress(0.9 * f, m))
    if not MAIN_PROCESS:
        return {}
    progress(0.92, "scoring candidate and active model on the fixed evaluation set")
    # Rows of intents the candidate never saw count against it: that is what the desk would see.
    held = yardstick_rows("intent", valid_rows, int(spec.get("eval_max", 500)))
    comparison = comparison_on_yardstick(spec, "accuracy", str(result.out_dir), held, intent_scores)
    return {
        "out_dir": str(result.out_dir),
        "version": result.version,
        "metrics": {**result.metrics, "yardstick": intent_yardstick(str(result.out_dir))},
        "comparison": comparison,
    }


# --------------------------------------------------------------------------- drafts
def drafts_scores(model_dir: str | None, pairs: list[Any]) -> list[float]:
    """Per pair the best-of-3 ROUGE-L of the generated drafts against the agent's reply (0.0
    where nothing was generated); empty when the engine cannot be built."""
    if not pairs:
        return []
    from assist.data.demo_shop import load_demo_shop
    from assist.drafts.evaluate import evaluate_drafts
    from assist.drafts.loading import build_draft_engine

    rows: list[dict[str, Any]] = []
    try:
        engine = build_draft_engine(model_dir=model_dir, library=load_demo_shop().replies, device="cpu")
        evaluate_drafts(engine, pairs, per_message=rows)
    except Exception as exc:  # noqa: BLE001
        print(f"cannot evaluate drafts {model_dir}: {exc}", file=sys.stderr)
        return []
    # The generated set is what a new draft model changes (retrieval is the same for both).
    return [float((row.get("generated") or {}).get("rouge_l") or 0.0) for row in rows]


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
    from assist.learning.yardstick import without_yardstick, yardstick_rows
    from training.train_drafts import TrainDraftsArgs, train

    ds = Path(spec["dataset_dir"])
    train_rows = without_yardstick("drafts", _read_jsonl(ds / "pairs.train.jsonl") + list(spec.get("extra_pairs", [])))
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
    progress(0.88, "scoring candidate and active model on the fixed evaluation set")
    held = [
        ReplyPairRecord(r["customer"], r["agent"], r.get("intent"), r.get("lang"))
        for r in yardstick_rows("drafts", valid_rows, int(spec.get("eval_max", 40)))
    ]
    comparison = comparison_on_yardstick(spec, "generated_rouge_l", str(result.out_dir), held, drafts_scores)
    return {
        "out_dir": str(result.out_dir),
        "version": result.version,
        "metrics": {**result.metrics, "yardstick": drafts_yardstick(str(result.out_dir))},
        "comparison": comparison,
    }


# --------------------------------------------------------------------------- demo shop
def demo(spec: dict[str, Any]) -> dict[str, Any]:
    """The first-run default; ``resume_dir`` (kept across restarts) lets the trainer resume."""
    tiny = bool(spec.get("params", {}).get("tiny", False))
    out = Path(spec["out_dir"])
    resume = spec.get("resume_dir")
    if spec["kind"] == "intent":
        from training.intent_demo_shop import train_demo_shop as intent_demo

        r = intent_demo(out, progress, tiny=tiny, resume_dir=resume, models_dir=spec.get("models_dir"))
        if not MAIN_PROCESS:
            return {}
        metrics = {**r.metrics, "yardstick": intent_yardstick(str(r.out_dir))}
        return {"out_dir": str(r.out_dir), "version": r.version, "metrics": metrics}
    from training.draft_demo_shop import train_demo_shop as drafts_demo

    d = drafts_demo(out, progress, tiny=tiny, models_dir=spec.get("models_dir"), resume_dir=resume)
    metrics = {**d.metrics, "yardstick": drafts_yardstick(str(d.out_dir))}
    return {"out_dir": str(d.out_dir), "version": d.version, "metrics": metrics}


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
