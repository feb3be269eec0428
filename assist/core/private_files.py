"""Directories and files only their owner can read: the data dir (0700), the database and its
WAL/SHM files (0600), the config dir (0700). Customer messages and the token live there, so
the modes are set explicitly, whatever the umask (a umask of 000 would otherwise give 0777)."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) and make it 0700. A directory we cannot chmod
    (another user's) is left as it is."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    _tighten(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty if it is missing, readable and writable by its owner only (an
    existing file is tightened to 0600, never truncated)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    os.close(fd)
    _tighten(path, FILE_MODE)
    return path


def _tighten(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
