"""Remote backend: any OpenAI-compatible server (vLLM, TGI, llama.cpp server, ...).

For teams that serve one larger model to many desks. Each draft is its own streaming
request to ``{base_url}/chat/completions`` (``stream: true``, server-sent events), sent in
parallel: every server above implements single-choice streaming, while ``n > 1`` with
streaming is not universal (llama.cpp's server ignores it). The prompt is the same chat
form local instruct models get (:func:`chat_messages`), with its fixed system turn; or, with
``api="completions"`` (setting ``remote_api``), the plain prompt a fine-tuned base reads
(:func:`render_plain_prompt`) sent to ``{base_url}/completions``: how one of our Gemma draft
models is served by vLLM for many desks (README, "Scaling out").

Stdlib ``http.client`` only, in short-lived threads: no event loop is needed in the
engine's worker thread. Cancellation and the deadline shut the sockets down, so a hung
server cannot hold the worker. A server that is down or answers an error gives
:class:`GeneratorUnavailable` with the reason; the engine then serves retrieved drafts.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from assist.drafts.generators.base import (
    GeneratedText,
    GenerationCancelled,
    GenerationTimeout,
    GeneratorUnavailable,
    OnToken,
)
from assist.drafts.prompting import PromptParts, chat_messages, clean_reply, render_plain_prompt

APIS = ("chat", "completions")


class RemoteGenerator:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str = "",
        *,
        temperature: float = 0.8,
        top_p: float = 0.92,
        connect_timeout_s: float = 3.0,
        api: str = "chat",
    ) -> None:
        parts = urlsplit(base_url.rstrip("/"))
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise GeneratorUnavailable(f"remote generator: {base_url!r} is not an http(s) URL")
        if api not in APIS:
            raise GeneratorUnavailable(f"remote generator: api {api!r} is not one of {', '.join(APIS)}")
        self.api = api
        self.base_url = base_url.rstrip("/")
        self._scheme = parts.scheme
        self._host = parts.hostname
        self._port = parts.port or (443 if parts.scheme == "https" else 80)
        self._path = (parts.path or "") + ("/chat/completions" if api == "chat" else "/completions")
        self.model = model
        self._api_key = api_key
        self.temperature = temperature
        self.top_p = top_p
        self.connect_timeout_s = connect_timeout_s

    @property
    def version(self) -> str:
        return f"remote:{self.model or 'default'}@{self._host}:{self._port}"

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self._scheme == "https" else http.client.HTTPConnection
        return cls(self._host, self._port, timeout=timeout)

    def generate(
        self,
        prompt: PromptParts,
        *,
        n: int,
        max_new_tokens: int,
        on_token: OnToken | None = None,
        cancel: threading.Event | None = None,
        timeout_s: float = 20.0,
    ) -> list[str]:
        deadline = time.monotonic() + timeout_s
        stop = cancel or threading.Event()
        texts = [""] * n
        errors: list[str] = []
        timed_out = threading.Event()
        conns: list[http.client.HTTPConnection] = []
        lock = threading.Lock()

        def report(i: int, text: str) -> None:
            texts[i] = text
            if on_token is not None:
                with lock:  # callers get one callback at a time
                    on_token(i, text)

        def run(i: int) -> None:
            body: dict[str, Any] = {
                "model": self.model,
                "stream": True,
                "max_tokens": max_new_tokens,
                "temperature": self.temperature,
                "top_p": self.top_p,
                "seed": i,
            }
            if self.api == "chat":
                body["messages"] = chat_messages(prompt)
            else:  # the server's tokenizer adds the model's BOS itself
                body.update(prompt=render_plain_prompt(prompt), stop=["\nCustomer:"])
            try:
                conn = self._connection(min(self.connect_timeout_s, max(0.1, deadline - time.monotonic())))
                with lock:
                    conns.append(conn)
                self._stream(conn, body, i, report, stop, deadline)
            except GeneratorUnavailable as exc:
                errors.append(str(exc))
            except (OSError, http.client.HTTPException, ValueError) as exc:
                if isinstance(exc, TimeoutError) or time.monotonic() >= deadline:
                    timed_out.set()
                elif not stop.is_set():
                    errors.append(self._describe(exc))

        threads = [threading.Thread(target=run, args=(i,), daemon=True, name=f"remote-draft-{i}") for i in range(n)]
        for t in threads:
            t.start()
        try:
            while any(t.is_alive() for t in threads):
                if stop.is_set():
                    raise GenerationCancelled("cancelled while the remote server was generating")
                if time.monotonic() > deadline:
                    raise GenerationTimeout(f"the remote generator did not finish within {timeout_s:g} s")
                if errors:
                    raise GeneratorUnavailable(errors[0])
                threads[0].join(0.02) if threads[0].is_alive() else time.sleep(0.02)
        finally:
            for conn in conns:
                _shutdown(conn)
        if stop.is_set():
            raise GenerationCancelled("cancelled while the remote server was generating")
        if errors:
            raise GeneratorUnavailable(errors[0])
        if timed_out.is_set() or time.monotonic() > deadline:
            raise GenerationTimeout(f"the remote generator did not finish within {timeout_s:g} s")
        return [GeneratedText(clean_reply(t)) for t in texts]

    def _stream(
        self,
        conn: http.client.HTTPConnection,
        body: dict[str, Any],
        i: int,
        report: OnToken,
        stop: threading.Event,
        deadline: float,
    ) -> None:
        headers = {"Content-Type": "application/json", "Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        conn.request("POST", self._path, body=json.dumps(body).encode(), headers=headers)
        if conn.sock is not None:
            conn.sock.settimeout(max(0.1, deadline - time.monotonic()))
        resp = conn.getresponse()
        if resp.status != 200:
            detail = resp.read(300).decode("utf-8", "replace").strip()
            raise GeneratorUnavailable(f"remote generator at {self.base_url} answered HTTP {resp.status}: {detail}")
        text = ""
        while not stop.is_set() and time.monotonic() < deadline:
            raw = resp.readline()
            if not raw:
                break
            line = raw.decode("utf-8", "replace").strip()
            if not line.startswith("data:"):
                continue
            payload = line[5:].strip()
            if payload == "[DONE]":
                break
            event = json.loads(payload)
            if "error" in event:
                raise GeneratorUnavailable(f"remote generator error: {event['error']}")
            for choice in event.get("choices", []):
                piece = (choice.get("delta") or {}).get("content") or choice.get("text") or ""
                if piece:
                    text += piece
                    report(i, clean_reply(text))

    def _describe(self, exc: BaseException) -> str:
        if isinstance(exc, ConnectionRefusedError):
            why = "connection refused (is the server running?)"
        elif isinstance(exc, socket.timeout | TimeoutError):
            why = "it did not answer in time"
        elif isinstance(exc, socket.gaierror):
            why = f"unknown host {self._host!r}"
        elif isinstance(exc, ValueError):
            why = f"it sent something that is not OpenAI streaming JSON ({exc})"
        else:
            why = f"{type(exc).__name__}: {exc}"
        return f"remote generator at {self.base_url} is unavailable: {why}"


def _shutdown(conn: http.client.HTTPConnection) -> None:
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    conn.close()
