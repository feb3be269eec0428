"""Enough data for a retrain, or a clear no: checked on the exported training split before
any training process starts.

Defaults (settings ``retrain_min_examples``, ``retrain_min_per_intent``,
``retrain_min_pairs``) and why:

* **200 intent examples in total.** The demo shop's first-run model holds out about 130
  English utterances per language to measure itself; a retrain on fewer examples than that
  measures and learns noise (the issue's 3-example model turned "cancel my order" into
  *Thanks & goodbye*).
* **5 per intent.** The trainer splits off a stratified validation part and calibrates on
  it: below 5 examples an intent has no validation example and its confidence is a guess.
* **200 reply pairs.** A fast draft fine-tune runs 60 steps of 16 examples (~1,000 examples
  seen): below 200 distinct pairs it repeats each one five times and more and memorises them
  (the issue's 4-pair model wrote gibberish).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.learning.job_errors import NotEnoughData

DEFAULT_MIN_EXAMPLES = 200
DEFAULT_MIN_PER_INTENT = 5
DEFAULT_MIN_PAIRS = 200


@dataclass(frozen=True, slots=True)
class DataRequirements:
    min_examples: int = DEFAULT_MIN_EXAMPLES
    min_per_intent: int = DEFAULT_MIN_PER_INTENT
    min_pairs: int = DEFAULT_MIN_PAIRS

    @classmethod
    def from_settings(cls, settings: Any) -> DataRequirements:
        return cls(
            min_examples=int(getattr(settings, "retrain_min_examples", DEFAULT_MIN_EXAMPLES)),
            min_per_intent=int(getattr(settings, "retrain_min_per_intent", DEFAULT_MIN_PER_INTENT)),
            min_pairs=int(getattr(settings, "retrain_min_pairs", DEFAULT_MIN_PAIRS)),
        )


@dataclass(frozen=True, slots=True)
class DataCheck:
    ok: bool
    message: str
    counts: dict[str, Any] = field(default_factory=dict)


def _count(n: int, one: str, many: str = "") -> str:
    """``1 example``, ``2 examples``; ``many`` where the plural is not ``one`` + s."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def check_intents(rows: list[dict[str, Any]], req: DataRequirements) -> DataCheck:
    per = Counter(str(r["label"]) for r in rows)
    short = sorted((n, label) for label, n in per.items() if n < req.min_per_intent)
    counts = {"examples": len(rows), "intents": len(per), "per_intent": dict(per)}
    have = f"{_count(len(rows), 'example')} in {_count(len(per), 'intent')}"
    need = f"need at least {req.min_examples} and {req.min_per_intent} per intent"
    if len(rows) >= req.min_examples and not short and len(per) >= 2:
        return DataCheck(True, f"{have}: enough ({need})", counts)
    problems = []
    if len(rows) < req.min_examples:
        problems.append(_count(req.min_examples - len(rows), 'more example'))
    if len(per) < 2:
        problems.append("examples of at least 2 intents")
    if short:
        listed = ", ".join(f"{label} {n}" for n, label in short[:8]) + (" …" if len(short) > 8 else "")
        problems.append(f"more examples of {_count(len(short), 'intent')} ({listed})")
    return DataCheck(False, f"{have}; {need}. Missing: {'; '.join(problems)}", counts)


def check_pairs(rows: list[dict[str, Any]], req: DataRequirements) -> DataCheck:
    counts = {"pairs": len(rows)}
    if len(rows) >= req.min_pairs:
        return DataCheck(True, f"{_count(len(rows), 'reply pair')}: enough (need at least {req.min_pairs})", counts)
    return DataCheck(
        False,
        f"{_count(len(rows), 'reply pair')}; need at least {req.min_pairs}. Missing: "
        f"{_count(req.min_pairs - len(rows), 'more reply', 'more replies')} sent by agents",
        counts,
    )


def check_dataset(kind: str, dataset_dir: Path, req: DataRequirements) -> DataCheck:
    """Check the training split of an exported dataset directory for ``kind``."""
    name = "intents.train.jsonl" if kind == "intent" else "pairs.train.jsonl"
    path = Path(dataset_dir) / name
    rows = (
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if path.is_file()
        else []
    )
    return check_intents(rows, req) if kind == "intent" else check_pairs(rows, req)


def require(kind: str, dataset_dir: Path, req: DataRequirements) -> DataCheck:
    """:func:`check_dataset`, raising :class:`NotEnoughData` (with the check) when short."""
    check = check_dataset(kind, dataset_dir, req)
    if not check.ok:
        what = "intent model" if kind == "intent" else "draft model"
        raise NotEnoughData(f"Not enough data to retrain the {what}: {check.message}", check.counts)
    return check
