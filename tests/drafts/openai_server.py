"""A real local HTTP server speaking OpenAI's streaming chat-completions protocol (SSE).

It runs aiohttp on its own event loop in a thread. Replies are canned words streamed one
chunk per word; the ``mode`` switches simulate a failing (HTTP 500) or hanging server.
Every request body is kept, so tests can check what the client sent.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from aiohttp import web

from assist.learning.jobs import free_port

REPLY = "Your order is on its way and should arrive within three days ."


class OpenAIStreamingServer:
    def __init__(self) -> None:
        self.mode = "ok"  # ok | error | hang
        self.requests: list[dict[str, Any]] = []
        self.word_delay_s = 0.0
        self.closing = False
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._started = threading.Event()
        self.port = free_port()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/completions", self._chat)  # the same stream, as "text" pieces
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        self._loop.run_until_complete(web.TCPSite(self._runner, "127.0.0.1", self.port).start())
        self._started.set()
        self._loop.run_forever()

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append({"body": body, "auth": request.headers.get("Authorization")})
        if self.mode == "error":
            return web.json_response({"error": {"message": "model overloaded"}}, status=500)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        while self.mode == "hang" and not self.closing:
            await asyncio.sleep(0.05)
        seed = int(body.get("seed", 0))
        words = [f"({seed})", *REPLY.split()][: int(body.get("max_tokens", 100))]
        for word in words:
            if request.path.endswith("/chat/completions"):
                chunk = {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": word + " "}}]}
            else:
                chunk = {"object": "text_completion", "choices": [{"index": 0, "text": word + " "}]}
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
            await asyncio.sleep(self.word_delay_s)
        await response.write(b"data: [DONE]\n\n")
        return response

    def start(self) -> OpenAIStreamingServer:
        self._thread.start()
        self._started.wait(10)
        return self

    def stop(self) -> None:
        self.closing = True

        async def shutdown() -> None:
            if self._runner is not None:
                await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


