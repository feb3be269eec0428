"""The jobs list: every training run (retrains and the first run) with its live progress.

A run's row is kept up to date by :class:`assist.learning.jobs.RetrainJob` (status, progress,
the latest message, the log path), so any console shows any job, whichever process runs it:
the desk's first-run training, a console retrain, ``assist retrain`` in a terminal.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.learning.tables import Table
from assist.storage.models import TrainingRun

JOB_COLUMNS = ("run", "kind", "job", "status", "progress", "message", "started", "finished", "candidate", "log")


def job_name(params: dict[str, object] | None) -> str:
    mode = (params or {}).get("mode")
    if mode == "demo":
        return "first run (resumed)" if (params or {}).get("resumed") else "first run"
    return "retrain"


def jobs_table(session: Session, limit: int = 200) -> Table:
    rows = []
    for r in session.scalars(select(TrainingRun).order_by(TrainingRun.id.desc()).limit(limit)):
        rows.append(
            (
                r.id,
                r.kind,
                job_name(r.params),
                r.status,
                round(float(r.progress), 3) if r.progress is not None else None,
                r.error if r.status in ("failed", "refused") and r.error else (r.message or ""),
                r.started_at.strftime("%Y-%m-%d %H:%M:%S") if r.started_at else "",
                r.finished_at.strftime("%Y-%m-%d %H:%M:%S") if r.finished_at else "",
                r.candidate_version or "",
                r.log_path or "",
            )
        )
    return Table("training jobs", JOB_COLUMNS, rows)


def log_tail(path: str | Path | None, max_chars: int = 20000) -> str:
    """The end of a job's log file (empty when there is none yet)."""
    if not path:
        return ""
    try:
        with Path(path).open("rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - max_chars))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""
