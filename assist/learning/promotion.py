"""Promotion with eyes open: the one guarded path from candidate to active model.

:func:`review` says what promoting a version would do (its comparison with the model active
now, in words); :func:`promote` promotes when the comparison says "better" (or there is no
active model), and otherwise only with ``force`` and a non-empty ``reason``. Both outcomes,
and a refusal, land in the audit trail with who, when, from which version to which and the
figures. The console's promote dialog and ``assist models promote [--force --reason]`` both
go through here.

A comparison is only valid against the version it was made with: when the active version
changed since the candidate was scored, the review says "cannot compare" (score it again with
a retrain, or override with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assist.learning.audit import record
from assist.learning.compare import CANNOT, NO_ACTIVE, describe, promotable, verdict
from assist.learning.job_errors import PromotionRefused
from assist.learning.registry import ModelVersionInfo, Registry, RegistryError


@dataclass(frozen=True, slots=True)
class Review:
    version: str
    kind: str
    active_version: str | None
    comparison: dict[str, Any]
    verdict: str
    text: str  # one line for people: n, both scores, the interval, the verdict

    @property
    def needs_override(self) -> bool:
        return not promotable(self.comparison)


def review(registry: Registry, version: str) -> Review:
    """The comparison that promoting ``version`` rests on (blocking: a database read)."""
    info = registry.get(version)
    if info is None:
        raise RegistryError(f"unknown model version {version}")
    active = registry.active(info.kind)
    active_version = active.version if active is not None else None
    if info.status == "active":
        raise RegistryError(f"{version} is already the active {info.kind} model")
    comparison = dict(info.metrics.get("comparison") or {})
    compared_with = comparison.get("active_version")
    if not comparison:
        comparison = {"n": 0, "verdict": NO_ACTIVE if active_version is None else CANNOT}
        comparison["why"] = "it was never scored on the evaluation set"
    elif active_version is not None and compared_with != active_version and verdict(comparison) != CANNOT:
        comparison["verdict"] = CANNOT
        comparison["why"] = f"it was scored against {compared_with or 'no model'}, but {active_version} is active now"
    v = verdict(comparison)
    return Review(version, info.kind, active_version, comparison, v, describe(comparison))


def promote(
    registry: Registry,
    version: str,
    *,
    force: bool = False,
    reason: str | None = None,
    actor: str | None = None,
) -> ModelVersionInfo:
    """Promote ``version`` if its comparison says better; else only with ``force`` and a reason.

    Raises :class:`PromotionRefused` (recorded in the audit trail) when refused.
    """
    r = review(registry, version)
    reason = (reason or "").strip() or None
    if r.needs_override and not (force and reason):
        why = (
            f"{version} is not shown to be better than {r.active_version or 'nothing'} ({r.text}). "
            "Promoting it needs an explicit override with a reason"
            + (" (--force --reason TEXT)" if not force else ": give a reason")
        )
        record(
            registry.database,
            "promote",
            kind=r.kind,
            actor=actor,
            from_version=r.active_version,
            to_version=version,
            outcome="refused",
            reason=reason,
            details={"comparison": r.comparison},
        )
        raise PromotionRefused(why)
    return registry.promote(
        version,
        actor=actor,
        reason=(f"override: {reason}" if r.needs_override else reason),
        comparison=r.comparison,
    )
