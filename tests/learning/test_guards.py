"""Issue 15's guards, on real parts: a real SQLite file, the real registry, a real child
process and tiny real models.

- a retrain with too little data is refused before anything trains, naming what is missing;
- the comparison's interval is the paired percentile bootstrap (checked by hand);
- the held-out slice is set aside once and only grows, and is never in a training split;
- a candidate that is not better is promoted only with an override and a reason (recorded);
- rollback reaches the first-run default and the instant demo engines;
- a broken active model (unloadable, or far below its recorded figure) falls back to the last good one.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assist.config import Settings
from assist.learning.audit import audit_table
from assist.learning.bootstrap import needed
from assist.learning.compare import compare, describe, paired_bootstrap
from assist.learning.dataset import export_dataset, group_of
from assist.learning.jobs import NotEnoughData, RetrainJob
from assist.learning.promotion import PromotionRefused, promote, review
from assist.learning.registry import Registry
from assist.learning.sufficiency import DataRequirements, check_intents, check_pairs
from assist.learning.yardstick import assign_heldout
from assist.service.engines import load_engines
from assist.service.fallback import NgramIntentEngine
from assist.storage.models import AuditEvent, TrainingRun
from tests.service.hash_embedder import HashEmbedder

from .test_jobs import log_desk_work


def _audit(database: Any) -> list[dict[str, Any]]:
    with database.read() as s:
        return audit_table(s).as_dicts()


# --------------------------------------------------------------------------- 1. enough data
def test_a_retrain_on_too_little_data_is_refused_and_trains_nothing(database: Any, tmp_path: Path) -> None:
    log_desk_work(database, 15)  # 15 messages of 3 intents
    registry = Registry(database, tmp_path / "models")
    job = RetrainJob("intent", database, registry, tmp_path, include_imported=False, nice=0)
    with pytest.raises(NotEnoughData) as refused:
        asyncio.run(job.run())
    message = str(refused.value)
    assert message.startswith("Not enough data to retrain the intent model: ")
    assert "examples in 3 intents; need at least 200 and 5 per intent" in message
    assert "Missing: " in message and "more examples" in message
    assert job._proc is None  # no training process was started
    assert registry.list() == []
    with database.read() as s:
        run = s.scalars(select(TrainingRun)).one()
    assert run.status == "refused" and run.error == message
    (row,) = _audit(database)
    assert (row["action"], row["kind"], row["outcome"]) == ("train", "intent", "refused")
    drafts = RetrainJob("drafts", database, registry, tmp_path, include_imported=False, nice=0)
    with pytest.raises(NotEnoughData, match=r"reply pairs; need at least 200"):
        asyncio.run(drafts.run())


def test_the_refusal_counts_in_words_that_agree_with_the_numbers() -> None:
    """A review read "1 examples in 1 intents"."""
    req = DataRequirements(min_examples=200, min_per_intent=5, min_pairs=200)
    one = check_intents([{"label": "refund"}], req).message
    assert one.startswith("1 example in 1 intent; ") and "199 more examples" in one
    assert "more examples of 1 intent (refund 1)" in one
    assert check_intents([{"label": "a"}] * 3 + [{"label": "b"}] * 3, req).message.startswith("6 examples in 2 intents")
    assert check_pairs([{}], req).message == (
        "1 reply pair; need at least 200. Missing: 199 more replies sent by agents"
    )
    assert "Missing: 1 more reply sent by agents" in check_pairs([{}] * 199, req).message


# --------------------------------------------------------------------------- 2. yardstick
def test_the_interval_is_the_paired_percentile_bootstrap() -> None:
    # Two rows with differences 0 and 1: a resample's mean is 0, 0.5 or 1 with chances 1/4,
    # 1/2, 1/4, so the 2.5th percentile is 0 and the 97.5th is 1.
    assert paired_bootstrap([1.0, 0.0], [0.0, 0.0]) == (0.5, 0.0, 1.0)
    # 20 rows, half of them +1: mean 0.5, standard error sqrt(0.25 / 20) = 0.112, so the 95 %
    # interval is about 0.5 ± 1.96 * 0.112 = [0.28, 0.72].
    diff, low, high = paired_bootstrap([1.0] * 10 + [0.0] * 10, [0.0] * 20)
    assert diff == 0.5 and abs(low - 0.28) < 0.04 and abs(high - 0.72) < 0.04
    better = compare("accuracy", [1.0] * 10 + [0.0] * 10, [0.0] * 20, active_version="a")
    assert better["verdict"] == "better" and better["n"] == 20 and better["active"] == 0.0
    same = compare("accuracy", [1.0, 0.0] * 10, [0.0, 1.0] * 10, active_version="a")
    assert same["verdict"] == "not better" and same["ci_low"] < 0 < same["ci_high"]
    worse = compare("accuracy", [0.0] * 20, [1.0] * 20, active_version="a")
    assert worse["verdict"] == "worse" and (worse["ci_low"], worse["ci_high"]) == (-1.0, -1.0)
    tiny = compare("accuracy", [1.0, 1.0, 0.0], [0.0, 0.0, 0.0], active_version="a")
    assert tiny["verdict"] == "cannot compare"
    assert describe(tiny) == "cannot compare: only 3 evaluation rows (need at least 20)"
    empty = compare("generated_rouge_l", [], None)
    assert empty["verdict"] == "cannot compare" and "None" not in describe(empty)
    text = describe(better)
    assert text.startswith("accuracy on 20 evaluation rows: candidate 0.500 vs active 0.000, difference +0.500")
    assert "(95 % CI +0.2" in text and text.endswith(": better") and "None" not in text


def test_the_heldout_slice_is_set_aside_once_only_grows_and_is_never_trained_on(
    database: Any, tmp_path: Path
) -> None:
    log_desk_work(database, 60)
    first = assign_heldout(database)
    assert 3 <= len(first) <= 25  # about a fifth of 60 conversations
    log_desk_work_more(database)
    second = assign_heldout(database)
    assert first < second  # grows, never loses one
    manifest = export_dataset(database, tmp_path / "ds", kind="intents", heldout_groups=second)
    train = [json.loads(x) for x in (tmp_path / "ds" / "intents.train.jsonl").read_text().splitlines()]
    valid = [json.loads(x) for x in (tmp_path / "ds" / "intents.valid.jsonl").read_text().splitlines()]
    assert valid and {r["group"] for r in valid} <= second
    assert not {r["group"] for r in train} & second
    assert manifest["counts"]["intents_train"] + manifest["counts"]["intents_valid"] == 60 + 30
    assert group_of("c000") in second or group_of("c000") not in first  # decided once


def log_desk_work_more(database: Any) -> None:
    from assist.core.types import IncomingMessage, IntentPrediction, IntentScore
    from assist.storage import events

    w = database.writer
    for i in range(30):
        conv = f"later{i:03d}"
        pk = w.write(events.ingest_message(IncomingMessage(f"later-m{i}", conv, f"refund me for {i}"))).message_pk
        w.write(events.log_prediction(pk, IntentPrediction((IntentScore("refund", 0.9),), False, "v0")))
        w.write(events.send_reply(conv, "sure", agent_name="ann", reply_to_pk=pk))


# --------------------------------------------------------------------------- 3./4. promote, roll back
def _version(registry: Registry, tmp_path: Path, version: str, **metrics: Any) -> Any:
    src = tmp_path / "src" / version
    src.mkdir(parents=True)
    (src / "assist.json").write_text(json.dumps({"version": version, "metrics": metrics}))
    return registry.register("intent", src)


def test_a_worse_candidate_is_promoted_only_with_an_override_and_a_reason(database: Any, tmp_path: Path) -> None:
    registry = Registry(database, tmp_path / "models")
    _version(registry, tmp_path, "default", origin="first-run")
    registry.promote("default", actor="first run")
    worse = compare("accuracy", [0.0] * 30, [1.0] * 30, active_version="default")
    better = compare("accuracy", [1.0] * 30, [0.0] * 30, active_version="default")
    _version(registry, tmp_path, "junk", comparison=worse)
    _version(registry, tmp_path, "good", comparison=better)
    r = review(registry, "junk")
    assert r.needs_override and r.verdict == "worse" and "accuracy on 30 evaluation rows" in r.text
    with pytest.raises(PromotionRefused, match="not shown to be better than default"):
        promote(registry, "junk", actor="sam")
    with pytest.raises(PromotionRefused, match="give a reason"):
        promote(registry, "junk", force=True, reason="  ", actor="sam")
    assert registry.active_version("intent") == "default"  # nothing changed for the agents
    assert promote(registry, "good", actor="sam").status == "active"  # better: no override needed
    # junk was scored against default, good is active now: the comparison is stale
    assert review(registry, "junk").verdict == "cannot compare"
    forced = promote(registry, "junk", force=True, reason="need the new intents today", actor="sam")
    assert forced.status == "active"
    rows = _audit(database)
    assert [(r["action"], r["outcome"], r["to_version"]) for r in rows[:4]] == [
        ("promote", "done", "junk"),
        ("promote", "done", "good"),
        ("promote", "refused", "junk"),
        ("promote", "refused", "junk"),
    ]
    assert rows[0]["actor"] == "sam" and rows[0]["from_version"] == "good"
    assert rows[0]["reason"] == "override: need the new intents today"
    assert rows[1]["figures"].endswith(": better") and "+1.000" in rows[1]["figures"]
    with database.read() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last is not None and last.created_at is not None and last.details["comparison"]["n"] == 30

    # always a way back: to the first-run default, then to the instant demo engines
    assert registry.rollback("intent", "default", actor="sam").version == "default"
    assert registry.rollback("intent", "instant-intent", actor="sam").status == "active"
    loaded = load_engines(Settings(data_dir=tmp_path), database, embedder=HashEmbedder())
    assert isinstance(loaded.intent, NgramIntentEngine) and loaded.intent_path is None
    assert any("instant demo engine is the active version" in p for p in loaded.problems)
    assert [r["action"] for r in _audit(database)[:2]] == ["rollback", "rollback"]


def test_junk_versions_do_not_stop_the_first_run_defaults(database: Any, tmp_path: Path) -> None:
    registry = Registry(database, tmp_path / "models")
    _version(registry, tmp_path, "junk")
    registry.promote("junk")
    assert needed(registry) == ["intent", "drafts"]  # an active junk version is no default
    _version(registry, tmp_path, "default", origin="first-run")
    assert needed(registry) == ["drafts"]


# --------------------------------------------------------------------------- 4. fallback
@pytest.mark.slow
def test_a_broken_active_model_falls_back_to_the_last_good_version(
    database: Any, tmp_path: Path, tiny_backbone: Path
) -> None:
    from assist.core.records import LabelledText
    from training.train_intent import TrainIntentArgs, train

    examples = [
        LabelledText(t.format(n=i), label)
        for label, ts in {
            "order_status": ["where is my order {n}", "track parcel {n}"],
            "refund": ["refund order {n}", "money back for {n}"],
        }.items()
        for t in ts
        for i in range(10)
    ]
    out = tmp_path / "trained"
    args = TrainIntentArgs(examples=examples, out=out, backbone=str(tiny_backbone), epochs=1, threads=1, quiet=True)
    result = train(args)
    registry = Registry(database, tmp_path / "models")
    good = registry.register("intent", result.out_dir, version="good")
    registry.promote("good")
    broken_src = tmp_path / "broken"
    shutil.copytree(good.path, broken_src)
    for weights in broken_src.glob("*.safetensors"):
        weights.write_bytes(b"not a tensor file")
    registry.register("intent", broken_src, version="broken")
    registry.promote("broken", reason="test")
    loaded = load_engines(Settings(data_dir=tmp_path), database, embedder=HashEmbedder())
    assert loaded.intent_path == str(good.path) and not isinstance(loaded.intent, NgramIntentEngine)
    (problem,) = [p for p in loaded.problems if "is broken" in p]
    assert problem.startswith("intent model broken is broken (") and "serving the last good version good" in problem
    fallback = _audit(database)[0]
    assert (fallback["action"], fallback["from_version"], fallback["to_version"]) == ("fallback", "broken", "good")

    # loads fine but scores far below its own recorded figure on the yardstick: broken too
    proud_src = tmp_path / "proud"
    shutil.copytree(good.path, proud_src)
    meta = json.loads((proud_src / "assist.json").read_text())
    meta["metrics"] = {**meta.get("metrics", {}), "yardstick": {"demo_accuracy": 0.99, "n": 246}}
    (proud_src / "assist.json").write_text(json.dumps(meta))
    registry.register("intent", proud_src, version="proud")
    registry.promote("proud", reason="test")
    loaded = load_engines(Settings(data_dir=tmp_path), database, embedder=HashEmbedder())
    assert loaded.intent_path == str(good.path)
    (problem,) = [p for p in loaded.problems if "is broken" in p]
    assert "far below its recorded 0.99" in problem and "serving the last good version good" in problem


@pytest.mark.slow
def test_a_draft_model_that_loads_but_predicts_far_worse_than_recorded_falls_back(
    database: Any, tmp_path: Path
) -> None:
    """Untrained weights in a model directory that still loads and writes text: the desk's
    health check (reply NLL on held-out demo pairs vs the figure recorded at training) takes it
    out of service and serves the last good version instead."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    from assist.core.records import ReplyPairRecord
    from assist.learning.job_runner import drafts_yardstick
    from assist.learning.yardstick import demo_pair_rows
    from training.train_drafts import TrainDraftsArgs, train

    torch.set_num_threads(1)
    pairs = [ReplyPairRecord(r["customer"], r["agent"], r["intent"], r["lang"]) for r in demo_pair_rows()]
    args = TrainDraftsArgs(
        pairs=pairs, out=str(tmp_path / "trained"), base="scratch", recipe="drafts_tiny",
        epochs=10, max_steps=300, batch_size=8, eval_every=150,
    )  # fmt: skip
    result = train(args)
    recorded = drafts_yardstick(str(result.out_dir))
    assert recorded["n"] == 12 and 0 < recorded["demo_reply_nll"] < 5.5
    meta_path = result.out_dir / "assist.json"
    meta = json.loads(meta_path.read_text())
    meta["metrics"] = {**meta.get("metrics", {}), "yardstick": recorded}  # as the job runner records it
    meta_path.write_text(json.dumps(meta))
    registry = Registry(database, tmp_path / "models")
    good = registry.register("drafts", result.out_dir, version="good")
    registry.promote("good")
    settings = Settings(data_dir=tmp_path)
    loaded = load_engines(settings, database, embedder=HashEmbedder())
    assert loaded.drafts_path == str(good.path) and not [p for p in loaded.problems if "drafts" in p]
    assert getattr(loaded.drafts, "generator", None) is not None

    scrambled = tmp_path / "scrambled"
    shutil.copytree(good.path, scrambled)
    torch.manual_seed(1)
    AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(scrambled)).save_pretrained(scrambled)
    registry.register("drafts", scrambled, version="scrambled")
    registry.promote("scrambled", reason="test")
    loaded = load_engines(settings, database, embedder=HashEmbedder())
    assert loaded.drafts_path == str(good.path)
    (problem,) = [p for p in loaded.problems if "is broken" in p]
    assert problem.startswith("drafts model scrambled is broken (predicts the evaluation replies at ")
    assert f"far worse than its recorded {recorded['demo_reply_nll']:.2f}" in problem
    assert "serving the last good version good" in problem
    fallback = _audit(database)[0]
    assert (fallback["action"], fallback["from_version"], fallback["to_version"]) == ("fallback", "scrambled", "good")


def test_a_default_from_before_the_first_run_mark_still_counts(database: Any, tmp_path: Path) -> None:
    registry = Registry(database, tmp_path / "models")
    _version(registry, tmp_path, "old-default")  # registered by an earlier build: no origin mark
    database.writer.write(
        lambda s: s.add(TrainingRun(kind="intent", status="done", params={"mode": "demo"}, candidate_version="old-default"))
    )
    assert needed(registry) == ["drafts"]
