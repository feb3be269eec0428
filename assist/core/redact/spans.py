"""What every detector returns: :class:`PiiSpan`, the kinds of personal data, and the few
text helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDERS = ("EMAIL", "PHONE", "CARD", "ID_NUMBER", "ADDRESS", "NAME")
# When spans overlap, the merged span takes the kind that ranks first here.
PRIORITY = {"ID_NUMBER": 0, "CARD": 1, "EMAIL": 2, "PHONE": 3, "ADDRESS": 4, "NAME": 5}

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_HAS_CJK = re.compile(f"[{CJK}]")


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """``text[start:end]`` is personal data of ``kind`` (one of :data:`PLACEHOLDERS`)."""

    start: int
    end: int
    kind: str
    text: str


def digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def has_cjk(s: str) -> bool:
    return _HAS_CJK.search(s) is not None
