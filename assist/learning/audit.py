"""The audit trail: one ``audit_events`` row per train, evaluate, promote, roll back, A/B and
fallback action, with who did it, from which version to which, the figures and any reason.

Rows are added inside the unit of work that does the action (:func:`audit_row`), so the
trail and the registry never disagree; :func:`record` writes a lone row (a refused retrain,
a desk's fallback). :func:`audit_table` is the console's and the CSV export's view of it.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.learning.tables import Table
from assist.storage.models import AuditEvent

ACTIONS = ("train", "evaluate", "promote", "rollback", "ab_start", "ab_stop", "fallback")
AUDIT_COLUMNS = ("when", "action", "kind", "outcome", "actor", "from_version", "to_version", "figures", "reason")


def default_actor() -> str:
    """Who is at the keyboard (the OS user; the console and the CLI pass it on)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def audit_row(
    action: str,
    *,
    kind: str | None = None,
    actor: str | None = None,
    from_version: str | None = None,
    to_version: str | None = None,
    outcome: str = "done",
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    from assist.learning.jobs import json_safe

    return AuditEvent(
        action=action,
        kind=kind,
        actor=actor or default_actor(),
        from_version=from_version,
        to_version=to_version,
        outcome=outcome,
        reason=reason,
        details=json_safe(details) if details else None,
    )


def record_work(action: str, **fields: Any) -> Callable[[Session], int]:
    """A unit of work adding one audit row (returns its id)."""

    def work(s: Session) -> int:
        row = audit_row(action, **fields)
        s.add(row)
        s.flush()
        return row.id

    return work


def record(database: Any, action: str, **fields: Any) -> int:
    """Write one audit row now (blocking: scripts, job threads, never the UI thread)."""
    row_id: int = database.writer.write(record_work(action, **fields))
    return row_id


def figures_text(details: dict[str, Any] | None) -> str:
    """The comparison figures of an audit row in one line (empty when there are none)."""
    from assist.learning.compare import describe

    c = (details or {}).get("comparison")
    return describe(c) if isinstance(c, dict) else ""


def audit_table(session: Session, limit: int = 1000) -> Table:
    rows = []
    for e in session.scalars(select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(limit)):
        rows.append(
            (
                e.created_at.strftime("%Y-%m-%d %H:%M:%S") if e.created_at else "",
                e.action,
                e.kind or "",
                e.outcome,
                e.actor or "",
                e.from_version or "",
                e.to_version or "",
                figures_text(e.details) or str((e.details or {}).get("message", "")),
                e.reason or "",
            )
        )
    return Table("audit trail", AUDIT_COLUMNS, rows)
