"""Write a tiny Gemma 3 GGUF file with the ``gguf`` package: random weights, a small SentencePiece-style
BPE vocabulary laid out like Gemma's (control tokens, user-defined newline/space runs, 256 byte
tokens, then the pieces with scores = -rank). Conversion and training tests start from it, so
they go through exactly the production path the real 253 MB file takes."""

from __future__ import annotations

from pathlib import Path

import numpy as np

CONTROL, USER_DEFINED, NORMAL, BYTE = 3, 4, 1, 6
WORDS = ["order", "cancel", "refund", "where", "is", "my", "the", "a", "to", "I", "you", "we", "your", "please", "thanks", "help", "ship", "shipping", "address", "package", "delivery", "return", "item", "number", "account", "payment", "invoice", "hello", "hi", "can", "want", "need", "days", "订单", "退款", "什么", "时候", "地址", "您好", "我的", "请问", "谢谢", "发货", "取消"]
HIDDEN, LAYERS, HEADS, KV_HEADS, HEAD_DIM, FFN = 64, 2, 2, 1, 32, 128


def vocabulary() -> tuple[list[str], list[float], list[int]]:
    tokens = ["<pad>", "<eos>", "<bos>", "<unk>", "<mask>", "<start_of_turn>", "<end_of_turn>"]
    types = [CONTROL] * len(tokens)
    for special in ("\n", "\n\n", "  ", "   "):
        tokens.append(special)
        types.append(USER_DEFINED)
    for b in range(256):
        tokens.append(f"<0x{b:02X}>")
        types.append(BYTE)
    pieces: list[str] = sorted({ch for word in WORDS for ch in word})  # every character of the words
    for word in WORDS:  # every prefix, so each word merges all the way up
        for form in (word, "▁" + word):
            for end in range(1, len(form) + 1):
                if form[:end] not in pieces:
                    pieces.append(form[:end])
    for ch in "▁abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,?!:'{}#-":
        if ch not in pieces:
            pieces.append(ch)
    pieces.sort(key=len)  # shorter pieces first: the merges build up from characters
    scores = [-1000.0] * len(tokens) + [-float(i) for i in range(len(pieces))]
    tokens += pieces
    types += [NORMAL] * len(pieces)
    return tokens, scores, types


def write_tiny_gemma_gguf(path: Path, seed: int = 0) -> Path:
    import gguf

    rng = np.random.default_rng(seed)
    tokens, scores, types = vocabulary()
    w = gguf.GGUFWriter(str(path), "gemma3")
    w.add_name("tiny gemma3")
    w.add_context_length(512)
    w.add_embedding_length(HIDDEN)
    w.add_block_count(LAYERS)
    w.add_feed_forward_length(FFN)
    w.add_head_count(HEADS)
    w.add_head_count_kv(KV_HEADS)
    w.add_key_length(HEAD_DIM)
    w.add_value_length(HEAD_DIM)
    w.add_layer_norm_rms_eps(1e-6)
    w.add_rope_freq_base(10000.0)
    w.add_sliding_window(64)
    w.add_tokenizer_model("llama")
    w.add_tokenizer_pre("default")
    w.add_token_list(tokens)
    w.add_token_scores(scores)
    w.add_token_types(types)
    w.add_bos_token_id(2)
    w.add_eos_token_id(1)
    w.add_unk_token_id(3)
    w.add_pad_token_id(0)
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)

    def t(name: str, *shape: int, scale: float = 0.02) -> None:
        w.add_tensor(name, (rng.standard_normal(shape) * scale).astype(np.float32))

    def ones(name: str, n: int) -> None:
        w.add_tensor(name, np.ones(n, dtype=np.float32))

    t("token_embd.weight", len(tokens), HIDDEN)
    ones("output_norm.weight", HIDDEN)
    for i in range(LAYERS):
        b = f"blk.{i}"
        t(f"{b}.attn_q.weight", HEADS * HEAD_DIM, HIDDEN)
        t(f"{b}.attn_k.weight", KV_HEADS * HEAD_DIM, HIDDEN)
        t(f"{b}.attn_v.weight", KV_HEADS * HEAD_DIM, HIDDEN)
        t(f"{b}.attn_output.weight", HIDDEN, HEADS * HEAD_DIM)
        ones(f"{b}.attn_q_norm.weight", HEAD_DIM)
        ones(f"{b}.attn_k_norm.weight", HEAD_DIM)
        for norm in ("attn_norm", "post_attention_norm", "ffn_norm", "post_ffw_norm"):
            ones(f"{b}.{norm}.weight", HIDDEN)
        t(f"{b}.ffn_gate.weight", FFN, HIDDEN)
        t(f"{b}.ffn_up.weight", FFN, HIDDEN)
        t(f"{b}.ffn_down.weight", HIDDEN, FFN)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path
