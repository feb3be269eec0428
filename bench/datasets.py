"""Real messages for benchmarks: BANKING77 and Bitext from ../shared/data, split by a hash of
the text (so the held-out part is the same on every machine and never trained on), or the
demo shop, or generated text when neither is there (the JSON says which was used).
"""

from __future__ import annotations

import csv
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

HELD_OUT_PERCENT = 10  # rows whose text hashes into the first 10 of 100 buckets


def held_out(text: str) -> bool:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 100 < HELD_OUT_PERCENT


@dataclass(frozen=True, slots=True)
class Labelled:
    texts: list[str]
    labels: list[str]
    source: str  # what the JSON reports: which data and which part of it

    def sample(self, n: int, seed: int) -> Labelled:
        if n >= len(self.texts):
            return self
        idx = sorted(random.Random(seed).sample(range(len(self.texts)), n))
        return Labelled(
            [self.texts[i] for i in idx], [self.labels[i] for i in idx], f"{self.source}, {n} sampled"
        )


@dataclass(frozen=True, slots=True)
class Pairs:
    messages: list[str]
    replies: list[str]
    intents: list[str]
    source: str


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def banking77(data_dir: Path, part: str) -> Labelled | None:
    """``part``: "train" (90%) or "held_out" (10%) of banking77/train.csv; None when absent."""
    path = data_dir / "banking77" / "train.csv"
    if not path.is_file():
        return None
    rows = [r for r in _csv(path) if held_out(r["text"]) == (part == "held_out")]
    return Labelled(
        [r["text"] for r in rows], [r["category"] for r in rows], f"BANKING77 train.csv, {part} part"
    )


def bitext(data_dir: Path, part: str) -> Pairs | None:
    path = data_dir / "bitext" / "customer_support_train.csv"
    if not path.is_file():
        return None
    rows = [r for r in _csv(path) if held_out(r["instruction"]) == (part == "held_out")]
    return Pairs(
        [r["instruction"] for r in rows],
        [r["response"] for r in rows],
        [r["intent"] for r in rows],
        f"Bitext customer_support_train.csv, {part} part",
    )


def demo_labelled() -> Labelled | None:
    try:
        from assist.data.demo_shop import load_demo_shop

        shop = load_demo_shop()
    except Exception:  # noqa: BLE001 - the demo shop is still being written; fall back
        return None
    if not shop.utterances:
        return None
    return Labelled(
        [u.text for u in shop.utterances], [u.label for u in shop.utterances], "demo shop utterances"
    )


def demo_pairs() -> Pairs | None:
    try:
        from assist.data.demo_shop import load_demo_shop

        shop = load_demo_shop()
    except Exception:  # noqa: BLE001
        return None
    pairs = [(t.customer, t.agent, t.intent or "") for c in shop.conversations for t in c.turns]
    if not pairs:
        by_intent = {r.intent: r.text for r in shop.replies}
        pairs = [
            (u.text, by_intent.get(u.label, ""), u.label) for u in shop.utterances if u.label in by_intent
        ]
    if not pairs:
        return None
    return Pairs([p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs], "demo shop")


WORDS = [
    "order",
    "refund",
    "card",
    "delivery",
    "account",
    "payment",
    "cancel",
    "address",
    "invoice",
    "shipping",
    "package",
    "late",
    "where",
    "my",
    "the",
    "is",
]


def generated(n: int, seed: int, words: int = 12) -> Labelled:
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(words)) + "?" for _ in range(n)]
    return Labelled(texts, [t.split()[0] for t in texts], "generated text (no real data available)")


def messages(data_dir: Path, n: int, seed: int) -> Labelled:
    """Held-out labelled customer messages: BANKING77, else Bitext, else demo shop, else generated."""
    found = banking77(data_dir, "held_out")
    if found is None:
        pairs = bitext(data_dir, "held_out")
        if pairs is not None:
            found = Labelled(pairs.messages, pairs.intents, pairs.source)
    found = found or demo_labelled() or generated(n, seed)
    return found.sample(n, seed)
