"""What a library reply assumes and what it asserts, so that the desk never shows two drafts
that contradict each other, and a reply that assumes what the conversation does not show
ranks below one that does not.

A reply in the shop's library may carry two optional marks (``replies.jsonl``):

- ``requires``: conditions the customer's side of the conversation must show, from
  :data:`CONDITIONS`. "Thank you for the photos" requires ``attachment``; "I've refunded the
  extra charge" requires ``duplicate_charge``.
  A condition written ``no_<name>`` must *not* show: "Could you share your order number?"
  requires ``no_order_number`` and ranks lower once the customer has given one.
- ``claims``: what it asserts, as ``subject:value``. Two drafts contradict each other when they
  claim different values of one subject: "your order shows as unpaid, so you won't be charged
  twice" (``extra_charge:none``) beside "I've refunded the extra charge"
  (``extra_charge:duplicate_refunded``).

A generated draft adapts a reference reply and inherits its marks. Conditions are read from
the customer's own turns in English and Chinese; a Chatwoot attachment (``[attachment: ...]``)
counts as one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from assist.drafts.slots import extract_values


def _order_number(turn: str) -> bool:
    """The customer gave an order number: what the slot filler would put into ``{{Order Number}}``
    (one definition, so a draft that asks for the number is demoted exactly when the others get it)."""
    return "order" in extract_values([turn])


# A street address, strictly: a house number and a capitalised street with its suffix ("17 Maple
# Road"), or a Chinese street number, building or unit ("文三路90号", "3栋2单元"). Redaction masks
# far more (anything after "地址是"), which is right for privacy and wrong here: "我不知道" and "3
# days on the way" are not addresses.
_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?i:road|rd|street|st|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl)\b"
    r"|[路街道巷弄]\d{1,5}号|\d{1,4}(?:栋|幢|号楼|单元)"
)


CONDITIONS: dict[str, Callable[[str], object]] = {  # each: does one customer turn show it?
    "attachment": re.compile(
        r"\[attachment:|\b(photos?|pictures?|pics?|images?|screenshots?|videos?|attached|attachments?)\b"
        r"|照片|图片|截图|附件|视频|拍了",
        re.IGNORECASE,
    ).search,
    "duplicate_charge": re.compile(
        r"\b(charged|paid|billed|deducted|taken)\b[^.?!]{0,20}\b(twice|two times|double)\b"
        r"|\bdouble[- ]?(charged|charge|payment|billed)\b|\b(two|2|duplicate|double)\s+(payments|charges)\b"
        r"|(扣|付|支付|收)了?(两|2)次|重复(扣|支付|付款|收费)|(扣|付)了(两|2)笔|多扣",
        re.IGNORECASE,
    ).search,
    "order_number": _order_number,
    "address": _ADDRESS.search,
}
_CLAIM = re.compile(r"^[a-z][a-z0-9_]*:[a-z0-9_]+$")
_NOT = "no_"


@functools.lru_cache(maxsize=256)
def _shown(condition: str, customer_turns: tuple[str, ...]) -> bool:
    """Cached: a ranking asks it once per candidate reply, and ``order_number`` runs the slot
    filler's extraction over every turn (str hashes are cached, so the key costs little)."""
    return any(CONDITIONS[condition](t) for t in customer_turns)


def mark_problem(requires: Iterable[str], claims: Iterable[str]) -> str | None:
    """What is wrong with a reply's marks, for the library reader's error (``None``: nothing)."""
    unknown = sorted(c for c in set(requires) if c.removeprefix(_NOT) not in CONDITIONS)
    if unknown:
        known = ", ".join(CONDITIONS)
        return f"unknown condition(s) {unknown} in 'requires' (known: {known}, each also as no_<name>)"
    bad = sorted(c for c in claims if not _CLAIM.match(c))
    if bad:
        return f"claims must read subject:value (lowercase, digits, _), got {bad}"
    subjects = [c.split(":", 1)[0] for c in claims]
    if len(subjects) != len(set(subjects)):
        return "a reply claims two values of one subject"
    return None


def unmet(requires: Sequence[str], customer_turns: Sequence[str]) -> tuple[str, ...]:
    """The conditions of ``requires`` the customer's turns do not meet: ``name`` that none of
    them shows, ``no_name`` that one of them shows."""
    missing = []
    turns = tuple(customer_turns)
    for c in requires:
        name = c.removeprefix(_NOT)
        if name in CONDITIONS and _shown(name, turns) == (c != name):
            missing.append(c)
    return tuple(missing)


def contradicts(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two sets of claims give one subject different values."""
    if not a or not b:
        return False
    values = dict(c.split(":", 1) for c in a)
    return any(values.get(subject, value) != value for subject, value in (c.split(":", 1) for c in b))
