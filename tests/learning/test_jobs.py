"""Retrain jobs: a real child process trains a tiny real model from logged data, reports
progress over the line protocol, is recorded in training_runs, compared, registered,
promoted; cancel and failure are recorded too."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assist.core.types import IncomingMessage, IntentPrediction, IntentScore
from assist.learning.jobs import JobCancelled, JobError, RetrainJob, is_better, parse_line
from assist.learning.registry import Registry
from assist.learning.sufficiency import DataRequirements
from assist.storage import events
from assist.storage.models import TrainingRun

pytestmark = pytest.mark.slow

TEMPLATES = {
    "track_order": ["where is my parcel {n}", "track my package {n} please", "has order {n} shipped"],
    "cancel_order": ["cancel my order {n}", "please cancel purchase {n}", "stop order {n} now"],
    "refund": ["i want my money back {n}", "refund me for {n}", "give me a refund on {n}"],
}


SMALL = DataRequirements(min_examples=10, min_per_intent=2, min_pairs=5)  # these tests log little


def log_desk_work(database: Any, n: int = 60) -> None:
    """Customer messages answered by an agent; every third prediction was wrong and corrected."""
    w = database.writer
    labels = list(TEMPLATES)
    for i in range(n):
        label = labels[i % 3]
        text = TEMPLATES[label][(i // 3) % 3].format(n=1000 + i)
        conv = f"c{i:03d}"
        pk = w.write(events.ingest_message(IncomingMessage(f"m{i}", conv, text))).message_pk
        predicted = labels[(i + 1) % 3] if i % 3 == 0 else label
        w.write(
            events.log_prediction(pk, IntentPrediction((IntentScore(predicted, 0.7),), False, "intent-v0"))
        )
        if predicted != label:
            w.write(events.log_correction(pk, to_label=label, from_label=predicted, agent_name="ann"))
        w.write(events.send_reply(conv, f"ok, about {label}", agent_name="ann", reply_to_pk=pk))


def _job(database: Any, tmp_path: Path, backbone: Path, **kw: Any) -> RetrainJob:
    params = {
        "backbone": str(backbone),
        "mode": "full",
        "epochs": 2,
        "batch_size": 16,
        "threads": 1,
        **kw.pop("params", {}),
    }
    return RetrainJob(
        "intent",
        database,
        Registry(database, tmp_path / "models"),
        tmp_path,
        params=params,
        include_imported=False,
        nice=0,
        **{"requirements": SMALL, **kw},
    )


def test_retrain_intent_in_a_child_process(database: Any, tmp_path: Path, tiny_backbone: Path) -> None:
    log_desk_work(database)
    seen: list[tuple[float, str]] = []
    job = _job(database, tmp_path, tiny_backbone, promote_if_better=True)
    result = asyncio.run(job.run(lambda f, m: seen.append((f, m))))
    assert result.promoted and result.active_before is None  # nothing to beat: promoted
    assert result.candidate.status == "active" and result.candidate.path.is_dir()
    assert result.candidate.path.parent == tmp_path / "models" / "intent"
    assert (result.candidate.path / "assist.json").is_file()
    fractions = [f for f, _ in seen]
    assert fractions[-1] == 1.0 and any(0 < f < 1 for f in fractions)
    assert any("fine-tune" in m or "epoch" in m for _, m in seen)  # progress came from the child
    c = result.comparison
    assert c["metric"] == "accuracy" and isinstance(c["candidate"], float) and c["active"] is None
    assert c["verdict"] == "no active model" and c["n"] >= 246  # the demo shop's held-out part at least
    assert result.log_path.is_file() and result.log_path.stat().st_size > 0
    with database.read() as s:
        run = s.scalars(select(TrainingRun)).one()
    assert run.status == "done" and run.candidate_version == result.candidate.version
    assert run.metrics["comparison"]["candidate"] == c["candidate"] and run.finished_at is not None
    # a second retrain is compared with the now active model on the same held-out rows
    again = asyncio.run(_job(database, tmp_path, tiny_backbone).run())
    assert again.active_before == result.candidate.version
    assert isinstance(again.comparison["active"], float) and again.comparison["n_heldout"] == c["n_heldout"]
    assert not again.promoted and again.candidate.status == "candidate"
    assert again.candidate.parent_version == result.candidate.version


def test_cancel_terminates_the_child(database: Any, tmp_path: Path, tiny_backbone: Path) -> None:
    log_desk_work(database, 30)
    job = _job(database, tmp_path, tiny_backbone, params={"epochs": 200})

    def progress(fraction: float, message: str) -> None:
        if "starting" in message:  # the child is alive and talking: stop it
            job.cancel()

    with pytest.raises(JobCancelled):
        asyncio.run(job.run(progress))
    assert job._proc is not None and job._proc.returncode is not None
    with database.read() as s:
        run = s.scalars(select(TrainingRun)).one()
    assert run.status == "cancelled" and run.candidate_version is None
    assert Registry(database, tmp_path / "models").list() == []


def test_failure_is_recorded(database: Any, tmp_path: Path, tiny_backbone: Path) -> None:
    job = _job(database, tmp_path, tiny_backbone, requirements=None)  # no check, nothing logged: it fails
    with pytest.raises(JobError, match="at least 2 intents"):
        asyncio.run(job.run())
    with database.read() as s:
        run = s.scalars(select(TrainingRun)).one()
    assert run.status == "failed" and "at least 2 intents" in (run.error or "")


def test_line_protocol_and_verdict() -> None:
    assert parse_line('{"progress": 0.5, "message": "x"}\n') == {"progress": 0.5, "message": "x"}
    assert parse_line("Some weights were not initialized") == {"log": "Some weights were not initialized"}
    assert parse_line('{"other": 1}') == {"log": '{"other": 1}'}
    assert is_better({"verdict": "better"}) and is_better({"verdict": "no active model"})
    assert not is_better({"candidate": 0.8, "active": 0.7})  # no interval, no verdict: cannot compare
    assert not is_better({"verdict": "not better"}) and not is_better({"verdict": "cannot compare"})
