"""Train a BERT WordPiece tokenizer on a shop's own text, Chinese included.

The source article's recipe for any language: the tokenizer comes from the conversations the
model will see. BERT's normaliser puts spaces around every CJK ideograph (``handle_chinese_chars``),
so Chinese is split into single characters (the unit Chinese BERTs use: words are not delimited
and a character vocabulary of a few thousand covers nearly all of daily text), while Latin text,
order numbers and emoji-free punctuation go through ordinary WordPiece.

The result is a ``BertTokenizerFast`` saved with ``save_pretrained``: any Hugging Face tool loads it.

    python -m training.cjk_tokenizer --data utterances.jsonl --out /tmp/tok --vocab-size 8000
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def train_tokenizer(
    texts: Iterable[str],
    *,
    vocab_size: int = 8000,
    min_frequency: int = 1,
    model_max_length: int = 128,
    out_dir: Path | None = None,
) -> Any:
    """Returns a ``BertTokenizerFast``; saves it to ``out_dir`` when given."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertTokenizerFast

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
    )
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size, min_frequency=min_frequency, special_tokens=SPECIAL_TOKENS
    )
    tok.train_from_iterator((t for t in texts if t), trainer=trainer)
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    tok.decoder = decoders.WordPiece(prefix="##")
    fast = BertTokenizerFast(
        tokenizer_object=tok,
        model_max_length=model_max_length,
        do_lower_case=True,
        tokenize_chinese_chars=True,
        unk_token="[UNK]",
        sep_token="[SEP]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        mask_token="[MASK]",
    )
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        fast.save_pretrained(str(out_dir))
    return fast


def main(argv: list[str] | None = None) -> int:
    from assist.data.readers import read_utterances  # type: ignore[import-not-found,unused-ignore]

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="CSV/JSON/JSONL with a text column")
    p.add_argument("--text-col")
    p.add_argument("--out", required=True)
    p.add_argument("--vocab-size", type=int, default=8000)
    a = p.parse_args(argv)
    rows = read_utterances(a.data, text_col=a.text_col)
    train_tokenizer([r.text for r in rows], vocab_size=a.vocab_size, out_dir=Path(a.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
