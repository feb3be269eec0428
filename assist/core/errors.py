"""Errors with messages meant for people: they name what is wrong and where."""

from __future__ import annotations


class AssistError(Exception):
    """Base class: ``str(err)`` is shown to the user as is."""


class ConfigError(AssistError):
    pass


class ImportDataError(AssistError):
    """A data file cannot be imported; names the file, line and problem."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class ModelLoadError(AssistError):
    """A model directory is missing, truncated, corrupt or of the wrong kind."""


class StorageError(AssistError):
    """The database cannot be written (locked, disk full, unreachable)."""
