"""E-mail addresses, including "name (at) host (dot) com" spellings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assist.core.redact.spans import PiiSpan

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*"
    r"\s*(?:@|＠|\(at\)|\[at\]|\{at\}|\s+at\s+)\s*"
    r"[A-Za-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*[A-Za-z0-9-]+)*"
    r"\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*(?:[A-Za-z]{2,24})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_SPELLED_TLD = re.compile(r"(dot\)?\]?|\.)\s*(com|net|org|cn|io|edu|gov|co|uk|de|fr|jp|info|me)\b", re.I)
_NOT_A_MAILBOX = re.compile(r"(?i)(look|arrive|arrived|be|is|was|am|are|store|shop|home|me)\b")


def emails(text: str) -> Iterator[PiiSpan]:
    pos = 0
    while (m := _EMAIL.search(text, pos)) is not None:
        s = m.group(0)
        if "@" not in s and "＠" not in s and (not _SPELLED_TLD.search(s) or _NOT_A_MAILBOX.match(s)):
            # "x at y dot com" spellings need an explicit "dot" or a known TLD, and "email me at
            # jane@x.com" must not hide the real address behind a rejected "me at jane": look on.
            pos = m.start() + 1
            continue
        yield PiiSpan(m.start(), m.end(), "EMAIL", s)
        pos = m.end()
