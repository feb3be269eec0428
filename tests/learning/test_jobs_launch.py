"""Retrain jobs under a launcher, by configuration only: the ``training_processes``,
``training_launcher`` and ``training_mixed_precision`` settings decide the child's command
line, and a job with 2 CPU processes trains one candidate data-parallel."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assist.config import load_settings
from assist.core.errors import ConfigError
from assist.learning.jobs import TrainingLaunch
from assist.storage.models import TrainingRun

from .test_jobs import _job, log_desk_work

SPEC = "/jobs/intent-1/spec.json"


def settings_from(tmp_path: Path, **env: str) -> Any:
    environ = {f"ASSIST_{k.upper()}": v for k, v in env.items()}
    return load_settings(config_dir=tmp_path, environ={"ASSIST_DATA_DIR": str(tmp_path), **environ}, create=False)


def test_default_settings_run_one_plain_process(tmp_path: Path) -> None:
    launch = TrainingLaunch.from_settings(settings_from(tmp_path))
    assert launch.command("py", "assist.learning.job_runner", SPEC) == ["py", "-m", "assist.learning.job_runner", SPEC]
    assert launch.params() == {}


def test_accelerate_settings_make_the_job_command_line(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, training_processes="4", training_mixed_precision="bf16")
    launch = TrainingLaunch.from_settings(settings)
    cmd = launch.command("py", "assist.learning.job_runner", SPEC)
    assert cmd[:3] == ["py", "-m", "accelerate.commands.launch"]
    assert cmd[cmd.index("--num_processes") + 1] == "4" and cmd[cmd.index("--mixed_precision") + 1] == "bf16"
    assert "--multi_gpu" in cmd and int(cmd[cmd.index("--main_process_port") + 1]) > 0
    assert cmd[-3:] == ["-m", "assist.learning.job_runner", SPEC]
    assert launch.params() == {"mixed_precision": "bf16"}  # the training scripts autocast on CUDA


def test_torchrun_and_cpu_settings(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, training_processes="2", training_launcher="torchrun", device="cpu")
    launch = TrainingLaunch.from_settings(settings)
    cmd = launch.command("py", "assist.learning.job_runner", SPEC)
    assert cmd == ["py", "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                   "-m", "assist.learning.job_runner", SPEC]  # fmt: skip
    assert launch.params() == {"device": "cpu"}  # CPU processes: gloo
    for bad in ({"training_processes": "0"}, {"training_launcher": "mpirun"}, {"training_mixed_precision": "fp8"}):
        with pytest.raises(ConfigError):
            settings_from(tmp_path, **bad)


@pytest.mark.slow
def test_a_retrain_job_trains_on_two_processes(database: Any, tmp_path: Path, tiny_backbone: Path) -> None:
    log_desk_work(database, 40)
    job = _job(database, tmp_path, tiny_backbone, launch=TrainingLaunch(processes=2, cpu=True))
    seen: list[str] = []
    result = asyncio.run(job.run(lambda f, m: seen.append(m)))
    assert result.candidate.path.is_dir() and (result.candidate.path / "assist.json").is_file()
    assert isinstance(result.comparison["candidate"], float)  # the main process evaluated it
    with database.read() as s:
        run = s.scalars(select(TrainingRun)).one()
    assert run.status == "done" and run.metrics["world_size"] == 2
    a, b = run.metrics["examples_seen_per_process"]
    # 2 epochs, each process half of every batch: every training row is seen once an epoch by one
    # of the two (a batch of odd size gives one process a row more)
    assert a + b == 2 * run.metrics["n_train"] and abs(a - b) <= 4, (a, b, run.metrics["n_train"])
    assert len([m for m in seen if m.startswith("starting")]) == 1  # one process spoke the protocol
