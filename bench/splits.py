"""Reproducible train/held-out files for the draft figures in models/README.md.

    python -m bench.splits OUT_DIR   # writes OUT_DIR/bitext/{train,test}.csv and OUT_DIR/crosswoz/{val,test}.jsonl
                                     # and OUT_DIR/crosswoz/{val,test}_conversations.jsonl

- Bitext: ``customer_support_train.csv`` shuffled with ``random.Random(7)``; the first 450 rows
  are held out (``test.csv``; the first 100 of them were used to tune the ranker, the other
  350 are "untuned"), the remaining 4,064 are the training data and the reply library.
- CrossWOZ: ``pairs.csv`` as reply pairs in conversation order (``conversation_id`` = the
  dialogue, so the desk's history reaches each turn; ``intent`` = the user turn's domain),
  ``val`` for training and ``test`` for scoring. The same turns also in the article's shape, one
  dialogue per line (``{"id", "lang", "conversations": [{"customer", "agent", "intent"}]}``): read
  as intent examples, each turn gets the previous customer turn as its context, as at the desk.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def bitext(out: Path, data: Path = DATA) -> tuple[Path, Path]:
    with (data / "bitext" / "customer_support_train.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    random.Random(7).shuffle(rows)
    out.mkdir(parents=True, exist_ok=True)
    paths = out / "train.csv", out / "test.csv"
    for path, part in zip(paths, (rows[450:], rows[:450]), strict=True):
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=["instruction", "response", "intent"], extrasaction="ignore")
            w.writeheader()
            w.writerows(part)
    return paths


def crosswoz(out: Path, data: Path = DATA) -> tuple[Path, ...]:
    with (data / "crosswoz" / "pairs.csv").open(encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: (r["split"], r["dialogue_id"], int(r["turn"])))
    out.mkdir(parents=True, exist_ok=True)
    paths = out / "val.jsonl", out / "test.jsonl"
    for path, split in zip(paths, ("val", "test"), strict=True):
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                if r["split"] == split:
                    fh.write(json.dumps({"customer": r["customer"], "agent": r["agent"], "intent": r["domain"], "lang": "zh",
                                         "conversation_id": f"crosswoz-{r['dialogue_id']}"}, ensure_ascii=False) + "\n")  # fmt: skip
    shaped = out / "val_conversations.jsonl", out / "test_conversations.jsonl"
    for path, split in zip(shaped, ("val", "test"), strict=True):
        dialogues: dict[str, list[dict[str, str]]] = {}
        for r in rows:
            if r["split"] == split:
                turn = {"customer": r["customer"], "agent": r["agent"], "intent": r["domain"]}
                dialogues.setdefault(r["dialogue_id"], []).append(turn)
        with path.open("w", encoding="utf-8") as fh:
            for dialogue_id, turns in dialogues.items():
                line = {"id": f"crosswoz-{dialogue_id}", "lang": "zh", "conversations": turns}
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return (*paths, *shaped)


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "out/splits")
    print(*bitext(root / "bitext"), *crosswoz(root / "crosswoz"), sep="\n")
