"""First start on a fresh machine: train the demo shop's default models, register, promote.

The desk calls :func:`needed` at start (cheap) and, for each kind it returns, awaits
:func:`bootstrap` in the background while serving the fallback engines; the result is
the registered version, promoted when nothing was active, which the desk loads and hot-swaps in (``AssistService.swap_engines``).
Training runs in a separate process (a :class:`assist.learning.jobs.RetrainJob` in
``demo`` mode), so the desk stays responsive for the minutes it takes.

Which kinds need it: those without a first-run default in the registry (a version whose
metrics say ``origin: first-run``), whatever else is registered or active, so a junk or failed
retrain never stops the defaults from being built. The run checkpoints as it goes: the desk
quitting pauses it (``training_runs.status = paused``) and the next start resumes it (see
:class:`assist.learning.jobs.RetrainJob`).

The ``bootstrap_tiny`` setting (``ASSIST_BOOTSTRAP_TINY=1``) makes a first start train toy
models instead (tiny from-scratch BERTs, a tiny GPT: minutes on a laptop's CPU, far below the
real recipes' quality): for tests and smoke runs of the whole first-start path.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assist.learning.jobs import FIRST_RUN_ORIGIN, RetrainJob
from assist.learning.registry import KINDS, ModelVersionInfo, Registry

ProgressCallback = Callable[[float, str], None]


def needed(registry: Registry) -> list[str]:
    """The model kinds (``"intent"``, ``"drafts"``) that have no first-run default yet.

    A default is a version marked ``origin: first-run``, or (registered before that mark
    existed) the candidate of a finished ``demo``-mode training run.
    """
    from sqlalchemy import select

    from assist.storage.models import TrainingRun

    with registry.database.read() as s:
        legacy = {
            r.candidate_version
            for r in s.scalars(select(TrainingRun).where(TrainingRun.status == "done"))
            if (r.params or {}).get("mode") == "demo" and r.candidate_version
        }
    have = {
        i.kind
        for i in registry.list()
        if (i.metrics.get("origin") == FIRST_RUN_ORIGIN or i.version in legacy) and i.path.is_dir()
    }
    return [kind for kind in KINDS if kind not in have]


async def bootstrap(
    kind: str,
    settings: Any,
    database: Any,
    registry: Registry | None = None,
    progress: ProgressCallback | None = None,
    *,
    tiny: bool | None = None,
) -> ModelVersionInfo:
    """Train the demo-shop default for ``kind`` in a child process, register it, and promote
    it when no version of ``kind`` is active.

    ``tiny`` trains toy-sized models in minutes (tests, smoke runs); None: the
    ``bootstrap_tiny`` setting decides.
    """
    if tiny is None:
        tiny = bool(getattr(settings, "bootstrap_tiny", False))
    registry = registry or Registry(database, Path(settings.models_dir))
    active = await asyncio.get_running_loop().run_in_executor(None, registry.active_version, kind)
    job = RetrainJob(
        kind=kind,
        database=database,
        registry=registry,
        work_dir=Path(settings.data_dir),
        params={"tiny": tiny},
        mode="demo",
        # An active version someone chose stays active; the default is registered beside it
        # (one roll-back away). With nothing active the default becomes active.
        promote_always=active is None,
        actor="first run",
    )
    result = await job.run(progress)
    return result.candidate
