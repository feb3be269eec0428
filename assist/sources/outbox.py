"""Outbound replies: the outbox table is POSTed to the shop's webhook, in order, once.

``events.send_reply`` writes the agent's reply and its outbox item in one transaction;
:class:`OutboxDelivery` then delivers pending items:

- each as JSON with an ``Idempotency-Key`` header (the receiver drops repeats, so a reply
  whose answer got lost on the way back is retried safely: delivered exactly once);
- oldest first and strictly in order per conversation: a later reply waits until the
  earlier one is delivered (different conversations do not wait for each other);
- failures (refused, timeout, 5xx, 408/429) are retried with capped exponential backoff
  plus jitter; any other 4xx is a permanent refusal: the item is marked ``failed`` with
  the receiver's answer so the desk can show it, and the conversation moves on;
- with no webhook configured, replies stay in the database and are marked ``local``;
- replies in a Chatwoot conversation go to Chatwoot's API instead
  (:mod:`assist.sources.chatwoot_outbound`), with the same order, retries and backoff.

Every state change goes through the single writer; reads run off the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import aiohttp
from sqlalchemy import func, select

from assist.core.types import utcnow
from assist.storage import events
from assist.storage.database import Database
from assist.storage.events import as_utc
from assist.storage.helpdesk import delivered_as
from assist.storage.models import OutboxItem

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({408, 425, 429})


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    """What the desk shows: how many replies wait, and why the last attempt failed."""

    pending: int
    last_error: str | None
    delivered: int  # since start
    webhook: bool  # False: replies are kept locally
    failed: int = 0  # refused for good (a 4xx): the agent has to act on these
    last_refusal: str | None = None  # the receiver's answer to the newest of them


@dataclass(frozen=True, slots=True)
class PendingReply:
    id: int
    conversation_id: str
    key: str
    payload: dict[str, Any]
    attempts: int
    due: datetime
    message_pk: int | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class Attempt:
    """One delivery attempt: delivered, or why not and whether to try again."""

    ok: bool
    error: str = ""
    retry: bool = False
    external_id: str | None = None  # the receiver's id of the delivered reply, when it names one


class Target(Protocol):
    """Somewhere other than the webhook that some replies go to (Chatwoot's API)."""

    def handles(self, conversation_id: str) -> bool: ...

    async def deliver(self, session: aiohttp.ClientSession, item: PendingReply, timeout: float) -> Attempt: ...


class OutboxDelivery:
    def __init__(
        self,
        database: Database,
        url: str,
        token: str = "",
        *,
        timeout: float = 10.0,
        backoff: tuple[float, float] = (1.0, 300.0),
        jitter: float = 0.25,
        poll_interval: float = 2.0,
        max_batch: int = 200,
        concurrency: int = 8,
        target: Target | None = None,
    ) -> None:
        self.database = database
        self.url = url
        self.target = target
        self._token = token
        self.timeout = timeout
        self.backoff = backoff  # (first delay, cap) in seconds
        self.jitter = jitter
        self.poll_interval = poll_interval
        self.max_batch = max_batch
        self._sem = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._pending = 0
        self._last_error: str | None = None
        self._delivered = 0
        self._failed = 0
        self._last_refusal: str | None = None
        self._rng = random.Random()

    # ------------------------------------------------------------------ public
    @property
    def status(self) -> OutboxStatus:
        return OutboxStatus(
            self._pending,
            self._last_error,
            self._delivered,
            bool(self.url or self.target),
            self._failed,
            self._last_refusal,
        )

    @property
    def failed(self) -> int:
        """Replies refused for good (as of the last pass)."""
        return self._failed

    @property
    def last_error(self) -> str | None:
        return self._last_error

    @property
    def pending(self) -> int:
        return self._pending

    def backlog(self) -> int:
        """Pending replies as of the last pass (cheap; no database read)."""
        return self._pending

    def notify(self) -> None:
        """A reply was just queued: deliver now instead of at the next poll."""
        self._wake.set()

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._loop(), name="assist-outbox")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            # a pass in flight finishes first: a reply the receiver accepted is then recorded as
            # delivered, not posted again after a restart (Chatwoot's API has no idempotency key)
            held = False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._lock.acquire(), self.timeout + 2.0)
                held = True
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.warning("outbox loop ended with an error during shutdown", exc_info=True)
            finally:
                if held:
                    self._lock.release()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def run_once(self) -> int:
        """One pass over the due items; returns how many were delivered (or kept locally)."""
        async with self._lock:
            items = await asyncio.get_running_loop().run_in_executor(None, self._load)
            kept = [i for i in items if not self.url and not self._targeted(i)]
            if kept:
                done = await self._mark([i.id for i in kept], "local")
                self._delivered += done
                self._pending = max(0, self._pending - done)
                if len(kept) == len(items):
                    return done
                items = [i for i in items if self.url or self._targeted(i)]
            now = utcnow()
            chains: OrderedDict[str, list[PendingReply]] = OrderedDict()
            for item in items:
                chains.setdefault(item.conversation_id, []).append(item)
            runnable = [chain for chain in chains.values() if as_utc(chain[0].due) <= now]
            counts = await asyncio.gather(*(self._deliver_chain(chain) for chain in runnable))
            delivered = sum(counts)
            self._delivered += delivered
            self._pending = await asyncio.get_running_loop().run_in_executor(None, self._count)
            return delivered

    # ------------------------------------------------------------------ internals
    async def _loop(self) -> None:
        while True:
            self._wake.clear()  # a notify() from here on wakes the wait below
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._last_error = f"outbox pass failed: {exc}"
                log.exception("outbox pass failed")
            wait = await asyncio.get_running_loop().run_in_executor(None, self._seconds_to_next)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), min(self.poll_interval, wait))

    def _load(self) -> list[PendingReply]:
        with self.database.read() as s:
            rows = s.scalars(
                select(OutboxItem)
                .where(OutboxItem.status == "pending")
                .order_by(OutboxItem.id)
                .limit(self.max_batch)
            ).all()
            self._pending = self._count_in(s)
            return [
                PendingReply(
                    r.id,
                    r.conversation_id,
                    r.idempotency_key,
                    dict(r.payload),
                    r.attempts,
                    r.next_attempt_at,
                    r.message_id,
                    r.last_error,
                )
                for r in rows
            ]

    def _targeted(self, item: PendingReply) -> bool:
        return self.target is not None and self.target.handles(item.conversation_id)

    def _count(self) -> int:
        with self.database.read() as s:
            return self._count_in(s)

    def _count_in(self, s: Any) -> int:
        rows = s.execute(
            select(OutboxItem.status, func.count())
            .where(OutboxItem.status.in_(("pending", "failed")))
            .group_by(OutboxItem.status)
        )
        counts = {status: n for status, n in rows}
        failed = int(counts.get("failed", 0))
        if failed != self._failed:
            self._last_refusal = s.scalar(
                select(OutboxItem.last_error)
                .where(OutboxItem.status == "failed")
                .order_by(OutboxItem.id.desc())
                .limit(1)
            )
        self._failed = failed
        return int(counts.get("pending", 0))

    def _seconds_to_next(self) -> float:
        with self.database.read() as s:
            due = s.scalar(select(func.min(OutboxItem.next_attempt_at)).where(OutboxItem.status == "pending"))
        if due is None:
            return self.poll_interval
        return max(0.0, (as_utc(due) - utcnow()).total_seconds())

    async def _deliver_chain(self, chain: Sequence[PendingReply]) -> int:
        """Deliver one conversation's items in order, stopping at the first that must wait."""
        delivered = 0
        async with self._sem:
            for item in chain:
                attempt = await self._post(item)
                ok, error, retry = attempt.ok, attempt.error, attempt.retry
                if ok:
                    if attempt.external_id:
                        await asyncio.wrap_future(
                            self.database.writer.submit(delivered_as(item.id, attempt.external_id))
                        )
                    else:
                        await self._mark([item.id], "delivered")
                    self._last_error = None
                    delivered += 1
                    continue
                self._last_error = error
                delay = self._delay(item.attempts + 1) if retry else None
                # a refusal for good is a reply the customer will never get: a warning, which is
                # all that `assist serve` (no desk, no status bar) has to show it
                log.log(
                    logging.INFO if retry else logging.WARNING,
                    "outbox item %s not delivered (%s); %s",
                    item.id,
                    error,
                    "retrying" if retry else "giving up: refused for good, marked failed",
                )
                await asyncio.wrap_future(
                    self.database.writer.submit(
                        events.outbox_attempt_failed(item.id, error, retry_in_s=delay)
                    )
                )
                if retry:
                    break  # later replies in this conversation wait for this one
        return delivered

    async def _post(self, item: PendingReply) -> Attempt:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        if self.target is not None and self.target.handles(item.conversation_id):
            # The target's API has no idempotency key: mark the item first, so a crash during the
            # call makes the next attempt read the conversation back before posting again.
            await asyncio.wrap_future(self.database.writer.submit(events.outbox_in_flight(item.id)))
            return await self.target.deliver(self._session, item, self.timeout)
        headers = {"Idempotency-Key": item.key, "Content-Type": "application/json"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        try:
            async with self._session.post(
                self.url,
                json={**item.payload, "idempotency_key": item.key},
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as resp:
                if 200 <= resp.status < 300:
                    return Attempt(True)
                detail = (await resp.text())[:200]
                error = f"webhook answered {resp.status}: {detail}".strip()
                return Attempt(False, error, resp.status >= 500 or resp.status in RETRYABLE_STATUS)
        except TimeoutError:
            return Attempt(False, f"webhook did not answer within {self.timeout:g}s", True)
        except aiohttp.ClientError as exc:
            return Attempt(False, f"webhook unreachable: {exc}", True)

    async def _mark(self, ids: list[int], status: str) -> int:
        fut = self.database.writer.submit(events.outbox_delivered(ids, status=status))
        done: int = await asyncio.wrap_future(fut)
        return done

    def _delay(self, attempts: int) -> float:
        first, cap = self.backoff
        base = min(cap, first * (2 ** max(0, attempts - 1)))
        return base * (1.0 - self.jitter * self._rng.random())
