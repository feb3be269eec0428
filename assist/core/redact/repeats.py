"""Later mentions of personal data already found: an agent's "Hi John," after the customer
said "my name is John", a number echoed without its keyword or its spacing, part of an
address ("Baker Street")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from assist.core.redact.names import EN_STOP
from assist.core.redact.spans import PiiSpan, digits, has_cjk

_UNIT = re.compile(r"[A-Za-z\d\-#]{2,}(?:号楼|号|室|栋|幢|座|楼|层|单元)")


def address_parts(address: str) -> Iterator[str]:
    """The parts of an address an agent may echo alone: "Baker Street" (without its number),
    "NY 10118" (state and ZIP), "朝阳区", "1201室"."""
    for part in re.split(r"\s*[,，]\s*|(?<=[省市区县路街道号弄室楼])", address):
        if len(part) >= 5 or (len(part) >= 3 and has_cjk(part)):
            yield part
        street = re.sub(r"^\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+", "", part)
        if street != part and len(street.split()) >= 2 and len(street) >= 5:
            yield street
        words = part.split()
        for i in range(1, len(words) - 1):  # "Sydney NSW 2000" -> "NSW 2000"
            tail = " ".join(words[i:])
            if re.search(r"\d", tail) and len(tail) >= 5:
                yield tail
        yield from (u for u in _UNIT.findall(part) if len(u) >= 3)


def repeat_known(text: str, spans: Iterable[PiiSpan], known: Iterable[PiiSpan] = ()) -> Iterator[PiiSpan]:
    """Every mention of PII the customer gave here or earlier in the conversation.

    Names are matched word by word (a signature repeats "John"); other kinds literally,
    so an agent echoing a passport number without its keyword is still caught.
    """
    pieces: dict[str, str] = {}
    for s in [*spans, *known]:
        if s.kind != "NAME":
            if len(s.text) >= 5:
                pieces.setdefault(s.text, s.kind)
            if s.kind == "ADDRESS":
                for part in address_parts(s.text):
                    pieces.setdefault(part, "ADDRESS")
            if s.kind in ("PHONE", "CARD", "ID_NUMBER"):  # echoed without spacing, or in part
                run = digits(s.text)
                if len(run) >= 7:
                    pieces.setdefault(run, s.kind)
                for group in re.findall(r"\d{6,}", s.text):
                    pieces.setdefault(group, s.kind)
            continue
        pieces.setdefault(s.text, "NAME")
        if not has_cjk(s.text):
            for w in s.text.split():
                if len(w) >= 3 and w.lower() not in EN_STOP:
                    pieces.setdefault(w, "NAME")
    known_digits = [(digits(p), k) for p, k in pieces.items() if k != "NAME" and len(digits(p)) >= 6]
    if known_digits:  # any run of 6+ of those digits, however it is spaced
        for m in re.finditer(r"(?<![A-Za-z0-9])\d(?:[ .\-]?\d)+(?![A-Za-z0-9])", text):
            run = digits(m.group(0))
            hit = next((k for d, k in known_digits if len(run) >= 6 and run in d), None)
            if hit:
                yield PiiSpan(m.start(), m.end(), hit, m.group(0))
    for piece in sorted(pieces, key=len, reverse=True):
        if has_cjk(piece):
            rx = re.compile(re.escape(piece))
        else:
            rx = re.compile(rf"(?<![A-Za-z0-9]){re.escape(piece)}(?![A-Za-z0-9])", re.IGNORECASE)
        for m in rx.finditer(text):
            yield PiiSpan(m.start(), m.end(), pieces[piece], m.group(0))
