"""First start: train the default models in a child process while the desk already works.

On a fresh machine nothing is trained yet, so the desk serves the demo shop's instant
engines (see :mod:`assist.service.engines`) and this module trains the defaults in the
background through the learning loop's job runner (:func:`assist.learning.bootstrap.bootstrap`:
a separate process, so the event loop never stalls), reporting progress, and tells the
caller when each model is registered and promoted so it can load and hot-swap it.

A kind the user pointed at a model directory in the settings is never bootstrapped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from assist.config import Settings
from assist.storage.database import Database

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, float, str], None]  # kind, fraction 0..1, message
DoneFn = Callable[[str, Any], Awaitable[None] | None]  # kind, ModelVersionInfo


def kinds_needed(settings: Settings, database: Database) -> list[str]:
    """Model kinds with no active version and no directory named in the settings (blocking read)."""
    try:
        from assist.learning.bootstrap import needed
        from assist.learning.registry import Registry
    except ImportError:
        return []
    kinds = needed(Registry(database, settings.models_dir))
    explicit = {"intent": settings.intent_model_dir, "drafts": settings.drafts_model_dir}
    return [k for k in kinds if not explicit.get(k)]


async def run_bootstrap(
    settings: Settings,
    database: Database,
    kinds: Sequence[str],
    *,
    progress: ProgressFn | None = None,
    on_done: DoneFn | None = None,
    tiny: bool | None = None,
) -> dict[str, Any]:
    """Train each kind in turn (intent first: it matters most); returns kind -> promoted version.

    ``tiny``: toy models (tests); None follows the ``bootstrap_tiny`` setting.

    A failure of one kind is logged and reported through ``progress`` (fraction -1) and the
    next kind still runs. Cancelling the task terminates the training process.
    """
    from assist.learning.bootstrap import bootstrap
    from assist.learning.registry import Registry

    registry = Registry(database, settings.models_dir)
    done: dict[str, Any] = {}
    order = sorted(kinds, key=lambda k: 0 if k == "intent" else 1)
    for kind in order:

        def report(fraction: float, message: str, kind: str = kind) -> None:
            if progress is not None:
                progress(kind, fraction, message)

        report(0.0, "starting")
        try:
            info = await bootstrap(kind, settings, database, registry, report, tiny=tiny)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the desk keeps the fallback and says why
            log.warning("first-start training of the %s model failed: %s", kind, exc)
            report(-1.0, f"failed: {exc}")
            continue
        done[kind] = info
        if on_done is not None:
            maybe = on_done(kind, info)
            if maybe is not None:
                await maybe
    return done
