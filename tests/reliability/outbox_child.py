"""Child process for test_outbox_crash.py: the real outbox delivery loop, until killed.

Usage: python outbox_child.py SQLITE_URL WEBHOOK_URL
"""

from __future__ import annotations

import asyncio
import sys

from assist.sources.outbox import OutboxDelivery
from assist.storage.database import Database


async def main(url: str, hook: str) -> None:
    db = Database.open(url)
    outbox = OutboxDelivery(db, hook, "hook-token", timeout=30.0, backoff=(0.05, 0.2), poll_interval=0.1)
    await outbox.start()
    print("started", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
