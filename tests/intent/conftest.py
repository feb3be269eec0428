"""Toy intent data and one tiny model trained for real, shared by the intent tests.

The model goes through the production path end to end (own tokenizer, MLM pretraining, LP-FT
fine-tuning, calibration, OOS fitting, save_pretrained) with a 2-layer, 64-wide BERT: well
under 1M parameters, trained in seconds on one thread.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from assist.core.records import LabelledText

TEMPLATES: dict[str, list[str]] = {
    "track_order": [
        "where is my order {n}",
        "track my package {n}",
        "has my parcel {n} shipped yet",
        "when will order {n} arrive",
        "what is the delivery status of {n}",
        "my package {n} is late where is it",
    ],
    "refund": [
        "i want a refund for the {item}",
        "give me my money back for the {item}",
        "refund the {item} please",
        "how do i get a refund on my {item}",
        "the {item} was broken i want my money returned",
        "please return my payment for the {item}",
    ],
    "cancel_order": [
        "cancel my order {n}",
        "please cancel order {n} now",
        "i no longer want order {n} cancel it",
        "stop order {n} before it ships",
        "can you cancel the {item} order",
        "cancel the purchase {n}",
    ],
    "change_address": [
        "change the shipping address for {n}",
        "update my delivery address",
        "i moved please change my address",
        "send order {n} to a new address",
        "wrong address on order {n} fix it",
        "edit the address for the {item}",
    ],
}
FILLERS = {
    "n": ["12345", "A-778", "99812", "order 5", "#4410", "X9"],
    "item": ["shoes", "phone", "jacket", "lamp", "kettle", "book"],
}
UNRELATED = [
    "what is the capital of france",
    "tell me a joke about penguins and the weather",
    "how many legs does a spider have",
    "the football match last night was exciting",
]


def toy_examples(per_intent: int = 36, seed: int = 0) -> list[LabelledText]:
    rng = random.Random(seed)
    rows = []
    for label, templates in TEMPLATES.items():
        combos = list(itertools.product(templates, FILLERS["n"], FILLERS["item"]))
        rng.shuffle(combos)
        seen: set[str] = set()
        for template, n, item in combos:
            text = template.format(n=n, item=item)
            if text not in seen:
                seen.add(text)
                rows.append(LabelledText(text=text, label=label, lang="en"))
            if len(seen) >= per_intent:
                break
    rng.shuffle(rows)
    return rows


def write_jsonl(path: Path, rows: list[LabelledText]) -> Path:
    import json

    path.write_text(
        "".join(json.dumps({"text": r.text, "label": r.label}) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def tiny_args(out: Path, examples: list[LabelledText], **overrides: object) -> object:
    from training.train_intent import TrainIntentArgs

    args = TrainIntentArgs(
        examples=examples,
        out=out,
        backbone="scratch",
        scratch_size="tiny",
        pretrain_epochs=2,
        epochs=25,
        lr=3e-3,
        head_lr=5e-3,
        head_epochs=10,
        batch_size=8,
        val_fraction=0.25,
        patience=25,
        threads=1,
        quiet=True,
        seed=1,
    )
    for key, value in overrides.items():
        setattr(args, key, value)
    return args


@pytest.fixture(scope="session")
def toy_rows() -> list[LabelledText]:
    return toy_examples()


TINY_CLI = ["--recipe", "tiny", "--threads", "1", "--quiet", "--seed", "1"]  # models/intent_tiny.json


@pytest.fixture(scope="session")
def tiny_train_output(
    tmp_path_factory: pytest.TempPathFactory, toy_rows: list[LabelledText]
) -> dict[str, object]:
    """Trains the session's tiny model through ``assist train intent ... --json``; returns its JSON."""
    import contextlib
    import io
    import json

    import torch

    from assist.cli.main import main

    torch.set_num_threads(1)
    base = tmp_path_factory.mktemp("tiny-intent")
    data = write_jsonl(base / "toy.jsonl", toy_rows)
    out = base / "model"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["train", "intent", "--data", str(data), "--out", str(out), "--json", *TINY_CLI])
    assert code == 0
    result: dict[str, object] = json.loads(buffer.getvalue().strip().splitlines()[-1])
    return result


@pytest.fixture(scope="session")
def tiny_model(tiny_train_output: dict[str, object]) -> Path:
    """A trained tiny intent model directory (scratch backbone), shared by the session."""
    return Path(str(tiny_train_output["out_dir"]))


@pytest.fixture(scope="session")
def tiny_engine(tiny_model: Path) -> object:
    from assist.intent.loading import load_intent_engine

    return load_intent_engine(tiny_model, runtime="torch", device="cpu", threads=1)
