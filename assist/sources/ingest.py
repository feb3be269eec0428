"""The ingest server: customer messages arrive over HTTP and are stored before we say yes.

``POST /v1/messages`` with a bearer token and a JSON body
``{message_id, conversation_id, text, customer_id?, channel?, lang?, ts?}``. The answer
is 201 (stored) or 200 (this ``message_id`` was stored before: retries are idempotent),
and it is sent only after the writer committed the message, so a 2xx means the message
survives a crash. Everything else is a 4xx/5xx JSON ``{"error": ..., "field": ...}``:

- 401 without the right token (constant-time compare), 429 over the rate (wrong-token
  requests are counted apart from authenticated ones, so a flood of bad tokens from the same
  address cannot starve the real integration), 415 unless ``Content-Type: application/json``
  (these, like 413, are answered with ``Connection: close``: an unread body is never read),
- 413 when Content-Length is over the limit (checked before a byte of the body is read,
  also on ``Expect: 100-continue``) or a chunked body grows past it, or the text is over
  ``MAX_MESSAGE_CHARS`` (a customer message is never cut short); 408 for a body that does
  not arrive in time,
- 400 for invalid UTF-8, invalid or too deeply nested JSON; 422 naming the bad field (ids are
  opaque: stored exactly as sent or refused, never normalised),
- 503 when storage cannot take the write (the client retries; idempotency makes it safe).

``GET /v1/health`` without the token answers liveness only (``{"status": "ok"}``); with the
token it adds the database state, the writer backlog and the count received. The shared
request checks live in :mod:`assist.sources.http_checks`, the timeouts and the connection
cap in :mod:`assist.sources.http_serving`.

It runs on the caller's asyncio loop (qasync in the desk, plain asyncio in ``assist serve``)
and calls ``on_message`` after commit for new messages, without delaying the answer. A write
that outlives its 503 (storing timed out) and commits later is still handed to ``on_message``
then, once, since the client's retry only finds a duplicate: a message is never stored unseen.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from assist.config import Settings, check_token_strength, is_loopback_host
from assist.core.errors import ConfigError, StorageError
from assist.core.text import MAX_MESSAGE_CHARS, clean_text
from assist.core.types import IncomingMessage, message_time
from assist.sources.http_checks import (
    MAX_JSON_DEPTH,
    RequestError,
    bearer_matches,
    json_errors,
    opaque_id,
    parse_json_object,
    read_body,
    refuse_surrogates,
    require_json,
    require_length_within,
    text_field,
)
from assist.sources.http_serving import BurstFilter, ConnectionGuard, GuardedSite
from assist.sources.ratelimit import RateLimiter
from assist.storage import events
from assist.storage.database import Database
from assist.storage.events import IngestResult

__all__ = ["ID_FIELDS", "MAX_JSON_DEPTH", "IngestServer", "RequestError", "parse_message"]
log = logging.getLogger(__name__)

OnMessage = Callable[[IncomingMessage, IngestResult], Awaitable[None] | None]
_PRECHECKED = web.RequestKey("assist_prechecked", bool)
STORE_TIMEOUT_S = 15.0
# field -> (max length, required); lengths follow the columns in assist.storage.models
ID_FIELDS: dict[str, tuple[int, bool]] = {
    "message_id": (200, True),
    "conversation_id": (200, True),
    "customer_id": (200, False),
    "channel": (100, False),
    "lang": (20, False),
}
OPAQUE_FIELDS = frozenset({"message_id", "conversation_id", "customer_id"})  # compared exactly
_BURST_LOGGERS = ("assist.sources.ingest", "assist.sources.http_serving", "assist.sources.http_checks",
                  "aiohttp.server", "asyncio")  # fmt: skip


class IngestServer:
    def __init__(self, database: Database, settings: Settings, on_message: OnMessage | None = None) -> None:
        if not settings.ingest_token:
            raise ConfigError("the ingest server needs a token (ingest_token); none is configured")
        check_token_strength(settings.ingest_token)
        self.database = database
        self.settings = settings
        self.on_message = on_message
        self.max_body = settings.ingest_max_body_bytes
        self.limiter = RateLimiter(settings.ingest_rate_per_minute)
        self._token = settings.ingest_token.encode()
        self._runner: web.AppRunner | None = None
        self._host = settings.ingest_host
        self._port = settings.ingest_port
        self._tasks: set[asyncio.Task[None]] = set()
        self.received = 0  # new messages stored since start
        self.guard = ConnectionGuard(settings.ingest_max_connections)
        self._bursts = BurstFilter()

    # ------------------------------------------------------------------ lifecycle
    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=self.max_body, middlewares=[self.guard.track_busy, json_errors])
        app.router.add_post("/v1/messages", self._post_message, expect_handler=self._expect)
        app.router.add_get("/v1/health", self._health)
        if self.settings.chatwoot_account_id:
            from assist.sources.chatwoot import ChatwootWebhook

            ChatwootWebhook(self.database, self.settings, self._notify, limiter=self.limiter).register(app)
        return app

    async def start(self) -> None:
        if self._runner is not None:
            return
        _warn_if_reachable_from_outside(self._host)
        runner = web.AppRunner(
            self.build_app(),
            access_log=None,
            handle_signals=False,
            keepalive_timeout=self.settings.ingest_idle_timeout_s,  # also bounds a trickling head
        )
        await runner.setup()
        site = GuardedSite(runner, self._host, self._port, self.guard)
        for name in _BURST_LOGGERS:
            logging.getLogger(name).addFilter(self._bursts)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise ConfigError(f"cannot listen on {self._host}:{self._port}: {exc.strerror or exc}") from exc
        self._runner = runner
        addresses = runner.addresses
        if addresses:
            self._port = int(addresses[0][1])  # the real port when 0 asked for any free one
        log.info("ingest server listening on %s", self.url)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            for name in _BURST_LOGGERS:
                logging.getLogger(name).removeFilter(self._bursts)
        if self._tasks:
            _done, pending = await asyncio.wait(self._tasks, timeout=5.0)
            for task in pending:
                task.cancel()

    @property
    def url(self) -> str:
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self._port}"

    @property
    def running(self) -> bool:
        return self._runner is not None

    # ------------------------------------------------------------------ checks before the body
    def _precheck(self, request: web.Request) -> None:
        authorised = bearer_matches(request, self._token)
        # wrong-token requests draw on a bucket of their own: they cannot use up the allowance
        # of the real integration, which shares the same loopback address
        wait = self.limiter.check(f"{'token' if authorised else 'anonymous'} {request.remote or '?'}")
        if wait > 0:
            raise RequestError(
                429,
                "too many requests; slow down",
                headers={"Retry-After": RateLimiter.retry_after_header(wait)},
            )
        if not authorised:
            raise RequestError(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
        require_json(request)
        require_length_within(request, self.max_body)

    async def _expect(self, request: web.Request) -> web.StreamResponse | None:
        """``Expect: 100-continue``: refuse before the client even sends the body."""
        try:
            self._precheck(request)
        except RequestError as err:
            request[_PRECHECKED] = False
            return err.response()
        request[_PRECHECKED] = True
        if request.headers.get("Expect", "").lower() == "100-continue":
            await request.writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            request.writer.output_size = 0
        return None

    # ------------------------------------------------------------------ handlers
    async def _post_message(self, request: web.Request) -> web.Response:
        try:
            if request.get(_PRECHECKED) is not True:
                self._precheck(request)
            msg = parse_message(
                await read_body(request, self.max_body, self.settings.ingest_body_timeout_s)
            )
        except RequestError as err:
            return err.response()
        stored: asyncio.Future[IngestResult] | None = None
        try:
            fut = self.database.writer.submit(events.ingest_message(msg, source="ingest"))
            stored = asyncio.wrap_future(fut)
            result = await asyncio.wait_for(asyncio.shield(stored), STORE_TIMEOUT_S)
        except TimeoutError:
            # the write is still queued and may commit later; the client's retry will then be a
            # duplicate (200), so the pipeline is told here, once, when that late commit lands
            assert stored is not None
            self._deliver_when_stored(msg, stored)
            reason = "the database did not answer in time"
            log.warning("ingest: could not store %s: %s", msg.message_id, reason)
            return RequestError(
                503, f"storage unavailable: {reason}", headers={"Retry-After": "5"}
            ).response()
        except asyncio.CancelledError:  # the handler was cancelled: the queued write may still commit
            if stored is not None:
                self._deliver_when_stored(msg, stored)
            raise
        except (StorageError, RuntimeError) as exc:
            reason = str(exc) or "the database did not answer in time"
            log.warning("ingest: could not store %s: %s", msg.message_id, reason)
            return RequestError(
                503, f"storage unavailable: {reason}", headers={"Retry-After": "5"}
            ).response()
        except UnicodeError as exc:  # text no database can encode: retrying cannot help
            log.warning("ingest: cannot store %s: %s", msg.message_id, type(exc).__name__)
            return RequestError(422, "the message is not valid Unicode text").response()
        except Exception as exc:
            log.exception("ingest: storing %s failed", msg.message_id)
            return RequestError(503, f"could not store the message: {type(exc).__name__}").response()
        if not result.created and result.conversation_id != msg.conversation_id:
            return RequestError(
                409,
                f"message_id was already stored for conversation {result.conversation_id!r}",
                "conversation_id",
            ).response()
        if not result.created and not result.same_text:  # a retry repeats the text; this is another message
            return RequestError(
                409, "message_id was already stored with a different text (use a new message_id)", "message_id"
            ).response()
        body = {
            "message_pk": result.message_pk,
            "conversation_id": result.conversation_id,
            "created": result.created,
        }
        if result.created:
            self.received += 1
            self._notify(msg, result)
        return web.json_response(body, status=201 if result.created else 200)

    def _deliver_when_stored(self, msg: IncomingMessage, stored: asyncio.Future[IngestResult]) -> None:
        """Hand ``msg`` to ``on_message`` if the write we stopped waiting for commits it after all."""
        task = asyncio.get_running_loop().create_task(self._late_commit(msg, stored))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _late_commit(self, msg: IncomingMessage, stored: asyncio.Future[IngestResult]) -> None:
        try:
            result = await stored
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - not stored: the client's retry stores and delivers it
            log.info(
                "ingest: %s was not stored (%s); waiting for the retry", msg.message_id, type(exc).__name__
            )
            return
        if not result.created:
            return  # stored (and delivered) before: not ours to deliver
        log.info("ingest: %s was stored late; handing it to the pipeline", msg.message_id)
        self.received += 1
        if self.on_message is not None:
            await _call(self.on_message, msg, result)

    def _notify(self, msg: IncomingMessage, result: IngestResult) -> None:
        if self.on_message is None:
            return
        task = asyncio.get_running_loop().create_task(_call(self.on_message, msg, result))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _health(self, request: web.Request) -> web.Response:
        """Liveness for anyone; the database state and counts only with the token."""
        if not bearer_matches(request, self._token):
            return web.json_response({"status": "ok"})
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, self._ping)
            db_state = "ok"
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            db_state = f"error: {type(exc).__name__}"
        writer_error = self.database.writer.error
        ok = db_state == "ok" and writer_error is None
        return web.json_response(
            {
                "status": "ok" if ok else "degraded",
                "database": db_state if writer_error is None else f"error: {writer_error}",
                "writer_backlog": self.database.writer.backlog,
                "received": self.received,
            },
            status=200 if ok else 503,
        )

    def _ping(self) -> None:
        from sqlalchemy import text

        with self.database.read() as session:
            session.execute(text("SELECT 1"))


async def _call(callback: OnMessage, msg: IncomingMessage, result: IngestResult) -> None:
    try:
        maybe = callback(msg, result)
        if maybe is not None:
            await maybe
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("on_message callback failed for %s", msg.message_id)


def check_can_listen(host: str, port: int) -> None:
    """Whether the ingest server could listen on ``host:port`` now: binds every address ``host``
    resolves to, as the server does (``SO_REUSEADDR`` off Windows, IPv6 only on IPv6), and lets go
    at once. Raises :class:`ConfigError` naming the port when another process holds it."""
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"ingest_host {host!r}: cannot resolve it ({exc.strerror or exc})") from None
    for family, kind, proto, _name, address in found:
        with socket.socket(family, kind, proto) as probe:
            if hasattr(socket, "SO_REUSEADDR") and sys.platform != "win32":
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6 and hasattr(socket, "IPV6_V6ONLY"):
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                reason = (exc.strerror or str(exc)).lower()
                raise ConfigError(f"ingest_port {port}: cannot listen on {shown}: {reason}") from None


def _warn_if_reachable_from_outside(host: str) -> None:
    if not is_loopback_host(host):
        log.warning(
            "ingest server listening on %s, which other machines can reach (ingest_allow_remote is on); "
            "anyone who can reach it and has the token can post messages",
            host,
        )


# ---------------------------------------------------------------------- body parsing
def parse_message(body: bytes) -> IncomingMessage:
    """Validate a request body into an :class:`IncomingMessage`, or raise :class:`RequestError`."""
    data = parse_json_object(body)
    values: dict[str, str | None] = {}
    for name, (limit, required) in ID_FIELDS.items():
        read = opaque_id if name in OPAQUE_FIELDS else text_field
        values[name] = read(data, name, limit, required)
    _check_language_tag(data.get("lang"), values["lang"])
    raw = data.get("text")
    if raw is None:
        raise RequestError(422, "text is required", "text")
    if not isinstance(raw, str):
        raise RequestError(422, f"text must be a string, not {type(raw).__name__}", "text")
    if len(raw) > MAX_MESSAGE_CHARS:
        raise RequestError(413, f"text is {len(raw)} characters; the limit is {MAX_MESSAGE_CHARS}", "text")
    refuse_surrogates(raw, "text")
    cleaned = clean_text(raw).strip()
    if not cleaned:
        raise RequestError(422, "text is empty", "text")
    return IncomingMessage(
        message_id=str(values["message_id"]),
        conversation_id=str(values["conversation_id"]),
        text=cleaned,
        customer_id=values["customer_id"],
        channel=values["channel"],
        lang=values["lang"],
        ts=_timestamp(data.get("ts")),
    )


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def _check_language_tag(sent: Any, value: str | None) -> None:
    """``lang`` is a language tag as a string ("en", "zh", "zh-CN"), or absent."""
    if sent is not None and not isinstance(sent, str):
        raise RequestError(422, f"lang must be a language tag such as \"en\" or \"zh-CN\", not {type(sent).__name__}", "lang")
    if value is not None and not LANGUAGE_TAG.fullmatch(value):
        raise RequestError(422, f"lang {value[:20]!r} is not a language tag such as \"en\" or \"zh-CN\"", "lang")


def _timestamp(value: Any) -> datetime:
    """ISO 8601 (``Z`` or an offset; naive means UTC) or Unix seconds; absent means now."""
    if value is None:
        return datetime.now(UTC)
    ts = message_time(value)
    if ts is None:
        raise RequestError(422, "ts must be an ISO 8601 time or Unix seconds from 2000 to a year ahead", "ts")
    return ts
