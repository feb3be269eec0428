"""Serving HTTP so that no client can hold the server: timeouts, a connection cap, JSON for
what aiohttp's own parser refuses, and a log that a flood cannot fill.

- **Idle and slow headers**: a connection must deliver a complete request head within
  ``idle_timeout_s`` of opening (or of the previous answer), else it is closed (aiohttp's
  keep-alive timer, which also runs while a head trickles in).
- **Slow bodies**: routes read bodies with :func:`assist.sources.http_checks.read_body`
  under a deadline (408).
- **Connection cap**: at most ``max_connections`` at once, far below the file-descriptor
  limit. A new connection over the cap first evicts the longest-open connection that is
  not in the middle of a request (an idle or trickling one); when every connection is busy
  it gets a 503 JSON answer and is closed.
- **Parser errors** (a broken request line or header) are answered with a JSON 400 that
  does not echo the request, like every other refusal.
- **Bursts** of the same log message are written once, then once per window with a count
  (:class:`BurstFilter`), so a flood cannot fill the log.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from assist.sources.http_checks import RequestError

log = logging.getLogger(__name__)
BURST_WINDOW_S = 10.0
_BUSY = json.dumps({"error": "too many connections; retry shortly", "field": None}).encode()
BUSY_RESPONSE = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
    b"Retry-After: 1\r\nConnection: close\r\nContent-Length: "
    + str(len(_BUSY)).encode()
    + b"\r\n\r\n"
    + _BUSY
)


class BurstFilter(logging.Filter):
    """Lets the first record of a kind through, then one per ``window_s`` saying how many
    like it were held back. A kind is the logger, the message template and the exception type."""

    def __init__(self, window_s: float = BURST_WINDOW_S, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.window_s = window_s
        self._clock = clock
        self._seen: dict[tuple[str, str, str], tuple[float, int]] = {}  # kind -> (last written, held)

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        kind = (record.name, str(record.msg), exc)
        now = self._clock()
        last = self._seen.get(kind)
        if last is not None and now - last[0] < self.window_s:
            self._seen[kind] = (last[0], last[1] + 1)
            return False
        if len(self._seen) > 1000:
            self._seen.clear()
        if last is not None and last[1]:
            record.msg = f"{record.msg} (and {last[1]} more like it in the last {self.window_s:g} s)"
        self._seen[kind] = (now, 0)
        return True


class _Handler(RequestHandler):
    """aiohttp's connection handler with a JSON answer for unparseable requests, and a
    503 for a connection over the cap."""

    refuse = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        if self.refuse:
            log.warning("ingest: refused a connection: every connection is busy")
            if isinstance(transport, asyncio.WriteTransport):
                transport.write(BUSY_RESPONSE)
            self.force_close()

    def handle_error(
        self,
        request: Any,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        if status >= 500:
            log.error("ingest: error handling a request: %s", type(exc).__name__ if exc else status)
        else:
            log.info("ingest: refused a malformed HTTP request (%s)", type(exc).__name__ if exc else status)
        if request.writer.output_size > 0:
            raise ConnectionError("the answer was partly sent already; closing the connection")
        problem = "internal error" if status >= 500 else "malformed HTTP request"
        resp = RequestError(status, problem).response()
        resp.force_close()
        return resp


class ConnectionGuard:
    """Makes the connection handlers, keeps at most ``max_connections``, knows which are busy."""

    def __init__(self, max_connections: int) -> None:
        self.max_connections = max_connections
        self.busy: set[Any] = set()  # protocols in the middle of a request
        self.evicted = 0
        self.refused = 0

    def factory(self, server: web.Server) -> Callable[[], RequestHandler]:
        def make() -> RequestHandler:
            open_now = server.connections  # oldest first
            handler = _Handler(server, loop=asyncio.get_running_loop(), **server._kwargs)
            if len(open_now) >= self.max_connections:
                idle = next((h for h in open_now if h not in self.busy), None)
                if idle is not None:
                    self.evicted += 1
                    log.info("ingest: connection cap reached; closing the longest-open idle connection")
                    idle.force_close()
                else:
                    self.refused += 1
                    handler.refuse = True
            return handler

        return make

    @web.middleware
    async def track_busy(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        protocol = request.protocol
        self.busy.add(protocol)
        try:
            return await handler(request)
        finally:
            self.busy.discard(protocol)


class GuardedSite(web.TCPSite):
    """A TCP site whose connections are made by a :class:`ConnectionGuard`."""

    def __init__(self, runner: web.BaseRunner, host: str, port: int, guard: ConnectionGuard) -> None:
        super().__init__(runner, host, port)
        self.guard = guard

    async def start(self) -> None:
        await web.BaseSite.start(self)  # registers the site with its runner
        server = self._runner.server
        assert server is not None
        self._server = await asyncio.get_running_loop().create_server(
            self.guard.factory(server), self._host, self._port, backlog=self._backlog
        )
        sockets = self._server.sockets
        self._bound_port = sockets[0].getsockname()[1] if sockets else self._port
