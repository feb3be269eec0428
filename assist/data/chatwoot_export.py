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
empty ones are skipped. Consecutive customer (``incoming``) messages form one turn's customer
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

KINDS = {0: "incoming", 1: "outgoing", 2: "activity", 3: "template"}


def read_chatwoot_export(path: str | Path) -> list[ConversationRecord]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportDataError(str(p), None, f"cannot read the file: {exc}") from exc
    conversations = _conversations(_documents(text, p), p)
    out: list[ConversationRecord] = []
    seen: set[str] = set()
    for i, conv in enumerate(conversations, 1):
        record = _record(conv, p, i)
        if record is None:
            continue
        if record.id in seen:
            raise ImportDataError(str(p), None, f"conversation {record.id!r} appears twice")
        seen.add(record.id)
        out.append(record)
    if not out:
        raise ImportDataError(str(p), None, "no Chatwoot conversation with a customer message found")
    return out


def _documents(text: str, p: Path) -> list[Any]:
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        pass
    docs = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ImportDataError(str(p), n, f"not JSON or JSON Lines: {exc.msg}") from None
    return docs


def _conversations(docs: list[Any], p: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for doc in docs:
        if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
            doc = doc["data"]
        if isinstance(doc, dict) and isinstance(doc.get("payload"), list):
            doc = doc["payload"]
        items = doc if isinstance(doc, list) else [doc]
        if items and all(isinstance(m, dict) and "messages" not in m and "message_type" in m for m in items):
            out.extend(_group_messages(items, p))  # a bare message list
            continue
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("messages"), list):
                raise ImportDataError(str(p), None, "expected Chatwoot conversations with their messages")
            out.append(item)
    return out


def _group_messages(messages: list[dict[str, Any]], p: Path) -> list[dict[str, Any]]:
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for m in messages:
        cid = m.get("conversation_id")
        if cid is None:
            raise ImportDataError(
                str(p), None, "a message without conversation_id: cannot tell its conversation"
            )
        grouped.setdefault(cid, []).append(m)
    return [{"id": cid, "account_id": ms[0].get("account_id"), "messages": ms} for cid, ms in grouped.items()]


def _record(conv: dict[str, Any], p: Path, index: int) -> ConversationRecord | None:
    messages = [m for m in conv["messages"] if isinstance(m, dict)]
    messages.sort(key=_created)
    turns: list[ReplyPairRecord] = []
    customer: list[str] = []
    agent: list[str] = []
    cid = _id(conv, index)

    def flush() -> None:
        if customer:
            turns.append(ReplyPairRecord("\n".join(customer), "\n".join(agent), conversation_id=cid))
        customer.clear()
        agent.clear()

    for m in messages:
        kind = m.get("message_type")
        kind = KINDS.get(kind, kind) if isinstance(kind, int) else kind
        content = m.get("content")
        if m.get("private") or kind not in ("incoming", "outgoing") or not isinstance(content, str):
            continue
        if len(content) > MAX_MESSAGE_CHARS:
            raise ImportDataError(
                str(p), None, f"conversation {cid}: a message over {MAX_MESSAGE_CHARS} characters"
            )
        body = clean_text(content).strip()
        if not body:
            continue
        if kind == "incoming":
            if agent:
                flush()
            customer.append(body)
        elif customer:
            agent.append(body)
    flush()
    if not turns:
        return None
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
