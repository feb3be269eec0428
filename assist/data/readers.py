"""Pure file readers for intent examples, reply pairs and conversations (no database).

Files may be CSV, JSON (an array of objects, or one object) or JSONL (one object a
line). Column names have defaults that fit our own files, Bitext
(``instruction``/``intent``/``response``) and BANKING77 (``text``/``category``). The
source article's conversation shape::

    {"id": "c1", "lang": "en", "conversations": [{"customer": "...", "agent": "...", "intent": "..."}]}

is accepted wherever pairs or conversations are (and by :func:`read_utterances` when its
turns carry intents). An optional ``weight`` column/field (another name with ``weight_col``;
in conversations on a turn or on the conversation) scales a row's share of the training
loss: missing or empty means 1.0, 0 leaves the row out of training, and a negative or
non-numeric weight is an error. Every problem raises :class:`ImportDataError` naming the file, the
line and what is wrong, so a user can fix the file; nothing is silently dropped or cut.
"""

from __future__ import annotations

import csv
import io
import json
import math
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assist.core.errors import ImportDataError
from assist.core.records import ConversationRecord, LabelledText, ReplyPairRecord
from assist.core.text import MAX_MESSAGE_CHARS, clean_text, first_unsafe_char, guess_lang

TEXT_COLS = ("text", "instruction", "utterance")
LABEL_COLS = ("label", "intent", "category")
CUSTOMER_COLS = ("customer", "instruction", "text")
AGENT_COLS = ("agent", "response", "reply")
INTENT_COLS = ("intent", "label", "category")
CONVERSATION_ID_COLS = ("conversation_id", "id")
WEIGHT_COL = "weight"
MAX_FIELD_CHARS = 1_000_000  # a CSV field larger than this is surely a broken file
MAX_LABEL_CHARS = 200  # labels and intents: String(200) columns (assist.storage.models)
MAX_LANG_CHARS = 20  # lang: String(20) columns
MAX_IMPORT_BYTES = 1024 * 2**20  # a file is read whole (checked before anything is stored)

Row = dict[str, Any]


# ---------------------------------------------------------------------- raw rows
def read_bounded(path: Path) -> bytes:
    """The whole file, read into memory (imports check a file whole before storing any of it),
    refused when it cannot be one: a device (``/dev/zero`` never ends), or more than
    :data:`MAX_IMPORT_BYTES` (read at most that far, so a pipe or a growing file cannot
    exhaust memory either); a clear error, never a MemoryError."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
            raise ImportDataError(str(path), None, "not a file that can be imported (a device or socket)")
        with path.open("rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ImportDataError(str(path), None, f"cannot read the file ({exc.strerror or exc})") from exc
    except MemoryError:
        raise ImportDataError(str(path), None, "the file is too large to import in memory; split it") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportDataError(
            str(path), None, f"the file is over {MAX_IMPORT_BYTES // 2**20} MiB; split it into smaller files"
        )
    return raw


def _decode(path: Path) -> str:
    return decode_utf8(read_bounded(path), path)


def decode_utf8(raw: bytes, path: Path) -> str:
    """UTF-8 text (a byte-order mark is dropped), or an error naming the line; a UTF-16 file
    (what Windows PowerShell's ``>`` writes) is named as such."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ImportDataError(
            str(path), 1, "the file is UTF-16, not UTF-8 (PowerShell's > writes UTF-16): save it as UTF-8"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportDataError(str(path), line, f"invalid UTF-8 (byte {raw[exc.start]:#04x})") from exc


def _format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:
        return suffix[1:]
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix == ".json":
        return "json"
    head = text.lstrip()[:1]
    if head == "[":
        return "json"
    if head == "{":
        lines = [ln for ln in text.splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines) else "json"
    return "csv"


def _json_loads(path: Path, line: int, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportDataError(
            str(path), line + exc.lineno - 1, f"bad JSON: {exc.msg} (column {exc.colno})"
        ) from None
    except RecursionError:
        raise ImportDataError(str(path), line, "bad JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer over Python's 4,300-digit conversion limit
        raise ImportDataError(str(path), line, f"bad JSON: {_value_problem(exc)}") from None


def _value_problem(exc: ValueError) -> str:
    text = str(exc)
    if "integer string conversion" in text:
        return "a number with too many digits"
    return text.splitlines()[0] if text else type(exc).__name__


def _csv_rows(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, Row]]:
    csv.field_size_limit(MAX_FIELD_CHARS)
    # strict: a quoted field still open at the end of the file is an error, not a field that
    # swallows every line after it
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    end = 0
    try:
        header = next(reader, None)
        if header is None:
            raise ImportDataError(str(path), None, "the file is empty")
        header = [h.strip() for h in header]
        if not any(header):
            raise ImportDataError(str(path), 1, "the header row is empty")
        dupes = sorted({h for h in header if header.count(h) > 1 and h})
        if dupes:
            raise ImportDataError(str(path), 1, f"duplicate column(s) {', '.join(dupes)}")
        end = reader.line_num
        for values in reader:
            start, end = end + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise ImportDataError(
                    str(path), start, f"expected {len(header)} fields like the header, found {len(values)}"
                )
            yield start, dict(zip(header, values, strict=True))
    except csv.Error as exc:
        opened = _unclosed_quote_line(text, end + 1, delimiter) if "end of data" in str(exc) else None
        if opened is not None:
            raise ImportDataError(
                str(path), opened, "bad CSV: a quoted field opened on this line is never closed"
            ) from None
        raise ImportDataError(str(path), reader.line_num, f"bad CSV: {exc}") from None


def _unclosed_quote_line(text: str, first_line: int, delimiter: str) -> int | None:
    """The line where the quoted field left open at the end of ``text`` began, scanning the
    record that starts on ``first_line`` (CSV quoting: ``""`` inside quotes is a quote)."""
    i = 0
    for _ in range(first_line - 1):
        i = text.index("\n", i) + 1
    line, opened, quoted, field_start = first_line, None, False, True
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        if quoted:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 2
                    continue
                quoted = False
        elif c == '"' and field_start:
            quoted, opened = True, line
        field_start = c in (delimiter, "\n", "\r")
        i += 1
    return opened if quoted else None


def _json_array_rows(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """Items of a top-level JSON array with the line each one starts on (one pass: the line
    count moves forward with the position, it is never recounted from the start)."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    n = len(text)
    line, counted = 1, 0  # line number at offset ``counted``

    def line_at(p: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, p)
        counted = p
        return line

    def skip_ws(p: int) -> int:
        while p < n and text[p] in " \t\r\n":
            p += 1
        return p

    pos = skip_ws(pos)
    if pos < n and text[pos] == "]":
        return
    while True:
        start = line_at(pos)
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ImportDataError(
                str(path), exc.lineno, f"bad JSON: {exc.msg} (column {exc.colno})"
            ) from None
        except RecursionError:
            raise ImportDataError(str(path), start, "bad JSON: nested too deeply") from None
        except ValueError as exc:
            raise ImportDataError(str(path), start, f"bad JSON: {_value_problem(exc)}") from None
        yield start, item
        pos = skip_ws(pos)
        if pos < n and text[pos] == ",":
            pos = skip_ws(pos + 1)
            continue
        if pos < n and text[pos] == "]":
            if text[pos + 1 :].strip():
                raise ImportDataError(str(path), line_at(pos), "bad JSON: extra data after the array")
            return
        raise ImportDataError(str(path), line_at(pos), "bad JSON: expected ',' or ']'")


def iter_rows(path: str | Path) -> Iterator[tuple[int, Row]]:
    """``(line, object)`` for every record in a CSV, JSON or JSONL file."""
    p = Path(path)
    text = _decode(p)
    if not text.strip():
        raise ImportDataError(str(p), None, "the file is empty")
    fmt = _format(p, text)
    items: Iterator[tuple[int, Any]]
    if fmt in {"csv", "tsv"}:
        yield from _csv_rows(p, text, "\t" if fmt == "tsv" else ",")
        return
    if fmt == "jsonl":
        items = ((i, _json_loads(p, i, ln)) for i, ln in enumerate(text.splitlines(), 1) if ln.strip())
    elif text.lstrip().startswith("["):
        items = _json_array_rows(p, text)
    else:
        items = iter([(text[: len(text) - len(text.lstrip())].count("\n") + 1, _json_loads(p, 1, text))])
    for line, item in items:
        if not isinstance(item, dict):
            raise ImportDataError(str(p), line, f"wrong type: expected a JSON object, found {_kind(item)}")
        bad = _lone_surrogate(item)
        if bad is not None:
            where, code = bad
            raise ImportDataError(
                str(p), line, f"a lone surrogate ({code}) in {where}: not valid Unicode text"
            )
        yield line, item


def _lone_surrogate(item: Any) -> tuple[str, str] | None:
    """Where a JSON-escaped lone surrogate (``"\\ud800"``) hides in ``item``, and which one.

    ``json`` decodes such an escape to a str no database can encode; UTF-8 bytes cannot hold
    one, so only JSON needs this check (CSV is decoded strictly)."""
    stack: list[tuple[Any, str, bool]] = [(item, "", False)]
    while stack:
        node, path, is_key = stack.pop()
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError as exc:
                shown = path.encode("utf-8", "backslashreplace").decode("utf-8")
                where = f"'{shown}'" if path else "the record"
                return (f"a key of {where}" if is_key else where), f"\\u{ord(node[exc.start]):04x}"
        elif isinstance(node, dict):
            for key, value in reversed(node.items()):
                stack.append((value, f"{path}.{key}" if path else str(key), False))
                stack.append((key, path, True))
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]", False) for i, v in reversed(list(enumerate(node))))
    return None


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


# ---------------------------------------------------------------------- fields
def _pick(row: Row, explicit: str | None, defaults: Sequence[str], path: Path, line: int, what: str) -> str:
    if explicit is not None:
        if explicit not in row:
            raise ImportDataError(str(path), line, f"missing column {explicit!r} ({_cols(row)})")
        return explicit
    for name in defaults:
        if name in row:
            return name
    options = " or ".join(repr(d) for d in defaults)
    raise ImportDataError(str(path), line, f"missing {what} column: expected {options} ({_cols(row)})")


def _cols(row: Row) -> str:
    return "found: " + (", ".join(map(str, row)) or "none")


def _text(value: Any, col: str, path: Path, line: int, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ImportDataError(
            str(path), line, f"wrong type in {col!r}: expected a string, found {_kind(value)}"
        )
    if len(value) > MAX_MESSAGE_CHARS:
        raise ImportDataError(
            str(path),
            line,
            f"text in {col!r} is too long: {len(value)} characters (limit {MAX_MESSAGE_CHARS})",
        )
    cleaned = clean_text(value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if required and not cleaned:
        raise ImportDataError(str(path), line, f"empty text in {col!r}")
    return cleaned


def _label(value: Any, col: str, path: Path, line: int) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ImportDataError(
            str(path), line, f"wrong type in {col!r}: expected a string, found {_kind(value)}"
        )
    label = str(value).strip()
    if not label:
        raise ImportDataError(str(path), line, f"empty label in {col!r}")
    _refuse_unsafe(label, col, path, line)
    if len(label) > MAX_LABEL_CHARS:
        raise ImportDataError(
            str(path), line, f"label in {col!r} is too long: {len(label)} characters (limit {MAX_LABEL_CHARS})"
        )
    return label


def _optional_str(row: Row, key: str, path: Path, line: int) -> str | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ImportDataError(
            str(path), line, f"wrong type in {key!r}: expected a string, found {_kind(value)}"
        )
    text = str(value).strip() or None
    if text is not None:
        _refuse_unsafe(text, key, path, line)
    return text


def _refuse_unsafe(value: str, col: str, path: Path, line: int) -> None:
    """Labels and ids are stored as they are: a control or bidi character is refused, as ingest does."""
    if (ch := first_unsafe_char(value)) is not None:
        raise ImportDataError(str(path), line, f"{col!r} contains U+{ord(ch):04X}, a control or bidi character")


def _lang(row: Row, path: Path, line: int) -> str | None:
    lang = _optional_str(row, "lang", path, line)
    if lang is not None and len(lang) > MAX_LANG_CHARS:
        raise ImportDataError(
            str(path), line, f"lang in 'lang' is too long: {len(lang)} characters (limit {MAX_LANG_CHARS})"
        )
    return lang


def _weight(row: Row, col: str, path: Path, line: int, default: float = 1.0) -> float:
    """The row's training weight: a finite number >= 0; missing or empty gives ``default``."""
    value = row.get(col)
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ImportDataError(
            str(path), line, f"wrong type in {col!r}: expected a number, found {_kind(value)}"
        )
    try:
        weight = float(value)
    except ValueError:
        raise ImportDataError(str(path), line, f"bad weight in {col!r}: {value!r} is not a number") from None
    if not math.isfinite(weight) or weight < 0:
        raise ImportDataError(
            str(path), line, f"bad weight in {col!r}: {value!r} (a weight is a finite number >= 0)"
        )
    return weight


def _has_weight(row: Row, col: str) -> bool:
    turns = row.get("conversations")
    return col in row or (isinstance(turns, list) and any(isinstance(t, dict) and col in t for t in turns))


def _check_weight_col(explicit: str | None, seen: bool, path: Path) -> None:
    if explicit is not None and not seen:
        raise ImportDataError(str(path), None, f"no row has the weight column {explicit!r}")


def _is_conversation(row: Row) -> bool:
    return "conversations" in row


# ---------------------------------------------------------------------- conversations
def _conversation(
    row: Row, path: Path, line: int, index: int, weight_col: str = WEIGHT_COL
) -> ConversationRecord:
    turns_raw = row["conversations"]
    if not isinstance(turns_raw, list):
        raise ImportDataError(
            str(path), line, f"wrong type in 'conversations': expected an array, found {_kind(turns_raw)}"
        )
    if not turns_raw:
        raise ImportDataError(
            str(path), line, "empty 'conversations': a conversation needs at least one turn"
        )
    conv_id = _optional_str(row, "id", path, line) or f"{path.stem}-{index}"
    lang = _lang(row, path, line)
    conv_weight = _weight(row, weight_col, path, line)
    turns: list[ReplyPairRecord] = []
    for t, turn in enumerate(turns_raw, 1):
        where = f"conversations[{t - 1}]"
        if not isinstance(turn, dict):
            raise ImportDataError(
                str(path), line, f"wrong type in {where}: expected an object, found {_kind(turn)}"
            )
        if "customer" not in turn:
            raise ImportDataError(str(path), line, f"missing field 'customer' in {where}")
        customer = _text(turn["customer"], f"{where}.customer", path, line)
        agent = _text(turn.get("agent"), f"{where}.agent", path, line, required=False)
        intent = turn.get("intent")
        turns.append(
            ReplyPairRecord(
                customer=customer,
                agent=agent,
                intent=_label(intent, f"{where}.intent", path, line) if intent not in (None, "") else None,
                lang=lang,
                conversation_id=conv_id,
                weight=_weight(turn, weight_col, path, line, conv_weight),
            )
        )
    if lang is None:
        lang = guess_lang(" ".join(t.customer for t in turns))
        turns = [ReplyPairRecord(t.customer, t.agent, t.intent, lang, t.conversation_id, t.weight) for t in turns]
    return ConversationRecord(id=conv_id, turns=tuple(turns), lang=lang)


def read_conversations(path: str | Path) -> list[ConversationRecord]:
    """Conversations in the article's shape; flat rows (CSV) are grouped by ``conversation_id``/``id``.

    A flat file without a conversation id column gives one single-turn conversation per row.
    A turn's ``agent`` may be missing (a customer message still waiting for a reply).
    """
    p = Path(path)
    out: list[ConversationRecord] = []
    grouped: dict[str, list[ReplyPairRecord]] = {}
    seen: set[str] = set()
    for line, row in iter_rows(p):
        if _is_conversation(row):
            conv = _conversation(row, p, line, len(out) + len(grouped) + 1)
            if conv.id in seen:
                raise ImportDataError(str(p), line, f"duplicate conversation id {conv.id!r}")
            seen.add(conv.id)
            out.append(conv)
            continue
        pair = _flat_pair(row, p, line, None, None, None, agent_required=False)
        cid_col = next((c for c in CONVERSATION_ID_COLS if row.get(c) not in (None, "")), None)
        cid = _optional_str(row, cid_col, p, line) if cid_col else None
        cid = cid or f"{p.stem}-{line}"
        grouped.setdefault(cid, []).append(
            ReplyPairRecord(pair.customer, pair.agent, pair.intent, pair.lang, cid, pair.weight)
        )
    for cid, turns in grouped.items():
        if cid in seen:
            raise ImportDataError(str(p), None, f"duplicate conversation id {cid!r}")
        langs = {t.lang for t in turns if t.lang}
        out.append(
            ConversationRecord(id=cid, turns=tuple(turns), lang=langs.pop() if len(langs) == 1 else None)
        )
    if not out:
        raise ImportDataError(str(p), None, "no conversations found")
    return out


# ---------------------------------------------------------------------- pairs
def _flat_pair(
    row: Row,
    path: Path,
    line: int,
    customer_col: str | None,
    agent_col: str | None,
    intent_col: str | None,
    *,
    agent_required: bool = True,
    weight_col: str = WEIGHT_COL,
) -> ReplyPairRecord:
    ccol = _pick(row, customer_col, CUSTOMER_COLS, path, line, "customer")
    if agent_required:
        acol: str | None = _pick(row, agent_col, AGENT_COLS, path, line, "agent")
    else:
        acol = agent_col or next((c for c in AGENT_COLS if c in row), None)
    customer = _text(row[ccol], ccol, path, line)
    agent = _text(row.get(acol) if acol else None, acol or "agent", path, line, required=agent_required)
    icol = intent_col if intent_col is not None else next((c for c in INTENT_COLS if c in row), None)
    if intent_col is not None and intent_col not in row:
        raise ImportDataError(str(path), line, f"missing column {intent_col!r} ({_cols(row)})")
    intent = _label(row[icol], icol, path, line) if icol and row.get(icol) not in (None, "") else None
    lang = _lang(row, path, line) or guess_lang(customer)
    cid = _optional_str(row, "conversation_id", path, line)
    weight = _weight(row, weight_col, path, line)
    return ReplyPairRecord(customer=customer, agent=agent, intent=intent, lang=lang, conversation_id=cid, weight=weight)


def read_pairs(
    path: str | Path,
    *,
    customer_col: str | None = None,
    agent_col: str | None = None,
    intent_col: str | None = None,
    weight_col: str | None = None,
) -> list[ReplyPairRecord]:
    """(customer, agent) pairs: flat rows, or every answered turn of article-shaped conversations."""
    p = Path(path)
    wcol = weight_col or WEIGHT_COL
    out: list[ReplyPairRecord] = []
    seen_weight = False
    for line, row in iter_rows(p):
        if _is_conversation(row):
            conv = _conversation(row, p, line, len(out) + 1, wcol)
            out.extend(t for t in conv.turns if t.agent)
            seen_weight = seen_weight or _has_weight(row, wcol)
        else:
            out.append(_flat_pair(row, p, line, customer_col, agent_col, intent_col, weight_col=wcol))
            seen_weight = seen_weight or _has_weight(row, wcol)
    if not out:
        raise ImportDataError(str(p), None, "no reply pairs found")
    _check_weight_col(weight_col, seen_weight, p)
    return out


# ---------------------------------------------------------------------- utterances
def read_utterances(
    path: str | Path,
    *,
    text_col: str | None = None,
    label_col: str | None = None,
    lang: str | None = None,
    weight_col: str | None = None,
) -> list[LabelledText]:
    """Intent examples. ``lang`` overrides the file's ``lang`` column and the guess from the text.

    Article-shaped conversations give one example per turn that has an ``intent``, with the
    previous customer turn as ``context``.
    """
    p = Path(path)
    if lang is not None and not 0 < len(lang.strip()) <= MAX_LANG_CHARS:
        raise ImportDataError(str(p), None, f"the language must be 1-{MAX_LANG_CHARS} characters, got {len(lang)}")
    wcol = weight_col or WEIGHT_COL
    out: list[LabelledText] = []
    seen_weight = False
    for line, row in iter_rows(p):
        if _is_conversation(row):
            conv = _conversation(row, p, line, len(out) + 1, wcol)
            seen_weight = seen_weight or _has_weight(row, wcol)
            previous: str | None = None
            for turn in conv.turns:
                if turn.intent:
                    out.append(LabelledText(turn.customer, turn.intent, lang or turn.lang, previous, turn.weight))
                previous = turn.customer
            continue
        tcol = _pick(row, text_col, TEXT_COLS, p, line, "text")
        lcol = _pick(row, label_col, LABEL_COLS, p, line, "label")
        text = _text(row[tcol], tcol, p, line)
        label = _label(row[lcol], lcol, p, line)
        row_lang = lang or _lang(row, p, line) or guess_lang(text)
        out.append(LabelledText(text, label, row_lang, weight=_weight(row, wcol, p, line)))
        seen_weight = seen_weight or _has_weight(row, wcol)
    if not out:
        raise ImportDataError(str(p), None, "no labelled examples found")
    _check_weight_col(weight_col, seen_weight, p)
    return out
