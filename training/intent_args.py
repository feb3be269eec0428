"""The options of an intent training run (``TrainIntentArgs``) and what it returns.

Kept apart from the script (``training.train_intent``) so the modules it is built from (data,
backbone, fit, calibrate) read the options without importing the script back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.core.records import LabelledText


@dataclass
class TrainIntentArgs:
    data: Path | None = None  # CSV/JSON/JSONL read with assist.data.readers.read_utterances
    examples: list[LabelledText] | None = None  # or in memory (the retrain job, tests)
    text_col: str | None = None
    label_col: str | None = None
    weight_col: str | None = None  # per-example loss weight column (default: "weight" when present)
    out: Path = Path("intent-model")
    backbone: str = "minilm"  # minilm | scratch | gemma | a local HF directory
    base: str = "gemma-3-270m"  # backbone gemma: the pretrained base (bundled name, HF dir or .gguf)
    models_dir: Path | None = None  # backbone gemma: where converted bases live (None: the settings')
    gemma_layer: int = 0  # backbone gemma: the pooled layer (0: GEMMA_LAYER, capped to the model's depth)
    lora_rank: int = 8  # backbone gemma, full mode: the LoRA rank
    lora_mlp: bool = False  # backbone gemma, full mode: LoRA on the MLP projections too (not only attention)
    mode: str = "full"  # full | head
    scratch_size: str = "small"  # tiny | mini | small | base (backbone scratch only)
    pretrain_epochs: int = 30
    pretrain_texts: list[str] = field(default_factory=list)  # extra unlabelled text for scratch MLM
    epochs: int = 10
    lr: float = 1e-4  # encoder lr in full mode
    head_lr: float = 2e-3  # head lr in head mode
    head_epochs: int = 40  # epochs in head mode (cheap: encoder features are cached)
    batch_size: int = 32
    max_length: int = 64
    warmup_fraction: float = 0.1
    weight_decay: float = 0.01
    label_smoothing: float = 0.1
    feature_cache: Path | None = None  # dir: frozen-encoder features kept across runs (head retrains)
    checkpoint_dir: Path | None = None  # dir: the fine-tuning loop saves every epoch; a rerun resumes (first run)
    backbone_cache: str | None = None  # scratch: keep the pretrained encoder here and reuse it (resume)
    warm_start_head: bool = True  # full mode: fit the head on frozen features first (LP-FT)
    freeze_layers: int = 0  # full mode, BERT-style: freeze + cache embeddings and the bottom k layers
    freeze_word_embeddings: bool = True  # full mode: the vocab matrix stays (half of MiniLM; big Adam cost)
    time_budget_minutes: float = 0.0  # >0: stop fine-tuning (keeping the best epoch) after this long
    patience: int = 3  # epochs without validation gain before stopping
    max_train_samples: int = 0  # >0: a random subset, for smoke runs
    val_fraction: float = 0.1
    val_examples: list[LabelledText] | None = None  # explicit validation split
    oos_label: str | None = None  # rows with this label are unknown-intent examples (never trained)
    oos_method: str = "max_prob"  # max_prob | energy
    oos_max_in_scope_loss: float = 0.01
    use_context: bool | None = None  # None: when any example carries a context turn
    parent_version: str | None = None
    cache_key: str = ""  # set by train(): what the cached features depend on besides the text
    seed: int = 42
    device: str = "auto"
    mixed_precision: str | None = None  # no | fp16 | bf16 (CUDA only); None: the launcher's choice
    threads: int | None = None
    quiet: bool = False


@dataclass
class TrainResult:
    out_dir: Path
    version: str
    metrics: dict[str, Any]
