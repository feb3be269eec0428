"""Render the desk and every supervisor-console tab, in English and Chinese, to docs/*.png.

    Xvfb :99 -screen 0 1440x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots.py   # a real X server (as documented)
    QT_QPA_PLATFORM=offscreen python docs/screenshots.py         # or without one

Files: ``desk-{en,zh}.png`` and ``console-{funnel,breakdown,quality,models}-{en,zh}.png``.

Chinese needs a CJK font (Debian: ``apt-get install fonts-noto-cjk``), or it renders boxes.
It drives the real desk (real storage in a temporary directory, the demo shop's instant
engines), on the same qasync loop the app uses, then ``grab()``s the window.
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

from PySide6.QtWidgets import QApplication  # noqa: E402

from assist.config import Settings  # noqa: E402
from assist.core.types import IncomingMessage  # noqa: E402
from assist.storage.database import Database  # noqa: E402
from assist.ui.app import make_app  # noqa: E402
from assist.ui.i18n import install_language  # noqa: E402
from assist.ui.session import DeskSession, demo_conversations  # noqa: E402


async def render(lang: str, out: Path) -> None:
    install_language(lang)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), agent_name="Lin" if lang == "en" else "林", ui_language=lang)
        database = Database.open(settings.resolved_database_url)
        session = DeskSession(settings, database, load_models=False, ingest=False, outbox=False)
        session.window.resize(1440, 900)
        session.window.show()
        await session.start()
        session.window.status.set_ingest("127.0.0.1:8765")
        session.window.status.set_outbox(0)
        convs = demo_conversations(lang, count=7)
        service = session.service
        # a few conversations with one or two customer turns each; the first gets a reply
        for i, conv in enumerate(convs):
            turns = conv.turns[: 2 if i in (0, 2) else 1]
            for t, turn in enumerate(turns):
                msg = IncomingMessage(
                    message_id=f"{conv.id}:{t}",
                    conversation_id=conv.id,
                    text=turn.customer,
                    customer_id=_customer(i, lang),
                    lang=turn.lang or conv.lang,
                )
                await service.handle_message(msg)
                if i == 0 and t == 0:
                    session.controller.select(conv.id)
                    session.controller.insert(0)
                    await asyncio.sleep(0.05)
                    session.controller.send(session.window.composer.text())
                    await asyncio.sleep(0.2)
        focus = convs[2].id
        session.controller.select(focus)
        session.controller.insert(1)
        session.window.composer.edit.insertPlainText(" 😊")
        for _ in range(10):
            await asyncio.sleep(0.05)
        for lat, ms in (("intents", 11.0), ("first_draft", 24.0)):
            session.window.status.set_latency(lat, ms)
        QApplication.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        session.window.grab().save(str(out))
        print(f"wrote {out}")
        await _answer_all(session, convs)
        await _console_shots(session, out.parent, "zh" if lang.startswith("zh") else "en")
        session.window.close()
        await session.stop()
        database.close()
        session.window.deleteLater()
        QApplication.processEvents()


async def _answer_all(session: DeskSession, convs: list) -> None:
    """Reply to every waiting conversation (rating a few drafts) so the console has figures."""
    controller = session.controller
    for i, conv in enumerate(convs):
        if session.window.queue_model.get(conv.id) is None:
            continue
        controller.select(conv.id)
        for _ in range(20):
            if session.window.drafts.drafts is not None:
                break
            await asyncio.sleep(0.05)
        cards = session.window.drafts.cards
        if i % 3 == 1 and cards[1].draft is not None:
            cards[1].rate("down", ("wrong_facts", "too_long", "wrong_tone")[i % 3])
        if i % 2 == 0 and cards[0].draft is not None:
            cards[0].rate("up")
        if i == 5:
            controller.correct(session.service.intent_engine.labels[0])
            await asyncio.sleep(0.2)
        controller.insert(i % 2)
        if i % 3 == 2:
            session.window.composer.edit.insertPlainText(" 🙂")
        text = session.window.composer.text()
        if text.strip():
            controller.send(text)
            await asyncio.sleep(0.2)


async def _console_shots(session: DeskSession, docs: Path, lang: str) -> None:
    console = session.open_console()
    assert console is not None
    console.resize(1440, 900)
    console.period.setCurrentIndex(3)  # all time
    for _ in range(100):
        await asyncio.sleep(0.05)
        if console.loads >= 1 and console.background.pending == 0:
            break
    names = ("funnel", "breakdown", "quality", "models")
    for i, name in enumerate(names):
        console.tabs.setCurrentIndex(i)
        for _ in range(6):
            await asyncio.sleep(0.05)
        QApplication.processEvents()
        out = docs / f"console-{name}-{lang}.png"
        console.grab().save(str(out))
        print(f"wrote {out}")
    console.close()


def _customer(i: int, lang: str) -> str:
    en = ["Maya Chen", "Tom Becker", "Aisha Khan", "Lucas Moreau", "Priya N.", "Jonas Weber", "Emma Rossi"]
    zh = ["王女士", "李先生", "小陈", "张同学", "刘女士", "赵先生", "周小姐"]
    return (zh if lang.startswith("zh") else en)[i % 7]


async def main() -> None:
    docs = REPO / "docs"
    await render("en", docs / "desk-en.png")
    await render("zh_CN", docs / "desk-zh.png")


if __name__ == "__main__":
    import qasync  # after PySide6, so qasync binds to it

    make_app()
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(main())

