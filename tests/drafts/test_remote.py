"""The remote backend against a real local server speaking OpenAI's streaming protocol."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from assist.core.types import DraftRequest, DraftSource
from assist.drafts.engine import HybridDraftEngine
from assist.drafts.generators.base import GenerationCancelled, GenerationTimeout, GeneratorUnavailable
from assist.drafts.generators.remote import RemoteGenerator
from assist.drafts.loading import build_draft_engine
from assist.drafts.prompting import SYSTEM_PROMPT, PromptParts

from .conftest import library
from .openai_server import REPLY, OpenAIStreamingServer, free_port

PARTS = PromptParts(message="where is my order 55821?", intent="track_order", reference="On its way.")


@pytest.fixture
def server() -> Iterator[OpenAIStreamingServer]:
    srv = OpenAIStreamingServer().start()
    yield srv
    srv.stop()


def test_streams_n_drafts_with_the_chat_prompt(server: OpenAIStreamingServer) -> None:
    gen = RemoteGenerator(server.url, "qwen2.5-7b-instruct", api_key="secret-key")
    seen: dict[int, list[str]] = {}
    drafts = gen.generate(
        PARTS, n=3, max_new_tokens=50, on_token=lambda i, t: seen.setdefault(i, []).append(t)
    )
    assert sorted(drafts) == sorted(f"({i}) {REPLY}" for i in range(3))
    assert set(seen) == {0, 1, 2}
    for i, texts in seen.items():
        assert len(texts) == len(REPLY.split()) + 1  # one update per streamed chunk, growing
        assert all(b.startswith(a) for a, b in itertools.pairwise(texts))
        assert texts[-1] == drafts[i]
    assert len(server.requests) == 3
    sent = server.requests[0]
    assert sent["auth"] == "Bearer secret-key"
    assert sent["body"]["stream"] is True and sent["body"]["model"] == "qwen2.5-7b-instruct"
    assert sent["body"]["messages"][0] == {"role": "system", "content": SYSTEM_PROMPT}


def test_completions_api_sends_the_plain_prompt_a_fine_tuned_base_reads(server: OpenAIStreamingServer) -> None:
    """vLLM serving one of our Gemma draft models: /v1/completions with the plain layout."""
    from assist.drafts.prompting import render_plain_prompt

    gen = RemoteGenerator(server.url, "assist-drafts", api="completions")
    drafts = gen.generate(PARTS, n=2, max_new_tokens=50)
    assert sorted(drafts) == sorted(f"({i}) {REPLY}" for i in range(2))
    body = server.requests[0]["body"]
    assert body["prompt"] == render_plain_prompt(PARTS) and "messages" not in body
    assert body["prompt"].endswith("Agent:\n") and body["stop"] == ["\nCustomer:"]
    with pytest.raises(GeneratorUnavailable, match="api"):
        RemoteGenerator(server.url, "m", api="responses")


def test_server_down_is_a_clear_error() -> None:
    gen = RemoteGenerator(f"http://127.0.0.1:{free_port()}/v1", "m")
    with pytest.raises(GeneratorUnavailable, match="is unavailable: connection refused"):
        gen.generate(PARTS, n=2, max_new_tokens=10, timeout_s=5)


def test_http_error_is_reported(server: OpenAIStreamingServer) -> None:
    server.mode = "error"
    with pytest.raises(GeneratorUnavailable, match=r"HTTP 500.*model overloaded"):
        RemoteGenerator(server.url, "m").generate(PARTS, n=1, max_new_tokens=10)


def test_hanging_server_times_out(server: OpenAIStreamingServer) -> None:
    server.mode = "hang"
    with pytest.raises(GenerationTimeout):
        RemoteGenerator(server.url, "m").generate(PARTS, n=2, max_new_tokens=10, timeout_s=0.5)


def test_cancel_stops_streaming(server: OpenAIStreamingServer) -> None:
    server.word_delay_s = 0.05
    cancel = threading.Event()
    updates: list[str] = []

    def on_token(i: int, text: str) -> None:
        updates.append(text)
        if len(updates) == 2:
            cancel.set()

    with pytest.raises(GenerationCancelled):
        RemoteGenerator(server.url, "m").generate(
            PARTS, n=1, max_new_tokens=50, on_token=on_token, cancel=cancel
        )
    assert len(updates) < len(REPLY.split())


def test_engine_with_remote_generator_streams_then_ranks(
    server: OpenAIStreamingServer, embedder: Any
) -> None:
    engine = build_draft_engine(
        model_dir=None,
        library=library(),
        generator="remote",
        remote_url=server.url,
        remote_model="m",
        embedder=embedder,
    )
    snapshots = []
    final = engine.suggest(
        DraftRequest("c1", "where is my order 55821?", intent="track_order", lang="en"),
        on_update=snapshots.append,
    )
    assert final.final and final.error is None
    assert all(d.source != DraftSource.GENERATED for d in snapshots[0].drafts)
    assert any(not d.complete for s in snapshots for d in s.drafts if d.source == DraftSource.GENERATED)
    assert len(final.drafts) == 3


def test_engine_serves_retrieved_drafts_when_the_server_is_down(embedder: Any) -> None:
    engine = build_draft_engine(
        model_dir=None,
        library=library(),
        generator="remote",
        remote_url=f"http://127.0.0.1:{free_port()}/v1",
        embedder=embedder,
    )
    assert isinstance(engine, HybridDraftEngine)
    result = engine.suggest(DraftRequest("c1", "please refund my broken lamp", intent="refund", lang="en"))
    assert result.final
    assert result.error is not None and "connection refused" in result.error
    assert result.drafts and result.drafts[0].source == DraftSource.LIBRARY
    refund_replies = {t.text for t in library() if t.intent == "refund" and t.lang == "en"}
    assert result.drafts[0].text in refund_replies  # the library's own reply for the intent, not a generated one
