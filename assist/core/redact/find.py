"""Every detector's spans merged into non-overlapping ones, and :func:`redact` itself."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from assist.core.redact.addresses import addresses
from assist.core.redact.emails import emails
from assist.core.redact.ids import ids
from assist.core.redact.names import names
from assist.core.redact.phones import phones
from assist.core.redact.repeats import repeat_known
from assist.core.redact.spans import PLACEHOLDERS, PRIORITY, PiiSpan

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>|<!--.{0,200}?-->", re.DOTALL)  # HTML tags and comments
_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(PLACEHOLDERS) + r")\]")
# a character written as an HTML entity (jane&#64;example.org, &commat;, &#x2e;), as an e-mail
# channel's HTML may carry it, and full-width forms (ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ) that an IME types
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_FULLWIDTH = re.compile("[\uff10-\uff19\uff20-\uff3a\uff41-\uff5a]")  # letters, digits, ＠ (not ，？：)
_HALFWIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


def find_pii(text: str, known: Iterable[PiiSpan] = ()) -> list[PiiSpan]:
    """Non-overlapping PII spans in ``text``, in order. Overlapping hits are merged.

    ``known``: PII found elsewhere in the same conversation (:func:`find_pii` on the
    customer's messages), so an agent's "Hi John," is redacted when the customer said
    "my name is John", and an echoed number is redacted without its keyword.

    Detection also runs on the text with HTML tags taken out, so an address split by tags
    (``<span>jane</span>@<span>example.org</span>``) is found; its span then covers the
    tags inside it. Likewise on the text with HTML character entities decoded and full-width
    forms made ASCII (``jane&#64;example.org``, ``ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ``).
    """
    if not text:
        return []
    if _INVISIBLE.search(text):  # "138\u200b0013\u200b8000": detect on the visible text
        return _through_hidden(text, known, [not _INVISIBLE.match(ch) for ch in text], _INVISIBLE)
    raw = _detect(text, known)
    if _TAG.search(text):
        shown = [True] * len(text)
        for m in _TAG.finditer(text):
            shown[m.start() : m.end()] = [False] * (m.end() - m.start())
        raw.extend(_through_hidden(text, known, shown, _TAG))
    if _ENTITY.search(text) or _FULLWIDTH.search(text):
        raw.extend(_through_decoded(text, known))
    return _merged(text, raw)


def _decode(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with HTML character entities decoded and full-width forms made ASCII, and for
    each character of the result the ``(start, end)`` it came from in ``text``."""
    chars: list[str] = []
    origin: list[tuple[int, int]] = []
    pos = 0
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group(0))
        if len(decoded) != 1:  # not an entity html knows (or more than one character): keep it
            continue
        chars.extend(text[pos : m.start()])
        origin.extend((i, i + 1) for i in range(pos, m.start()))
        chars.append(decoded)
        origin.append((m.start(), m.end()))
        pos = m.end()
    chars.extend(text[pos:])
    origin.extend((i, i + 1) for i in range(pos, len(text)))
    return "".join(chars).translate(_HALFWIDTH), origin


def _through_decoded(text: str, known: Iterable[PiiSpan]) -> list[PiiSpan]:
    """PII found in the decoded text (see :func:`_decode`), mapped back onto ``text``."""
    decoded, origin = _decode(text)
    if decoded == text:
        return []
    cleaned = [PiiSpan(k.start, k.end, k.kind, _decode(k.text)[0]) for k in known]
    mapped: list[PiiSpan] = []
    for v in find_pii(decoded, cleaned):
        start, end = origin[v.start][0], origin[v.end - 1][1]
        mapped.append(PiiSpan(start, end, v.kind, text[start:end]))
    return mapped


def _through_hidden(
    text: str, known: Iterable[PiiSpan], shown: list[bool], hidden: re.Pattern[str]
) -> list[PiiSpan]:
    """PII found in the characters of ``text`` marked ``shown``, mapped back onto ``text``."""
    keep = [i for i, visible in enumerate(shown) if visible]
    if not keep:
        return []
    visible = "".join(text[i] for i in keep)
    cleaned = [PiiSpan(k.start, k.end, k.kind, hidden.sub("", k.text)) for k in known]
    mapped: list[PiiSpan] = []
    for v in find_pii(visible, cleaned):
        start, end = keep[v.start], keep[v.end - 1] + 1
        mapped.append(PiiSpan(start, end, v.kind, text[start:end]))
    return mapped


def _detect(text: str, known: Iterable[PiiSpan]) -> list[PiiSpan]:
    raw = [*emails(text), *ids(text), *phones(text), *addresses(text), *names(text)]
    raw.extend(repeat_known(text, raw, known))
    return raw


def _merged(text: str, raw: list[PiiSpan]) -> list[PiiSpan]:
    raw = [s for s in raw if s.end > s.start and re.search(r"\w", _PLACEHOLDER.sub("", s.text))]
    raw.sort(key=lambda s: (s.start, -s.end))
    merged: list[PiiSpan] = []
    for s in raw:
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            end = max(last.end, s.end)
            kind = last.kind if PRIORITY[last.kind] <= PRIORITY[s.kind] else s.kind
            if (s.end - s.start) > 2 * (last.end - last.start):
                kind = s.kind  # a long address swallowing a short hit stays an address
            merged[-1] = PiiSpan(last.start, end, kind, text[last.start : end])
        else:
            merged.append(s)
    # strip whitespace and trailing punctuation so placeholders sit cleanly in the text
    out: list[PiiSpan] = []
    for s in merged:
        start, end = s.start, s.end
        while start < end and text[start] in " \t,，":
            start += 1
        while end > start and text[end - 1] in " \t,，.。":
            end -= 1
        if end > start:
            out.append(PiiSpan(start, end, s.kind, text[start:end]))
    return out


def redact(text: str, known: Iterable[PiiSpan] = ()) -> str:
    """``text`` with every PII span replaced by ``[KIND]`` (idempotent).

    ``known``: spans found in other messages of the same conversation (see :func:`find_pii`).
    """
    spans = find_pii(text, known)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for s in spans:
        parts.append(text[pos : s.start])
        parts.append(f"[{s.kind}]")
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)
