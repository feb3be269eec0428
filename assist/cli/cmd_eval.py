"""``assist eval intent|drafts``: the intent and draft engines register their own options."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    from assist.drafts import cli as drafts_cli
    from assist.intent import cli as intent_cli

    p = sub.add_parser("eval", help="evaluate an intent or draft model on labelled data")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    intent_cli.register_eval(kinds)
    drafts_cli.register_eval(kinds)
