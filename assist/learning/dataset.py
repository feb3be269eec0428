"""Training data from the agents' logged work, redacted before it leaves the database.

* **Intent examples**: customer messages whose prediction an agent *confirmed* (replied
  without correcting it; out-of-scope verdicts are not confirmations) labelled with the
  predicted intent, and messages an agent *corrected*, labelled with the correction. The
  previous customer turn travels as ``context``. Each carries a ``weight`` (see
  :data:`INTENT_WEIGHTS`): a correction is an explicit human label on a message the model
  got wrong, the most informative example there is (1.0); a confirmation is implicit (the
  agent may not have looked at the intent) and repeats what the model already predicts, so
  at full weight it would mostly teach the model its own outputs (0.5, like a draft sent
  unchanged); imported examples are curated labels (1.0).
* **Reply pairs**: every sent reply with the customer message it answered, weighted by how
  it came about (see :data:`PAIR_WEIGHTS`): replies agents wrote or rewrote teach the most;
  drafts sent unchanged mostly confirm what the model already does, and training a model
  on its own outputs at full weight narrows it.
* **Redaction**: every text goes through :func:`assist.core.redact.redact` here, so nothing
  downstream (files, training, retrieval) ever sees the raw text. Conversation ids are
  replaced by a salted hash (``group``).
* **Splits by conversation**, never by message: a conversation's hash decides train or
  valid, so a retrain is deterministic and messages of one conversation never straddle.

Files (``load_dataset("json", data_files=...)`` reads each): ``intents.train.jsonl``,
``intents.valid.jsonl``, ``pairs.train.jsonl``, ``pairs.valid.jsonl`` and
``manifest.json`` (counts, SHA-256 of the data, split rule).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from assist.core.errors import AssistError
from assist.core.redact import PLACEHOLDERS, PiiSpan, find_pii, redact
from assist.core.text import guess_lang
from assist.learning.analytics import edit_bucket, in_period
from assist.learning.feedback import negative_examples, negative_suggestion_ids
from assist.learning.tables import ALL_TIME, Period
from assist.storage.models import (
    AgentAction,
    Conversation,
    IntentCorrection,
    IntentPredictionRow,
    Message,
    ReplyPair,
    Suggestion,
    Utterance,
)

KINDS = ("intents", "pairs")
PAIR_WEIGHTS = {"typed": 1.0, "heavy_edit": 1.0, "light_edit": 0.8, "as_is": 0.5, "imported": 1.0}
INTENT_WEIGHTS = {"corrected": 1.0, "confirmed": 0.5, "imported": 1.0}
VALID_FRACTION = 0.1


@dataclass(frozen=True, slots=True)
class IntentExample:
    text: str
    label: str
    context: str | None
    lang: str | None
    group: str  # hashed conversation id
    source: str  # confirmed | corrected | imported
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class PairExample:
    customer: str
    agent: str
    intent: str | None
    lang: str | None
    group: str
    how: str  # as_is | light_edit | heavy_edit | typed | imported
    weight: float


def group_of(conversation_id: str, salt: str = "assist") -> str:
    """A stable pseudonym for a conversation (the raw id may identify a customer)."""
    return hashlib.sha256(f"{salt}\x1f{conversation_id}".encode()).hexdigest()[:16]


def split_of(group: str, valid_fraction: float = VALID_FRACTION, seed: int = 0) -> str:
    """``"valid"`` or ``"train"``, decided by the group's hash alone."""
    h = int.from_bytes(hashlib.sha256(f"{seed}\x1f{group}".encode()).digest()[:8], "big")
    return "valid" if h / 2**64 < valid_fraction else "train"


def _split(group: str, valid_fraction: float, seed: int, heldout: set[str] | None) -> str:
    if heldout is not None:
        return "valid" if group in heldout else "train"
    return split_of(group, valid_fraction, seed)


# --------------------------------------------------------------------------- reading
def conversation_pii(session: Session, conversation_ids: Iterable[str]) -> dict[str, list[PiiSpan]]:
    """PII each conversation's customer gave anywhere in it (redacted in every turn)."""
    ids = sorted(set(conversation_ids))
    out: dict[str, list[PiiSpan]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for conv, text in session.execute(
            select(Message.conversation_id, Message.text).where(
                Message.conversation_id.in_(chunk), Message.role == "customer"
            )
        ):
            found = find_pii(text)
            if found:
                out.setdefault(conv, []).extend(found)
    return out


def intent_examples(
    session: Session, period: Period = ALL_TIME, *, include_imported: bool = False
) -> list[IntentExample]:
    corrected = (
        select(IntentCorrection.to_label)
        .where(IntentCorrection.message_id == Message.id)
        .order_by(IntentCorrection.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    pred = aliased(IntentPredictionRow)
    latest_pred = (
        select(pred.id)
        .where(pred.message_id == Message.id)
        .order_by(pred.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    answered = (
        select(AgentAction.id)
        .where(AgentAction.message_id == Message.id, AgentAction.kind == "sent")
        .exists()
    )
    rows = session.execute(
        select(
            Message.conversation_id,
            Message.text,
            Conversation.lang,
            corrected,
            IntentPredictionRow.top_label,
            IntentPredictionRow.out_of_scope,
            answered,
        )
        .join(Conversation, Conversation.id == Message.conversation_id)
        .outerjoin(IntentPredictionRow, IntentPredictionRow.id == latest_pred)
        .where(Message.role == "customer", *in_period(Message.created_at, period))
        .order_by(Message.conversation_id, Message.ts, Message.id)
    ).all()
    out: list[IntentExample] = []
    previous: dict[str, str] = {}
    names = conversation_pii(session, (r[0] for r in rows))
    for conv, text, lang, corr, top, oos, was_answered in rows:
        context = previous.get(conv)
        previous[conv] = text
        if corr:
            label, source = corr, "corrected"
        elif top and was_answered and not oos:
            label, source = top, "confirmed"
        else:
            continue
        out.append(
            IntentExample(
                text=redact(text, names.get(conv, ())),
                label=label,
                context=redact(context, names.get(conv, ())) if context else None,
                lang=lang or guess_lang(text),
                group=group_of(conv),
                source=source,
                weight=INTENT_WEIGHTS[source],
            )
        )
    if include_imported:
        for uid, text, label, lang, dataset in session.execute(
            select(Utterance.id, Utterance.text, Utterance.label, Utterance.lang, Utterance.dataset)
        ):
            out.append(
                IntentExample(
                    redact(text), label, None, lang, group_of(f"{dataset}:{uid}"), "imported", INTENT_WEIGHTS["imported"]
                )
            )
    return out


def pair_examples(
    session: Session, period: Period = ALL_TIME, *, include_imported: bool = False
) -> list[PairExample]:
    from assist.learning.analytics import message_intent

    customer = aliased(Message)
    rows = session.execute(
        select(
            AgentAction.conversation_id,
            customer.text,
            AgentAction.text,
            Suggestion.text,
            AgentAction.edit_distance,
            message_intent(AgentAction.message_id),
            Conversation.lang,
            Suggestion.id,
        )
        .join(customer, customer.id == AgentAction.message_id)
        .join(Conversation, Conversation.id == AgentAction.conversation_id)
        .outerjoin(Suggestion, Suggestion.id == AgentAction.suggestion_id)
        .where(
            AgentAction.kind == "sent",
            AgentAction.text.is_not(None),
            *in_period(AgentAction.created_at, period),
        )
        .order_by(AgentAction.id)
    ).all()
    out: list[PairExample] = []
    names = conversation_pii(session, (r[0] for r in rows))
    negatives = negative_suggestion_ids(session, ALL_TIME)  # rated down for wrong facts
    for conv, cust, reply, draft, dist, intent, lang, sid in rows:
        how = edit_bucket(dist, draft, reply)
        if sid in negatives and how == "as_is":
            continue  # a negative example (see assist.learning.feedback), not a reply to learn from
        known = names.get(conv, ())
        out.append(
            PairExample(
                redact(cust, known),
                redact(reply, known),
                intent,
                lang or guess_lang(cust),
                group_of(conv),
                how,
                PAIR_WEIGHTS[how],
            )
        )
    if include_imported:
        for pid, cust, agent, intent, lang, dataset in session.execute(
            select(
                ReplyPair.id,
                ReplyPair.customer_text,
                ReplyPair.agent_text,
                ReplyPair.intent,
                ReplyPair.lang,
                ReplyPair.dataset,
            )
        ):
            known = find_pii(cust)
            out.append(
                PairExample(
                    redact(cust, known),
                    redact(agent, known),
                    intent,
                    lang,
                    group_of(f"{dataset}:{pid}"),
                    "imported",
                    PAIR_WEIGHTS["imported"],
                )
            )
    return out


# --------------------------------------------------------------------------- writing
def _private_open(path: Path) -> TextIO:
    """``path`` for writing, created readable by its owner only (0600, whatever the umask):
    the export is redaction-checked customer text, kept like the database it comes from."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8")


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> tuple[int, str]:
    digest = hashlib.sha256()
    n = 0
    with _private_open(path) as f:
        for row in rows:
            line = json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
            f.write(line)
            digest.update(line.encode("utf-8"))
            n += 1
    return n, digest.hexdigest()


def _write_negatives(
    session: Session, out_dir: Path, period: Period, manifest: dict[str, Any], valid_fraction: float, seed: int
) -> None:
    """``negatives.{train,valid}.jsonl``: drafts agents rated down for wrong facts (what not to write)."""
    examples = negative_examples(session, period)
    for split in ("train", "valid"):
        rows = []
        for e in examples:
            group = group_of(e.conversation_id)
            if split_of(group, valid_fraction, seed) == split:
                row = {k: v for k, v in asdict(e).items() if k != "conversation_id"}
                rows.append({**row, "group": group})
        name = f"negatives.{split}.jsonl"
        n, digest = _write_jsonl(out_dir / name, rows)
        manifest["files"][name] = {"rows": n, "sha256": digest}
        manifest["counts"][f"negatives_{split}"] = n


def export_dataset(
    database: Any,
    out_dir: Path,
    *,
    kind: str = "all",
    period: Period = ALL_TIME,
    valid_fraction: float = VALID_FRACTION,
    seed: int = 0,
    include_imported: bool = False,
    heldout_groups: set[str] | None = None,
) -> dict[str, Any]:
    """Write the redacted JSONL splits and ``manifest.json`` to ``out_dir``; returns the manifest.

    ``heldout_groups`` (a retrain's fixed evaluation set, :mod:`assist.learning.yardstick`):
    exactly these conversation groups go to ``valid`` and all others to ``train``.
    """
    if kind not in (*KINDS, "all"):
        raise AssistError(f"unknown dataset kind {kind!r}: choose intents, pairs or all")
    out_dir = Path(out_dir)
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new one: the owner's only
    kinds = KINDS if kind == "all" else (kind,)
    manifest: dict[str, Any] = {
        "created": datetime.now(UTC).isoformat(),
        "split": {"by": "conversation", "valid_fraction": valid_fraction, "seed": seed}
        if heldout_groups is None
        else {"by": "conversation", "heldout": "fixed evaluation set", "heldout_groups": len(heldout_groups)},
        "redaction": {"placeholders": [f"[{p}]" for p in PLACEHOLDERS]},
        "pair_weights": PAIR_WEIGHTS,
        "intent_weights": INTENT_WEIGHTS,
        "files": {},
        "counts": {},
    }
    hashes: list[str] = []
    with database.read() as session:
        for k in kinds:
            examples: list[Any] = (
                intent_examples(session, period, include_imported=include_imported)
                if k == "intents"
                else pair_examples(session, period, include_imported=include_imported)
            )
            for split in ("train", "valid"):
                rows = [asdict(e) for e in examples if _split(e.group, valid_fraction, seed, heldout_groups) == split]
                name = f"{k}.{split}.jsonl"
                n, digest = _write_jsonl(out_dir / name, rows)
                manifest["files"][name] = {"rows": n, "sha256": digest}
                manifest["counts"][f"{k}_{split}"] = n
                hashes.append(f"{name}:{digest}")
            if k == "pairs":
                _write_negatives(session, out_dir, period, manifest, valid_fraction, seed)
    manifest["data_hash"] = hashlib.sha256("\n".join(hashes).encode()).hexdigest()
    with _private_open(out_dir / "manifest.json") as f:
        f.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def open_database_from_args(args: argparse.Namespace) -> tuple[Any, Any]:
    """Settings and an open Database for a CLI command (honours --database-url/--data-dir)."""
    from assist.config import load_settings
    from assist.storage.database import Database

    overrides = {k: getattr(args, k) for k in ("database_url", "data_dir") if getattr(args, k, None)}
    settings = load_settings(overrides)
    return settings, Database.open(settings.resolved_database_url)


def run_export(args: argparse.Namespace) -> int:
    """``assist data export --out DIR [--kind intents|pairs|all] [--json]``."""
    _, database = open_database_from_args(args)
    try:
        manifest = export_dataset(
            database,
            Path(args.out),
            kind=getattr(args, "kind", "all") or "all",
            include_imported=bool(getattr(args, "include_imported", False)),
        )
    except OSError as exc:  # --out is a file, under a file, not writable, the disk is full
        where = exc.filename or args.out
        raise AssistError(f"{where}: cannot write the export there ({exc.strerror or exc})") from exc
    finally:
        database.close()
    if getattr(args, "json", False):
        print(json.dumps(manifest, ensure_ascii=False))
    else:
        for name, info in manifest["files"].items():
            print(f"{name}: {info['rows']} rows", file=sys.stderr)
        print(f"wrote {args.out} (data hash {manifest['data_hash'][:12]})", file=sys.stderr)
    return 0
