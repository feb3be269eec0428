"""``assist retrain intent|drafts`` and ``assist simulate --data FILE``: the learning loop."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "retrain",
        help="train a candidate from the logged data in a separate process and compare it with the active model",
    )
    p.add_argument("kind", choices=["intent", "drafts"])
    p.add_argument(
        "--promote-if-better",
        action="store_true",
        help="promote the candidate when it beats the active model",
    )
    p.add_argument("--fast", action="store_true", help="intent: head-only retrain; drafts: a short fine-tune")
    p.add_argument("--epochs", type=float, help="training epochs (default: the training script's)")
    p.add_argument("--max-steps", type=int, help="drafts: stop after this many optimiser steps")
    p.add_argument("--backbone", help="intent: minilm | scratch | a local encoder directory")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any other training argument (repeatable), e.g. --param max_train_samples=500",
    )
    p.add_argument(
        "--no-imported", action="store_true", help="train on logged data only (not imported utterances/pairs)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(func=_retrain)

    s = sub.add_parser(
        "simulate",
        help="replay a labelled corpus through the real pipeline with a simulated agent, retrain, report before/after",
    )
    s.add_argument("--data", required=True, help="Bitext CSV, or conversations JSONL (the demo shop's shape)")
    s.add_argument("--max-conversations", type=int, default=300)
    s.add_argument("--heldout-fraction", type=float, default=0.3)
    s.add_argument(
        "--seed-fraction",
        type=float,
        default=0.05,
        help="share of the replayed data the weak 'before' models see",
    )
    s.add_argument(
        "--accept-threshold", type=float, default=0.5, help="similarity above which the agent sends a draft"
    )
    s.add_argument("--out", help="working directory (default: a temporary one)")
    s.add_argument("--drafts-steps", type=int, default=60, help="optimiser steps of each draft training")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    s.set_defaults(func=_simulate)


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def retrain_params(args: argparse.Namespace) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if args.fast:
        params.update({"mode": "head"} if args.kind == "intent" else {"max_steps": 60, "epochs": 1.0})
    if args.epochs is not None:
        params["epochs"] = int(args.epochs) if args.kind == "intent" else args.epochs
    if args.max_steps is not None:
        params["max_steps"] = args.max_steps
    if args.backbone:
        params["backbone"] = args.backbone
    for item in args.param:
        key, _, value = item.partition("=")
        params[key.strip().replace("-", "_")] = _value(value)
    return params


def _retrain(args: argparse.Namespace) -> int:
    from assist.learning.compare import describe
    from assist.learning.dataset import open_database_from_args
    from assist.learning.jobs import RetrainJob, TrainingLaunch
    from assist.learning.registry import Registry
    from assist.learning.sufficiency import DataRequirements

    settings, database = open_database_from_args(args)
    job = RetrainJob(
        kind=args.kind,
        database=database,
        registry=Registry(database, settings.models_dir),
        work_dir=Path(settings.data_dir),
        params=retrain_params(args),
        promote_if_better=args.promote_if_better,
        include_imported=not args.no_imported,
        launch=TrainingLaunch.from_settings(settings),
        requirements=DataRequirements.from_settings(settings),
    )

    def progress(fraction: float, message: str) -> None:
        print(f"[{fraction * 100:5.1f}%] {message}", file=sys.stderr, flush=True)

    try:
        result = asyncio.run(job.run(progress))
    finally:
        database.close()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        print(
            f"candidate {result.candidate.version}: {describe(result.comparison)}; "
            + (
                "promoted"
                if result.promoted
                else f"not promoted (assist models promote {result.candidate.version}"
                + ("" if result.better else " --force --reason TEXT")
                + ")"
            ),
            file=sys.stderr,
        )
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from assist.learning.simulate import run_simulate

    return run_simulate(args)
