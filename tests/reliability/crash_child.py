"""Child process for test_crash.py: a burst of logged events through the real Writer.

Usage: python crash_child.py DATABASE_URL N [--ack-on-submit]

``--ack-on-submit`` is the control for the test itself: it prints each id when it is
*submitted* and holds the writer on a first unit that never finishes, i.e. an app that
says "saved" too early. The test must then find the loss.

Prints ``ready`` once the database is open, then submits N events (customer messages and
agent actions, alternately, over 50 conversations) and writes ``<event id>\\n`` to stdout the moment each event's
future resolves, i.e. the moment the app would tell its caller "saved". It never exits on
its own after the burst: the test kills it with SIGKILL.
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import Future
from typing import Any

from assist.core.types import IncomingMessage
from assist.storage import events
from assist.storage.database import Database


def main() -> None:
    url, n = sys.argv[1], int(sys.argv[2])
    early = "--ack-on-submit" in sys.argv[3:]
    db = Database.open(url)
    # conversations the agent actions refer to
    for c in range(50):
        db.writer.write(events.ingest_message(IncomingMessage(f"seed-{c}", f"conv-{c}", "hello")))
    os.write(1, b"ready\n")
    if early:
        db.writer.submit(lambda _s: threading.Event().wait())  # nothing after this ever commits

    def acked(event_id: int) -> Any:
        def done(fut: Future[Any]) -> None:
            if fut.exception() is None:
                # unbuffered: reaches the pipe at once. Padded to 64 bytes so the 64 KiB pipe holds
                # about 1,000 acks: the child can never run far ahead of what the test has read.
                os.write(1, f"{event_id:>63}\n".encode())
            else:
                os.write(1, f"failed {event_id} {fut.exception()!r}\n".encode())

        return done

    for i in range(n):
        if i % 2 == 0:
            work = events.ingest_message(IncomingMessage(f"ev-{i}", f"conv-{i % 50}", f"message {i} 你好"))
        else:
            work = events.log_action(
                events.ActionKind.EDITED,
                conversation_id=f"conv-{i % 50}",
                agent_name="crash",
                details={"ev": i},
            )
        fut = db.writer.submit(work)
        if early:
            os.write(1, f"{i:>63}\n".encode())
        else:
            fut.add_done_callback(acked(i))
    os.write(1, b"submitted\n")
    threading.Event().wait()  # stay alive until killed


if __name__ == "__main__":
    main()
