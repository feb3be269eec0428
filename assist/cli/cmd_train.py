"""``assist train intent|drafts``: the intent and draft engines register their own options."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    from assist.drafts import cli as drafts_cli
    from assist.intent import cli as intent_cli

    p = sub.add_parser("train", help="train an intent or draft model")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    intent_cli.register_train(kinds)
    drafts_cli.register_train(kinds)
