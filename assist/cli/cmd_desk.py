"""``assist desk``: open the agent desk (also what the bare ``assist`` does)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "desk",
        help="open the agent desk (GUI)",
        description="Open the agent desk. On a fresh machine it plays a few demo-shop conversations.",
    )
    p.add_argument(
        "--replay", metavar="FILE", help="play the customer turns of a conversation file into the desk"
    )
    p.add_argument("--speed", type=float, default=1.0, help="replay speed (2 = twice as fast; default 1)")
    p.add_argument(
        "--demo",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="play demo-shop conversations when no --replay file is given (default: on)",
    )
    p.add_argument(
        "--fake-engines",
        action="store_true",
        help="do not load models: demo-shop n-gram intents and library drafts only (fast start)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assist.cli.main import settings_overrides
    from assist.config import load_settings
    from assist.ui.app import run_desk

    settings = load_settings(settings_overrides(args))
    return run_desk(
        settings,
        replay_file=getattr(args, "replay", None),
        speed=getattr(args, "speed", 1.0),
        demo=getattr(args, "demo", True),
        load_models=not getattr(args, "fake_engines", False),
    )
