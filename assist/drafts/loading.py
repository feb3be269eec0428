"""Build a ready draft engine from settings. Never fails because of a bad model.

The desk must serve drafts from the first second: a missing, truncated or wrong model,
an unknown backend or an unreachable server turns into a retrieval-only engine whose
``generator_error`` (and every DraftSet's ``error``) says in plain words what is wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from assist.core.errors import AssistError
from assist.core.records import ReplyTemplate
from assist.core.threads import use_default_torch_threads
from assist.drafts.engine import HybridDraftEngine
from assist.drafts.generators.base import Generator
from assist.drafts.retrieval import Embedder, IndexedReply, ReplyIndex

log = logging.getLogger(__name__)
BACKENDS = ("local", "onnx", "remote", "none")


def library_items(library: Sequence[ReplyTemplate]) -> list[IndexedReply]:
    return [
        IndexedReply(t.id, t.text, t.intent, t.lang, "library", requires=t.requires, claims=t.claims) for t in library
    ]


def load_generator(
    kind: str,
    *,
    model_dir: str | Path | None,
    device: str = "auto",
    remote_url: str = "",
    remote_model: str = "",
    remote_api_key: str = "",
    remote_api: str = "chat",
) -> tuple[Generator | None, str | None]:
    """``(generator, None)``, or ``(None, why not)`` for the user to read."""
    try:
        if kind == "none":
            return None, "generation is turned off (generator = none)"
        if kind == "remote":
            from assist.drafts.generators.remote import RemoteGenerator

            if not remote_url:
                return None, "the remote generator needs remote_url (an OpenAI-compatible base URL)"
            return RemoteGenerator(remote_url, remote_model, remote_api_key, api=remote_api), None
        if kind not in BACKENDS:
            return None, f"unknown generator {kind!r}: choose one of {', '.join(BACKENDS)}"
        if model_dir is None or str(model_dir) == "":
            return None, "no draft model yet (train one with `assist train drafts`, or wait for the first-run model)"
        if kind == "onnx":
            from assist.drafts.generators.onnx import load_onnx

            return load_onnx(model_dir), None
        from assist.drafts.generators.hf_local import load_hf_local

        return load_hf_local(model_dir, device=device), None
    except AssistError as exc:
        log.warning("draft generator not loaded: %s", exc)
        return None, str(exc)
    except Exception as exc:
        log.exception("draft generator failed to load")
        return None, f"draft model {model_dir}: unexpected error while loading: {type(exc).__name__}: {exc}"


def build_draft_engine(
    *,
    model_dir: str | Path | None,
    library: Sequence[ReplyTemplate],
    sent_replies: Sequence[IndexedReply] = (),
    generator: str = "local",
    device: str = "auto",
    remote_url: str = "",
    remote_model: str = "",
    remote_api_key: str = "",
    remote_api: str = "chat",
    timeout_s: float = 20.0,
    embedder: Embedder | None = None,
    k: int = 3,
) -> HybridDraftEngine:
    """The engine for the desk: the reply index (library + sent replies) and the generator.

    ``embedder`` lets a caller share one loaded MiniLM between components; None loads it.
    torch gets the desk's thread count (:func:`assist.core.threads.default_threads`).
    """
    use_default_torch_threads()
    if embedder is None:
        from assist.drafts.embedder import SentenceEmbedder

        embedder = SentenceEmbedder()
    index = ReplyIndex(embedder)
    index.add(library_items(library))
    if sent_replies:
        index.add(sent_replies)
    gen, error = load_generator(
        generator, model_dir=model_dir, device=device, remote_url=remote_url,
        remote_model=remote_model, remote_api_key=remote_api_key, remote_api=remote_api,
    )
    return HybridDraftEngine(index, gen, generator_error=error, timeout_s=timeout_s, k=k)
