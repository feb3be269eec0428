"""E-mail addresses, including "name (at) host (dot) com" spellings, URL-encoded ones
(``jane%40example.org``) and accented Latin, Greek or Cyrillic ones (``jöhn@exämple.de``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assist.core.redact.spans import PiiSpan

# Latin, Greek and Cyrillic letters with their accents (jöhn@exämple.de: internationalised
# addresses), but not CJK: "我的邮箱是jane@example.com谢谢" must not swallow the words around it
_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
_EMAIL = re.compile(
    rf"(?<![{_L}0-9._%+-])[{_L}0-9][{_L}0-9._%+-]*"
    r"\s*(?:@|＠|%40|\(at\)|\[at\]|\{at\}|\s+at\s+)\s*"
    rf"[{_L}0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*[{_L}0-9-]+)*"
    rf"\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*(?:[{_L}]{{2,24}})(?![{_L}0-9])",
    re.IGNORECASE,
)
_SPELLED_TLD = re.compile(r"(dot\)?\]?|\.)\s*(com|net|org|cn|io|edu|gov|co|uk|de|fr|jp|info|me)\b", re.I)
_NOT_A_MAILBOX = re.compile(r"(?i)(look|arrive|arrived|be|is|was|am|are|store|shop|home|me)\b")


def emails(text: str) -> Iterator[PiiSpan]:
    pos = 0
    while (m := _EMAIL.search(text, pos)) is not None:
        s = m.group(0)
        if "@" not in s and "＠" not in s and "%40" not in s and (not _SPELLED_TLD.search(s) or _NOT_A_MAILBOX.match(s)):
            # "x at y dot com" spellings need an explicit "dot" or a known TLD, and "email me at
            # jane@x.com" must not hide the real address behind a rejected "me at jane": look on.
            pos = m.start() + 1
            continue
        yield PiiSpan(m.start(), m.end(), "EMAIL", s)
        pos = m.end()
