"""Retrain jobs: export the logged data, train a candidate in a separate process, compare it
with the active model on the same held-out logged data, register it, maybe promote it.

The training runs in ``python -m assist.learning.job_runner`` started with
``asyncio.create_subprocess_exec``: the desk's event loop only reads progress lines, so it
never freezes, and :meth:`RetrainJob.cancel` terminates the process. The line protocol
(stdout, one JSON object a line) is::

    {"progress": 0.4, "message": "..."}   any number of times
    {"result": {...}}                     once, on success
    {"error": "..."}                      once, on failure

Anything else on stdout is treated as a log line.

Guards (issue 15): a retrain exports its data with the fixed evaluation set held out
(:mod:`assist.learning.yardstick`), checks there is enough of it (:mod:`assist.learning.sufficiency`;
short of it the run is ``refused`` and nothing trains), and the child scores candidate and
active model on the same yardstick rows (:mod:`assist.learning.compare`). Every run adds
``train`` and ``evaluate`` rows to the audit trail.

**First run (``mode="demo"``) survives a restart.** Its working directory is stable,
``<data_dir>/jobs/first-run-<kind>/`` (``model/`` the output, ``resume/`` the trainer's
checkpoints), and the spec carries ``resume_dir``. Cancelling it (the desk quitting) marks
the run ``paused`` and keeps the directory; the next start runs the job again and the
trainer picks up where it stopped (see :mod:`training.checkpoint` for the trainers' side).
The directory is removed once the model is registered. With the ``training_processes`` setting
above 1 the child runs data-parallel under ``accelerate launch`` (or ``torchrun``, the
``training_launcher`` setting), one process per GPU; only its main process speaks the
protocol (see :class:`TrainingLaunch`). stderr goes to the job's log file
(``<data_dir>/logs/retrain-<kind>-<run id>.log``). Each job is one ``training_runs`` row
(running -> done | failed | cancelled) holding the parameters, the metrics, the
comparison, the candidate version and the log path.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.core.types import utcnow
from assist.learning.audit import audit_row
from assist.learning.compare import promotable
from assist.learning.job_errors import JobCancelled, JobError, NotEnoughData
from assist.learning.registry import ModelVersionInfo, Registry
from assist.learning.sufficiency import DataRequirements
from assist.storage.models import TrainingRun

log = logging.getLogger(__name__)
ProgressCallback = Callable[[float, str], None]
LogCallback = Callable[[str], None]


__all__ = ["JobCancelled", "JobError", "JobResult", "NotEnoughData", "RetrainJob", "TrainingLaunch"]
FIRST_RUN_ORIGIN = "first-run"
PROGRESS_WRITE_S = 2.0


def first_run_dir(work_dir: Path, kind: str) -> Path:
    """The first-run job's working directory for ``kind`` (stable across restarts)."""
    return Path(work_dir) / "jobs" / f"first-run-{kind}"


@dataclass(slots=True)
class JobResult:
    run_id: int
    kind: str
    candidate: ModelVersionInfo
    active_before: str | None
    comparison: dict[str, Any]
    promoted: bool
    log_path: Path

    @property
    def better(self) -> bool:
        return is_better(self.comparison)

    def as_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "kind": self.kind,
            "candidate": self.candidate.version,
            "active_before": self.active_before,
            "comparison": self.comparison,
            "better": self.better,
            "promoted": self.promoted,
            "log": str(self.log_path),
        }


def json_safe(obj: Any) -> Any:
    """``obj`` with NaN/infinity as None (PostgreSQL's JSON rejects them) and other values as text."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [json_safe(v) for v in obj]
    if obj is None or isinstance(obj, str | int | bool):
        return obj
    return str(obj)


def parse_line(line: str) -> dict[str, Any]:
    """One protocol line as a dict; anything that is not a protocol object is ``{"log": line}``."""
    text = line.strip()
    if text.startswith("{"):
        try:
            obj = json.loads(text)
        except ValueError:
            return {"log": text}
        if isinstance(obj, dict) and ({"progress", "result", "error"} & obj.keys()):
            return obj
    return {"log": text}


def is_better(comparison: dict[str, Any]) -> bool:
    """The comparison lets the candidate be promoted without an override (its interval lies
    above zero, or there is no active model)."""
    return promotable(comparison)


def free_port() -> int:
    """A TCP port free right now on this machine (for the launcher's rendezvous)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True, slots=True)
class TrainingLaunch:
    """How a job starts its training process: plainly, or as ``processes`` data-parallel ones.

    From the settings ``training_processes``, ``training_launcher`` (accelerate | torchrun),
    ``training_mixed_precision`` (no | fp16 | bf16, CUDA only) and ``device`` (cpu: CPU
    processes talking over gloo, else one process per GPU over NCCL).
    """

    processes: int = 1
    launcher: str = "accelerate"
    mixed_precision: str = "no"
    cpu: bool = False

    @classmethod
    def from_settings(cls, settings: Any) -> TrainingLaunch:
        return cls(
            processes=int(settings.training_processes),
            launcher=str(settings.training_launcher),
            mixed_precision=str(settings.training_mixed_precision),
            cpu=settings.device == "cpu",
        )

    def params(self) -> dict[str, Any]:
        """Training-script arguments these settings imply (the job's own params win)."""
        out: dict[str, Any] = {}
        if self.mixed_precision != "no":
            out["mixed_precision"] = self.mixed_precision
        if self.cpu:
            out["device"] = "cpu"
        return out

    def command(self, python: str, module: str, *args: str) -> list[str]:
        """The command line running ``python -m module args`` once, or under the launcher."""
        if self.processes <= 1:
            return [python, "-m", module, *args]
        n = str(self.processes)
        if self.launcher == "torchrun":
            return [python, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", n, "-m", module, *args]
        if self.launcher != "accelerate":
            raise JobError(f"unknown training launcher {self.launcher!r}: use accelerate or torchrun")
        # --multi_gpu: accelerate's own --cpu would start one process; CPU workers come from
        # the script's device (gloo), see params().
        return [
            python, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes", n,
            "--num_machines", "1", "--mixed_precision", self.mixed_precision, "--dynamo_backend", "no",
            "--main_process_port", str(free_port()), "-m", module, *args,
        ]  # fmt: skip


@dataclass(slots=True)
class RetrainJob:
    """One retrain (``mode="retrain"``) or first-start demo training (``mode="demo"``)."""

    kind: str  # intent | drafts
    database: Any
    registry: Registry
    work_dir: Path  # logs/ and jobs/ are created under it (the data dir)
    params: dict[str, Any] = field(default_factory=dict)
    mode: str = "retrain"
    promote_if_better: bool = False
    promote_always: bool = False  # bootstrap: the first model becomes active
    include_imported: bool = True  # imported utterances/pairs keep old intents in the training set
    extra: dict[str, Any] = field(default_factory=dict)  # extra spec fields (e.g. extra_intents)
    python: str = sys.executable
    launch: TrainingLaunch = field(default_factory=TrainingLaunch)  # TrainingLaunch.from_settings(settings)
    nice: int = 10
    requirements: DataRequirements | None = field(default_factory=DataRequirements)  # None: no check
    actor: str | None = None  # who started it (the audit trail); None: the OS user
    _proc: asyncio.subprocess.Process | None = None
    _cancelled: bool = False
    run_id: int | None = None
    log_path: Path | None = None

    async def run(
        self, on_progress: ProgressCallback | None = None, on_log: LogCallback | None = None
    ) -> JobResult:
        if self.kind not in ("intent", "drafts"):
            raise JobError(f"unknown model kind {self.kind!r}: use intent or drafts")
        report = on_progress or (lambda f, m: None)
        loop = asyncio.get_running_loop()
        active = await loop.run_in_executor(None, self.registry.active, self.kind)
        jobs_dir = Path(self.work_dir) / "jobs"
        jobs_dir.mkdir(parents=True, exist_ok=True)
        if self.mode == "demo":
            job_dir = first_run_dir(self.work_dir, self.kind)
            resuming = (job_dir / "resume").is_dir() or (job_dir / "model").is_dir()
            job_dir.mkdir(parents=True, exist_ok=True)
        else:
            job_dir, resuming = Path(tempfile.mkdtemp(prefix=f"{self.kind}-", dir=jobs_dir)), False
        self.run_id = await asyncio.wrap_future(self.database.writer.submit(self._start_row(resuming)))
        logs = Path(self.work_dir) / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        self.log_path = logs / f"retrain-{self.kind}-{self.run_id}.log"
        await asyncio.wrap_future(self.database.writer.submit(self._update_row(log_path=str(self.log_path))))
        try:
            spec = {
                "kind": self.kind,
                "mode": self.mode,
                "out_dir": str(job_dir / "model"),
                "dataset_dir": str(job_dir / "data"),
                "active_dir": str(active.path) if active is not None else None,
                "active_version": active.version if active is not None else None,
                "params": {**self.launch.params(), **self.params},
                "work_dir": str(self.work_dir),
                "models_dir": str(self.registry.models_dir),
                **self.extra,
            }
            if self.mode == "demo":
                spec["resume_dir"] = str(job_dir / "resume")
                if resuming:
                    report(0.0, "resuming the first-run training where it stopped")
            if self.mode == "retrain":
                report(0.0, "exporting redacted training data (the evaluation set held out)")
                manifest = await loop.run_in_executor(None, self._export, job_dir / "data")
                spec["data_hash"] = manifest["data_hash"]
                await loop.run_in_executor(None, self._check_data, job_dir / "data")
            (job_dir / "spec.json").write_text(
                json.dumps(spec, ensure_ascii=False, default=str), encoding="utf-8"
            )
            result = await self._run_child(job_dir / "spec.json", self._recording(report), on_log)
            comparison = result.get("comparison") or {}
            metrics = json_safe({**(result.get("metrics") or {}), "comparison": comparison})
            if self.mode == "demo":
                metrics["origin"] = FIRST_RUN_ORIGIN
            candidate = await loop.run_in_executor(
                None,
                lambda: self.registry.register(
                    self.kind,
                    result["out_dir"],
                    version=result.get("version"),
                    parent_version=active.version if active is not None else None,
                    data_hash=spec.get("data_hash"),
                    metrics=metrics,
                    move=True,
                ),
            )
            if comparison:
                comparison["candidate_version"] = candidate.version
                await loop.run_in_executor(
                    None, lambda: self.registry.update_metrics(candidate.version, {"comparison": comparison})
                )
            if self.mode == "demo":
                shutil.rmtree(job_dir, ignore_errors=True)
            promoted = False
            if self.promote_always or (self.promote_if_better and is_better(comparison)):
                why = "first-run default" if self.mode == "demo" else "better on the evaluation set"
                candidate = await loop.run_in_executor(
                    None,
                    lambda: self.registry.promote(
                        candidate.version, actor=self.actor, reason=why, comparison=comparison or None
                    ),
                )
                promoted = True
            await asyncio.wrap_future(
                self.database.writer.submit(
                    self._update_row(
                        status="done",
                        metrics=metrics,
                        candidate_version=candidate.version,
                        finished=True,
                        audit={"to_version": candidate.version, "comparison": comparison},
                    )
                )
            )
            report(1.0, f"candidate {candidate.version}" + (" promoted" if promoted else ""))
            assert self.run_id is not None
            return JobResult(
                self.run_id,
                self.kind,
                candidate,
                active.version if active else None,
                comparison,
                promoted,
                self.log_path,
            )
        except BaseException as exc:
            stopped = self._cancelled or isinstance(exc, asyncio.CancelledError)
            status = (
                "refused"
                if isinstance(exc, NotEnoughData)
                else ("paused" if self.mode == "demo" else "cancelled")
                if stopped
                else "failed"
            )
            await asyncio.shield(
                asyncio.wrap_future(
                    self.database.writer.submit(
                        self._update_row(status=status, error=str(exc)[:2000], finished=True, audit={})
                    )
                )
            )
            if isinstance(exc, asyncio.CancelledError):
                await self._terminate()
            if self.mode != "demo":
                shutil.rmtree(job_dir, ignore_errors=True)
            raise

    def _recording(self, report: ProgressCallback) -> ProgressCallback:
        """``report`` that also keeps the run's row up to date (at most every 2 s), so the
        console's jobs list shows any job's progress, whichever process runs it."""
        last = [0.0]

        def both(fraction: float, message: str) -> None:
            report(fraction, message)
            now = time.monotonic()
            if now - last[0] >= PROGRESS_WRITE_S or fraction >= 1.0:
                last[0] = now
                try:
                    self.database.writer.submit(self._update_row(progress=fraction, message=message))
                except Exception as exc:  # noqa: BLE001 - progress display only; the job goes on
                    log.debug("progress not recorded: %s", exc)

        return both

    def cancel(self) -> None:
        """Stop the training process (the run is recorded as cancelled)."""
        self._cancelled = True
        if self._proc is not None and self._proc.returncode is None:
            self._proc.terminate()

    # ------------------------------------------------------------------ internals
    def _export(self, out: Path) -> dict[str, Any]:
        from assist.learning.dataset import export_dataset
        from assist.learning.yardstick import assign_heldout

        return export_dataset(
            self.database,
            out,
            kind="intents" if self.kind == "intent" else "pairs",
            include_imported=self.include_imported,
            heldout_groups=assign_heldout(self.database),
        )

    def _check_data(self, dataset_dir: Path) -> None:
        """Raise :class:`NotEnoughData` when the training split is short of the requirements."""
        if self.requirements is None:
            return
        from assist.learning.sufficiency import require

        require(self.kind, dataset_dir, self.requirements)

    async def _run_child(
        self, spec_path: Path, report: ProgressCallback, on_log: LogCallback | None
    ) -> dict[str, Any]:
        assert self.log_path is not None
        env = dict(os.environ)
        env.setdefault("TOKENIZERS_PARALLELISM", "false")
        env.setdefault("HF_HUB_OFFLINE", "1")
        env["PYTHONUNBUFFERED"] = "1"
        repo_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = repo_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        with self.log_path.open("ab") as log_file:
            self._proc = await asyncio.create_subprocess_exec(
                *self.launch.command(self.python, "assist.learning.job_runner", str(spec_path)),
                stdout=asyncio.subprocess.PIPE,
                stderr=log_file,
                env=env,
                preexec_fn=self._lower_priority if self.nice and hasattr(os, "nice") else None,
            )
            result: dict[str, Any] | None = None
            error: str | None = None
            assert self._proc.stdout is not None
            try:
                async for raw in self._proc.stdout:
                    obj = parse_line(raw.decode("utf-8", "replace"))
                    if "progress" in obj:
                        report(float(obj["progress"]), str(obj.get("message", "")))
                    if "result" in obj:
                        result = obj["result"]
                    if "error" in obj:
                        error = str(obj["error"])
                    if "log" in obj and on_log is not None and obj["log"]:
                        on_log(obj["log"])
                code = await self._proc.wait()
            except asyncio.CancelledError:
                await self._terminate()
                raise
        if self._cancelled:
            raise JobCancelled(f"retrain {self.kind} cancelled")
        if code != 0 or result is None:
            raise JobError(error or f"training process exited with code {code}; see {self.log_path}")
        return result

    def _lower_priority(self) -> None:
        """In the child before exec: niceness ``self.nice`` in total (not added to the parent's)."""
        os.nice(max(0, self.nice - os.nice(0)))

    async def _terminate(self) -> None:
        proc = self._proc
        if proc is None or proc.returncode is not None:
            return
        proc.terminate()
        try:
            await asyncio.wait_for(proc.wait(), 10)
        except TimeoutError:
            proc.kill()
            await proc.wait()

    def _start_row(self, resuming: bool = False) -> Callable[[Session], int]:
        params = {"mode": self.mode, "promote_if_better": self.promote_if_better, **self.params}
        if resuming:
            params["resumed"] = True

        logs = str(Path(self.work_dir) / "logs") + os.sep
        closes_stale = resuming and self.mode == "demo"

        def work(s: Session) -> int:
            row = TrainingRun(kind=self.kind, status="running", params=json_safe(params))
            s.add(row)
            s.flush()
            if closes_stale:
                # A desk killed mid-run (SIGKILL, power cut) never marked its run paused: the run
                # this one resumes (same kind, same data dir) is over, whatever its row says.
                stale = s.scalars(
                    select(TrainingRun).where(
                        TrainingRun.kind == self.kind, TrainingRun.status == "running", TrainingRun.id != row.id
                    )
                )
                for old in stale:
                    if (old.params or {}).get("mode") == "demo" and (old.log_path or "").startswith(logs):
                        old.status = "paused"
                        old.finished_at = utcnow()
                        old.message = f"stopped without finishing (the desk was killed); resumed as run {row.id}"
            return row.id

        return work

    def _update_row(
        self,
        *,
        status: str | None = None,
        metrics: dict[str, Any] | None = None,
        candidate_version: str | None = None,
        log_path: str | None = None,
        error: str | None = None,
        finished: bool = False,
        audit: dict[str, Any] | None = None,
        progress: float | None = None,
        message: str | None = None,
    ) -> Callable[[Session], None]:
        """Update the run's row; with ``audit`` (the job ended) also add its audit rows."""
        run_id = self.run_id

        def work(s: Session) -> None:
            row = s.get(TrainingRun, run_id)
            if row is None:
                return
            if audit is not None:
                self._audit(s, status or row.status, error, audit)
            if status:
                row.status = status
            if metrics is not None:
                row.metrics = json_safe(metrics)
            if candidate_version:
                row.candidate_version = candidate_version
            if log_path:
                row.log_path = log_path
            if error:
                row.error = error
            if progress is not None:
                row.progress = max(0.0, min(1.0, float(progress)))
            if message is not None:
                row.message = message[:500]
            if finished:
                row.finished_at = utcnow()
                if status == "done":
                    row.progress = 1.0

        return work

    def _audit(self, s: Session, status: str, error: str | None, audit: dict[str, Any]) -> None:
        outcome = {"done": "done", "refused": "refused", "paused": "paused"}.get(status, "failed")
        common: dict[str, Any] = {"kind": self.kind, "actor": self.actor}
        details = {"run_id": self.run_id, "mode": self.mode, "message": error or ""}
        s.add(
            audit_row(
                "train",
                to_version=audit.get("to_version"),
                outcome=outcome if status != "cancelled" else "cancelled",
                reason=error,
                details=details,
                **common,
            )
        )
        comparison = audit.get("comparison")
        if comparison:
            s.add(
                audit_row(
                    "evaluate",
                    from_version=comparison.get("active_version"),
                    to_version=audit.get("to_version"),
                    details={"comparison": comparison, "run_id": self.run_id},
                    **common,
                )
            )
