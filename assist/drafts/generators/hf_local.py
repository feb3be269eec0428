"""Local Hugging Face causal LM backend (the default GPT-2-style model, or any local dir).

Why it is built this way:
- the ``n`` drafts come from ONE ``generate`` call (n sampled sequences in one batch): the
  n sequences share every forward pass, which on a CPU costs far less than n separate calls;
- the prompt is read once, not n times: on a PyTorch model its KV cache is filled by one
  batch-1 forward pass (all but the last prompt token), then copied n times, and
  ``generate`` continues from it (left alone, ``generate`` would run the prompt through the
  model n times, once per sequence: on a CPU that prefill is most of the time to the first
  token). Any model that cannot take a prefilled cache falls back to the plain call;
- the KV cache is on (``use_cache=True``), so each new token costs one position;
- a custom streamer reports tokens per sequence index (HF's ``TextStreamer`` handles only
  batch size 1), decoding each sequence's tokens so far, so multi-byte characters (Chinese,
  emoji) never arrive half-made;
- a ``StoppingCriteria`` checks the cancel event and the deadline between tokens, so a
  newer customer message stops generation within one step;
- a model saved with ``reply_vocab.json`` (a fine-tuned multilingual base) decodes with its
  output head restricted to those tokens plus the prompt's (``restricted.py``): the full
  262k-row head of Gemma 3 would be most of each token's cost;
- a LoRA adapter directory loads as its base with the adapter merged in;
- CUDA runs in bf16 (fp16 where bf16 is missing), CPU in fp32; a short warm-up at load
  (three sequences, as the engine asks for) moves the first-call costs (allocation, kernel
  selection) out of the first real message.

The same :class:`CausalLMGenerator` drives the ONNX backend (``onnx.py``), since
optimum's ``ORTModelForCausalLM`` implements the same ``generate``.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.core.devices import resolve_device
from assist.core.errors import ModelLoadError
from assist.core.model_files import check_tokenizer_files
from assist.drafts.generators.base import (
    GeneratedText,
    GenerationCancelled,
    GenerationTimeout,
    GeneratorUnavailable,
    OnToken,
)
from assist.drafts.prompting import END, STOP_MARKERS, PromptParts, clean_reply, prompt_text
from assist.pretrained.loading import (
    ADAPTER_CONFIG,
    adapter_base_dir,
    is_adapter_dir,
    load_causal_lm,
    load_tokenizer,
)

log = logging.getLogger(__name__)
CAUSAL_SUFFIXES = ("ForCausalLM", "LMHeadModel")
WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json")
ADAPTER_WEIGHTS = ("adapter_model.safetensors", "adapter_model.bin")
REPLY_VOCAB = "reply_vocab.json"
INT8_WEIGHTS_BY_DEFAULT = True  # bench decoding and the eval in models/README.md chose it


def read_version(model_dir: Path) -> str:
    """The version in ``assist.json`` when the dir is one of ours, else the directory name."""
    meta = model_dir / "assist.json"
    if meta.is_file():
        try:
            return str(json.loads(meta.read_text(encoding="utf-8"))["version"])
        except (ValueError, KeyError, TypeError):
            pass
    return model_dir.name


def check_causal_lm_dir(model_dir: Path, weight_files: tuple[str, ...] = WEIGHT_FILES) -> dict[str, Any]:
    """The parsed config.json, or a ModelLoadError naming what is wrong with the directory."""
    if not model_dir.exists():
        raise ModelLoadError(f"draft model: {model_dir} does not exist")
    if not model_dir.is_dir():
        raise ModelLoadError(f"draft model: {model_dir} is not a directory")
    if is_adapter_dir(model_dir):
        if not any((model_dir / f).is_file() for f in ADAPTER_WEIGHTS):
            raise ModelLoadError(f"draft model: {model_dir} has {ADAPTER_CONFIG} but no adapter weights")
        try:
            base = adapter_base_dir(model_dir)
        except ModelLoadError as exc:
            raise ModelLoadError(f"draft model: {exc}") from exc
        return check_causal_lm_dir(base, weight_files)
    config_file = model_dir / "config.json"
    if not config_file.is_file():
        raise ModelLoadError(f"draft model: {model_dir} has no config.json (not a Hugging Face model directory)")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ModelLoadError(f"draft model: {config_file} is not valid JSON ({exc})") from exc
    architectures = config.get("architectures") or []
    if architectures and not any(a.endswith(CAUSAL_SUFFIXES) for a in architectures):
        raise ModelLoadError(
            f"draft model: {model_dir} holds {', '.join(architectures)}, not a causal language model"
        )
    if config.get("is_encoder_decoder"):
        raise ModelLoadError(f"draft model: {model_dir} is an encoder-decoder model, not a causal LM")
    if not any((model_dir / f).is_file() for f in weight_files):
        raise ModelLoadError(f"draft model: {model_dir} has no weights (looked for {', '.join(weight_files)})")
    return dict(config)


class _PerSequenceStreamer:
    """Receives each step's new tokens for all sequences; reports each sequence's text so far."""

    def __init__(self, tokenizer: Any, n: int, eos_ids: set[int], on_token: OnToken | None) -> None:
        self._tokenizer = tokenizer
        self._eos = eos_ids
        self._on_token = on_token
        self._prompt_seen = False
        self.ids: list[list[int]] = [[] for _ in range(n)]
        self.done = [False] * n
        self.texts = [""] * n
        self.steps = 0

    def put(self, value: Any) -> None:
        if not self._prompt_seen:  # generate() first passes the prompt
            self._prompt_seen = True
            return
        self.steps += 1
        for i, token in enumerate(value.reshape(-1).tolist()):
            if i >= len(self.ids) or self.done[i]:
                continue
            if token in self._eos:
                self.done[i] = True
                continue
            self.ids[i].append(int(token))
            text = self._tokenizer.decode(self.ids[i], skip_special_tokens=False)
            if text.endswith("\ufffd"):  # an incomplete multi-byte character: wait for the rest
                continue
            text = clean_reply(text)
            if text != self.texts[i]:
                self.texts[i] = text
                if self._on_token is not None:
                    self._on_token(i, text)

    def end(self) -> None:
        pass


class CausalLMGenerator:
    """Drafts from any causal LM object with Hugging Face's ``generate`` (PyTorch or ONNX Runtime)."""

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        *,
        version: str,
        device: str = "cpu",
        temperature: float = 0.8,
        top_p: float = 0.92,
        repetition_penalty: float = 1.05,
        greedy_first: bool = True,
        head_ids: list[int] | None = None,
        stop_ids: list[int] | None = None,
        warm_up: bool = True,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self._version = version
        self.device = device
        self.temperature = temperature
        self.top_p = top_p
        self.repetition_penalty = repetition_penalty
        self.greedy_first = greedy_first  # restricted decoding: draft 0 greedy, the others sampled
        self._lock = threading.Lock()
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        self.eos_ids = self._eos_ids() | set(stop_ids or ())
        config = getattr(model, "config", None)
        self.max_positions = int(
            getattr(config, "n_positions", None) or getattr(config, "max_position_embeddings", None) or 2048
        )
        self._share_prefill = _is_torch_module(model)  # ONNX Runtime models take no prefilled cache
        self.head_ids = head_ids if head_ids and self._share_prefill else None
        if warm_up:
            self.generate(PromptParts(message="hello"), n=3, max_new_tokens=2, timeout_s=60.0)

    @property
    def version(self) -> str:
        return self._version

    def _eos_ids(self) -> set[int]:
        ids: set[int] = set()
        if self.tokenizer.eos_token_id is not None:
            ids.add(int(self.tokenizer.eos_token_id))
        configured = getattr(getattr(self.model, "generation_config", None), "eos_token_id", None)
        if isinstance(configured, int):
            ids.add(configured)
        elif isinstance(configured, list | tuple):
            ids.update(int(i) for i in configured)
        vocab = self.tokenizer.get_vocab()
        for marker in (END, *STOP_MARKERS):
            if marker in vocab:
                ids.add(int(vocab[marker]))
        return ids

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
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        deadline = time.monotonic() + timeout_s
        stop_event = cancel or threading.Event()
        expired = threading.Event()  # set only when the deadline, not the natural end, stopped generation

        class _Stop(StoppingCriteria):
            def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
                if time.monotonic() > deadline:
                    expired.set()
                stop = stop_event.is_set() or expired.is_set()
                return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)

        text = prompt_text(self.tokenizer, prompt)
        ids = self.tokenizer(text, add_special_tokens=False, return_tensors="pt")["input_ids"]
        room = self.max_positions - max_new_tokens
        if ids.shape[1] > room:
            if room < 16:
                max_new_tokens = max(1, self.max_positions - ids.shape[1])
            ids = ids[:, -max(room, 16):]
        ids = ids.to(self.device)
        streamer = _PerSequenceStreamer(self.tokenizer, n, self.eos_ids, on_token)
        with self._lock:
            if stop_event.is_set():
                raise GenerationCancelled("cancelled before generation started")
            try:
                if self.head_ids is not None:
                    return self._generate_restricted(ids, n, max_new_tokens, streamer, stop_event, expired, deadline, timeout_s)
                start = self._prefill(ids, n)
                out = self.model.generate(
                    **start,
                    do_sample=True,
                    temperature=self.temperature,
                    top_p=self.top_p,
                    repetition_penalty=self.repetition_penalty,
                    max_new_tokens=max_new_tokens,
                    use_cache=True,
                    pad_token_id=self.tokenizer.pad_token_id,
                    eos_token_id=sorted(self.eos_ids),
                    streamer=streamer,
                    stopping_criteria=StoppingCriteriaList([_Stop()]),
                    return_dict_in_generate=True,
                    output_logits=self._score_affordable(n, max_new_tokens),
                )
            except torch.cuda.OutOfMemoryError as exc:
                torch.cuda.empty_cache()
                raise GeneratorUnavailable(f"the GPU ran out of memory while generating ({exc})") from exc
            except RuntimeError as exc:
                raise GeneratorUnavailable(f"generation failed: {exc}") from exc
        if stop_event.is_set():
            raise GenerationCancelled(f"cancelled after {streamer.steps} tokens")
        if expired.is_set():
            raise GenerationTimeout(f"generation took longer than {timeout_s:g} s")
        return self._finish(out, ids.shape[1])

    def _generate_restricted(
        self,
        ids: Any,
        n: int,
        max_new_tokens: int,
        streamer: _PerSequenceStreamer,
        stop_event: threading.Event,
        expired: threading.Event,
        deadline: float,
        timeout_s: float,
    ) -> list[str]:
        from assist.drafts.generators.restricted import decode_restricted

        def should_stop() -> bool:
            if time.monotonic() > deadline:
                expired.set()
            return stop_event.is_set() or expired.is_set()

        streamer.put(ids)  # the prompt, as generate() passes it first
        out = decode_restricted(
            self.model, ids, head_ids=self.head_ids or [], eos_ids=sorted(self.eos_ids), n=n,
            max_new_tokens=max_new_tokens, temperature=self._temperatures(n), top_p=self.top_p,
            repetition_penalty=self.repetition_penalty, on_step=streamer.put, should_stop=should_stop,
        )  # fmt: skip
        if stop_event.is_set():
            raise GenerationCancelled(f"cancelled after {streamer.steps} tokens")
        if expired.is_set():
            raise GenerationTimeout(f"generation took longer than {timeout_s:g} s")
        return self._drafts(out.tokens, out.logprobs)

    def _temperatures(self, n: int) -> list[float]:
        """Draft 0 greedy (the model's most likely reply), the others sampled; all sampled when
        ``greedy_first`` is off."""
        temps = [self.temperature] * n
        if self.greedy_first and n > 0:
            temps[0] = 0.0
        return temps

    def _prefill(self, ids: Any, n: int) -> dict[str, Any]:
        """The prompt arguments of ``generate`` for ``n`` sequences: the prompt's KV cache filled
        once and copied ``n`` times (all but its last token, which ``generate`` reads itself),
        or, where that is not possible, the plain ``num_return_sequences=n``."""
        import torch

        plain = {"input_ids": ids, "attention_mask": torch.ones_like(ids), "num_return_sequences": n}
        if n < 2 or ids.shape[1] < 2 or not self._share_prefill:
            return plain
        from transformers import DynamicCache

        try:
            cache = DynamicCache(config=self.model.config)
            with torch.no_grad():
                self.model(input_ids=ids[:, :-1], past_key_values=cache, use_cache=True)
            cache.batch_repeat_interleave(n)
        except (TypeError, ValueError, AttributeError, NotImplementedError) as exc:  # an architecture without it
            log.warning("drafts: the prompt cache cannot be shared by %s (%s); each sequence reads the prompt",
                        type(self.model).__name__, exc)  # fmt: skip
            self._share_prefill = False
            return plain
        batch = ids.repeat(n, 1)
        return {"input_ids": batch, "attention_mask": torch.ones_like(batch), "past_key_values": cache}

    def _score_affordable(self, n: int, max_new_tokens: int) -> bool:
        """Keep every step's logits for likelihood scoring only while that stays small (<= 256 MB):
        a 150k-vocabulary instruct model would need gigabytes, and then drafts go unscored."""
        vocab = int(getattr(getattr(self.model, "config", None), "vocab_size", 0) or len(self.tokenizer))
        return n * max_new_tokens * vocab <= 64_000_000

    def _finish(self, out: Any, prompt_len: int) -> list[str]:
        import torch

        new = out.sequences[:, prompt_len:]
        logprobs = None
        if getattr(out, "logits", None):
            logits = torch.stack([step.float() for step in out.logits], dim=1)  # (batch, steps, vocab)
            logprobs = torch.log_softmax(logits, dim=-1).gather(-1, new[:, : logits.shape[1]].unsqueeze(-1)).squeeze(-1)
        return self._drafts(new, logprobs)

    def _drafts(self, new: Any, logprobs: Any) -> list[str]:
        """The decoded drafts (up to each one's end token) with their mean token log-probability."""
        drafts: list[str] = []
        for i in range(new.shape[0]):
            tokens = new[i].tolist()
            length = next((j for j, t in enumerate(tokens) if t in self.eos_ids), len(tokens))
            # a trailing half character (cut by max_new_tokens) is dropped, as the streamer does
            text = clean_reply(self.tokenizer.decode(tokens[:length], skip_special_tokens=False).rstrip("\ufffd"))
            mean = None
            if logprobs is not None:
                span = logprobs[i, : min(length + 1, logprobs.shape[1])]
                mean = float(span.mean()) if span.numel() else None
            drafts.append(GeneratedText(text, mean))
        return drafts


def _is_torch_module(model: Any) -> bool:
    import torch

    return isinstance(model, torch.nn.Module)


@dataclass(frozen=True)
class ReplyVocab:
    ids: list[int]  # the token ids the training replies used
    single_line: bool  # no training reply spans lines


def read_reply_vocab(model_dir: Path) -> ReplyVocab | None:
    """The tokens a fine-tuned model's replies use (``reply_vocab.json``), or None."""
    path = model_dir / REPLY_VOCAB
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ReplyVocab([int(i) for i in data["ids"]], bool(data.get("single_line", False)))
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelLoadError(f"draft model: {path} is not a valid reply vocabulary ({exc})") from exc


def generation_dtype(device: str, pretrained: bool) -> Any:
    """bf16 on CUDA (fp16 without it); on a CPU with native bf16 (AVX512-BF16, AMX) a fine-tuned
    pretrained base runs in bf16 too: measured 1.9x faster than fp32 here (models/README.md).
    ``ASSIST_DRAFTS_DTYPE=float32`` keeps full precision; ``int8`` is bf16 with int8 weights."""
    import torch

    forced = os.environ.get("ASSIST_DRAFTS_DTYPE", "")
    if forced in ("float32", "bfloat16", "float16"):
        return getattr(torch, forced)
    if device == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if forced == "int8" or (pretrained and torch.ops.mkldnn._is_mkldnn_bf16_supported()):
        return torch.bfloat16
    return torch.float32


def wants_int8_weights(device: str, dtype: Any) -> bool:
    """Int8 weights for the decoding steps (``assist/pretrained/int8_weights.py``) on a CPU running
    bf16, unless ``ASSIST_DRAFTS_DTYPE`` names a float type."""
    import torch

    forced = os.environ.get("ASSIST_DRAFTS_DTYPE", "")
    if forced and forced != "int8":
        return False
    return device == "cpu" and dtype == torch.bfloat16 and (forced == "int8" or INT8_WEIGHTS_BY_DEFAULT)


def load_hf_local(model_dir: str | Path, *, device: str = "auto", warm_up: bool = True) -> CausalLMGenerator:
    """Load a local causal LM directory; ModelLoadError names the problem when it cannot."""

    path = Path(model_dir)
    check_causal_lm_dir(path)
    check_tokenizer_files(path, "draft model")
    where = resolve_device(device)
    vocab = read_reply_vocab(path)
    try:
        tokenizer = load_tokenizer(path)
        dtype = generation_dtype(where, vocab is not None)
        model: Any = load_causal_lm(path, dtype=dtype).to(where).eval()
        if wants_int8_weights(where, dtype):
            from assist.pretrained.int8_weights import use_int8_weights

            layers = use_int8_weights(model.get_decoder())
            log.info("draft model %s: int8 weights in %d layers", path.name, layers)
    except ModelLoadError as exc:
        raise ModelLoadError(f"draft model: {exc}") from exc
    if vocab is not None and vocab.single_line:  # its replies never span lines: a newline ends one
        tokenizer_stops = [tokenizer.convert_tokens_to_ids(t) for t in ("\n", "\n\n")]
        extra_stops = [i for i in tokenizer_stops if isinstance(i, int) and i != tokenizer.unk_token_id]
    else:
        extra_stops = []
    try:
        return CausalLMGenerator(
            model, tokenizer, version=read_version(path), device=where, head_ids=vocab.ids if vocab else None,
            stop_ids=extra_stops, warm_up=warm_up,
        )
    except GeneratorUnavailable as exc:
        raise ModelLoadError(f"draft model: {path} loads but cannot generate: {exc}") from exc
