"""A first run killed half-way resumes where it stopped: count the steps.

The real first-run path (:func:`assist.learning.bootstrap.bootstrap`, a child process running
``training.draft_demo_shop.train_demo_shop`` on the tiny recipe, 20 steps, a checkpoint every 5)
is stopped once a checkpoint past the first quarter is written, as the desk quitting does.
The run is recorded ``paused`` and its checkpoint stays; the next start trains only the steps
that were left.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assist.config import Settings
from assist.learning.bootstrap import bootstrap, needed
from assist.learning.jobs import first_run_dir
from assist.learning.registry import Registry
from assist.storage.database import Database
from assist.storage.models import TrainingRun

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
STEP = re.compile(r"(checkpoint|resumed) at step (\d+)/(\d+)")


def test_a_first_run_killed_half_way_resumes_and_does_not_start_over(sqlite_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=sqlite_url)
    db = Database.open(sqlite_url)
    try:
        registry = Registry(db, settings.models_dir)
        first: list[tuple[str, int]] = []

        async def run_and_quit() -> None:
            task: asyncio.Task[Any] | None = None

            def progress(_f: float, message: str) -> None:
                m = STEP.search(message)
                if m:
                    first.append((m[1], int(m[2])))
                    if int(m[2]) >= 10 and task is not None:
                        task.cancel()  # the desk quits

            task = asyncio.ensure_future(bootstrap("drafts", settings, db, registry, progress, tiny=True))
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(run_and_quit())
        stopped_at = max(step for _, step in first)
        assert [step for _, step in first][:2] == [5, 10] and stopped_at < 20
        with db.read() as s:
            (run,) = s.scalars(select(TrainingRun)).all()
        assert run.status == "paused" and run.params["mode"] == "demo"
        assert (first_run_dir(settings.data_dir, "drafts") / "resume" / "checkpoint.pt").is_file()
        assert needed(registry) == ["intent", "drafts"]  # the next start runs it again

        second: list[tuple[str, int]] = []

        def progress2(_f: float, message: str) -> None:
            m = STEP.search(message)
            if m:
                second.append((m[1], int(m[2])))

        info = asyncio.run(bootstrap("drafts", settings, db, registry, progress2, tiny=True))
        resumed = second[0]
        assert resumed[0] == "resumed" and 10 <= resumed[1] <= stopped_at  # not from step 0
        assert all(step > resumed[1] for kind, step in second[1:] if kind == "checkpoint")
        assert info.metrics["steps"] == 20.0 and info.metrics["resumed_from_step"] == float(resumed[1])
        assert info.status == "active" and info.metrics["origin"] == "first-run"
        assert needed(registry) == ["intent"]
        assert not first_run_dir(settings.data_dir, "drafts").exists()  # cleaned up once registered
        with db.read() as s:
            runs = s.scalars(select(TrainingRun).order_by(TrainingRun.id)).all()
        assert [r.status for r in runs] == ["paused", "done"] and runs[1].params.get("resumed") is True
    finally:
        db.close()


def test_the_intent_first_run_keeps_the_languages_it_finished(tmp_path: Path) -> None:
    """Stage checkpoints of the routed intent model: a language finished before a restart is
    kept, and a pretrained scratch encoder is reused, not trained again."""
    from types import SimpleNamespace

    from assist.core.records import LabelledText
    from training.intent_demo_shop import train_demo_shop

    texts = {
        "en": {"refund": "i want a refund for order {n}", "track": "where is parcel {n}"},
        "zh": {"refund": "我要退款 订单{n}", "track": "我的包裹{n}在哪里"},
    }
    shop = SimpleNamespace(
        utterances=[
            LabelledText(t.format(n=i), label, lang)
            for lang, by_label in texts.items()
            for label, t in by_label.items()
            for i in range(12)
        ],
        replies=[],
        conversations=[],
    )
    out, resume = tmp_path / "model", tmp_path / "resume"
    first: list[str] = []
    train_demo_shop(out, lambda f, m: first.append(m), tiny=True, shop=shop, resume_dir=resume)
    assert (resume / "en.done.json").is_file() and (resume / "zh.done.json").is_file()
    assert (resume / "en-encoder" / "config.json").is_file()  # tiny: both languages on scratch encoders
    (resume / "zh.done.json").unlink()  # as if the restart came while Chinese was training
    second: list[str] = []
    result = train_demo_shop(out, lambda f, m: second.append(m), tiny=True, shop=shop, resume_dir=resume)
    assert "[en] finished before the restart: kept" in second
    assert not [m for m in second if m.startswith("[en]") and "kept" not in m]  # English not trained again
    assert any("[zh] reusing the encoder pretrained before the restart" in m for m in second)
    assert not any("[zh] pretrain" in m for m in second) and any("[zh] pretrain" in m for m in first)
    assert set(result.metrics) == {"en", "zh"}


EPOCH = re.compile(r"\[(\w+)\] fine-tune \((\w+)\): (checkpoint|resumed) at epoch (\d+)/(\d+)")


def test_an_intent_first_run_killed_half_way_resumes_from_its_last_epoch(sqlite_url: str, tmp_path: Path) -> None:
    """The intent default (tiny recipe: per language an MLM-pretrained encoder, a head warm start
    and a full fine-tune) is stopped after the English fine-tune's second epoch checkpoint; the
    next start keeps the finished warm start and the encoder, and fine-tunes from that epoch."""
    settings = Settings(data_dir=tmp_path / "data", database_url=sqlite_url)
    db = Database.open(sqlite_url)
    try:
        registry = Registry(db, settings.models_dir)
        first: list[tuple[str, str, str, int, int]] = []

        async def run_and_quit() -> None:
            task: asyncio.Task[Any] | None = None

            def progress(_f: float, message: str) -> None:
                m = EPOCH.search(message)
                if m:
                    first.append((m[1], m[2], m[3], int(m[4]), int(m[5])))
                    if (m[1], m[2], int(m[4])) == ("en", "full", 2) and task is not None:
                        task.cancel()  # the desk quits

            task = asyncio.ensure_future(bootstrap("intent", settings, db, registry, progress, tiny=True))
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(run_and_quit())
        full = [e for e in first if e[:3] == ("en", "full", "checkpoint")]
        assert [e[3] for e in full][:2] == [1, 2]
        stopped_at, total = max(e[3] for e in full), full[0][4]
        assert stopped_at < total
        with db.read() as s:
            (run,) = s.scalars(select(TrainingRun)).all()
        assert run.status == "paused"

        second: list[str] = []
        info = asyncio.run(bootstrap("intent", settings, db, registry, lambda _f, m: second.append(m), tiny=True))
        assert any("[en] fine-tune (head): finished before the restart: kept" in m for m in second)
        resumed = [EPOCH.search(m) for m in second]
        (resume,) = [m for m in resumed if m and m[1] == "en" and m[3] == "resumed"]
        assert resume[2] == "full" and 2 <= int(resume[4]) <= stopped_at  # not from epoch 0
        later = [int(m[4]) for m in resumed if m and (m[1], m[2], m[3]) == ("en", "full", "checkpoint")]
        assert all(epoch > int(resume[4]) for epoch in later)
        en = info.metrics["en"]
        assert en["resumed_from_epoch"] == int(resume[4]) and en["epochs_run"] >= int(resume[4])
        assert info.status == "active" and not first_run_dir(settings.data_dir, "intent").exists()
    finally:
        db.close()
