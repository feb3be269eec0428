"""The model registry: versions on disk under ``<models_dir>/<kind>/<version>/`` and in
``model_versions``, with one active version per kind, promotion and rollback.

Why the database holds the truth: desks on other machines share it, so "which version is
active" must be one row everybody reads. A promotion is one transaction (the old active
becomes ``retired``, the new one ``active`` with ``promoted_at``), so a desk polling
:meth:`Registry.active_version` sees either the old or the new version, never neither.
Rollback returns to the version that was active before the current one (by
``promoted_at``), stepping further back on repeated rollbacks, or to any version named; the
registry keeps every version, the first-run defaults and the *instant* demo engines (a
built-in version per kind, ``instant-<kind>``, whose directory holds only ``assist.json``
with ``"builtin": "instant"``: the desk serves the demo shop's n-gram intents and library
drafts for it). Every promotion, rollback and A/B start or stop adds an ``audit_events`` row
in the same transaction (:mod:`assist.learning.audit`).

Running desks learn about a change by polling (:meth:`Registry.watch` runs a small
thread that calls back when the active version changes); a poll is one indexed query,
cheap enough every few seconds. The callback runs on the watcher thread: a Qt desk must
hand it to its own thread (e.g. ``loop.call_soon_threadsafe``).

An **A/B test** runs between the active version of a kind and one *challenger* of the same
kind (status ``challenger``; one test at a time, see :meth:`Registry.start_ab`). Desks poll it
with the active version (:meth:`Registry.serving`) and split new conversations between the
two; stopping the test returns the challenger to ``candidate``, promoting it ends the test
with the challenger active.

Model directories are copied into the registry (the training output can be deleted) and
carry ``assist.json`` (kind, version, parent, data hash, metrics), written by the
training scripts; the registry fills in what is missing.
"""

from __future__ import annotations

import builtins
import json
import logging
import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.core.errors import AssistError
from assist.core.types import utcnow
from assist.storage.models import ModelVersion

log = logging.getLogger(__name__)
KINDS = ("intent", "drafts")
CHALLENGER = "challenger"
META_FILE = "assist.json"
BUILTIN_PREFIX = "instant-"


def builtin_version(kind: str) -> str:
    """The registry name of the instant demo engine of ``kind``."""
    return BUILTIN_PREFIX + kind


def is_builtin(path: Path | str | None) -> bool:
    """True for the instant demo engines' registry directory (nothing to load: serve the fallback)."""
    return path is not None and read_meta(Path(path)).get("builtin") == "instant"


class RegistryError(AssistError):
    pass


@dataclass(frozen=True, slots=True)
class ModelVersionInfo:
    kind: str
    version: str
    path: Path
    status: str  # candidate | active | retired | challenger
    parent_version: str | None
    data_hash: str | None
    metrics: dict[str, Any]
    created_at: datetime | None
    promoted_at: datetime | None

    @classmethod
    def of(cls, row: ModelVersion) -> ModelVersionInfo:
        return cls(
            kind=row.kind,
            version=row.version,
            path=Path(row.path),
            status=row.status,
            parent_version=row.parent_version,
            data_hash=row.data_hash,
            metrics=dict(row.metrics or {}),
            created_at=row.created_at,
            promoted_at=row.promoted_at,
        )


def read_meta(path: Path) -> dict[str, Any]:
    """A model directory's ``assist.json`` (empty when absent or unreadable)."""
    try:
        data = json.loads((Path(path) / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise RegistryError(f"unknown model kind {kind!r}: use intent or drafts")


class Registry:
    """Blocking calls (database and file copies): run them off the UI thread."""

    def __init__(self, database: Any, models_dir: Path) -> None:
        self.database = database
        self.models_dir = Path(models_dir)

    # ------------------------------------------------------------------ reads
    def get(self, version: str) -> ModelVersionInfo | None:
        with self.database.read() as s:
            row = s.scalars(select(ModelVersion).where(ModelVersion.version == version)).first()
            return ModelVersionInfo.of(row) if row is not None else None

    def active(self, kind: str) -> ModelVersionInfo | None:
        _check_kind(kind)
        with self.database.read() as s:
            row = _active_row(s, kind)
            return ModelVersionInfo.of(row) if row is not None else None

    def active_version(self, kind: str) -> str | None:
        """The active version's name: the cheap poll a desk runs every few seconds."""
        with self.database.read() as s:
            return s.scalar(
                select(ModelVersion.version)
                .where(ModelVersion.kind == kind, ModelVersion.status == "active")
                .order_by(ModelVersion.promoted_at.desc(), ModelVersion.id.desc())
                .limit(1)
            )

    def challenger(self) -> ModelVersionInfo | None:
        """The version an A/B test runs against its kind's active version (None: no test)."""
        with self.database.read() as s:
            row = s.scalars(select(ModelVersion).where(ModelVersion.status == CHALLENGER).limit(1)).first()
            return ModelVersionInfo.of(row) if row is not None else None

    def ab_test(self) -> tuple[ModelVersionInfo, ModelVersionInfo] | None:
        """The running A/B test as (active version, challenger), or None."""
        challenger = self.challenger()
        if challenger is None:
            return None
        active = self.active(challenger.kind)
        return (active, challenger) if active is not None else None

    def serving(self, kind: str) -> tuple[str | None, str | None]:
        """(active version, A/B challenger or None) of ``kind``: what a desk polls to follow both."""
        with self.database.read() as s:
            rows = s.execute(
                select(ModelVersion.version, ModelVersion.status)
                .where(ModelVersion.kind == kind, ModelVersion.status.in_(("active", CHALLENGER)))
                .order_by(ModelVersion.promoted_at.desc(), ModelVersion.id.desc())
            ).all()
        active = next((v for v, st in rows if st == "active"), None)
        return active, next((v for v, st in rows if st == CHALLENGER), None)

    def list(self, kind: str | None = None) -> builtins.list[ModelVersionInfo]:
        """Versions, newest first."""
        with self.database.read() as s:
            q = select(ModelVersion).order_by(ModelVersion.created_at.desc(), ModelVersion.id.desc())
            if kind is not None:
                q = q.where(ModelVersion.kind == kind)
            return [ModelVersionInfo.of(r) for r in s.scalars(q)]

    # ------------------------------------------------------------------ writes
    def register(
        self,
        kind: str,
        path: Path | str,
        *,
        version: str | None = None,
        parent_version: str | None = None,
        data_hash: str | None = None,
        metrics: dict[str, Any] | None = None,
        move: bool = False,
    ) -> ModelVersionInfo:
        """Copy (or move) a trained model directory into the registry as a ``candidate``.

        Missing arguments come from the directory's ``assist.json``; the version must be new.
        """
        _check_kind(kind)
        src = Path(path)
        if not src.is_dir():
            raise RegistryError(f"model directory not found: {src}")
        meta = read_meta(src)
        version = version or meta.get("version")
        if not version:
            raise RegistryError(f"{src}: no version given and no 'version' in {META_FILE}")
        if self.get(version) is not None:
            raise RegistryError(f"model version {version} is already registered")
        parent_version = parent_version or meta.get("parent") or meta.get("parent_version")
        data_hash = data_hash or meta.get("data_hash")
        merged_metrics = {**(meta.get("metrics") or {}), **(metrics or {})}
        dest = self.models_dir / kind / version
        if src.resolve() != dest.resolve():
            if dest.exists():
                raise RegistryError(f"{dest} exists but is not registered; move it away first")
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.parent / f".{version}.{uuid.uuid4().hex[:8]}.tmp"
            if move:
                shutil.move(str(src), str(tmp))
            else:
                shutil.copytree(src, tmp)
            tmp.rename(dest)  # the directory appears complete or not at all
        meta.update(
            {
                "kind": meta.get("kind", kind),
                "version": version,
                "parent": parent_version,
                "data_hash": data_hash,
                "metrics": merged_metrics,
            }
        )
        (dest / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

        def work(s: Session) -> ModelVersionInfo:
            row = ModelVersion(
                kind=kind,
                version=version,
                path=str(dest),
                parent_version=parent_version,
                data_hash=data_hash,
                metrics=merged_metrics,
                status="candidate",
            )
            s.add(row)
            s.flush()
            return ModelVersionInfo.of(row)

        info: ModelVersionInfo = self.database.writer.write(work)
        log.info("registered %s model %s at %s", kind, version, dest)
        return info

    def update_metrics(self, version: str, metrics: dict[str, Any]) -> ModelVersionInfo:
        """Merge ``metrics`` (e.g. a candidate-vs-active comparison) into a version's metrics."""

        def work(s: Session) -> ModelVersionInfo:
            row = _row(s, version)
            row.metrics = {**(row.metrics or {}), **metrics}
            return ModelVersionInfo.of(row)

        info: ModelVersionInfo = self.database.writer.write(work)
        return info

    def ensure_builtin(self, kind: str) -> ModelVersionInfo:
        """Register the instant demo engine of ``kind`` (once) so it can be rolled back to."""
        _check_kind(kind)
        version = builtin_version(kind)
        info = self.get(version)
        if info is not None:
            return info
        folder = self.models_dir / kind / version
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"kind": kind, "version": version, "builtin": "instant", "metrics": {"origin": "instant"}}
        (folder / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

        def work(s: Session) -> ModelVersionInfo:
            row = s.scalars(select(ModelVersion).where(ModelVersion.version == version)).first()
            if row is None:
                row = ModelVersion(
                    kind=kind, version=version, path=str(folder), metrics={"origin": "instant"}, status="retired"
                )
                s.add(row)
                s.flush()
            return ModelVersionInfo.of(row)

        info = self.database.writer.write(work)
        assert info is not None
        return info

    def promote(
        self,
        version: str,
        *,
        actor: str | None = None,
        reason: str | None = None,
        comparison: dict[str, Any] | None = None,
        action: str = "promote",
    ) -> ModelVersionInfo:
        """Make ``version`` the active one of its kind; the previous active is retired.

        No checks on quality here: :func:`assist.learning.promotion.promote` is the guarded
        path the console and the CLI use. The audit row records ``actor``, ``reason`` and the
        ``comparison`` figures.
        """
        from assist.learning.audit import audit_row

        def work(s: Session) -> ModelVersionInfo:
            row = _row(s, version)
            if not Path(row.path).is_dir():
                raise RegistryError(f"cannot promote {version}: its directory {row.path} is missing")
            before = _active_row(s, row.kind)
            for other in s.scalars(
                select(ModelVersion).where(ModelVersion.kind == row.kind, ModelVersion.status == "active")
            ):
                if other.id != row.id:
                    other.status = "retired"
            row.status = "active"
            row.promoted_at = utcnow()
            s.add(
                audit_row(
                    action,
                    kind=row.kind,
                    actor=actor,
                    from_version=before.version if before is not None else None,
                    to_version=version,
                    reason=reason,
                    details={"comparison": comparison} if comparison else None,
                )
            )
            return ModelVersionInfo.of(row)

        info: ModelVersionInfo = self.database.writer.write(work)
        log.info("promoted %s model %s", info.kind, version)
        return info

    def rollback(
        self, kind: str, to_version: str | None = None, *, actor: str | None = None, reason: str | None = None
    ) -> ModelVersionInfo:
        """Reactivate ``to_version`` (any registered version of ``kind``), or by default the
        version that was active before the current one, or else the instant demo engine."""
        from assist.learning.audit import audit_row

        _check_kind(kind)
        builtin = self.ensure_builtin(kind)

        def work(s: Session) -> ModelVersionInfo:
            current = _active_row(s, kind)
            if to_version is not None:
                target = _row(s, to_version)
                if target.kind != kind:
                    raise RegistryError(f"{to_version} is a {target.kind} model, not {kind}")
                if current is not None and target.id == current.id:
                    raise RegistryError(f"{to_version} is already the active {kind} model")
                if not Path(target.path).is_dir():
                    raise RegistryError(f"cannot roll back to {to_version}: its directory {target.path} is missing")
            else:
                if current is None:
                    raise RegistryError(f"no active {kind} model to roll back from")
                if current.version == builtin.version:
                    raise RegistryError(f"no earlier {kind} version to roll back to (current: the instant demo engine)")
                q = select(ModelVersion).where(
                    ModelVersion.kind == kind,
                    ModelVersion.status == "retired",
                    ModelVersion.promoted_at.is_not(None),
                    ModelVersion.id != current.id,
                )
                if current.promoted_at is not None:
                    q = q.where(ModelVersion.promoted_at < current.promoted_at)
                target = s.scalars(
                    q.order_by(ModelVersion.promoted_at.desc(), ModelVersion.id.desc()).limit(1)
                ).first() or _row(s, builtin.version)
                if target.id == current.id:
                    raise RegistryError(f"no earlier {kind} version to roll back to (current: {current.version})")
            if current is not None:
                current.status = "retired"
                current.metrics = {**(current.metrics or {}), "rolled_back_at": utcnow().isoformat()}
            target.status = "active"  # promoted_at kept: a second rollback steps further back
            if target.promoted_at is None and target.version != builtin.version:
                target.promoted_at = utcnow()
            s.add(
                audit_row(
                    "rollback",
                    kind=kind,
                    actor=actor,
                    from_version=current.version if current is not None else None,
                    to_version=target.version,
                    reason=reason,
                )
            )
            return ModelVersionInfo.of(target)

        info: ModelVersionInfo = self.database.writer.write(work)
        log.info("rolled back %s to %s", kind, info.version)
        return info

    def start_ab(self, version: str, *, actor: str | None = None) -> ModelVersionInfo:
        """Start an A/B test of ``version`` against the active version of its kind.

        One test at a time: a running test must be stopped first. The challenger must be a
        registered, non-active version whose directory exists.
        """

        def work(s: Session) -> ModelVersionInfo:
            row = _row(s, version)
            running = s.scalars(select(ModelVersion).where(ModelVersion.status == CHALLENGER)).first()
            if running is not None and running.id != row.id:
                raise RegistryError(
                    f"an A/B test with {running.version} is running; stop it first (assist models ab stop)"
                )
            if row.status == "active":
                raise RegistryError(f"{version} is the active {row.kind} model; an A/B test needs another")
            active = _active_row(s, row.kind)
            if active is None:
                raise RegistryError(f"no active {row.kind} model to test {version} against")
            if not Path(row.path).is_dir():
                raise RegistryError(f"cannot test {version}: its directory {row.path} is missing")
            row.status = CHALLENGER
            from assist.learning.audit import audit_row

            s.add(audit_row("ab_start", kind=row.kind, actor=actor, from_version=active.version, to_version=version))
            return ModelVersionInfo.of(row)

        info: ModelVersionInfo = self.database.writer.write(work)
        log.info("A/B test started: %s model %s against the active version", info.kind, version)
        return info

    def stop_ab(self, *, actor: str | None = None) -> ModelVersionInfo | None:
        """End the A/B test (the challenger becomes a ``candidate`` again); None when none ran."""

        def work(s: Session) -> ModelVersionInfo | None:
            stopped = None
            from assist.learning.audit import audit_row

            for row in s.scalars(select(ModelVersion).where(ModelVersion.status == CHALLENGER)):
                row.status = "candidate"
                stopped = ModelVersionInfo.of(row)
                s.add(audit_row("ab_stop", kind=row.kind, actor=actor, to_version=row.version))
            return stopped

        info: ModelVersionInfo | None = self.database.writer.write(work)
        if info is not None:
            log.info("A/B test stopped: everyone gets the active %s model again", info.kind)
        return info

    # ------------------------------------------------------------------ notification
    def watch(
        self, kind: str, callback: Callable[[ModelVersionInfo | None], None], interval_s: float = 3.0
    ) -> ActiveWatcher:
        """Call ``callback(info)`` (on a watcher thread) whenever ``kind``'s active version or its
        A/B challenger changes (``info``: the active version)."""
        _check_kind(kind)
        return ActiveWatcher(self, kind, callback, interval_s).start()


class ActiveWatcher:
    """A daemon thread polling :meth:`Registry.serving`; :meth:`stop` ends it."""

    def __init__(
        self,
        registry: Registry,
        kind: str,
        callback: Callable[[ModelVersionInfo | None], None],
        interval_s: float,
    ) -> None:
        self.registry = registry
        self.kind = kind
        self.callback = callback
        self.interval_s = interval_s
        self.current: str | None = None  # the active version
        self.challenger: str | None = None  # the A/B challenger of this kind
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"assist-registry-watch-{kind}", daemon=True)

    def start(self) -> ActiveWatcher:
        self.current, self.challenger = self._poll_once()
        self._thread.start()
        return self

    def _poll_once(self) -> tuple[str | None, str | None]:
        try:
            return self.registry.serving(self.kind)
        except Exception as exc:  # noqa: BLE001 - the database may be briefly unreachable
            log.warning("registry poll failed: %s", exc)
            return self.current, self.challenger

    def check(self) -> bool:
        """Poll now; True (and the callback called) when the active version or challenger changed."""
        seen = self._poll_once()
        if seen == (self.current, self.challenger):
            return False
        self.current, self.challenger = seen
        info = self.registry.get(seen[0]) if seen[0] else None
        try:
            self.callback(info)
        except Exception:
            log.exception("model change callback failed")
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.check()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)


def _row(s: Session, version: str) -> ModelVersion:
    row = s.scalars(select(ModelVersion).where(ModelVersion.version == version)).first()
    if row is None:
        raise RegistryError(f"unknown model version {version}")
    return row


def _active_row(s: Session, kind: str) -> ModelVersion | None:
    return s.scalars(
        select(ModelVersion)
        .where(ModelVersion.kind == kind, ModelVersion.status == "active")
        .order_by(ModelVersion.promoted_at.desc(), ModelVersion.id.desc())
        .limit(1)
    ).first()
