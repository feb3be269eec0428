"""Find the packaged icons, stylesheet and translations (``assist.resources``), installed or not."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from PySide6.QtGui import QIcon

_ROOT = files("assist.resources")


def resource_path(*parts: str) -> Path:
    """A real filesystem path to a packaged resource (wheels install them as plain files)."""
    node = _ROOT.joinpath(*parts)
    with as_file(node) as path:
        return Path(path)


def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def stylesheet() -> str:
    path = resource_path("style", "desk.qss")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def translations_dir() -> Path:
    return resource_path("i18n")
