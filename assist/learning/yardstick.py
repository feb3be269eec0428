"""The fixed yardstick: per model kind, an evaluation set no retrain ever trains on.

It has two parts:

* **The demo shop's held-out part**, the same rows the first-run training sets aside: for
  intents the stratified 10 % per language of :func:`training.intent_demo_shop.train_demo_shop`
  (:func:`demo_intent_rows`), for drafts the turns of the demo conversations whose id hashes
  into a fixed 15 % (:func:`assist.data.holdout.is_demo_heldout`; ``train_demo_shop`` in
  ``training/train_drafts.py`` leaves them out).
* **A held-out slice of the logged data**, set aside by conversation the first time a retrain
  sees the conversation (:func:`assign_heldout`): the conversation id goes into
  ``heldout_conversations`` and stays there. The slice only grows: a conversation is never
  taken out, and one that went to training is never added (the choice is a hash of the id
  with the fixed :data:`HELDOUT_FRACTION`, made once).

A retrain exports its data with exactly these conversations in ``valid``
(``export_dataset(heldout_groups=...)``), drops training rows that are demo yardstick rows,
and scores candidate and active model on the same yardstick rows (:mod:`assist.learning.compare`).
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.data.holdout import is_demo_heldout
from assist.learning.dataset import group_of, split_of
from assist.storage.models import Conversation, HeldoutConversation, Message

HELDOUT_FRACTION = 0.2  # fixed: changing it would move conversations between the two sides
DEMO_TEST_FRACTION = 0.1  # train_demo_shop's test_fraction
DEMO_SEED = 42  # train_demo_shop's seed (the split uses seed + 1)


def assign_heldout(database: Any) -> set[str]:
    """Set aside the new conversations that fall into the held-out slice; returns the groups
    (hashed ids, as in the exported dataset) of every held-out conversation so far."""

    def work(s: Session) -> set[str]:
        known = set(s.scalars(select(HeldoutConversation.conversation_id)))
        logged = s.scalars(
            select(Conversation.id).where(Conversation.id.in_(select(Message.conversation_id).distinct()))
        )
        for conv in logged:
            if conv not in known and split_of(group_of(conv), HELDOUT_FRACTION, seed=7) == "valid":
                s.add(HeldoutConversation(conversation_id=conv))
                known.add(conv)
        return {group_of(c) for c in known}

    groups: set[str] = database.writer.write(work)
    return groups


@functools.cache
def _demo_intent_rows() -> tuple[tuple[str, str, str], ...]:
    from assist.data.demo_shop import load_demo_shop
    from training.intent_prep import split

    by_lang: dict[str, list[Any]] = {}
    for u in load_demo_shop().utterances:
        by_lang.setdefault(u.lang or "en", []).append(u)
    rows: list[tuple[str, str, str]] = []
    for lang in sorted(by_lang):
        _, test = split(by_lang[lang], DEMO_TEST_FRACTION, DEMO_SEED + 1)
        rows += [(u.text, u.label, lang) for u in test]
    return tuple(rows)


def demo_intent_rows() -> list[dict[str, Any]]:
    """The demo shop's held-out intent utterances (``{"text", "label", "lang"}``)."""
    return [{"text": t, "label": label, "lang": lang} for t, label, lang in _demo_intent_rows()]


def demo_pair_rows() -> list[dict[str, Any]]:
    """The reply pairs of the held-out demo conversations (``{"customer", "agent", "intent", "lang"}``)."""
    from assist.data.demo_shop import load_demo_shop

    rows = []
    for conv in load_demo_shop().conversations:
        if is_demo_heldout(conv.id):
            rows += [
                {"customer": t.customer, "agent": t.agent, "intent": t.intent, "lang": t.lang or conv.lang}
                for t in conv.turns
            ]
    return rows


def demo_health_pairs(n: int) -> list[dict[str, Any]]:
    """``n`` held-out demo pairs spread over both languages: what a draft model's health is
    checked on (:mod:`assist.drafts.health`), the same rows when recorded and when loaded."""
    rows = demo_pair_rows()
    step = max(1, len(rows) // max(1, n))
    return rows[::step][:n]


def yardstick_rows(kind: str, logged_heldout: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The evaluation rows of ``kind``: the logged held-out slice first, then the demo part,
    at most ``limit`` (the same list for candidate and active)."""
    demo = demo_intent_rows() if kind == "intent" else demo_pair_rows()
    return (list(logged_heldout) + demo)[: max(0, limit)]


def without_yardstick(kind: str, train_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Training rows minus any that are demo yardstick rows (e.g. imported demo utterances)."""
    if kind == "intent":
        held = {(t, label) for t, label, _ in _demo_intent_rows()}
        return [r for r in train_rows if (r.get("text"), r.get("label")) not in held]
    pairs = {(r["customer"], r["agent"]) for r in demo_pair_rows()}
    return [r for r in train_rows if (r.get("customer"), r.get("agent")) not in pairs]
