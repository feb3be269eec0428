"""``load_engines``: which intent and draft engines a desk (or server) runs, and why.

Order of preference for each kind:

1. the model directory named in the settings (``intent_model_dir`` / ``drafts_model_dir``);
2. the model registry's active version (``assist.learning.registry``);
3. a fallback that needs no training (:mod:`assist.service.fallback`): n-gram intents and
   library drafts from the demo shop.

While an A/B test runs in the registry (:mod:`assist.service.ab`) the challenger is loaded too
and returned as ``ab``; a challenger that fails to load leaves everyone on the promoted
version, and ``problems`` says so.

A model that is missing or broken never stops the app: the fallback is used and the reason
goes into ``problems``, which the desk's status bar shows. Blocking (loads weights): call it
from an executor.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.config import Settings
from assist.core.errors import AssistError
from assist.core.threads import use_default_torch_threads
from assist.core.transformers_import import import_transformers
from assist.drafts.base import DraftEngine
from assist.intent.base import IntentEngine
from assist.service.ab import ABSplit, open_split
from assist.service.last_good import fall_back
from assist.storage.database import Database

log = logging.getLogger(__name__)


@dataclass(slots=True)
class LoadedEngines:
    intent: IntentEngine | None
    drafts: DraftEngine | None
    problems: list[str] = field(default_factory=list)
    intent_path: str | None = None  # the model directory in use (None: a fallback)
    drafts_path: str | None = None
    device: str = "cpu"
    ab: ABSplit | None = None  # the A/B test served (None: everyone gets the engines above)

    @property
    def intent_trained(self) -> bool:
        return self.intent_path is not None

    @property
    def drafts_trained(self) -> bool:
        return self.drafts_path is not None

    @property
    def needs_bootstrap(self) -> bool:
        """No trained model of some kind exists yet: the first-start training should run."""
        return not (self.intent_trained and self.drafts_trained)


def active_model_dir(database: Database, settings: Settings, kind: str) -> str | None:
    """The registry's active model directory for ``kind`` ('intent' or 'drafts'), if any."""
    try:
        from assist.learning.registry import Registry  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _active_from_table(database, kind)
    try:
        info = Registry(database, settings.models_dir).active(kind)
    except Exception as exc:  # noqa: BLE001 - a registry problem must not stop the desk
        log.warning("model registry unavailable: %s", exc)
        return _active_from_table(database, kind)
    return str(info.path) if info is not None else None


def _active_from_table(database: Database, kind: str) -> str | None:
    """Read the active version straight from ``model_versions`` (before the registry module exists)."""
    from sqlalchemy import select

    from assist.storage.models import ModelVersion

    with database.read() as session:
        row = session.scalars(
            select(ModelVersion)
            .where(ModelVersion.kind == kind, ModelVersion.status == "active")
            .order_by(ModelVersion.promoted_at.desc(), ModelVersion.id.desc())
            .limit(1)
        ).first()
    return row.path if row is not None else None


def load_intent(settings: Settings, path: str) -> IntentEngine:
    from assist.intent.loading import load_intent_engine

    return load_intent_engine(path, device=settings.device)


def load_drafts(
    settings: Settings, database: Database, model_dir: str | None, *, embedder: Any = None
) -> tuple[DraftEngine, str | None]:
    """The real draft engine (retrieval + generator) and why generation is off, if it is.

    ``build_draft_engine`` never fails because of a bad model: it serves retrieved drafts
    and reports ``generator_error``, which we pass on as a problem for the status bar.
    """
    from assist.data.demo_shop import load_demo_shop
    from assist.drafts.loading import build_draft_engine

    engine = build_draft_engine(
        model_dir=model_dir,
        library=load_demo_shop().replies,
        generator=settings.generator,
        device=settings.device,
        remote_url=settings.remote_url,
        remote_model=settings.remote_model,
        remote_api_key=settings.remote_api_key,
        remote_api=settings.remote_api,
        timeout_s=settings.generation_timeout_s,
        embedder=embedder,
    )
    why = getattr(engine, "generator_error", None)
    return engine, (str(why) if why else None)


def fallback_engines() -> LoadedEngines:
    """Instant engines for the first second of a desk (the real ones load in the background)."""
    problems: list[str] = []
    intent: IntentEngine | None = None
    drafts: DraftEngine | None = None
    try:
        intent = fallback_intent()
        drafts = fallback_drafts()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"demo shop unavailable: {_why(exc)}")
    return LoadedEngines(intent=intent, drafts=drafts, problems=problems)


@functools.cache
def fallback_intent() -> IntentEngine:
    """Built once per process (immutable, so desks and tests in one process share it)."""
    from assist.data.demo_shop import load_demo_shop
    from assist.service.fallback import NgramIntentEngine

    shop = load_demo_shop()
    return NgramIntentEngine(shop.utterances, oos_examples=shop.out_of_scope)


@functools.cache
def fallback_drafts() -> DraftEngine:
    from assist.data.demo_shop import load_demo_shop
    from assist.service.fallback import LibraryDraftEngine

    return LibraryDraftEngine(load_demo_shop().replies)


def _why(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, AssistError) else f"{type(exc).__name__}: {exc}"


def load_engines(settings: Settings, database: Database, *, embedder: Any = None) -> LoadedEngines:
    """Load the engines the settings and the registry ask for (blocking; see the module doc).

    ``embedder``: a sentence embedder to share (None: the draft engine loads MiniLM).
    """
    problems: list[str] = []
    intent: IntentEngine | None = None
    drafts: DraftEngine | None = None
    use_default_torch_threads()  # also for the embedder and generator, whatever the intent runtime
    import_transformers()  # before any loader thread resolves a transformers name

    intent_path = settings.intent_model_dir or _safe(
        lambda: active_model_dir(database, settings, "intent"), problems
    )
    from_registry = not settings.intent_model_dir
    if intent_path and _instant(intent_path, "intent", problems):
        intent_path = None
    if intent_path:
        try:
            intent = load_intent(settings, intent_path)
            if from_registry:
                _check_health(intent, intent_path)
        except Exception as exc:  # noqa: BLE001 - any failure: fall back and say why
            if from_registry:
                intent, intent_path = fall_back(
                    database, settings, "intent", intent_path, _why(exc), _healthy_loader(settings), problems
                )
            else:
                problems.append(f"intent model not loaded: {_why(exc)}")
                intent_path = None
    if intent is None:
        try:
            intent = fallback_intent()
        except Exception as exc:  # noqa: BLE001
            problems.append(f"no intent engine: {_why(exc)}")
        if not problems:
            problems.append("no trained intent model yet: using the demo shop's n-gram matcher")

    drafts_path = settings.drafts_model_dir or _safe(
        lambda: active_model_dir(database, settings, "drafts"), problems
    )
    if drafts_path and _instant(drafts_path, "drafts", problems):
        drafts_path = None
    try:
        drafts, why_not = load_drafts(settings, database, drafts_path or None, embedder=embedder)
        from_registry = bool(drafts_path) and not settings.drafts_model_dir
        if from_registry and not why_not:
            why_not = _drafts_health_problem(drafts, str(drafts_path))
        if why_not and drafts_path and not settings.drafts_model_dir:

            def load_good(path: str) -> DraftEngine:
                engine, why = load_drafts(settings, database, path, embedder=embedder)
                why = why or _drafts_health_problem(engine, path)
                if why:
                    raise AssistError(why)
                return engine

            good, drafts_path = fall_back(database, settings, "drafts", drafts_path, why_not, load_good, problems)
            drafts = good or drafts
        elif why_not:
            problems.append(f"drafts are retrieved only: {why_not}")
            drafts_path = None
    except Exception as exc:  # noqa: BLE001 - e.g. the embedder cannot load: library drafts below
        problems.append(f"draft engine not loaded: {_why(exc)}; serving library drafts")
        drafts_path = None
    if drafts is None:
        try:
            drafts = fallback_drafts()
        except Exception as exc:  # noqa: BLE001
            problems.append(f"no draft engine: {_why(exc)}")
    device = str(getattr(intent, "device", "") or settings.device)
    if device == "auto":
        device = "cpu"
    paths = {"intent": intent_path or None, "drafts": drafts_path or None}
    return LoadedEngines(
        intent=intent,
        drafts=drafts,
        problems=problems,
        intent_path=paths["intent"],
        drafts_path=paths["drafts"],
        device=device,
        ab=load_ab(settings, database, paths, problems, embedder=embedder),
    )


def _instant(path: str, kind: str, problems: list[str]) -> bool:
    """The registry's active version is the instant demo engine (rolled back to it)."""
    from assist.learning.registry import is_builtin

    if not is_builtin(path):
        return False
    problems.append(f"{kind}: the instant demo engine is the active version (rolled back to it)")
    return True


def _check_health(engine: IntentEngine, path: str) -> None:
    from assist.learning.registry import read_meta
    from assist.service.last_good import check_intent_health

    check_intent_health(engine, dict(read_meta(Path(path)).get("metrics") or {}))


def _drafts_health_problem(engine: DraftEngine, path: str) -> str | None:
    """Why the engine's generator must not serve (it scores far worse than recorded), or None.
    An unhealthy generator is taken out of the engine, so its retrieved drafts still serve."""
    from assist.learning.registry import read_meta
    from assist.service.last_good import UnhealthyModel, check_drafts_health

    generator = getattr(engine, "generator", None)
    try:
        check_drafts_health(generator, dict(read_meta(Path(path)).get("metrics") or {}))
    except UnhealthyModel as exc:
        set_generator = getattr(engine, "set_generator", None)
        if set_generator is not None:
            set_generator(None, str(exc))
        return str(exc)
    return None


def _healthy_loader(settings: Settings) -> Any:
    def load(path: str) -> IntentEngine:
        engine = load_intent(settings, path)
        _check_health(engine, path)
        return engine

    return load


def load_ab(
    settings: Settings,
    database: Database,
    serving: dict[str, str | None],
    problems: list[str],
    *,
    embedder: Any = None,
) -> ABSplit | None:
    """The registry's running A/B test with its challenger loaded, or None (and why, in ``problems``).

    ``serving``: the model directory each kind is served from; the test runs only where the
    promoted version is the one served (not a directory named in the settings, not a fallback).
    """
    try:
        from assist.learning.registry import Registry

        test = Registry(database, settings.models_dir).ab_test()
    except Exception as exc:  # noqa: BLE001 - no test then; the rest works
        problems.append(f"A/B test state unreadable: {_why(exc)}")
        return None
    if test is None:
        return None
    promoted, challenger = test
    if serving.get(challenger.kind) != str(promoted.path):
        problems.append(
            f"A/B test {promoted.version} vs {challenger.version} not served: "
            f"this desk does not run the promoted {challenger.kind} model"
        )
        return None

    def load(info: Any) -> Any:
        if info.kind == "intent":
            return load_intent(settings, str(info.path))
        engine, why_not = load_drafts(settings, database, str(info.path), embedder=embedder)
        if why_not:
            raise AssistError(why_not)
        return engine

    try:
        return open_split(test, load)
    except Exception as exc:  # noqa: BLE001 - everyone keeps the promoted version
        problem = (
            f"A/B test not running: challenger {challenger.version} not loaded ({_why(exc)}); "
            f"everyone gets {promoted.version}"
        )
        log.warning("%s", problem)
        problems.append(problem)
        return None


def _safe(fn: Any, problems: list[str]) -> str | None:
    try:
        result = fn()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"model registry unreadable: {_why(exc)}")
        return None
    return str(result) if result else None
