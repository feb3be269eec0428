"""Facts a draft states: order numbers and other ids, amounts, dates, e-mail addresses, names.

A generated draft may invent them ("your refund of $49.99 was sent on 12 March"), which an
agent who inserts it in a hurry sends on. :func:`unsupported_entities` lists those in a
draft that appear in none of its sources (the conversation and the reference replies); the
ranker ranks such drafts down and ``assist eval drafts`` reports how often they occur
(``hallucinated_entity_rate``). Placeholders (``{{Order Number}}``, ``{订单号}``) are never
entities: they are the honest way to say "the agent fills this in".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assist.drafts.slots import EMAIL, PLACEHOLDER

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
PATTERNS: dict[str, re.Pattern[str]] = {
    "email": EMAIL,  # the pattern slot filling reads addresses with
    "amount": re.compile(
        r"[$€£¥￥]\s?\d[\d,]*(?:\.\d{1,2})?|\d[\d,]*(?:\.\d{1,2})?\s?(?:元|块钱|usd\b|eur\b|rmb\b|dollars?\b|euros?\b)",
        re.IGNORECASE,
    ),
    "date": re.compile(
        rf"\b(?!24/7\b)\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b|\b\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"  # not "3-5 days"
        rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
        r"|\d{1,2}月\d{1,2}[日号]|\d{4}年\d{1,2}月",
        re.IGNORECASE,
    ),
    # ids: order, tracking and invoice numbers (3+ digits, optionally with letters and dashes)
    "id": re.compile(r"(?<![A-Za-z0-9_.,$€£¥￥])#?[A-Z]{0,4}-?\d{3,}[A-Z0-9-]*(?![A-Za-z0-9_.,])"),  # ASCII edges: 订单2023 counts
    "name": re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Dear|Hi|Hello)\.?\s+([A-Z][a-z]{1,20})\b|([\u4e00-\u9fff])(?:先生|女士|小姐)"),
}
_GENERIC_NAMES = {"there", "team", "customer", "sir", "madam", "everyone", "all", "friend"}


def _norm(text: str) -> str:
    return re.sub(r"[\s,#]", "", text).lower()


def entities(text: str) -> list[tuple[str, str]]:
    """``(kind, value)`` for every fact the text states, placeholders removed first."""
    text = PLACEHOLDER.sub(" ", text)
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS.items():
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):  # inside an e-mail, amount or date already found
                continue
            value = next((g for g in m.groups() if g), m.group(0)) if m.groups() else m.group(0)
            if kind == "name" and value.lower() in _GENERIC_NAMES:
                continue
            taken.append(m.span())
            found.append((kind, value.strip()))
    return found


def unsupported_entities(draft: str, sources: Iterable[str]) -> list[tuple[str, str]]:
    """The facts of ``draft`` that none of ``sources`` states (compared without spaces, commas, #)."""
    known = _norm(" ".join(sources))
    return [(kind, value) for kind, value in entities(draft) if _norm(value) not in known]
