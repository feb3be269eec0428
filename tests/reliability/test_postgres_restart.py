"""PostgreSQL restarted mid-session, on a throwaway server of our own (never the shared one).

The writer reports the outage through ``on_state``, keeps the queued writes and retries;
once the server is back everything queued commits, nothing is lost, and the state clears.
A writer told to give up fails each affected future with StorageError: the caller always
learns which writes did not land (no silent loss).

Skips, saying why, when the PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are absent.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from assist.core.errors import StorageError
from assist.storage.database import Database

from .test_storage_faults import States, _count, _msg, _outcomes

pytestmark = pytest.mark.postgres


class PgServer:
    def __init__(self) -> None:
        bins = sorted(
            glob.glob("/usr/lib/postgresql/*/bin"),
            key=lambda p: [int(x) for x in p.split("/")[-2].split(".")],
        )
        if not bins or not os.path.exists(os.path.join(bins[-1], "pg_ctl")):
            pytest.skip(
                "PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin); apt-get install postgresql"
            )
        self.bin = bins[-1]
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self.as_postgres:
            try:
                self.pw: pwd.struct_passwd | None = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root and there is no 'postgres' user to run the server")
        else:
            self.pw = None
        self.dir = Path(tempfile.mkdtemp(prefix="assist-rel-pg-"))
        if self.pw is not None:
            os.chown(self.dir, self.pw.pw_uid, self.pw.pw_gid)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        cmd = [os.path.join(self.bin, args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{a}'" for a in cmd)]
        res = subprocess.run(cmd, capture_output=True, text=True)
        assert res.returncode == 0, f"{args[0]} failed: {res.stdout}\n{res.stderr}"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres")

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run(
            "pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-o", opts, "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", mode, "-w", "stop")

    def cleanup(self) -> None:
        subprocess.run(
            [
                "su",
                "postgres",
                "-s",
                "/bin/sh",
                "-c",
                f"'{self.bin}/pg_ctl' -D '{self.dir}/data' -m immediate stop",
            ]
            if self.as_postgres
            else [f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer]:
    server = PgServer()
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.cleanup()


def _reset(pg: PgServer) -> None:
    from sqlalchemy import text

    from assist.storage.db import make_engine

    engine = make_engine(pg.url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.mark.parametrize("stop_mode", ["fast", "immediate"])
def test_postgres_restart_mid_session_loses_nothing(pg: PgServer, stop_mode: str) -> None:
    _reset(pg)
    states = States()
    db = Database.open(pg.url, on_state=states)
    try:
        for i in range(20):
            db.writer.write(_msg(i, prefix="before"))
        pg.stop(stop_mode)  # pooled connections die with the server
        try:
            futs = [db.writer.submit(_msg(i, prefix="during")) for i in range(40)]
            msg = states.wait_for(lambda s: bool(s) and "unreachable" in s)
            print(f"\nstate shown during the outage: {msg}")
            assert not any(f.done() for f in futs), "a write was resolved while the server was down"
        finally:
            pg.start()
        assert _outcomes(futs) == (40, [])
        states.wait_for(lambda s: s is None)
        assert _outcomes([db.writer.submit(_msg(i, prefix="after")) for i in range(20)]) == (20, [])
        assert (_count(db, "before"), _count(db, "during"), _count(db, "after")) == (20, 40, 20)
    finally:
        db.close()


def test_postgres_outage_with_give_up_reports_every_failed_write(pg: PgServer) -> None:
    _reset(pg)
    db = Database.open(pg.url, writer_options={"give_up_after": 1.0, "retry_delays": (0.1,)})
    try:
        db.writer.write(_msg(0, prefix="before"))
        pg.stop("fast")
        try:
            futs = [db.writer.submit(_msg(i, prefix="lost")) for i in range(10)]
            ok, errors = _outcomes(futs)
        finally:
            pg.start()
        assert ok == 0 and len(errors) == 10 and all(isinstance(e, StorageError) for e in errors), errors
        assert all("unreachable" in str(e) for e in errors), errors
        assert _count(db, "lost") == 0  # what failed did not land; the caller was told about each one
        assert _outcomes([db.writer.submit(_msg(i, prefix="lost")) for i in range(10)]) == (10, [])
        assert (_count(db, "before"), _count(db, "lost")) == (1, 10)
    finally:
        db.close()
