"""Read a Chatwoot conversation export (its API's JSON) as conversations to import.

``assist data import --kind chatwoot FILE`` takes what Chatwoot's application API returns,
saved to a file, in any of these shapes:

- a list of conversations, each with its ``messages`` (``GET .../conversations/{id}`` gives
  one, with ``id`` the conversation's display id);
- ``{"payload": [...]}`` or ``{"data": {"payload": [...]}}`` (``GET .../conversations``), each
  conversation carrying ``messages``;
- JSON Lines, one conversation a line;
- one conversation ``{"id", "messages": [...]}``; or ``{"meta", "payload": [messages]}`` as
  ``GET .../conversations/{id}/messages`` answers, when the messages name their
  ``conversation_id``.

Messages are taken in ``created_at`` order; private notes, activity and template messages and
empty ones are left out (and counted, for the import's report). Consecutive customer (``incoming``) messages form one turn's customer
text, the agent (``outgoing``) messages that follow its reply; agent messages before the first
customer message are dropped (nothing to answer).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assist.core.errors import ImportDataError
from assist.core.records import ConversationRecord, ReplyPairRecord
from assist.core.text import MAX_MESSAGE_CHARS, clean_text, guess_lang
from assist.data.readers import decode_utf8, read_bounded

KINDS = {0: "incoming", 1: "outgoing", 2: "activity", 3: "template"}
NOT_WRITTEN, NO_TEXT, BEFORE_CUSTOMER = (
    "private notes, activity or template messages",
    "messages without text (attachments only, or empty)",
    "agent messages before the customer's first message",
)
LEFT_OUT = (NOT_WRITTEN, NO_TEXT, BEFORE_CUSTOMER)


def read_chatwoot_export(path: str | Path, skipped: list[str] | None = None) -> list[ConversationRecord]:
    """The export's conversations. Malformed input is an error naming the line (JSON Lines)
    or the conversation; what is left out on purpose (a conversation with no customer text,
    private notes, activity and template messages, messages without text) is appended to
    ``skipped`` as plain sentences, so the caller can tell the user."""
    p = Path(path)
    # a device, or a file too large to hold, is an error (not a MemoryError); a byte-order mark
    # (a Windows editor's "UTF-8 with BOM") is dropped as the other readers drop it
    text = decode_utf8(read_bounded(p), p)
    notes = skipped if skipped is not None else []
    left_out = dict.fromkeys(LEFT_OUT, 0)
    out: list[ConversationRecord] = []
    seen: dict[str, int | None] = {}
    for i, (line, conv) in enumerate(_conversations(_documents(text, p), p), 1):
        record = _record(conv, p, i, line, left_out)
        cid = record.id if isinstance(record, ConversationRecord) else record
        if cid in seen:
            first = f" (first on line {seen[cid]})" if seen[cid] is not None else ""
            raise ImportDataError(str(p), line, f"conversation {cid!r} appears twice{first}")
        seen[cid] = line
        if isinstance(record, ConversationRecord):
            out.append(record)
        else:
            notes.append(f"conversation {cid}{_on(line)}: no customer message with text, left out")
    notes.extend(f"left out: {what} ({n})" for what, n in left_out.items() if n)
    if not out:
        raise ImportDataError(str(p), None, "no Chatwoot conversation with a customer message found")
    return out


def _on(line: int | None) -> str:
    return f" (line {line})" if line is not None else ""


def _documents(text: str, p: Path) -> list[tuple[int | None, Any]]:
    try:
        return [(None, json.loads(text))]
    except json.JSONDecodeError:
        pass
    docs: list[tuple[int | None, Any]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                docs.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise ImportDataError(str(p), n, f"not JSON or JSON Lines: {exc.msg}") from None
    return docs


def _conversations(docs: list[tuple[int | None, Any]], p: Path) -> list[tuple[int | None, dict[str, Any]]]:
    out: list[tuple[int | None, dict[str, Any]]] = []
    for line, doc in docs:
        if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
            doc = doc["data"]
        if isinstance(doc, dict) and isinstance(doc.get("payload"), list):
            doc = doc["payload"]
        items = doc if isinstance(doc, list) else [doc]
        if items and all(isinstance(m, dict) and "messages" not in m and "message_type" in m for m in items):
            out.extend((line, c) for c in _group_messages(items, p, line))  # a bare message list
            continue
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict) or not isinstance(item.get("messages"), list):
                which = f"item {n}" if len(items) > 1 else "the document"
                raise ImportDataError(
                    str(p), line, f"expected Chatwoot conversations with their messages ({which} is not one)"
                )
            out.append((line, item))
    return out


def _group_messages(messages: list[dict[str, Any]], p: Path, line: int | None) -> list[dict[str, Any]]:
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for n, m in enumerate(messages, 1):
        cid = m.get("conversation_id")
        if cid is None:
            raise ImportDataError(
                str(p), line, f"message {n} has no conversation_id: cannot tell its conversation"
            )
        grouped.setdefault(cid, []).append(m)
    return [{"id": cid, "account_id": ms[0].get("account_id"), "messages": ms} for cid, ms in grouped.items()]


def _record(
    conv: dict[str, Any], p: Path, index: int, line: int | None, left_out: dict[str, int]
) -> ConversationRecord | str:
    """The conversation as a record, or its id when it has no customer text."""
    cid = _id(conv, index)
    for n, m in enumerate(conv["messages"], 1):
        if not isinstance(m, dict):
            raise ImportDataError(str(p), line, f"conversation {cid}: message {n} is not a JSON object")
    messages = sorted(conv["messages"], key=_created)
    turns: list[ReplyPairRecord] = []
    customer: list[str] = []
    agent: list[str] = []

    def flush() -> None:
        if customer:
            turns.append(ReplyPairRecord("\n".join(customer), "\n".join(agent), conversation_id=cid))
        customer.clear()
        agent.clear()

    for m in messages:
        kind = m.get("message_type")
        kind = KINDS.get(kind, kind) if isinstance(kind, int) else kind
        content = m.get("content")
        if m.get("private") or kind not in ("incoming", "outgoing"):
            left_out[NOT_WRITTEN] += 1
            continue
        if content is not None and not isinstance(content, str):
            raise ImportDataError(str(p), line, f"conversation {cid}: a message whose content is not text")
        if content is not None and len(content) > MAX_MESSAGE_CHARS:
            raise ImportDataError(
                str(p), line, f"conversation {cid}: a message over {MAX_MESSAGE_CHARS} characters"
            )
        body = clean_text(content or "").strip()
        if not body:
            left_out[NO_TEXT] += 1
            continue
        if kind == "incoming":
            if agent:
                flush()
            customer.append(body)
        elif customer:
            agent.append(body)
        else:
            left_out[BEFORE_CUSTOMER] += 1
    flush()
    if not turns:
        return cid
    lang = guess_lang(" ".join(t.customer for t in turns))
    return ConversationRecord(id=cid, turns=tuple(turns), lang=lang)


def _id(conv: dict[str, Any], index: int) -> str:
    account = conv.get("account_id")
    display = conv.get("id", conv.get("display_id"))
    if display is None:
        return f"chatwoot-{index}"
    return f"chatwoot-{account}-{display}" if account is not None else f"chatwoot-{display}"


def _created(m: dict[str, Any]) -> tuple[float, int]:
    ts = m.get("created_at")
    mid = m.get("id")
    return (float(ts) if isinstance(ts, int | float) else 0.0, mid if isinstance(mid, int) else 0)
