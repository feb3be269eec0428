"""CLI options for `assist train drafts` and `assist eval drafts` (placeholder until built)."""

from __future__ import annotations

import argparse
from typing import Any


def register_train(kinds: Any) -> None:
    kinds.add_parser("drafts", help="(not built yet)").set_defaults(func=_todo)


def register_eval(kinds: Any) -> None:
    kinds.add_parser("drafts", help="(not built yet)").set_defaults(func=_todo)


def _todo(args: argparse.Namespace) -> int:
    raise SystemExit("not built yet")
