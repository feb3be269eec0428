"""Chatwoot's webhook JSON, read into what Assist does with it (pure: no I/O, no storage).

The shapes are Chatwoot's own (``chatwoot/chatwoot``; the fixtures in
``tests/sources/chatwoot_fixtures/`` name the file and commit of each):

- ``message_created`` / ``message_updated``: ``Message#webhook_data`` plus ``event``:
  ``{id, content, created_at, message_type: "incoming"|"outgoing"|"activity"|"template",
  content_type, private, content_attributes, source_id, sender, inbox, conversation, account}``,
  where ``conversation`` is ``Conversations::EventDataPresenter#push_data`` (its ``id`` is the
  conversation's display id, the number agents see) and ``sender`` is the contact's or the
  agent's ``webhook_data``.
- ``conversation_status_changed``: the conversation's ``push_data`` plus ``event`` and
  ``changed_attributes``.
- A CSAT answer: the survey is a ``template`` message with ``content_type: "input_csat"``; the
  customer's rating updates that message (``PATCH /public/api/v1/csat_survey/:uuid`` ->
  ``Message#update!`` -> ``message_updated``) with
  ``content_attributes.submitted_values.csat_survey_response = {rating, feedback_message}``.

:func:`read_event` turns one payload into a :data:`ChatwootEvent`; everything Assist does not
use (private notes, activity and template messages, other events) is :class:`Ignored`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from assist.core.text import MAX_MESSAGE_CHARS, clean_text
from assist.core.types import IncomingMessage, message_time
from assist.storage.helpdesk import ContactValues as Contact

CHANNEL = "chatwoot"
MESSAGE_TYPES = {0: "incoming", 1: "outgoing", 2: "activity", 3: "template"}  # Message.message_type enum
CSAT_CONTENT_TYPE = "input_csat"
MAX_ID = 2**63 - 1  # Chatwoot's ids are PostgreSQL integers or bigints


class PayloadError(ValueError):
    """A payload we refuse: ``status`` is the HTTP answer (403: another account, 422: bad shape)."""

    def __init__(self, status: int, error: str, field: str | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.field = status, error, field


@dataclass(frozen=True, slots=True)
class CustomerMessage:
    message: IncomingMessage
    contact: Contact | None
    attachments: int


@dataclass(frozen=True, slots=True)
class AgentReply:
    """A reply an agent wrote inside Chatwoot (or the echo of one Assist sent)."""

    conversation_id: str
    external_id: str
    chatwoot_message_id: int
    text: str
    agent_name: str
    ts: datetime
    contact: Contact | None


@dataclass(frozen=True, slots=True)
class StatusChanged:
    conversation_id: str
    status: str  # open | resolved | pending | snoozed


@dataclass(frozen=True, slots=True)
class CsatAnswer:
    conversation_id: str
    external_id: str
    rating: int
    feedback: str | None


@dataclass(frozen=True, slots=True)
class Ignored:
    reason: str


ChatwootEvent = CustomerMessage | AgentReply | StatusChanged | CsatAnswer | Ignored


def conversation_key(account_id: int, display_id: int) -> str:
    """Our conversation id for Chatwoot's conversation ``display_id`` in ``account_id``."""
    return f"{CHANNEL}:{account_id}:{display_id}"


def parse_conversation_key(key: str) -> tuple[int, int] | None:
    """``(account_id, display_id)`` of a :func:`conversation_key`, or None for other conversations."""
    prefix, _, rest = key.partition(":")
    account, _, display = rest.partition(":")
    ids = _whole_number(account), _whole_number(display)
    if prefix != CHANNEL or ids[0] is None or ids[1] is None:
        return None
    return ids[0], ids[1]


def message_key(account_id: int, message_id: int) -> str:
    return f"{CHANNEL}:{account_id}:message:{message_id}"


def account_of(data: dict[str, Any]) -> int | None:
    """The account a payload belongs to: ``account.id`` (message events), else ``account_id``
    (newer conversation payloads), else the ``account_id`` of the conversation's last message."""
    account = data.get("account")
    candidates: list[Any] = [account.get("id") if isinstance(account, dict) else None, data.get("account_id")]
    messages = data.get("messages")
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        candidates.append(messages[0].get("account_id"))
    for value in candidates:
        if (number := _whole_number(value)) is not None:
            return number
    return None


def read_event(data: dict[str, Any], account_id: int) -> ChatwootEvent:
    """What a webhook payload means for Assist; :class:`PayloadError` when it cannot be used."""
    found = account_of(data)
    if found is None:
        raise PayloadError(403, "the payload names no Chatwoot account", "account")
    if found != account_id:
        raise PayloadError(403, f"account {found} is not the configured Chatwoot account", "account")
    event = data.get("event")
    if event in ("message_created", "message_updated"):
        return _message_event(data, account_id, event)
    if event == "conversation_status_changed":
        display = _int(data.get("id"), "id")
        status = data.get("status")
        if not isinstance(status, str):
            raise PayloadError(422, "status must be a string", "status")
        return StatusChanged(conversation_key(account_id, display), status)
    return Ignored(f"event {event!r} is not used")


def _message_event(data: dict[str, Any], account_id: int, event: str) -> ChatwootEvent:
    kind = data.get("message_type")
    kind = MESSAGE_TYPES.get(kind, kind) if isinstance(kind, int) else kind
    conversation = data.get("conversation")
    if not isinstance(conversation, dict):
        raise PayloadError(422, "conversation is required", "conversation")
    conv_id = conversation_key(account_id, _int(conversation.get("id"), "conversation.id"))
    message_id = _int(data.get("id"), "id")
    if data.get("content_type") == CSAT_CONTENT_TYPE:
        return _csat(data, conv_id, account_id, message_id)
    if event != "message_created":
        return Ignored("an edited message is not stored again")
    if data.get("private") is True:
        return Ignored("private note")
    if kind not in ("incoming", "outgoing"):
        return Ignored(f"{kind} message")
    text, attachments = _text(data, conversation, message_id)
    if not text:
        return Ignored("empty message")
    ts = _time(data.get("created_at"))
    contact = _contact(data, conversation, account_id, kind)
    if kind == "incoming":
        msg = IncomingMessage(
            message_id=message_key(account_id, message_id),
            conversation_id=conv_id,
            text=text,
            customer_id=_display_name(contact, conversation),
            channel=CHANNEL,
            lang=None,
            ts=ts,
        )
        return CustomerMessage(msg, contact, attachments)
    sender = data.get("sender")
    name = sender.get("name") if isinstance(sender, dict) else None
    return AgentReply(
        conversation_id=conv_id,
        external_id=message_key(account_id, message_id),
        chatwoot_message_id=message_id,
        text=text,
        agent_name=_clip(name, 200) or "chatwoot agent",
        ts=ts,
        contact=contact,
    )


def _csat(data: dict[str, Any], conv_id: str, account_id: int, message_id: int) -> ChatwootEvent:
    attrs = data.get("content_attributes")
    submitted = attrs.get("submitted_values") if isinstance(attrs, dict) else None
    answer = submitted.get("csat_survey_response") if isinstance(submitted, dict) else None
    rating = answer.get("rating") if isinstance(answer, dict) else None
    if rating is None or rating == "":
        return Ignored("CSAT survey not answered yet")
    # an integer 1-5 (Chatwoot sends a JSON integer; a digit string is accepted): not true, not 3.5
    value = _whole_number(rating)
    if value is None:
        raise PayloadError(422, "the CSAT rating must be a whole number 1-5", "rating")
    if not 1 <= value <= 5:
        raise PayloadError(422, "the CSAT rating must be a number 1-5", "rating")
    feedback = answer.get("feedback_message") if isinstance(answer, dict) else None
    text = clean_text(feedback).strip()[:MAX_MESSAGE_CHARS] if isinstance(feedback, str) else ""
    return CsatAnswer(conv_id, message_key(account_id, message_id), value, text or None)


def _text(data: dict[str, Any], conversation: dict[str, Any], message_id: int) -> tuple[str, int]:
    """The message text with one ``[attachment: kind name]`` line per attachment (never fetched)."""
    content = data.get("content")
    text = clean_text(content, max_chars=len(content)).strip() if isinstance(content, str) else ""
    attachments = data.get("attachments")
    if not isinstance(attachments, list):  # older webhook_data: look in the conversation's last message
        attachments = []
        for m in conversation.get("messages") or ():
            if isinstance(m, dict) and m.get("id") == message_id and isinstance(m.get("attachments"), list):
                attachments = m["attachments"]
    notes = []
    for a in attachments:
        if not isinstance(a, dict):
            continue
        kind = a.get("file_type") if isinstance(a.get("file_type"), str) else "file"
        url = a.get("data_url") if isinstance(a.get("data_url"), str) else ""
        name = url.rsplit("/", 1)[-1].split("?", 1)[0] if url else ""
        notes.append(f"[attachment: {kind}{' ' + name if name else ''}]")
    if notes:
        text = "\n".join([text, *notes]) if text else "\n".join(notes)
    return cut_to_limit(text), len(notes)


def cut_to_limit(text: str) -> str:
    """A text over the desk's limit, cut with a note that says so. Chatwoot never retries a
    refused webhook, so a refusal would lose the message; the whole text stays in Chatwoot."""
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    note = f"\n[cut here: the message has {len(text):,} characters; the desk shows the first {{n:,}}; read it whole in Chatwoot]"
    keep = MAX_MESSAGE_CHARS - len(note.format(n=MAX_MESSAGE_CHARS))
    return text[:keep].rstrip() + note.format(n=keep)


def _contact(
    data: dict[str, Any], conversation: dict[str, Any], account_id: int, kind: str
) -> Contact | None:
    """The customer: the sender of an incoming message, else the conversation's ``meta.sender``."""
    candidate: Any = data.get("sender") if kind == "incoming" else None
    meta = conversation.get("meta")
    if not isinstance(candidate, dict) and isinstance(meta, dict):
        candidate = meta.get("sender")
    if not isinstance(candidate, dict):
        return None
    cid = candidate.get("id")
    external = f"{CHANNEL}:{account_id}:contact:{cid}" if isinstance(cid, int | str) and cid != "" else None
    return Contact(external, _clip(candidate.get("name"), 200), _clip(candidate.get("email"), 320))


def _display_name(contact: Contact | None, conversation: dict[str, Any]) -> str | None:
    if contact is not None and contact.name:
        return contact.name
    if contact is not None and contact.email:
        return contact.email
    return None


def _clip(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    text = clean_text(value).strip()
    return text[:limit] or None


def _whole_number(value: Any) -> int | None:
    """A Chatwoot id: a JSON integer or a string of ASCII digits, 0 to :data:`MAX_ID`; else None.

    ``str.isdigit`` alone is not enough: ``"²"`` passes it and ``int()`` then fails, and
    ``"١٢"`` would be read as 12, another conversation's number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        value = int(value)
    if isinstance(value, int) and 0 <= value <= MAX_ID:
        return value
    return None


def _int(value: Any, field: str) -> int:
    number = _whole_number(value)
    if number is None:
        raise PayloadError(422, f"{field} must be a whole number from 0 to {MAX_ID}", field)
    return number


def _time(value: Any) -> datetime:
    """``created_at``: ISO 8601 in ``webhook_data``, Unix seconds in ``push_event_data``. A time
    that cannot be read, or is out of range as the ingest API counts it, is the time it arrived."""
    return message_time(value) or datetime.now(UTC)
