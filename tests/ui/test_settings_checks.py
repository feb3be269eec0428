"""The settings dialog refuses what would break the desk after Save: a database URL SQLAlchemy
cannot open, an ingest port another process holds, a model directory that is not there. Nothing
is saved then, and the reason stands next to the fields."""

from __future__ import annotations

import os
import socket
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from assist.config import Settings, settings_file
from assist.learning.jobs import free_port
from assist.storage.database import Database

from .conftest import Driver, start_desk, stop_desk, until


def test_a_database_url_sqlalchemy_cannot_load_is_refused_and_not_saved(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    try:
        dialog = desk.open_settings()
        a_file = settings.data_dir / "a-file"
        a_file.write_text("x")
        for bad in ("notaurl://??", "not a url at all", "sqlite://", f"sqlite:///{a_file}/x.sqlite",
                    f"sqlite:///{settings.data_dir / 'no-such-folder' / 'x.sqlite'}"):  # fmt: skip
            dialog.database_url.setText(bad)
            assert not dialog.try_accept()
            assert dialog.isVisible()
            assert "database_url" in dialog.error.toolTip()
            assert dialog.error.text()
            assert dialog.focusWidget() is dialog.database_url
        assert not settings_file().exists()  # nothing saved
        assert desk.settings.database_url == ""
        dialog.database_url.setText(f"sqlite:///{settings.data_dir / 'other.sqlite'}")
        assert dialog.try_accept()
        assert "other.sqlite" in settings_file().read_text()
    finally:
        stop_desk(driver, desk)



@contextmanager
def _held_port() -> Iterator[int]:
    """A port another process would hold: a real socket listening on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield int(s.getsockname()[1])


def _health(driver: Driver, url: str) -> int:
    async def get() -> int:
        async with aiohttp.ClientSession() as http, http.get(f"{url}/v1/health") as resp:
            return resp.status

    return int(driver.run(get()))


def test_an_ingest_port_in_use_is_refused_and_the_running_listener_stays(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings.replace(ingest_port=free_port()), database, ingest=True)
    try:
        old = desk.ingest.url
        with _held_port() as taken:
            dialog = desk.open_settings()
            dialog.ingest_port.setValue(taken)
            assert not dialog.try_accept()
            assert dialog.isVisible()
            reason = dialog.error.toolTip()
            assert "ingest_port" in reason and f"127.0.0.1:{taken}" in reason and "in use" in reason
            assert dialog.focusWidget() is dialog.ingest_port
            assert not settings_file().exists()  # nothing saved
            assert desk.ingest is not None and desk.ingest.running and desk.ingest.url == old
            assert _health(driver, old) == 200
            dialog.ingest_port.setValue(desk.settings.ingest_port)  # the desk's own port is not "in use"
            dialog.agent_name.setText("Mei")
            assert dialog.try_accept()
        assert desk.ingest.url == old and desk.service.agent_name == "Mei"
    finally:
        stop_desk(driver, desk)


def test_a_new_ingest_port_that_cannot_listen_keeps_the_old_listener_and_says_why(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings.replace(ingest_port=free_port()), database, ingest=True)
    status = desk.window.status
    try:
        old_port, old = desk.settings.ingest_port, desk.ingest.url
        with _held_port() as taken:  # taken after the dialog's check, before the restart
            desk.apply_settings(desk.settings.replace(ingest_port=taken))
            driver.run(until(lambda: not desk.tasks))
            assert desk.ingest is not None and desk.ingest.running and desk.ingest.url == old
            assert _health(driver, old) == 200
            assert status.ingest.text() == f"Ingest 127.0.0.1:{old_port}"
            tip = status.ingest.toolTip()
            assert f"cannot listen on 127.0.0.1:{taken}" in tip and "in use" in tip
            # the desk and the settings file say the port it listens on
            assert desk.settings.ingest_port == old_port
            assert tomllib.loads(settings_file().read_text()).get("ingest_port", old_port) == old_port
    finally:
        stop_desk(driver, desk)


def test_a_model_directory_that_is_not_there_is_refused_and_named(
    driver: Driver, settings: Settings, database: Database, tmp_path: Path
) -> None:
    a_file = tmp_path / "model.safetensors"
    a_file.write_bytes(b"\x00")
    desk = start_desk(driver, settings, database)
    try:
        dialog = desk.open_settings()
        empty = tmp_path / "empty-folder"  # a review saved one; the desk then said only "did not load"
        empty.mkdir()
        for edit, name in ((dialog.intent_dir, "intent_model_dir"), (dialog.drafts_dir, "drafts_model_dir")):
            for bad in (str(tmp_path / "no-such-dir"), str(a_file), str(empty)):
                edit.setText(bad)
                assert not dialog.try_accept()
                assert dialog.isVisible()
                assert name in dialog.error.toolTip() and bad in dialog.error.toolTip()
                assert bad in dialog.error.text()
                assert dialog.focusWidget() is edit
                assert not settings_file().exists()  # nothing saved
            edit.setText("")
        assert "holds no model" in dialog.error.toolTip()  # the last refusal: the empty folder
        model = tmp_path / "intent-model"
        model.mkdir()
        (model / "assist.json").write_text("{}")  # what `assist train` writes beside the weights
        dialog.intent_dir.setText(str(model))
        assert dialog.try_accept()
        assert desk.settings.intent_model_dir == str(model)
    finally:
        stop_desk(driver, desk)


def test_the_new_refusals_are_explained_in_chinese(
    driver: Driver, settings: Settings, database: Database, tmp_path: Path
) -> None:
    from assist.ui.i18n import install_language

    desk = start_desk(driver, settings, database)
    try:
        desk.apply_settings(settings.replace(ui_language="zh_CN"), save=False)
        dialog = desk.open_settings()
        dialog.database_url.setText("notaurl://??")
        assert not dialog.try_accept()
        assert "数据库" in dialog.error.text() and "database_url" not in dialog.error.text()
        dialog.database_url.setText("")
        with _held_port() as taken:
            dialog.ingest_port.setValue(taken)
            assert not dialog.try_accept()
            text = dialog.error.text()
            assert "接入端口" in text and str(taken) in text and "65535" not in text, text
        dialog.ingest_port.setValue(desk.settings.ingest_port)
        missing = str(tmp_path / "no-such-dir")  # under tmp_path: "/nonexistent/dir" may exist on a machine
        dialog.drafts_dir.setText(missing)
        assert not dialog.try_accept()
        text = dialog.error.text()
        assert "草稿模型" in text and missing in text and "drafts_model_dir" not in text, text
        (tmp_path / "empty").mkdir()
        dialog.drafts_dir.setText(str(tmp_path / "empty"))
        assert not dialog.try_accept()
        assert "没有模型" in dialog.error.text() and "holds no model" not in dialog.error.text()
        dialog.reject()
    finally:
        install_language("en")
        stop_desk(driver, desk)


def test_a_database_password_is_not_shown_and_kept_when_the_url_is_left_as_shown(
    driver: Driver, settings: Settings, database: Database
) -> None:
    """The second outside review saw ``S3cretPW`` in the form while the token beside it was masked."""
    url = f"sqlite:///{settings.data_dir / 'assist.sqlite'}?password=S3cretPW"
    desk = start_desk(driver, settings.replace(database_url=url), database)
    try:
        dialog = desk.open_settings()
        assert "S3cretPW" not in dialog.database_url.text() and "***" in dialog.database_url.text()
        dialog.agent_name.setText("Mei")
        assert dialog.try_accept()
        assert desk.settings.database_url == url  # the real password kept
        assert "***" not in settings_file().read_text()  # the mask is never written
    finally:
        stop_desk(driver, desk)


def test_a_server_database_is_connected_to_off_the_ui_thread_before_it_is_saved(
    driver: Driver, settings: Settings, database: Database
) -> None:
    """A PostgreSQL URL that could not connect was saved, and the next start stopped. Save now
    connects first, on a thread: the form stays usable while a silent server keeps the check
    waiting, a refusal names the reason (password masked), and Cancel drops the answer."""
    desk = start_desk(driver, settings, database)
    try:
        dialog = desk.open_settings()
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        with _held_port() as silent:  # accepts the connection, never answers
            dialog.database_url.setText(f"postgresql+psycopg://assist:S3cretPW@127.0.0.1:{silent}/assist")
            QTest.mouseClick(save, Qt.MouseButton.LeftButton)  # returns while the check waits
            assert any(t.name == "settings-database-check" and t.is_alive() for t in threading.enumerate())
            assert not save.isEnabled() and dialog.note.text() == "Connecting to the database…"
            assert not dialog.try_accept()  # a second Save while it waits starts nothing
            # what is checked is what is saved: the form is read-only, and Enter (which pressed
            # the focused Cancel and dropped the edits) does nothing
            assert not dialog.database_url.isEnabled() and not dialog.agent_name.isEnabled()
            cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
            cancel.setDefault(True)  # what X11 does when the focus lands on it (the offscreen platform does not)
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                QTest.keyClick(cancel, key)
                QTest.keyClick(dialog, key)
            assert dialog.isVisible() and not save.isEnabled()  # still open, still waiting
        driver.until(lambda: save.isEnabled())  # the port closed: the check fails at once
        assert dialog.isVisible() and dialog.focusWidget() is dialog.database_url
        assert dialog.database_url.isEnabled()
        assert ": cannot connect (" in dialog.error.toolTip() and "S3cretPW" not in dialog.error.toolTip()
        assert not settings_file().exists() and desk.settings.database_url == ""

        with _held_port() as silent:  # Cancel while it waits: the late answer changes nothing
            dialog.database_url.setText(f"postgresql+psycopg://assist@127.0.0.1:{silent}/assist")
            assert not dialog.try_accept()
            dialog.reject()
        assert save.isEnabled()
        driver.until(lambda: not any(t.name == "settings-database-check" for t in threading.enumerate()))
        assert not settings_file().exists() and dialog.result_settings is None

        if postgres := os.environ.get("ASSIST_TEST_POSTGRES_URL"):  # a server that answers: saved
            dialog = desk.open_settings()
            dialog.database_url.setText(postgres)
            assert not dialog.try_accept()
            driver.until(lambda: not dialog.isVisible())
            assert desk.settings.database_url == postgres
    finally:
        stop_desk(driver, desk)
