"""Chatwoot's webhooks on the ingest server: ``POST /v1/chatwoot/webhook``.

Chatwoot (Settings -> Integrations -> Webhooks, or an API inbox's webhook URL) POSTs its
events here; :mod:`assist.sources.chatwoot_payload` reads them. What happens:

- ``message_created``, incoming: a customer message, stored idempotently by Chatwoot's
  message id in the conversation ``chatwoot:<account>:<conversation>``; the contact's name and
  e-mail are kept; the pipeline (intents, drafts) runs after commit, once.
- ``message_created``, outgoing: a reply an agent wrote in Chatwoot, stored as their reply; the
  echo of a reply Assist sent is only linked to it.
- private notes, activity and template messages: ignored (200, ``"ignored"``).
- ``conversation_status_changed``: resolved marks the conversation handled, open reopens it.
- ``message_updated`` of a CSAT survey: the customer's rating is recorded.

Who may post: with ``chatwoot_webhook_secret`` set, only requests signed the way Chatwoot signs
them (``X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "<X-Chatwoot-Timestamp>.<body>">``,
timestamp within :data:`MAX_CLOCK_SKEW_S`); without one (Chatwoot versions that do not sign),
the URL must carry ``?token=<ingest_token>``. Anything else is 401; a payload of another
account than ``chatwoot_account_id`` is 403. Storage trouble is 503 (safe to repeat). The
ingest server's per-client rate limit applies here too (429).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from assist.config import Settings
from assist.core.errors import StorageError
from assist.sources import chatwoot_payload as cw
from assist.sources.http_checks import RequestError, header_bytes, parse_json_object, read_body
from assist.sources.ratelimit import RateLimiter
from assist.storage import helpdesk
from assist.storage.database import Database
from assist.storage.events import IngestResult

log = logging.getLogger(__name__)

PATH = "/v1/chatwoot/webhook"
MAX_BODY_BYTES = 1024 * 1024  # a message_created payload carries the conversation and contact too
MAX_CLOCK_SKEW_S = 300
STORE_TIMEOUT_S = 15.0
Notify = Callable[[Any, IngestResult], None]  # (IncomingMessage, result): hands a new message on


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-Chatwoot-Signature`` value Chatwoot sends for ``body`` at ``timestamp``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def _query_token(raw_path: str) -> str:
    """``?token=`` as pasted: percent-escapes decoded, but a ``+`` kept as ``+`` (a form's
    "space"), so a configured token with ``+`` in it works without escaping it as ``%2B``."""
    _, _, query = raw_path.partition("?")
    for part in query.split("#", 1)[0].split("&"):
        name, sep, value = part.partition("=")
        if sep and name == "token":
            return unquote(value)
    return ""


def _answer(status: int, payload: dict[str, Any]) -> web.Response:
    return web.json_response(payload, status=status)


def _refuse(status: int, error: str, field: str | None = None) -> web.Response:
    return _answer(status, {"error": error, "field": field})


class ChatwootWebhook:
    def __init__(
        self,
        database: Database,
        settings: Settings,
        notify: Notify | None = None,
        *,
        limiter: RateLimiter | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.database = database
        self.account_id = settings.chatwoot_account_id
        self._secret = settings.chatwoot_webhook_secret
        self._token = settings.ingest_token
        self._notify = notify
        self._limiter = limiter
        self._clock = clock
        self._body_timeout_s = settings.ingest_body_timeout_s

    def register(self, app: web.Application) -> None:
        app.router.add_post(PATH, self.handle)

    # ------------------------------------------------------------------ the request
    async def handle(self, request: web.Request) -> web.Response:
        if not self.account_id:
            return _refuse(404, "Chatwoot is not configured (chatwoot_account_id)")
        remote = request.remote or "?"
        # Token mode is decided from the URL alone, before any body is read; in signature mode the
        # headers are checked first and the body must arrive within the ingest body timeout.
        problem = self._check_token(request) if not self._secret else self._check_stamp(request)
        if problem is not None:
            return self._refused_auth(remote, problem)
        length = request.content_length
        if length is not None and length > MAX_BODY_BYTES:
            return _refuse(413, f"body is {length} bytes; the limit is {MAX_BODY_BYTES}")
        try:
            body = await read_body(request, MAX_BODY_BYTES, self._body_timeout_s)
        except RequestError as err:
            return _refuse(err.status, str(err))
        if self._secret and (problem := self._check_signature(request, body)) is not None:
            return self._refused_auth(remote, problem)
        if (limited := self._limited(f"signed {remote}")) is not None:
            return limited
        try:
            data = parse_json_object(body)
        except RequestError as err:  # not UTF-8, not JSON, a number too long to read, too deep
            return _refuse(err.status, str(err))
        try:
            event = cw.read_event(data, self.account_id)
        except cw.PayloadError as err:
            return _refuse(err.status, err.error, err.field)
        try:
            return await self._apply(event)
        except UnicodeError:  # a lone surrogate ("\ud800") no database can store: retrying cannot help
            log.warning("chatwoot: refused %s: the text is not valid Unicode", type(event).__name__)
            return _refuse(422, "the payload holds text that is not valid Unicode (a lone surrogate)")
        except (StorageError, RuntimeError, TimeoutError) as exc:
            log.warning("chatwoot: could not store %s: %s", type(event).__name__, exc or type(exc).__name__)
            return _refuse(503, "storage unavailable; retry")

    def _limited(self, key: str) -> web.Response | None:
        wait = self._limiter.check(key) if self._limiter is not None else 0.0
        if wait <= 0:
            return None
        resp = _refuse(429, "too many requests; slow down")
        resp.headers["Retry-After"] = RateLimiter.retry_after_header(wait)
        return resp

    def _refused_auth(self, remote: str, problem: str) -> web.Response:
        """401, counted apart from signed requests: junk cannot use up the real Chatwoot's allowance."""
        return self._limited(f"anonymous {remote}") or _refuse(401, problem)

    def _check_token(self, request: web.Request) -> str | None:
        token = _query_token(request.raw_path)
        if not self._token or not hmac.compare_digest(header_bytes(token), self._token.encode()):
            return "missing or wrong ?token= (or set chatwoot_webhook_secret)"
        return None

    def _check_stamp(self, request: web.Request) -> str | None:
        stamp = request.headers.get("X-Chatwoot-Timestamp", "")
        if not stamp or not request.headers.get("X-Chatwoot-Signature", ""):
            return "missing X-Chatwoot-Signature / X-Chatwoot-Timestamp"
        if not (stamp.isascii() and stamp.isdigit()):
            return "X-Chatwoot-Timestamp is not Unix seconds"
        if abs(self._clock() - int(stamp)) > MAX_CLOCK_SKEW_S:
            return "X-Chatwoot-Timestamp is too old or in the future"
        return None

    def _check_signature(self, request: web.Request, body: bytes) -> str | None:
        stamp = request.headers.get("X-Chatwoot-Timestamp", "")
        given = request.headers.get("X-Chatwoot-Signature", "")
        if not hmac.compare_digest(header_bytes(given), signature(self._secret, stamp, body).encode()):
            return "wrong X-Chatwoot-Signature"
        return None

    # ------------------------------------------------------------------ what it means
    async def _apply(self, event: cw.ChatwootEvent) -> web.Response:
        if isinstance(event, cw.Ignored):
            return _answer(200, {"status": "ignored", "reason": event.reason})
        if isinstance(event, cw.CustomerMessage):
            return await self._customer(event)
        if isinstance(event, cw.AgentReply):
            outcome = await self._store(
                helpdesk.store_agent_reply(
                    event.conversation_id,
                    external_id=event.external_id,
                    text=event.text,
                    agent_name=event.agent_name,
                    ts=event.ts,
                    contact=event.contact,
                    channel=cw.CHANNEL,
                )
            )
            return _answer(200, {"status": str(outcome), "conversation_id": event.conversation_id})
        if isinstance(event, cw.StatusChanged):
            known = await self._store(helpdesk.set_conversation_status(event.conversation_id, event.status))
            return _answer(200, {"status": "updated" if known else "unknown conversation"})
        known = await self._store(
            helpdesk.store_csat(
                event.conversation_id,
                external_id=event.external_id,
                rating=event.rating,
                feedback=event.feedback,
                source=cw.CHANNEL,
            )
        )
        return _answer(200, {"status": "recorded" if known else "unknown conversation"})

    async def _customer(self, event: cw.CustomerMessage) -> web.Response:
        msg = event.message
        fut = self.database.writer.submit(
            helpdesk.store_customer_message(msg, event.contact, source=cw.CHANNEL)
        )
        stored = asyncio.wrap_future(fut)
        try:
            result: IngestResult = await asyncio.wait_for(asyncio.shield(stored), STORE_TIMEOUT_S)
        except TimeoutError:
            stored.add_done_callback(lambda f: self._late(msg, f))  # it may still commit: hand it on then
            raise
        if result.conversation_id != msg.conversation_id:
            return _refuse(409, f"message id already stored for {result.conversation_id!r}", "id")
        if result.created and self._notify is not None:
            self._notify(msg, result)
        status = "stored" if result.created else "duplicate"
        return _answer(
            200, {"status": status, "conversation_id": msg.conversation_id, "message_pk": result.message_pk}
        )

    def _late(self, msg: Any, fut: asyncio.Future[IngestResult]) -> None:
        if fut.cancelled() or fut.exception() is not None:
            return
        result = fut.result()
        if result.created and self._notify is not None:
            self._notify(msg, result)

    async def _store(self, work: Any) -> Any:
        fut = self.database.writer.submit(work)
        return await asyncio.wait_for(asyncio.wrap_future(fut), STORE_TIMEOUT_S)
