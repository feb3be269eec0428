"""Build a correct Hugging Face tokenizer from the vocabulary a GGUF file carries.

Why our own: transformers 4.57 (our pin) converts a Gemma GGUF's tokenizer without merges,
so it splits every word into characters ("Customer" -> C, u, s, ...) and the model then
writes garbage. A SentencePiece BPE vocabulary (``tokenizer.ggml.model == "llama"``) holds
all that is needed: the pieces, their scores (merge priority) and their types. We rebuild
it the way Hugging Face builds Gemma's official ``tokenizer.json`` from the SentencePiece
model (``GemmaConverter``): a BPE over the pieces whose merges are every split of a piece
into two pieces, best-scored first; spaces become ``▁``; unknown characters fall back to
byte tokens; user-defined pieces (newline and space runs) and control tokens match whole.
``tests/pretrained`` pins it against tokenizations made by transformers 5, which converts
the same file correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.core.errors import ModelLoadError

# llama.cpp's token types (gguf.TokenType)
NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE = 1, 2, 3, 4, 5, 6
SPACE = "▁"


@dataclass(frozen=True)
class GGUFVocab:
    tokens: list[str]
    scores: list[float]
    types: list[int]
    bos_id: int | None
    eos_id: int | None
    unk_id: int | None
    pad_id: int | None
    add_bos: bool
    chat_template: str | None


def _field(reader: Any, name: str) -> Any:
    field = reader.fields.get(name)
    return None if field is None else field.contents()


def read_vocab(path: str | Path) -> GGUFVocab:
    """The tokenizer fields of a GGUF file; ModelLoadError when it has none we can build from."""
    from gguf import GGUFReader

    try:
        reader = GGUFReader(str(path))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"{path}: not a readable GGUF file ({exc})") from exc
    model = _field(reader, "tokenizer.ggml.model")
    tokens = _field(reader, "tokenizer.ggml.tokens")
    if model != "llama" or not tokens:
        raise ModelLoadError(f"{path}: tokenizer {model!r} is not a SentencePiece BPE vocabulary (need 'llama')")
    scores = _field(reader, "tokenizer.ggml.scores") or [0.0] * len(tokens)
    types = _field(reader, "tokenizer.ggml.token_type") or [NORMAL] * len(tokens)
    add_bos = _field(reader, "tokenizer.ggml.add_bos_token")
    return GGUFVocab(
        tokens=list(tokens),
        scores=[float(s) for s in scores],
        types=[int(t) for t in types],
        bos_id=_field(reader, "tokenizer.ggml.bos_token_id"),
        eos_id=_field(reader, "tokenizer.ggml.eos_token_id"),
        unk_id=_field(reader, "tokenizer.ggml.unknown_token_id"),
        pad_id=_field(reader, "tokenizer.ggml.padding_token_id"),
        add_bos=True if add_bos is None else bool(add_bos),
        chat_template=_field(reader, "tokenizer.chat_template"),
    )


def bpe_merges(vocab: dict[str, int], scores: Sequence[float], mergeable: Sequence[str]) -> list[tuple[str, str]]:
    """Every split of a piece into two pieces, ordered as SentencePiece prefers them:
    by the merged piece's score (higher first), ties by the left then right piece's id."""
    merges: list[tuple[float, int, int, str, str]] = []
    for piece in mergeable:
        score = scores[vocab[piece]]
        for cut in range(1, len(piece)):
            left, right = piece[:cut], piece[cut:]
            if left in vocab and right in vocab:
                merges.append((-score, vocab[left], vocab[right], left, right))
    merges.sort()
    return [(left, right) for _, _, _, left, right in merges]


def build_tokenizer(vocab: GGUFVocab) -> Any:
    """A ``PreTrainedTokenizerFast`` equivalent to the SentencePiece model the GGUF came from."""
    from tokenizers import AddedToken, Tokenizer, decoders, normalizers, processors
    from tokenizers.models import BPE
    from transformers import PreTrainedTokenizerFast

    ids = {piece: i for i, piece in enumerate(vocab.tokens)}
    mergeable = [p for p, t in zip(vocab.tokens, vocab.types, strict=True) if t == NORMAL]
    unk = vocab.tokens[vocab.unk_id] if vocab.unk_id is not None else None
    model = BPE(ids, bpe_merges(ids, vocab.scores, mergeable), unk_token=unk, fuse_unk=True, byte_fallback=True)
    tok = Tokenizer(model)
    tok.normalizer = normalizers.Replace(" ", SPACE)
    tok.decoder = decoders.Sequence([decoders.Replace(SPACE, " "), decoders.ByteFallback(), decoders.Fuse()])
    whole = [
        AddedToken(p, special=t == CONTROL, normalized=False)
        for p, t in zip(vocab.tokens, vocab.types, strict=True)
        if t in (CONTROL, USER_DEFINED)
    ]
    tok.add_tokens(whole)
    name = vocab.tokens.__getitem__
    bos = name(vocab.bos_id) if vocab.bos_id is not None else None
    if bos is not None and vocab.add_bos:
        tok.post_processor = processors.TemplateProcessing(
            single=f"{bos} $A", pair=f"{bos} $A {bos} $B", special_tokens=[(bos, int(vocab.bos_id or 0))]
        )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos,
        eos_token=name(vocab.eos_id) if vocab.eos_id is not None else None,
        unk_token=unk,
        pad_token=name(vocab.pad_id) if vocab.pad_id is not None else None,
        clean_up_tokenization_spaces=False,
        model_max_length=32768,
        model_input_names=["input_ids", "attention_mask"],
    )
    if vocab.chat_template:
        fast.chat_template = vocab.chat_template
    return fast


def tokenizer_from_gguf(path: str | Path) -> Any:
    return build_tokenizer(read_vocab(path))
