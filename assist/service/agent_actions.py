"""What the agent does with the drafts, logged through the single writer.

Inserted, edited (the first change after an insert and the final text when it is sent, each
with the edit distance), discarded (cleared with Esc), dismissed, ignored (replied
without any shown draft), sent (with the edit distance from the inserted draft, in one
transaction with its outbox item) and closed (handling time). A mixin of
:class:`assist.service.pipeline.AssistService`, kept apart so each file reads in one sitting.
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from typing import Any

from assist.core.errors import AssistError
from assist.core.text import edit_distance
from assist.core.types import Role, Turn
from assist.service import actions
from assist.service.state import ConversationState, Inserted
from assist.storage import events
from assist.storage.database import Database
from assist.storage.events import ActionKind, SentReply


class AgentActions:
    database: Database
    agent_name: str

    def state(self, conversation_id: str) -> ConversationState:
        raise NotImplementedError

    async def _write(self, work: Any) -> Any:
        raise NotImplementedError

    def _log_on_inserted(
        self,
        kind: ActionKind,
        conversation_id: str,
        ins: Inserted,
        text: str | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """An action on the draft in the composer, with ``text``'s edit distance from it."""
        self.database.writer.submit(
            actions.action_on_draft(
                kind,
                conversation_id=conversation_id,
                agent_name=self.agent_name,
                message_pk=ins.message_pk,
                rank=ins.rank,
                draft_text=ins.text,
                text=text,
                edit_distance=edit_distance(ins.text, text) if text else None,
                details=details,
            )
        )

    def insert_draft(self, conversation_id: str, draft_index: int) -> str | None:
        """Put a shown draft into the composer: logs ``inserted`` and returns its text (None: no such draft)."""
        state = self.state(conversation_id)
        shown = state.shown
        if shown is None or not 0 <= draft_index < len(shown.drafts):
            return None
        draft = shown.drafts[draft_index]
        state.inserted = Inserted(draft_index, draft.text, draft.rank, draft.source.value, state.message_pk)
        self.database.writer.submit(
            actions.action_on_draft(
                ActionKind.INSERTED,
                conversation_id=conversation_id,
                agent_name=self.agent_name,
                message_pk=state.message_pk,
                rank=draft.rank,
                draft_text=draft.text,
                text=draft.text,
                details={
                    "draft_index": draft_index,
                    "source": draft.source.value,
                    "complete": draft.complete,
                },
            )
        )
        return draft.text

    def note_edit(self, conversation_id: str, text: str) -> int | None:
        """The composer changed after an insert: logs ``edited`` once per insert; returns the distance."""
        state = self.state(conversation_id)
        ins = state.inserted
        if ins is None or text == ins.text:
            return None
        if not ins.edited_logged:
            ins.edited_logged = True
            self._log_on_inserted(ActionKind.EDITED, conversation_id, ins, text)
        return edit_distance(ins.text, text)

    def discard_insert(self, conversation_id: str, text: str = "") -> None:
        """The agent cleared the reply box: logs ``discarded`` (with what the box held and its edit
        distance from the draft); a later reply no longer counts as from that draft."""
        state = self.state(conversation_id)
        ins = state.inserted
        state.inserted = None
        if ins is None:
            return
        details = {"draft_index": ins.index, "source": ins.source}
        self._log_on_inserted(ActionKind.DISCARDED, conversation_id, ins, text or None, details)

    def rate_draft(self, conversation_id: str, draft_index: int, rating: str, reason: str | None = None) -> bool:
        """👍 / 👎 on a shown draft (``reason`` for a 👎, from ``assist.learning.feedback.REASONS``):
        logs ``feedback`` on its suggestion; False when there is no such draft."""
        state = self.state(conversation_id)
        shown = state.shown
        if rating not in ("up", "down") or shown is None or not 0 <= draft_index < len(shown.drafts):
            return False
        draft = shown.drafts[draft_index]
        details: dict[str, Any] = {"rating": rating, "reason": reason if rating == "down" else None}
        details.update({"draft_index": draft_index, "source": draft.source.value})
        self.database.writer.submit(
            actions.action_on_draft(
                ActionKind.FEEDBACK,
                conversation_id=conversation_id,
                agent_name=self.agent_name,
                message_pk=state.message_pk,
                rank=draft.rank,
                draft_text=draft.text,
                details=details,
            )
        )
        return True

    def dismiss(self, conversation_id: str, draft_index: int) -> None:
        state = self.state(conversation_id)
        shown = state.shown
        if shown is None or not 0 <= draft_index < len(shown.drafts) or draft_index in state.dismissed:
            return
        draft = shown.drafts[draft_index]
        state.dismissed.add(draft_index)
        self.database.writer.submit(
            actions.action_on_draft(
                ActionKind.DISMISSED,
                conversation_id=conversation_id,
                agent_name=self.agent_name,
                message_pk=state.message_pk,
                rank=draft.rank,
                draft_text=draft.text,
                details={"draft_index": draft_index, "source": draft.source.value},
            )
        )

    async def send(self, conversation_id: str, text: str) -> SentReply:
        """Send the agent's reply (stored with its outbox item in one transaction)."""
        text = text.strip()
        if not text:
            raise AssistError("nothing to send: the reply is empty")
        state = self.state(conversation_id)
        ins = state.inserted
        shown = state.shown
        if ins is None and shown is not None and shown.drafts:
            self.database.writer.submit(
                events.log_action(
                    ActionKind.IGNORED,
                    conversation_id=conversation_id,
                    agent_name=self.agent_name,
                    message_pk=state.message_pk,
                    details={"shown": len(shown.drafts)},
                )
            )
        if ins is not None and ins.edited_logged and text != ins.text:  # the final edit, beside the first
            self._log_on_inserted(ActionKind.EDITED, conversation_id, ins, text, {"final": True})
        details: dict[str, Any] = {"intent": state.intent}
        if ins is not None:
            details.update({"draft_index": ins.index, "draft_rank": ins.rank, "draft_source": ins.source})
        # The agent answered: drafts still streaming for this message are no longer needed.
        state.bump()
        sent = await self._write(
            actions.send_with_draft(
                conversation_id,
                text,
                agent_name=self.agent_name,
                reply_to_pk=state.message_pk,
                suggestion_message_pk=ins.message_pk if ins is not None else None,
                rank=ins.rank if ins is not None else None,
                inserted_text=ins.text if ins is not None else None,
                details=details,
            )
        )
        state.history.append(Turn(Role.AGENT, text))
        state.inserted = None
        state.shown = None
        state.drafts = None
        return sent

    def close_conversation(self, conversation_id: str) -> Future[int]:
        """Mark the conversation handled; logs ``closed`` with the handling time."""
        state = self.state(conversation_id)
        state.bump()
        handling = time.monotonic() - state.opened_at if state.opened_at is not None else None
        state.opened_at = None
        return self.database.writer.submit(
            actions.close_conversation(conversation_id, agent_name=self.agent_name, handling_seconds=handling)
        )
