"""The settings dialog refuses what would break the desk after Save: a database URL SQLAlchemy
cannot open, an ingest port another process holds, a model directory that is not there. Nothing
is saved then, and the reason stands next to the fields."""

from __future__ import annotations

from assist.config import Settings, settings_file
from assist.storage.database import Database

from .conftest import Driver, start_desk, stop_desk


def test_a_database_url_sqlalchemy_cannot_load_is_refused_and_not_saved(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    try:
        dialog = desk.open_settings()
        for bad in ("notaurl://??", "not a url at all"):
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
