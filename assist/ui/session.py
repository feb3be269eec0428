"""``DeskSession``: everything a running desk holds, started and stopped in one place.

It wires the real parts together on the one qasync loop: the database (single writer), the
pipeline (:class:`AssistService`), the ingest server, outbox delivery, replay or the demo
feed, the heartbeat, the window and its controller. Engines start as the instant demo-shop
fallbacks and the real models load in the background, then swap in; a model that fails to
load leaves the fallback serving and the status bar says why.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from assist.config import Settings, save_settings
from assist.core.errors import AssistError
from assist.core.types import IncomingMessage
from assist.service import AssistService
from assist.service.engines import LoadedEngines, fallback_engines, load_engines
from assist.service.queries import outbox_backlog
from assist.storage.database import Database
from assist.storage.events import IngestResult
from assist.ui.bridge import ServiceBridge
from assist.ui.console_common import training_step
from assist.ui.controller import DeskController
from assist.ui.debug_view import DebugView
from assist.ui.errors import ErrorHub, describe
from assist.ui.heartbeat import Heartbeat
from assist.ui.i18n import current_language, install_language
from assist.ui.main_window import DeskWindow
from assist.ui.problems import DATABASE_ON_RESTART, MODELS_OFF
from assist.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)
MODEL_SETTINGS = ("intent_model_dir", "drafts_model_dir", "device", "generator", "remote_url", "remote_model")


class DeskSession:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        *,
        engines: LoadedEngines | None = None,
        load_models: bool = True,
        ingest: bool = True,
        outbox: bool = True,
        bootstrap: bool = True,
        embedder: Any = None,
        errors: ErrorHub | None = None,
    ) -> None:
        self.settings = settings
        self.database = database
        self.errors = errors or ErrorHub()
        self.bridge = ServiceBridge()
        self.engines = engines or fallback_engines()
        self.load_models = load_models
        self.want_bootstrap = bootstrap and load_models
        self.embedder: Any = embedder  # shared by every draft engine loaded (None: MiniLM, lazily)
        self.watchers: list[Any] = []
        self.want_ingest = ingest and settings.ingest_enabled
        self.want_outbox = outbox
        self.reads = ThreadPoolExecutor(1, "assist-ui-reads")
        self.service = AssistService(
            database,
            self.engines.intent,
            self.engines.drafts,
            agent_name=settings.agent_name,
            listener=self.bridge,
        )
        self.window = DeskWindow()
        self.controller = DeskController(
            self.window, self.service, self.bridge, self.errors, read_executor=self.reads
        )
        self.heartbeat = Heartbeat(parent=self.window)
        self.ingest: Any = None
        self.outbox: Any = None
        self.tasks: set[asyncio.Task[Any]] = set()
        self._opened = settings  # a new database URL applies on restart; models, where loaded
        self.problems: list[str] = list(self.engines.problems)
        self.debug_view: DebugView | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.console: QWidget | None = None
        self._poll = QTimer(self.window)
        self._poll.setInterval(2000)
        self._poll.timeout.connect(self.errors.guard("status")(self._poll_status))
        self.errors.reported.connect(self.window.status.show_error)
        w = self.window
        w.act_settings.triggered.connect(self.errors.guard("settings")(self.open_settings))
        w.act_debug.triggered.connect(self.errors.guard("debug")(self.open_debug))
        w.act_console.triggered.connect(self.errors.guard("console")(self.open_console))
        w.act_about.triggered.connect(self.errors.guard("about")(self.about))
        self.controller.after_send = self._after_send

    # ---------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        w = self.window
        w.status.set_models(
            self._version(self.service.intent_engine), self._version(self.service.draft_engine)
        )
        w.status.set_device(self.engines.device)
        w.status.set_problems(self.problems)
        self.heartbeat.start()
        self._poll.start()
        try:
            await self.controller.load_stored()
        except Exception as exc:  # noqa: BLE001 - an unreadable history must not stop the desk
            self.errors.report("history", exc)
        if self.want_ingest:
            await self.start_ingest()
        else:
            w.status.set_ingest(None)
        if self.want_outbox:
            await self.start_outbox()
        if self.load_models:
            self.spawn("models", self._start_models())
        self._poll_status()
        QTimer.singleShot(0, self.window, self.errors.guard("settings")(self.prepare_settings))  # when idle

    async def stop(self) -> None:
        for watcher in self.watchers:
            watcher.stop()
        self._poll.stop()
        self.heartbeat.stop()
        for task in list(self.tasks) + list(self.controller.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, *self.controller.tasks, return_exceptions=True)
        if self.ingest is not None:
            await self.ingest.stop()
        if self.outbox is not None:
            await self.outbox.stop()
        await self.service.aclose()
        self.reads.shutdown(wait=False, cancel_futures=True)

    def spawn(self, where: str, coro: Any) -> asyncio.Task[Any]:
        return self.errors.spawn(where, coro, self.tasks)

    # ---------------------------------------------------------------- message sources
    def on_message(self, msg: IncomingMessage, stored: IngestResult | None = None) -> None:
        """What the ingest server and replay call: the pipeline runs in its own task."""
        self.service.submit(msg, stored)

    async def start_ingest(self) -> None:
        try:
            await self._listen()
        except Exception as exc:  # noqa: BLE001 - e.g. the port is taken: the desk still works
            self._ingest_off(exc)

    async def _listen(self, problem: str | None = None) -> None:
        """Start the ingest server on the current settings (``problem``: shown beside its address)."""
        from assist.sources.ingest import IngestServer

        self.ingest = None
        server = IngestServer(self.database, self.settings, self.on_message)
        await server.start()
        self.ingest = server
        self.window.status.set_ingest(server.url.removeprefix("http://"), problem)

    def _ingest_off(self, exc: BaseException, before: str = "") -> None:
        self.ingest = None
        self.window.status.set_ingest(None, "\n".join(t for t in (before, describe(exc)) if t))
        self.errors.report("ingest", exc)

    async def start_outbox(self) -> None:
        try:
            from assist.sources.delivery import outbox_for

            self.outbox = outbox_for(self.database, self.settings)
            await self.outbox.start()
        except Exception as exc:  # noqa: BLE001
            self.outbox = None
            self.errors.report("outbox", exc)

    def start_replay(self, path: str | Path | None, *, speed: float = 1.0, demo: bool = False) -> None:
        """Play a conversation file, or (``demo``) a few demo-shop conversations, into the desk."""
        from assist.sources.replay import replay, replay_file, store_deliver

        deliver = store_deliver(self.database, self.on_message)
        if path is not None:
            self.spawn("replay", replay_file(path, deliver, speed=speed, gap_s=20.0))
        elif demo:
            self.spawn(
                "demo", replay(demo_conversations(current_language()), deliver, speed=speed, gap_s=25.0)
            )

    def _after_send(self) -> None:
        if self.outbox is not None:
            self.outbox.notify()

    # ---------------------------------------------------------------- engines
    async def _start_models(self) -> None:
        """Load the real models, follow promotions, and train the defaults on a first start."""
        await self.reload_models()
        loop = asyncio.get_running_loop()
        self._watch_registry(loop)
        if not self.want_bootstrap:
            return
        from assist.service.bootstrap_runner import kinds_needed, run_bootstrap

        kinds = await loop.run_in_executor(self.reads, kinds_needed, self.settings, self.database)
        if kinds:
            await run_bootstrap(self.settings, self.database, kinds, progress=self._training_progress)
            self.window.status.set_training(None)
            await self.reload_models()  # also done by the watcher; this makes it immediate

    def _training_progress(self, kind: str, fraction: float, message: str) -> None:
        what = (
            QCoreApplication.translate("DeskSession", "intent model")
            if kind == "intent"
            else QCoreApplication.translate("DeskSession", "draft model")
        )
        if fraction < 0:
            self.window.status.set_training(None)
            self.errors.report(
                "training",
                AssistError(
                    QCoreApplication.translate("DeskSession", "Training the %1 failed: %2")
                    .replace("%1", what)
                    .replace("%2", message)
                ),
            )
            return
        text = (
            QCoreApplication.translate("DeskSession", "Intent model")
            if kind == "intent"
            else QCoreApplication.translate("DeskSession", "Draft model")
        )
        detail = training_step(message)
        self.window.status.set_training(round(fraction * 100), f"{text}: {detail}" if detail else text)

    def _watch_registry(self, loop: asyncio.AbstractEventLoop) -> None:
        """A promotion anywhere (console, another desk, first-start training) swaps models in here."""
        try:
            from assist.learning.registry import Registry
        except ImportError:
            return
        registry = Registry(self.database, self.settings.models_dir)

        def changed(_info: Any) -> None:  # on the watcher thread
            loop.call_soon_threadsafe(lambda: self.spawn("models", self.reload_models()))

        for kind in ("intent", "drafts"):
            try:
                self.watchers.append(registry.watch(kind, changed))
            except Exception as exc:  # noqa: BLE001 - no live promotion, the rest works
                self.errors.report("registry", exc)

    async def reload_models(self) -> None:
        loop = asyncio.get_running_loop()
        if self.embedder is None:
            self.embedder = await loop.run_in_executor(None, _load_embedder)
        loaded = await loop.run_in_executor(
            None, lambda: load_engines(self.settings, self.database, embedder=self.embedder)
        )
        self.apply_engines(loaded)

    def apply_engines(self, loaded: LoadedEngines) -> None:
        old_error = getattr(self.engines.drafts, "generator_error", None)
        self.engines = loaded
        self.window.drafts.engines_changed(old_error, getattr(loaded.drafts, "generator_error", None))
        self.service.swap_engines(intent=loaded.intent, drafts=loaded.drafts, ab=loaded.ab)
        self.window.status.set_device(loaded.device)
        self._set_problems(loaded.problems)

    def _set_problems(self, engine_problems: list[str]) -> None:
        """The engines' problems, and the restart a new database URL waits for (translated by
        the status bar, so it follows a language switch)."""
        notes = [DATABASE_ON_RESTART] if self.settings.database_url != self._opened.database_url else []
        if not self.load_models and any(getattr(self.settings, k) != getattr(self._opened, k) for k in MODEL_SETTINGS):
            notes.append(MODELS_OFF)
        self.problems = [*engine_problems, *notes]
        self.window.status.set_problems(self.problems)

    @staticmethod
    def _version(engine: Any) -> str | None:
        return str(engine.version) if engine is not None else None

    # ---------------------------------------------------------------- status
    def _poll_status(self) -> None:
        status = self.window.status
        status.set_storage(self.database.writer.error)
        if self.outbox is not None:
            box = self.outbox.status
            status.set_outbox(box.pending, box.last_error, box.failed, box.last_refusal)
        elif self.want_outbox:
            self.spawn("outbox status", self._read_outbox())

    async def _read_outbox(self) -> None:
        def read() -> tuple[int, str | None]:
            with self.database.read() as session:
                return outbox_backlog(session)

        pending, error = await asyncio.get_running_loop().run_in_executor(self.reads, read)
        self.window.status.set_outbox(pending, error)

    # ---------------------------------------------------------------- dialogs
    def prepare_settings(self) -> SettingsDialog:
        """Build the settings dialog ahead of time (styling its widgets takes about a second on a
        busy machine), so Ctrl+, opens it at once; it is reused for every opening."""
        if self.settings_dialog is None:
            dialog = SettingsDialog(self.settings, self.window)
            dialog.finished.connect(lambda code: self._settings_done(dialog, code))
            self.settings_dialog = dialog
        return self.settings_dialog

    def open_settings(self) -> SettingsDialog:
        dialog = self.prepare_settings()
        dialog.load(self.settings)
        dialog.open()
        return dialog

    def _settings_done(self, dialog: SettingsDialog, code: int) -> None:
        if code == QDialog.DialogCode.Accepted and dialog.result_settings is not None:
            self.apply_settings(dialog.result_settings)

    def apply_settings(self, new: Settings, *, save: bool = True) -> None:
        """Save and apply: language and agent at once, models/ingest/outbox restarted in the background."""
        old, self.settings = self.settings, new
        if save:
            # only what was changed here: values from the environment or the command line
            # (ASSIST_BOOTSTRAP_TINY, a secret, --data-dir) must not become the saved settings
            changed = {f.name for f in fields(new) if getattr(new, f.name) != getattr(old, f.name)}
            save_settings(new, only=changed)
        if new.ui_language != old.ui_language:
            install_language(new.ui_language)
        self.service.agent_name = new.agent_name
        if self.load_models and any(getattr(new, k) != getattr(old, k) for k in MODEL_SETTINGS):
            self.spawn("models", self.reload_models())
        ingest: tuple[str, ...] = ("ingest_port", "ingest_token", "ingest_host", "ingest_enabled")
        ingest += ("chatwoot_account_id", "chatwoot_webhook_secret")
        if self.want_ingest and any(getattr(new, k) != getattr(old, k) for k in ingest):
            self.spawn("ingest", self._restart_ingest(old, saved=save))
        outbox = ("outbound_webhook", "outbound_token", "chatwoot_url", "chatwoot_account_id", "chatwoot_api_token")
        if self.want_outbox and any(getattr(new, k) != getattr(old, k) for k in outbox):
            self.spawn("outbox", self._restart_outbox())
        if any(getattr(new, k) != getattr(old, k) for k in ("database_url", *MODEL_SETTINGS)):
            self._set_problems(self.engines.problems)

    async def _restart_ingest(self, old: Settings, *, saved: bool) -> None:
        """Listen on the new settings; where that fails and the old address worked, listen there
        again (the settings, and the file where they were saved, go back to it) and say why in the
        ingest item's tooltip: a Save never leaves the desk without a listener."""
        listening = self.ingest is not None and self.ingest.running
        if self.ingest is not None:
            await self.ingest.stop()
        try:
            await self._listen()
            return
        except Exception as exc:  # noqa: BLE001 - the reason is shown; the old address is tried
            failure = exc
        if not listening:
            self._ingest_off(failure)
            return
        kept = {name: getattr(old, name) for name in ("ingest_host", "ingest_port")}
        self.settings = self.settings.replace(**kept)
        if saved:
            save_settings(self.settings, only=set(kept))
        self.errors.report("ingest", failure)
        try:
            await self._listen(problem=describe(failure))
        except Exception as exc:  # noqa: BLE001
            self._ingest_off(exc, before=describe(failure))

    async def _restart_outbox(self) -> None:
        if self.outbox is not None:
            await self.outbox.stop()
        await self.start_outbox()

    def open_debug(self) -> DebugView:
        if self.debug_view is None:
            self.debug_view = DebugView(self.heartbeat, self.service, self.window)
        self.debug_view.show()
        self.debug_view.raise_()
        return self.debug_view

    def open_console(self) -> QWidget | None:
        """The supervisor console (written by the learning-loop work); says so when it is missing."""
        if self.console is None:
            try:
                from assist.ui.console import SupervisorConsole
            except ImportError as exc:
                self.errors.report("console", AssistError(f"the supervisor console is not available ({exc})"))
                return None
            self.console = SupervisorConsole(self.database, self.settings)
        assert self.console is not None
        self.console.show()
        self.console.raise_()
        return self.console

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            QCoreApplication.translate("DeskSession", "About Assist"),
            self.window.tr(
                "Assist: intents and reply drafts for customer service, learning from every reply."
            ),
        )


def _load_embedder() -> Any:
    """The sentence embedder shared by every draft engine this desk loads (None: let it fail later)."""
    try:
        from assist.drafts.embedder import SentenceEmbedder

        return SentenceEmbedder()
    except Exception as exc:  # noqa: BLE001 - load_engines reports the consequence
        log.warning("sentence embedder unavailable: %s", exc)
        return None


def demo_conversations(ui_language: str, count: int = 8) -> list[Any]:
    """A few demo-shop conversations, mostly in the UI language, for the first start."""
    from assist.data.demo_shop import load_demo_shop

    convs = load_demo_shop().conversations
    mine = "zh" if ui_language.startswith("zh") else "en"
    first = [c for c in convs if (c.lang or "en").startswith(mine)][: count - 2]
    other = [c for c in convs if not (c.lang or "en").startswith(mine)][:2]
    mixed = first[:3] + other[:1] + first[3:] + other[1:]
    return mixed
