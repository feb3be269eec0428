"""A first run whose desk was SIGKILLed left its ``training_runs`` row ``running`` for ever: the
console's Jobs list showed a phantom job at 44 % next to the run that resumed it (review-desk)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.learning.job_errors import JobError
from assist.learning.jobs import RetrainJob, first_run_dir
from assist.learning.registry import Registry
from assist.learning.runs import jobs_table
from assist.storage.database import Database
from assist.storage.models import TrainingRun


def _killed_run(db: Database, data_dir: Path, kind: str, **kw: object) -> int:
    def work(s: Session) -> int:
        row = TrainingRun(kind=kind, status="running", params={"mode": "demo"}, progress=0.44, **kw)
        s.add(row)
        s.flush()
        return int(row.id)

    return int(db.writer.submit(work).result())


def test_a_resumed_first_run_closes_the_row_its_killed_predecessor_left_running(
    sqlite_url: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    db = Database.open(sqlite_url)
    try:
        killed = _killed_run(db, data_dir, "drafts", log_path=str(data_dir / "logs" / "retrain-drafts-1.log"))
        # another desk's first run on a shared database (its own data dir) is left alone
        other = _killed_run(db, data_dir, "drafts", log_path=str(tmp_path / "elsewhere" / "logs" / "x.log"))
        intent = _killed_run(db, data_dir, "intent", log_path=str(data_dir / "logs" / "retrain-intent-3.log"))
        (first_run_dir(data_dir, "drafts") / "resume").mkdir(parents=True)  # its checkpoints stayed
        job = RetrainJob(
            "drafts", db, Registry(db, data_dir / "models"), data_dir, mode="demo", python="/bin/false",
            requirements=None,
        )
        with pytest.raises(JobError):
            asyncio.run(job.run())  # the child dies at once: enough to start the resumed run
        with db.read() as s:
            rows = {r.id: r for r in s.scalars(select(TrainingRun))}
            table = jobs_table(s)
        assert rows[killed].status != "running" and rows[killed].finished_at is not None
        assert f"run {job.run_id}" in (rows[killed].message or "")
        assert rows[other].status == "running" and rows[intent].status == "running"
        statuses = dict(zip(table.column("run"), table.column("status"), strict=True))
        assert statuses[killed] == "paused"
    finally:
        db.close()
