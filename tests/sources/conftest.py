"""Fixtures for the ingest server's tests: a real server on loopback, port chosen by the OS."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from assist.config import Settings
from assist.sources.ingest import IngestServer
from assist.storage.database import Database

ServeIngest = Callable[..., AbstractAsyncContextManager[IngestServer]]


@pytest.fixture
def serve_ingest(tmp_path: Path) -> ServeIngest:
    """``async with serve_ingest(db, token, **settings) as server:`` runs a started server."""

    @asynccontextmanager
    async def serving(db: Database, token: str, **changes: Any) -> AsyncIterator[IngestServer]:
        settings = Settings(data_dir=tmp_path, ingest_token=token, ingest_port=0, **changes)
        server = IngestServer(db, settings)
        await server.start()
        try:
            yield server
        finally:
            await server.stop()

    return serving
