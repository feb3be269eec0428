"""A desk whose active model is broken falls back to the last good version, and says so.

"Broken" is: it fails to load, or it scores far below its own recorded figure on the demo
shop's part of the yardstick, checked quickly when the model loads: an intent model's
accuracy on :data:`HEALTH_ROWS` utterances falls by more than :data:`HEALTH_DROP`; a draft
model's reply NLL on a dozen held-out pairs rises by more than
:data:`assist.drafts.health.NLL_RISE` nats a token (untrained weights, a tokenizer that no
longer matches, an adapter on the wrong base). The desk then serves the newest version
promoted before it that loads and passes the check (the registry is not changed: other desks
may be fine), records a ``fallback`` row in the audit trail, and the reason goes into the
status bar's problems. No good version left: the instant demo engines, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assist.core.errors import AssistError

log = logging.getLogger(__name__)
HEALTH_DROP = 0.15  # accuracy below the recorded figure by more than this: broken
HEALTH_ROWS = 100


class UnhealthyModel(AssistError):
    pass


def check_intent_health(engine: Any, metrics: dict[str, Any]) -> None:
    """Raise :class:`UnhealthyModel` when the engine scores far below its recorded yardstick figure."""
    recorded = (metrics.get("yardstick") or {}).get("demo_accuracy")
    if not isinstance(recorded, int | float):
        return
    from assist.learning.yardstick import demo_intent_rows

    rows = demo_intent_rows()
    step = max(1, len(rows) // HEALTH_ROWS)
    rows = rows[::step][:HEALTH_ROWS]
    if not rows:
        return
    preds = engine.classify([r["text"] for r in rows], [None] * len(rows))
    live = sum(p.top.label == r["label"] for p, r in zip(preds, rows, strict=True)) / len(rows)
    if live < recorded - HEALTH_DROP:
        raise UnhealthyModel(
            f"scores {live:.2f} on the evaluation set, far below its recorded {recorded:.2f}"
        )


def check_drafts_health(generator: Any, metrics: dict[str, Any]) -> None:
    """Raise :class:`UnhealthyModel` when the generator predicts the demo replies far worse
    than its recorded figure (nothing recorded, or nothing to score with: no check)."""
    recorded = (metrics.get("yardstick") or {}).get("demo_reply_nll")
    if not isinstance(recorded, int | float) or generator is None:
        return
    from assist.drafts.health import HEALTH_PAIRS, NLL_RISE, reply_nll
    from assist.learning.yardstick import demo_health_pairs

    live = reply_nll(generator, demo_health_pairs(HEALTH_PAIRS))
    if live is not None and live > recorded + NLL_RISE:
        raise UnhealthyModel(
            f"predicts the evaluation replies at {live:.2f} nats a token, far worse than its recorded {recorded:.2f}"
        )


def earlier_versions(registry: Any, kind: str, current: str) -> list[Any]:
    """Versions of ``kind`` promoted before ``current`` (newest first; not the instant engine)."""
    from assist.learning.registry import is_builtin

    now = registry.get(current)
    infos = [
        i
        for i in registry.list(kind)
        if i.version != current and i.promoted_at is not None and not is_builtin(i.path) and i.path.is_dir()
    ]
    if now is not None and now.promoted_at is not None:
        infos = [i for i in infos if i.promoted_at is not None and i.promoted_at <= now.promoted_at]
    return sorted(infos, key=lambda i: i.promoted_at, reverse=True)


def fall_back(
    database: Any,
    settings: Any,
    kind: str,
    failed_path: str,
    why: str,
    load: Callable[[str], Any],
    problems: list[str],
) -> tuple[Any, str | None]:
    """(engine, path) of the last good version of ``kind``, or (None, None); records why."""
    from assist.learning.audit import record
    from assist.learning.registry import Registry, read_meta

    registry = Registry(database, settings.models_dir)
    failed = str(read_meta(Path(failed_path)).get("version") or failed_path)
    for info in earlier_versions(registry, kind, failed):
        try:
            engine = load(str(info.path))
        except Exception as exc:  # noqa: BLE001 - try the next one
            log.warning("fallback %s %s not usable either: %s", kind, info.version, exc)
            continue
        problems.append(f"{kind} model {failed} is broken ({why}); serving the last good version {info.version}")
        _record(record, database, kind, failed, info.version, why)
        return engine, str(info.path)
    problems.append(f"{kind} model {failed} is broken ({why}); no earlier good version, serving the demo engines")
    _record(record, database, kind, failed, None, why)
    return None, None


def _record(record: Any, database: Any, kind: str, failed: str, to: str | None, why: str) -> None:
    try:
        record(database, "fallback", kind=kind, actor="desk", from_version=failed, to_version=to, reason=why)
    except Exception as exc:  # noqa: BLE001 - the desk serves anyway
        log.warning("cannot record the fallback: %s", exc)
