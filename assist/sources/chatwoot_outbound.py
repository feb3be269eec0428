"""Replies to Chatwoot conversations: the outbox delivers them to Chatwoot's application API.

``POST {chatwoot_url}/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages``
with the ``api_access_token`` header and ``{"content", "message_type": "outgoing", "private":
false}`` (the ``create-a-new-message-in-a-conversation`` operation of Chatwoot's
``swagger/swagger.json``). The outbox gives it the same order, retries and backoff as the
webhook; here is only what Chatwoot's answers mean:

- 2xx: delivered; the ``id`` Chatwoot answers becomes the reply's external id, so the
  ``message_created`` webhook Chatwoot then sends for it is recognised as ours;
- 5xx, 408/425/429, no answer in time, unreachable: retried with backoff (nothing is lost
  while Chatwoot is down);
- 401: the token is wrong or revoked; retried with backoff (fixing the setting delivers them),
  and the error shows in the desk's status bar meanwhile;
- any other 4xx (404: the conversation was deleted, 403: the token's agent has no access to
  the inbox, 422: Chatwoot refused the content): refused for good; the reply is marked
  ``failed`` with Chatwoot's answer, which the desk shows, and later replies move on.

Before a retry that follows a timeout (the message may have been created and only the answer
lost), the conversation's messages are read back (``GET`` the same path): a reply already
there is marked delivered instead of being posted twice.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from sqlalchemy import select

from assist.config import Settings
from assist.sources.chatwoot_payload import message_key, parse_conversation_key
from assist.sources.outbox import RETRYABLE_STATUS, Attempt, PendingReply
from assist.storage.database import Database
from assist.storage.events import IN_FLIGHT
from assist.storage.models import Message

RETRYABLE = RETRYABLE_STATUS | {401}
TIMEOUT_PREFIX = "Chatwoot did not answer within"
READ_BACK = 20  # messages checked for an already created reply


class ChatwootApi:
    """The outbox's :class:`~assist.sources.outbox.Target` for ``chatwoot:<account>:<id>`` conversations."""

    def __init__(self, base_url: str, account_id: int, token: str, database: Database | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.account_id = account_id
        self._token = token
        self.database = database

    @classmethod
    def from_settings(cls, settings: Settings, database: Database | None = None) -> ChatwootApi | None:
        if not (settings.chatwoot_account_id and settings.chatwoot_url and settings.chatwoot_api_token):
            return None
        return cls(settings.chatwoot_url, settings.chatwoot_account_id, settings.chatwoot_api_token, database)

    def handles(self, conversation_id: str) -> bool:
        return parse_conversation_key(conversation_id) is not None

    def messages_url(self, account_id: int, display_id: int) -> str:
        return f"{self.base_url}/api/v1/accounts/{account_id}/conversations/{display_id}/messages"

    @staticmethod
    def body(payload: dict[str, Any]) -> dict[str, Any]:
        return {"content": str(payload.get("text", "")), "message_type": "outgoing", "private": False}

    async def deliver(self, session: aiohttp.ClientSession, item: PendingReply, timeout: float) -> Attempt:
        ids = parse_conversation_key(item.conversation_id)
        assert ids is not None
        account, display = ids
        if account != self.account_id:
            return Attempt(False, f"the conversation is in Chatwoot account {account}, not {self.account_id}")
        url = self.messages_url(account, display)
        headers = {"api_access_token": self._token}
        body = self.body(item.payload)
        try:
            # an earlier attempt timed out, or the process stopped during one: it may have landed
            if (item.last_error or "").startswith((TIMEOUT_PREFIX, IN_FLIGHT)):
                found = await self._already_there(session, url, headers, body["content"], timeout)
                if found is not None:
                    return Attempt(True, external_id=message_key(account, found))
            async with session.post(
                url, json=body, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout)
            ) as resp:
                if 200 <= resp.status < 300:
                    answer = await _json(resp)
                    mid = answer.get("id") if isinstance(answer, dict) else None
                    external = message_key(account, mid) if isinstance(mid, int) else None
                    return Attempt(True, external_id=external)
                detail = " ".join((await resp.text())[:200].split())
                error = f"Chatwoot answered {resp.status}: {detail}".strip()
                return Attempt(False, error, resp.status >= 500 or resp.status in RETRYABLE)
        except TimeoutError:
            return Attempt(False, f"{TIMEOUT_PREFIX} {timeout:g}s", True)
        except aiohttp.ClientError as exc:
            return Attempt(False, f"Chatwoot unreachable: {exc}", True)

    async def _already_there(
        self, session: aiohttp.ClientSession, url: str, headers: dict[str, str], content: str, timeout: float
    ) -> int | None:
        """The id of an outgoing message with this content that none of our replies claims yet."""
        async with session.get(url, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
            if resp.status != 200:
                return None
            answer = await _json(resp)
        rows = answer.get("payload") if isinstance(answer, dict) else answer
        if not isinstance(rows, list):
            return None
        candidates = [
            m["id"]
            for m in rows[-READ_BACK:]
            if isinstance(m, dict)
            and isinstance(m.get("id"), int)
            and m.get("message_type") in (1, "outgoing")
            and not m.get("private")
            and m.get("content") == content
        ]
        if not candidates:
            return None
        claimed = await asyncio.get_running_loop().run_in_executor(
            None, self._claimed, [message_key(self.account_id, c) for c in candidates]
        )
        free = [c for c in candidates if message_key(self.account_id, c) not in claimed]
        return free[-1] if free else None

    def _claimed(self, keys: list[str]) -> set[str]:
        if self.database is None or not keys:
            return set()
        with self.database.read() as s:
            return set(s.scalars(select(Message.external_id).where(Message.external_id.in_(keys))))


async def _json(resp: aiohttp.ClientResponse) -> Any:
    try:
        return await resp.json(content_type=None)
    except (ValueError, aiohttp.ContentTypeError):
        return None
