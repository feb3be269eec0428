"""The desk with a real fine-tuned draft model: Generated cards beside the library's, to docs/.

    Xvfb :99 -screen 0 1440x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots_generated.py EN_MODEL_DIR [ZH_MODEL_DIR]

Writes ``desk-generated-en.png`` (and ``desk-generated-zh.png``; ``-`` for EN_MODEL_DIR skips English). The model directories are draft
models trained by ``assist train drafts`` (models/README.md); the intents come from the demo
shop's instant engine, the drafts from the real hybrid engine (retrieval + the model, bf16).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from assist.config import Settings  # noqa: E402
from assist.core.types import DraftSource, IncomingMessage  # noqa: E402
from assist.storage.database import Database  # noqa: E402
from assist.ui.app import make_app  # noqa: E402
from assist.ui.i18n import install_language  # noqa: E402
from assist.ui.session import DeskSession  # noqa: E402

MESSAGES = {
    "en": [("Maya Chen", "Hi, I'd like to remove a product from order 732201349959, the blue lamp"),
           ("Tom Becker", "where is my package? order 4417, it's been a week")],
    "zh": [("王女士", "包裹预计哪天到 单号78342055190"),
           ("李先生", "亲，楼号写错了，帮我改一下收货地址")],
}  # fmt: skip


async def render(lang: str, model_dir: Path, out: Path) -> None:
    install_language("zh_CN" if lang == "zh" else "en")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), agent_name="Lin", ui_language="zh_CN" if lang == "zh" else "en",
                            drafts_model_dir=str(model_dir), generation_timeout_s=120.0)  # fmt: skip
        database = Database.open(settings.resolved_database_url)
        session = DeskSession(settings, database, ingest=False, outbox=False, bootstrap=False)
        session.window.resize(1440, 900)
        session.window.show()
        await session.start()
        for _ in range(600):  # the draft model loads in the background
            await asyncio.sleep(0.1)
            if getattr(session.service.draft_engine, "generator", None) is not None:
                break
        for i, (who, text) in enumerate(MESSAGES[lang]):
            await session.service.handle_message(IncomingMessage(
                message_id=f"m{i}", conversation_id=f"c{i}", text=text, customer_id=who, lang=lang))  # fmt: skip
        session.controller.select("c0")
        for _ in range(900):  # until the generated drafts of the selected conversation are final
            await asyncio.sleep(0.1)
            drafts = session.window.drafts.drafts
            if drafts is not None and drafts.final and any(d.source == DraftSource.GENERATED for d in drafts.drafts):
                break
        for _ in range(10):
            await asyncio.sleep(0.05)
        QApplication.processEvents()
        screen = session.window.screen()
        (screen.grabWindow(0) if os.environ.get("QT_QPA_PLATFORM") == "xcb" else session.window.grab()).save(str(out))
        print(f"wrote {out}")
        session.window.close()
        await session.stop()
        database.close()


async def render_all() -> None:
    models = dict(zip(("en", "zh"), sys.argv[1:3], strict=False))
    for lang, model in ((lang, Path(m)) for lang, m in models.items() if m != "-"):
        await render(lang, model, REPO / "docs" / f"desk-generated-{lang}.png")


def main() -> None:
    make_app()
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(render_all())


if __name__ == "__main__":
    main()
