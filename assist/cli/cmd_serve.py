"""``assist serve``: the headless message hub, without the desk.

Opens the database, runs the ingest server and the outbox delivery on one asyncio loop
until Ctrl+C or SIGTERM, then shuts down in order (stop taking messages, finish
deliveries in flight, commit what the writer holds). It prints where it listens and
where the token lives, never the token itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="run the ingest server and outbox delivery headless (no desk)",
        description="Receive customer messages over HTTP (POST /v1/messages) and deliver sent replies "
        "to the configured webhook, until Ctrl+C or SIGTERM.",
    )
    p.add_argument("--host", help="address to listen on (default: the ingest_host setting, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to listen on (default: the ingest_port setting, 8765)")
    p.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from assist.cli.main import settings_overrides
    from assist.config import load_settings

    overrides = settings_overrides(args)
    if args.host is not None:  # "" is refused by validation (it would mean every interface)
        overrides["ingest_host"] = args.host
    if args.port is not None:
        overrides["ingest_port"] = args.port
    settings = load_settings(overrides)
    asyncio.run(serve(settings))
    return 0


async def serve(settings: Any, stop: asyncio.Event | None = None) -> None:
    """Run until ``stop`` is set (or SIGINT/SIGTERM arrives)."""
    from assist.config import settings_file
    from assist.sources.delivery import outbox_for
    from assist.sources.ingest import IngestServer
    from assist.storage.database import Database

    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    database = await loop.run_in_executor(None, Database.open, settings.resolved_database_url)
    server = IngestServer(database, settings)
    outbox = outbox_for(database, settings)
    try:
        await server.start()
        await outbox.start()
        target = _without_credentials(settings.outbound_webhook) or "none (replies are kept in the database)"
        print(
            f"assist: ingest server listening on {server.url}  (POST /v1/messages, GET /v1/health)",
            flush=True,
        )
        print(f"assist: bearer token: the 'ingest_token' setting in {settings_file()}", flush=True)
        print(f"assist: outbound webhook: {target}; Ctrl+C stops", flush=True)
        if settings.chatwoot_account_id:
            print(
                f"assist: Chatwoot account {settings.chatwoot_account_id}: webhooks at {server.url}"
                f"/v1/chatwoot/webhook, replies to {_without_credentials(settings.chatwoot_url)}",
                flush=True,
            )
        await stop.wait()
        print("assist: stopping", file=sys.stderr, flush=True)
    finally:
        await server.stop()
        await outbox.stop()
        await loop.run_in_executor(None, database.close)


def _without_credentials(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
