"""Text-overlap metrics for draft evaluation: ROUGE-L and chrF, written out in full.

Why our own: both are a few lines, and owning them means no extra dependency and a
tokenisation that treats Chinese sensibly (each CJK character is a token, since Chinese
has no spaces). Definitions follow the papers:
- ROUGE-L (Lin, 2004): F-measure of the longest common subsequence of tokens, beta = 1.
- chrF (Popović, 2015): character n-gram F-score, n = 1..6 averaged, beta = 2, whitespace
  removed, as sacrebleu's default ``chrF``.
All scores are in [0, 1].
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lowercased words; each CJK character on its own."""
    return _TOKEN.findall(text.lower())


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    if not a or not b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge_l(candidate: str, reference: str) -> float:
    c, r = tokens(candidate), tokens(reference)
    lcs = lcs_length(c, r)
    if lcs == 0:
        return 0.0
    precision, recall = lcs / len(c), lcs / len(r)
    return 2 * precision * recall / (precision + recall)


def _char_ngrams(text: str, n: int) -> Counter[str]:
    return Counter(text[i : i + n] for i in range(len(text) - n + 1))


def chrf(candidate: str, reference: str, *, max_n: int = 6, beta: float = 2.0) -> float:
    c = "".join(candidate.split())
    r = "".join(reference.split())
    scores = []
    for n in range(1, max_n + 1):
        cn, rn = _char_ngrams(c, n), _char_ngrams(r, n)
        if not cn or not rn:
            continue  # too short for this order: like sacrebleu, average over the orders that exist
        overlap = sum((cn & rn).values())
        precision, recall = overlap / sum(cn.values()), overlap / sum(rn.values())
        if precision + recall == 0:
            scores.append(0.0)
            continue
        b2 = beta * beta
        scores.append((1 + b2) * precision * recall / (b2 * precision + recall))
    return sum(scores) / len(scores) if scores else 0.0


def best_of(scores: Sequence[float]) -> float:
    return max(scores) if scores else 0.0
