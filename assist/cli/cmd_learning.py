"""`assist learning` subcommands (placeholder until its issue lands)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("learning", help="(not built yet)")
    p.set_defaults(func=_todo)


def _todo(args: argparse.Namespace) -> int:
    raise SystemExit("assist learning: not built yet")
