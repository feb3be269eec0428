"""Chatwoot webhook payloads, built the way Chatwoot's own Ruby builds them.

Each builder below copies the keys (and their order) of one method of the public repository
``chatwoot/chatwoot``; the file and commit each was read from:

- :func:`message_event`: ``Message#webhook_data`` in ``app/models/message.rb`` at
  ``9efbdc4fc1721f171098425aa1f363b53bb6628a`` (``content``, ``content_type``, ``private``,
  ``content_attributes``, ``sender: sender.try(:webhook_data)``, ``inbox``, ``conversation``,
  ``account``), merged with ``event`` as ``WebhookListener#message_created`` /
  ``#message_updated`` do (``app/listeners/webhook_listener.rb`` at
  ``199f6d0f52210a6e21c7094bd5825fcb8a0a0504``). ``created_at`` is a Rails time, which
  ``to_json`` writes as ISO 8601 with milliseconds and ``Z``. ``attachments`` (the
  ``Attachment#push_event_data`` list) is added as newer versions add it when a message has any.
- :func:`conversation_data`: ``Conversations::EventDataPresenter#push_data``
  (``app/presenters/conversations/event_data_presenter.rb`` at
  ``ca6fb35dd7d27cd362381b3f4857e31822d9a39d``), which ``Conversation#webhook_data`` returns
  (``app/models/conversation.rb`` at ``5c2ad36a64ed5062103d9733d658bffaef19e2b2``): its ``id``
  is the ``display_id``; ``messages`` holds the last chat message's ``push_event_data``
  (``message_type`` as the enum's integer, ``created_at`` as Unix seconds, ``account_id``).
- :func:`contact_data`: ``Contact#webhook_data`` (``app/models/contact.rb`` at
  ``7c2f4ec3343527faa9e6f81b4eb0e8cec34379c4``); ``push_meta``'s sender is
  ``Contact#push_event_data`` from the same file.
- :func:`user_data`: ``User#webhook_data`` (``app/models/user.rb`` at
  ``cee36528186cadc3c486f0c3ebfbbe1f6c0da2b3``).
- ``account`` / ``inbox``: ``{id, name}`` (their ``webhook_data``; not read here, the shape
  every payload above shows).
- :func:`status_changed_event`: ``WebhookListener#conversation_status_changed`` (same file and
  commit as above): ``conversation.webhook_data.merge(event:, changed_attributes:)``.
- :func:`csat_answer_event`: the survey message is created by
  ``MessageTemplates::Template::CsatSurvey`` (``message_type: :template``, ``content_type:
  :input_csat``; ``app/services/message_templates/template/csat_survey.rb`` at
  ``e3c22ccff449dbcee95cb1e07352553cf37fe117``); the customer's answer arrives through
  ``Public::Api::V1::CsatSurveyController#update`` (``app/controllers/public/api/v1/
  csat_survey_controller.rb`` at ``20b96c7c60409765341d9e67d4a9956587aa45f1``), which permits
  ``submitted_values: {csat_survey_response: [:feedback_message, :rating]}`` and calls
  ``Message#update!``; ``after_update_commit :dispatch_update_event`` fires ``MESSAGE_UPDATED``
  and ``WebhookListener#message_updated`` posts ``message.webhook_data``.
  ``CsatSurveys::ResponseBuilder`` (``app/builders/csat_surveys/response_builder.rb`` at
  ``2ca9b4368939de2c5f5a2609771cce570cea3ae4``) reads the rating from the same path.
- Signature: ``lib/webhooks/trigger.rb`` at ``05a4bd24514edc486491582d86fccbd48083b555`` and
  ``31f897aca251aced929340b08f6be208cac4c3da`` (the versions stored here) sign nothing; newer
  Chatwoot sends ``X-Chatwoot-Timestamp`` and ``X-Chatwoot-Signature: sha256=<hex
  HMAC-SHA256(secret, "<timestamp>.<body>")>`` (as third-party verifiers of it implement it),
  which :func:`signed_headers` builds.
- ``swagger_create_message.json``: the create-message operation of ``swagger/swagger.json`` at
  ``2953efeb3a900e0e691035d98556418b0404126f`` (the path ``/api/v1/accounts/{account_id}/
  conversations/{conversation_id}/messages``, its parameters, ``securityDefinitions`` and the
  definitions it references: ``conversation_message_create``, ``generic_id``, ``message``),
  copied verbatim.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ACCOUNT = {"id": 1, "name": "Lumen Lamps"}
INBOX = {"id": 3, "name": "Website"}
MESSAGE_TYPE_INT = {"incoming": 0, "outgoing": 1, "activity": 2, "template": 3}


def swagger() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / "swagger_create_message.json").read_text(encoding="utf-8"))
    return data


def contact_data(
    contact_id: int = 42, name: str = "Mei Chen", email: str | None = "mei@example.com"
) -> dict[str, Any]:
    return {
        "account": ACCOUNT,
        "additional_attributes": {},
        "avatar": "",
        "custom_attributes": {},
        "email": email,
        "id": contact_id,
        "identifier": None,
        "name": name,
        "phone_number": None,
        "thumbnail": "",
    }


def contact_push_data(
    contact_id: int = 42, name: str = "Mei Chen", email: str | None = "mei@example.com"
) -> dict[str, Any]:
    return {
        "additional_attributes": {},
        "custom_attributes": {},
        "email": email,
        "id": contact_id,
        "identifier": None,
        "name": name,
        "phone_number": None,
        "thumbnail": "",
        "type": "contact",
    }


def user_data(user_id: int = 7, name: str = "Ana Agent") -> dict[str, Any]:
    return {"id": user_id, "name": name, "email": "ana@lumen.example", "type": "user"}


def _iso(ts: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def conversation_data(
    display_id: int = 1042,
    *,
    status: str = "open",
    last: dict[str, Any] | None = None,
    contact_id: int = 42,
    name: str = "Mei Chen",
    email: str | None = "mei@example.com",
    ts: int = 1_764_800_000,
) -> dict[str, Any]:
    return {
        "additional_attributes": {},
        "id": display_id,
        "inbox_id": INBOX["id"],
        "messages": [last] if last else [],
        "channel": "Channel::WebWidget",
        "meta": {"sender": contact_push_data(contact_id, name, email), "assignee": None},
        "status": status,
        "unread_count": 1,
        "agent_last_seen_at": 0,
        "user_last_seen_at": 0,
        "timestamp": ts,
    }


def message_event(
    message_id: int,
    content: str | None,
    *,
    message_type: str = "incoming",
    event: str = "message_created",
    display_id: int = 1042,
    private: bool = False,
    content_type: str = "text",
    content_attributes: dict[str, Any] | None = None,
    sender: dict[str, Any] | None = None,
    attachments: list[dict[str, Any]] | None = None,
    ts: int = 1_764_800_100,
    account: dict[str, Any] | None = None,
) -> dict[str, Any]:
    account = account or ACCOUNT
    if sender is None:
        sender = contact_data() if message_type == "incoming" else user_data()
    push = {  # Message#push_event_data of the same message: the conversation's "last chat message"
        "id": message_id,
        "content": content,
        "account_id": account["id"],
        "inbox_id": INBOX["id"],
        "conversation_id": display_id,
        "message_type": MESSAGE_TYPE_INT[message_type],
        "created_at": ts,
        "private": private,
        "content_type": content_type,
        "content_attributes": content_attributes or {},
    }
    data: dict[str, Any] = {
        "id": message_id,
        "content": content,
        "created_at": _iso(ts),
        "message_type": message_type,
        "content_type": content_type,
        "private": private,
        "content_attributes": content_attributes or {},
        "source_id": None,
        "sender": sender,
        "inbox": INBOX,
        "conversation": conversation_data(display_id, last=None if private else push),
        "account": account,
    }
    if attachments:
        data["attachments"] = attachments
    data["event"] = event
    return data


def status_changed_event(
    display_id: int = 1042, status: str = "resolved", *, account_id: int = 1
) -> dict[str, Any]:
    last = {
        "id": 9001,
        "content": "Thanks!",
        "account_id": account_id,
        "inbox_id": INBOX["id"],
        "conversation_id": display_id,
        "message_type": 1,
        "created_at": 1_764_800_500,
        "private": False,
    }
    data = conversation_data(display_id, status=status, last=last)
    data["event"] = "conversation_status_changed"
    data["changed_attributes"] = [{"status": {"previous_value": "open", "current_value": status}}]
    return data


def csat_answer_event(
    message_id: int, rating: int | None, feedback: str | None = None, *, display_id: int = 1042
) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    if rating is not None:
        attrs = {
            "submitted_values": {"csat_survey_response": {"rating": rating, "feedback_message": feedback}}
        }
    data = message_event(
        message_id,
        "Please rate the conversation",
        message_type="template",
        event="message_updated",
        display_id=display_id,
        content_type="input_csat",
        content_attributes=attrs,
    )
    data["sender"] = None  # a template message has no sender: sender.try(:webhook_data) is nil
    return data


def signed_headers(secret: str, body: bytes, timestamp: int) -> dict[str, str]:
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Chatwoot-Timestamp": str(timestamp),
        "X-Chatwoot-Signature": f"sha256={digest}",
        "X-Chatwoot-Delivery": f"delivery-{timestamp}",
    }
