"""Import data files into the database: intent examples, reply pairs, conversations.

The whole file is read and validated first (:mod:`assist.data.readers`), then written as
ONE unit of work through the writer: a malformed file imports nothing, and a failure
while writing rolls everything back. Importing the same file again adds nothing:
utterances and pairs are keyed on (dataset, texts, label), conversations on their id
within the dataset, and what was already there is counted as skipped.

Imported conversations are history (for analytics, retrieval and training), not live
work: they are stored closed, with ``source="import"`` and the id ``"<dataset>/<id>"`` (a
hash stands in for the end of one over 200 characters, see :func:`conversation_key`),
so they never flood an agent's queue or collide with live conversation ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from assist.core.errors import ImportDataError
from assist.core.records import ConversationRecord, LabelledText, ReplyPairRecord
from assist.core.types import Role, utcnow
from assist.data.readers import read_conversations, read_pairs, read_utterances
from assist.storage.models import Conversation, Message, ReplyPair, Utterance

Kind = Literal["utterances", "pairs", "conversations", "chatwoot"]
KINDS: tuple[str, ...] = ("utterances", "pairs", "conversations", "chatwoot")
COLUMN_OPTIONS: dict[str, tuple[str, ...]] = {
    "utterances": ("text_col", "label_col", "lang"),
    "pairs": ("customer_col", "agent_col", "intent_col"),
    "conversations": (),
    "chatwoot": (),  # a Chatwoot API export, stored as conversations (assist.data.chatwoot_export)
}
IMPORT_TIMEOUT_S = 900.0


@dataclass(frozen=True, slots=True)
class ImportReport:
    kind: str
    count: int  # rows (conversations for kind "conversations") newly stored
    dataset: str
    skipped_duplicates: int
    messages: int = 0  # messages stored with the conversations
    left_out: tuple[str, ...] = ()  # what the reader left out on purpose, as sentences (Chatwoot)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "count": self.count,
            "dataset": self.dataset,
            "skipped_duplicates": self.skipped_duplicates,
            "messages": self.messages,
            "left_out": list(self.left_out),
        }


def default_dataset(path: str | Path) -> str:
    return Path(path).stem


def read_file(path: str | Path, kind: str, left_out: list[str] | None = None, **cols: Any) -> list[Any]:
    """Read and validate a file for ``kind`` without touching the database; what a reader
    leaves out on purpose is appended to ``left_out`` (Chatwoot exports)."""
    if kind not in KINDS:
        raise ImportDataError(str(path), None, f"unknown kind {kind!r} (expected {', '.join(KINDS)})")
    allowed = COLUMN_OPTIONS[kind]
    given = {k: v for k, v in cols.items() if v is not None}
    wrong = sorted(set(given) - set(allowed))
    if wrong:
        names = ", ".join("--" + w.replace("_", "-") for w in wrong)
        raise ImportDataError(str(path), None, f"{names} does not apply to --kind {kind}")
    if kind == "utterances":
        return list(read_utterances(path, **given))
    if kind == "pairs":
        return list(read_pairs(path, **given))
    if kind == "chatwoot":
        from assist.data.chatwoot_export import read_chatwoot_export

        return read_chatwoot_export(path, left_out)
    return list(read_conversations(path))


def import_file(
    database: Any, path: str | Path, kind: Kind | str, *, dataset: str | None = None, **cols: Any
) -> ImportReport:
    """Import ``path`` as ``kind`` into ``database`` (all or nothing); safe to repeat."""
    left_out: list[str] = []
    records = read_file(path, kind, left_out, **cols)
    name = (dataset or default_dataset(path)).strip()
    if not name or len(name) > 200:
        raise ImportDataError(str(path), None, "the dataset name must be 1-200 characters")
    work: Any
    if kind == "utterances":
        work = _utterances_work(records, name)
    elif kind == "pairs":
        work = _pairs_work(records, name)
    else:
        work = _conversations_work(records, name)
    try:
        report: ImportReport = database.writer.submit(work).result(IMPORT_TIMEOUT_S)
    except DBAPIError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise ImportDataError(
            str(path), None, f"the database refused the import, nothing was stored ({first})"
        ) from exc
    except UnicodeError as exc:  # the readers refuse such text; this is the last line of defence
        raise ImportDataError(
            str(path), None, "the database cannot store this text (not valid Unicode), nothing was stored"
        ) from exc
    return replace(report, left_out=tuple(left_out))


IMPORT_LOCK_KEY = 0x617373697374  # PostgreSQL advisory lock: one import at a time ("assist")


def _one_import_at_a_time(session: Session) -> None:
    """Serialise imports: two imports of the same file at once (two terminals, a script run
    twice) must not both find nothing there yet and both store every row. On SQLite a write
    first takes the database's write lock before the rows already there are read (a read
    first would run outside the transaction); on PostgreSQL a transaction-scoped advisory lock."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("UPDATE utterances SET id = id WHERE 0"))
    elif dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK_KEY})


def _utterances_work(records: Sequence[LabelledText], dataset: str) -> Any:
    def work(session: Session) -> ImportReport:
        _one_import_at_a_time(session)
        seen = set(
            session.execute(
                select(Utterance.text, Utterance.label).where(Utterance.dataset == dataset)
            ).tuples()
        )
        rows = []
        for r in records:
            key = (r.text, r.label)
            if key in seen:
                continue
            seen.add(key)
            rows.append(Utterance(text=r.text, label=r.label, lang=r.lang, dataset=dataset))
        session.add_all(rows)
        session.flush()
        return ImportReport("utterances", len(rows), dataset, len(records) - len(rows))

    return work


def _pairs_work(records: Sequence[ReplyPairRecord], dataset: str) -> Any:
    def work(session: Session) -> ImportReport:
        _one_import_at_a_time(session)
        seen = set(
            session.execute(
                select(ReplyPair.customer_text, ReplyPair.agent_text).where(ReplyPair.dataset == dataset)
            ).tuples()
        )
        rows = []
        for r in records:
            key = (r.customer, r.agent)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                ReplyPair(
                    customer_text=r.customer,
                    agent_text=r.agent,
                    intent=r.intent,
                    lang=r.lang,
                    dataset=dataset,
                )
            )
        session.add_all(rows)
        session.flush()
        return ImportReport("pairs", len(rows), dataset, len(records) - len(rows))

    return work


KEY_MAX_CHARS = 200  # Conversation.id is String(200)
_KEY_HASH_CHARS = 16


def conversation_key(dataset: str, conversation_id: str) -> str:
    """``"<dataset>/<id>"``; when that is over 200 characters, its first 183 characters, ``~`` and
    16 hex digits of its SHA-256: stable across runs, and two different long ids never share a key
    (cutting them short would merge them, and skip the second as a duplicate)."""
    key = f"{dataset}/{conversation_id}"
    if len(key) <= KEY_MAX_CHARS:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:_KEY_HASH_CHARS]
    return f"{key[: KEY_MAX_CHARS - _KEY_HASH_CHARS - 1]}~{digest}"


def _conversations_work(records: Sequence[ConversationRecord], dataset: str) -> Any:
    def work(session: Session) -> ImportReport:
        _one_import_at_a_time(session)
        keys = [conversation_key(dataset, c.id) for c in records]
        existing = set(session.scalars(select(Conversation.id).where(Conversation.id.in_(keys))))
        now = utcnow()
        step = timedelta(seconds=1)
        stored = messages = 0
        for conv, key in zip(records, keys, strict=True):
            if key in existing:
                continue
            existing.add(key)
            ts = now
            row = Conversation(
                id=key, lang=conv.lang, source="import", status="closed", created_at=ts, last_message_at=ts
            )
            session.add(row)
            for turn in conv.turns:
                session.add(Message(conversation_id=key, role=Role.CUSTOMER.value, text=turn.customer, ts=ts))
                messages += 1
                ts += step
                if turn.agent:
                    session.add(Message(conversation_id=key, role=Role.AGENT.value, text=turn.agent, ts=ts))
                    messages += 1
                    ts += step
            row.last_message_at = row.closed_at = ts - step
            stored += 1
        session.flush()
        return ImportReport("conversations", stored, dataset, len(records) - stored, messages)

    return work
