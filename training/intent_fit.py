"""The fine-tuning loop behind ``training.train_intent`` (kept apart so the script stays short).

Three ways to spend the same CPU budget, one loop:
- ``full``: every layer trains (dynamic padding, length-bucketed batches);
- ``full`` with ``freeze_layers = k`` (BERT-style models): the embeddings and the bottom k
  layers are frozen, their output is computed once and cached, and each step runs only the
  top layers forward and backward: with k = 3 of MiniLM's 6 layers a step costs about half,
  so twice the epochs fit the same time (what matters on a shared 2-core CPU);
- ``head``: everything but pooler + classifier frozen; only the CLS vector is cached;
- a pooled Gemma classifier (``assist.intent.gemma``): ``head`` caches the pooled vector of each
  message and fits the standardised linear head on it as a logistic regression
  (:mod:`training.intent_logreg`); ``full`` trains the LoRA weights and
  the head (the head's standardisation is fitted on the pooled training features first).

The learning rate warms up linearly, then decays linearly to zero at the end of the run, where
the end is the last step or the time budget, whichever comes first, so a budget-capped run
still finishes its schedule. The best epoch on validation accuracy is kept (early stopping).

The loss is cross-entropy (with label smoothing) weighted per example: ``sum(w * loss) /
sum(w)`` over each batch. Under a launcher (``accelerate launch``/``torchrun``) each of the N
processes takes every N-th example of each batch and the gradients are averaged over the
processes after backward (one all-reduce; the cached-feature forward does not run through
the model, so DDP cannot do it); validation logits are scored in shares and added up, so
every process takes the same early-stopping decision. The frozen-feature cache is computed
by every process (it is the cheap part) and written by the main one.
"""

from __future__ import annotations

import copy
import logging
import math
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from training.common import (
    Progress,
    average_gradients,
    main_clock,
    pad_to_processes,
    shard,
    weighted_loss,
)
from training.intent_checkpoint import EpochCheckpoint, fit_key, restore_params
from training.intent_logreg import fit_pooled_head

if TYPE_CHECKING:
    from training.intent_args import TrainIntentArgs

log = logging.getLogger(__name__)
Encoded = list[dict[str, list[int]]]


def bucketed_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffle, sort within windows of 50 batches by length, cut into batches, shuffle batches:
    batches hold similar lengths (little padding) yet stay random across epochs."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 50
    batches = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(encoded: Encoded, idx: list[int], pad_id: int) -> dict[str, Any]:
    import torch

    width = max(len(encoded[i]["input_ids"]) for i in idx)
    out: dict[str, Any] = {}
    for key in encoded[idx[0]]:
        fill = pad_id if key == "input_ids" else 0
        out[key] = torch.tensor([encoded[i][key] + [fill] * (width - len(encoded[i][key])) for i in idx])
    return out


def predict_logits(
    model: Any, encoded: Encoded, pad_id: int, device: str, batch_size: int = 64
) -> np.ndarray:
    import torch

    model.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
    out = np.zeros((len(encoded), model.config.num_labels), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            batch = {k: v.to(device) for k, v in collate(encoded, idx, pad_id).items()}
            out[idx] = model(**batch).logits.float().cpu().numpy()
    return out


def can_cache(model: Any) -> bool:
    """BERT-style: embeddings -> encoder.layer[...] -> pooler(CLS) -> dropout -> classifier."""
    base = getattr(model, "bert", None)
    return (
        base is not None
        and getattr(base, "pooler", None) is not None
        and hasattr(base, "encoder")
        and hasattr(model, "dropout")
        and hasattr(model, "classifier")
    )


class CachedBert:
    """Bottom ``k`` layers run once per example; :meth:`logits` runs the rest on a batch."""

    def __init__(self, model: Any, k: int, device: str) -> None:
        self.model, self.k, self.device = model, k, device
        self.layers = list(model.bert.encoder.layer)
        self.cls_only = k >= len(self.layers)

    def features(self, encoded: Encoded, pad_id: int, bar: Any = None) -> list[Any]:
        import torch

        m, out = self.model, [None] * len(encoded)
        m.eval()
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
        with torch.inference_mode():
            for start in range(0, len(order), 64):
                idx = order[start : start + 64]
                batch = {k: v.to(self.device) for k, v in collate(encoded, idx, pad_id).items()}
                h = m.bert.embeddings(
                    input_ids=batch["input_ids"], token_type_ids=batch.get("token_type_ids")
                )
                ext = m.get_extended_attention_mask(batch["attention_mask"], batch["input_ids"].shape)
                for layer in self.layers[: self.k]:
                    h = layer(h, attention_mask=ext)
                    h = h[0] if isinstance(h, tuple) else h
                for row, i in enumerate(idx):
                    n = 1 if self.cls_only else len(encoded[i]["input_ids"])
                    out[i] = h[row, :n].float().cpu().clone()
                if bar is not None:
                    bar.update(len(idx))
        return out

    def logits(self, feats: list[Any], idx: list[int]) -> Any:
        import torch

        m = self.model
        width = max(feats[i].shape[0] for i in idx)
        h = torch.zeros((len(idx), width, feats[idx[0]].shape[1]))
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        for row, i in enumerate(idx):
            h[row, : feats[i].shape[0]] = feats[i]
            mask[row, : feats[i].shape[0]] = 1
        h, mask = h.to(self.device), mask.to(self.device)
        ext = m.get_extended_attention_mask(mask, mask.shape)
        for layer in self.layers[self.k :]:
            h = layer(h, attention_mask=ext)
            h = h[0] if isinstance(h, tuple) else h
        return m.classifier(m.dropout(m.bert.pooler(h)))

    def trainable(self) -> list[tuple[str, Any]]:
        keep = [f"bert.encoder.layer.{i}." for i in range(self.k, len(self.layers))]
        return [
            (n, p)
            for n, p in self.model.named_parameters()
            if n.startswith(("bert.pooler", "classifier", *keep))
        ]


def is_pooled(model: Any) -> bool:
    """A classifier with a ``pooled`` encoder output and a ``head`` on it (``assist.intent.gemma``)."""
    return hasattr(model, "pooled") and hasattr(model, "head") and hasattr(model, "set_feature_stats")


class CachedPooled:
    """The frozen encoder runs once per example (its pooled vector); :meth:`logits` runs the head."""

    cls_only = True

    def __init__(self, model: Any, device: str) -> None:
        self.model, self.device = model, device

    def features(self, encoded: Encoded, pad_id: int, bar: Any = None) -> list[Any]:
        import torch

        out: list[Any] = [None] * len(encoded)
        self.model.eval()
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
        with torch.inference_mode():
            for start in range(0, len(order), 32):
                idx = order[start : start + 32]
                batch = {k: v.to(self.device) for k, v in collate(encoded, idx, pad_id).items()}
                pooled = self.model.pooled(**batch).float().cpu()
                for row, i in enumerate(idx):
                    out[i] = pooled[row : row + 1].clone()
                if bar is not None:
                    bar.update(len(idx))
        return out

    def logits(self, feats: list[Any], idx: list[int]) -> Any:
        import torch

        return self.model.head(torch.cat([feats[i] for i in idx]).to(self.device))

    def trainable(self) -> list[tuple[str, Any]]:
        return [(n, p) for n, p in self.model.named_parameters() if n.startswith("classifier")]


class FeatureStore:
    """Frozen-layer features on disk, keyed by the backbone and the token ids: a head-only
    retrain of the same backbone (the learning loop's fast retrain, or an experiment re-run)
    encodes only the messages it has not seen before."""

    def __init__(self, folder: Path | None, key: str) -> None:
        import hashlib

        self.path = (
            None
            if folder is None
            else Path(folder) / f"features-{hashlib.sha1(key.encode()).hexdigest()[:16]}.pt"
        )
        self.table: dict[tuple[int, ...], Any] = {}
        self.dirty = False
        if self.path is not None and self.path.is_file():
            import torch

            self.table = torch.load(self.path, weights_only=True)

    def features(self, cached: CachedBert | CachedPooled, encoded: Encoded, pad_id: int, bar: Any) -> list[Any]:
        keys = [tuple(e["input_ids"]) + tuple(e.get("token_type_ids", [])) for e in encoded]
        missing = [i for i, key in enumerate(keys) if key not in self.table]
        if bar is not None:
            bar.update(len(encoded) - len(missing))
        if missing:
            new = cached.features([encoded[i] for i in missing], pad_id, bar)
            for i, feat in zip(missing, new, strict=True):
                self.table[keys[i]] = feat
            self.dirty = True
        return [self.table[key] for key in keys]

    def save(self) -> None:
        if self.path is not None and self.dirty:
            import torch

            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".partial")  # readers never see half a file
            torch.save(self.table, partial)
            partial.replace(self.path)


def fit(
    model: Any,
    train_enc: Encoded,
    y_train: list[int],
    w_train: list[float],
    val_enc: Encoded,
    y_val: np.ndarray,
    args: TrainIntentArgs,
    pad_id: int,
    accelerator: Any,
    tracker: Progress,
    weight: float,
) -> dict[str, Any]:
    """Train in place; leaves the best validation epoch's weights in ``model``.

    ``w_train`` are the examples' loss weights (all > 0)."""
    import torch

    device = accelerator.device
    n_layers = model.config.num_hidden_layers
    k = n_layers if args.mode == "head" else max(0, min(args.freeze_layers, n_layers))
    epochs = args.head_epochs if args.mode == "head" else args.epochs
    lr = args.head_lr if args.mode == "head" else args.lr
    pooled = is_pooled(model)
    cached: CachedBert | CachedPooled | None
    if pooled:
        cached = CachedPooled(model, device) if args.mode == "head" else None
    else:
        cached = CachedBert(model, k, device) if k > 0 and can_cache(model) else None
    for p in model.parameters():
        p.requires_grad = False
    if pooled and cached is None and not model.stats_ready():
        model.set_feature_stats(torch.cat(CachedPooled(model, device).features(train_enc, pad_id)))
    if cached is not None:
        bar = tracker.stage("encode (frozen layers)", len(train_enc) + len(val_enc), weight=weight * 0.1)
        store = FeatureStore(args.feature_cache, f"{args.cache_key}|k={k}|{cached.cls_only}")
        x_train = store.features(cached, train_enc, pad_id, bar)
        x_val = store.features(cached, val_enc, pad_id, bar)
        if accelerator.is_main_process:
            store.save()
        bar.close()
        weight *= 0.9
        if isinstance(cached, CachedPooled):
            model.set_feature_stats(torch.cat(x_train))
            for _, p in cached.trainable():
                p.requires_grad = True
            fitted = fit_pooled_head(model, x_train, y_train, w_train, x_val, y_val, tracker, weight)
            for p in model.parameters():
                p.requires_grad = True
            return fitted
        params = cached.trainable()
        lengths = [x.shape[0] for x in x_train]

        def forward(idx: list[int]) -> Any:
            return cached.logits(x_train, idx)

        def val_logits(rows: list[int]) -> np.ndarray:
            with torch.inference_mode():
                parts = [cached.logits(x_val, rows[s : s + 64]).float().cpu().numpy() for s in range(0, len(rows), 64)]
            return np.concatenate(parts) if parts else np.zeros((0, model.config.num_labels), np.float32)
    else:
        if pooled:  # full mode on a pooled classifier: the LoRA weights and the head
            params = [(n, p) for n, p in model.named_parameters() if "lora_" in n or n.startswith("classifier")]
        elif args.mode == "head":  # not BERT-style: frozen encoder, run in full each step
            params = [(n, p) for n, p in model.named_parameters() if "pooler" in n or "classifier" in n]
        else:
            params = [
                (n, p)
                for n, p in model.named_parameters()
                if not (args.freeze_word_embeddings and "word_embeddings" in n)
            ]
        lengths = [len(e["input_ids"]) for e in train_enc]

        def forward(idx: list[int]) -> Any:
            return model(**{key: v.to(device) for key, v in collate(train_enc, idx, pad_id).items()}).logits

        def val_logits(rows: list[int]) -> np.ndarray:
            return predict_logits(model, [val_enc[i] for i in rows], pad_id, device)

    for _, p in params:
        p.requires_grad = True
    history = _loop(
        model, params, forward, val_logits, lengths, y_train, w_train, y_val, args, epochs, lr, accelerator, tracker, weight
    )
    for p in model.parameters():
        p.requires_grad = True
    return history


def _loop(
    model: Any,
    params: list[tuple[str, Any]],
    forward: Callable[[list[int]], Any],
    val_logits: Callable[[list[int]], np.ndarray],
    lengths: list[int],
    y_train: list[int],
    w_train: list[float],
    y_val: np.ndarray,
    args: TrainIntentArgs,
    epochs: int,
    lr: float,
    accelerator: Any,
    tracker: Progress,
    weight: float,
) -> dict[str, Any]:
    import torch

    device, world = accelerator.device, accelerator.num_processes

    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight")
    optimizer = torch.optim.AdamW(
        [
            {"params": [p for n, p in params if not n.endswith(no_decay)], "weight_decay": args.weight_decay},
            {"params": [p for n, p in params if n.endswith(no_decay)], "weight_decay": 0.0},
        ],
        lr=lr,
    )
    steps_per_epoch = math.ceil(len(lengths) / args.batch_size)
    total = steps_per_epoch * epochs
    warmup = max(1, int(args.warmup_fraction * total))
    t0 = time.monotonic()
    budget = args.time_budget_minutes * 60
    elapsed = [0.0]  # the main process's clock, refreshed each step (the schedule reads it)

    def done_fraction(step: int) -> float:
        frac = step / total
        return max(frac, elapsed[0] / budget) if budget > 0 else frac

    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / warmup, max(0.0, (1 - done_fraction(s)) / max(1e-9, 1 - warmup / total))),
    )
    optimizer = accelerator.prepare_optimizer(optimizer)  # mixed precision: loss scaling (fp16)
    rng = random.Random(args.seed)
    labels_t = torch.tensor(y_train)
    trained = [p for _, p in params]
    bar = tracker.stage(f"fine-tune ({args.mode})", total, weight=weight)
    best_acc, best_state, best_epoch, stale, history = -1.0, None, 0, 0, []
    patience = max(args.patience, 5) if args.mode == "head" else args.patience
    step, seen, start = 0, 0, 1
    ckpt = None
    if args.checkpoint_dir is not None:
        key = fit_key(args.mode, epochs, lr, args.seed, lengths, list(y_train))
        ckpt = EpochCheckpoint(args.checkpoint_dir, key, accelerator.is_main_process)
        saved = ckpt.load()
        if saved is not None:
            restore_params(params, saved["params"])
            history, step, seen = list(saved["history"]), int(saved["step"]), int(saved["seen"])
            bar.update(step)
            if saved.get("done"):
                bar.note("finished before the restart: kept")
                bar.close()
                return {**saved["result"], "resumed_from_epoch": len(history)}
            optimizer.load_state_dict(saved["optimizer"])
            scheduler.load_state_dict(saved["scheduler"])
            rng.setstate(saved["rng"])
            best_acc, best_state, best_epoch, stale = saved["best_acc"], saved["best_state"], saved["best_epoch"], saved["stale"]
            start = int(saved["epoch"]) + 1
            bar.note(f"resumed at epoch {start - 1}/{epochs}")
    resumed_from = start - 1
    for epoch in range(start, epochs + 1):
        model.train()
        loss_sum, n_batches, out_of_time = 0.0, 0, False
        for batch in bucketed_batches(lengths, args.batch_size, rng):
            if budget > 0:
                elapsed[0] = main_clock(accelerator, t0)
                if done_fraction(step) >= 1.0:
                    out_of_time = True
                    break
            batch, batch_weights = pad_to_processes(batch, w_train, world)
            idx, idx_weights = shard(batch, accelerator), shard(batch_weights, accelerator)
            with accelerator.autocast():
                logits = forward(idx)
            losses = torch.nn.functional.cross_entropy(
                logits.float(), labels_t[idx].to(device), reduction="none", label_smoothing=args.label_smoothing
            )
            loss = weighted_loss(losses, idx_weights, sum(batch_weights), accelerator)
            accelerator.backward(loss)
            average_gradients(trained, accelerator)
            accelerator.clip_grad_norm_(trained, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            n_batches += 1
            seen += sum(1 for w in idx_weights if w > 0)
            loss_sum += loss.item()  # the batch's mean loss as this process's share estimates it
            bar.update(1, epoch=epoch, loss=f"{loss.item():.3f}")
        model.eval()
        val_acc = float((_all_val_logits(val_logits, len(y_val), accelerator).argmax(1) == y_val).mean()) if len(y_val) else 0.0
        history.append({"epoch": epoch, "train_loss": loss_sum / max(1, n_batches), "val_accuracy": val_acc})
        log.info(
            "epoch %d: train loss %.4f, val accuracy %.4f (%.0fs)",
            epoch,
            loss_sum / max(1, n_batches),
            val_acc,
            time.monotonic() - t0,
        )
        stop = False
        if val_acc > best_acc:
            best_acc, best_epoch, stale = val_acc, epoch, 0
            best_state = copy.deepcopy({n: p.detach().cpu() for n, p in params})
        else:
            stale += 1
            if len(y_val) and stale >= patience:
                log.info("early stop: no validation gain for %d epochs", stale)
                stop = True
        if out_of_time:
            log.info("time budget of %.0f minutes spent in epoch %d", args.time_budget_minutes, epoch)
            stop = True
        if ckpt is not None and not stop and epoch < epochs:
            ckpt.save(
                params, epoch=epoch, step=step, seen=seen, history=history, optimizer=optimizer.state_dict(),
                scheduler=scheduler.state_dict(), rng=rng.getstate(), best_acc=best_acc, best_state=best_state,
                best_epoch=best_epoch, stale=stale,
            )  # fmt: skip
            bar.note(f"checkpoint at epoch {epoch}/{epochs}")
        if stop:
            break
    bar.close()
    accelerator.free_memory()  # forget this loop's optimizer (a second fit prepares its own)
    if best_state is not None and len(y_val):
        model.load_state_dict(best_state, strict=False)
    result = {"best_epoch": best_epoch, "epochs_run": len(history), "steps": step, "history": history, "seen": seen}
    if ckpt is not None:  # a restart after this fit keeps its result instead of fitting again
        ckpt.save(params, done=True, step=step, seen=seen, history=history, result=result)
    return {**result, "resumed_from_epoch": resumed_from}


def _all_val_logits(val_logits: Callable[[list[int]], np.ndarray], n: int, accelerator: Any) -> np.ndarray:
    """Validation logits of all ``n`` rows: each process scores its share, then they add up."""
    rows = shard(list(range(n)), accelerator)
    mine = val_logits(rows)
    if accelerator.num_processes == 1:
        return mine
    import torch

    out = torch.zeros((n, mine.shape[1]), dtype=torch.float32, device=accelerator.device)
    out[rows] = torch.from_numpy(mine).to(accelerator.device)
    return accelerator.reduce(out, "sum").cpu().numpy()
