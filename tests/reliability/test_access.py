"""Access and secrets of the ingest server, over real HTTP on loopback.

Complements tests/sources/test_ingest.py (the server's own tests) with an attacker's view:
the default bind address of a real ``assist serve`` process, near-miss tokens, the
constant-time compare in the source, a huge promised body answered without being read,
rate limiting that is per client (two loopback source addresses), and the token never
appearing in logs, stdout/stderr, the health answer, error answers or the outbox.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import ipaddress
import json
import logging
import os
import signal
import stat
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import psutil
import pytest
from sqlalchemy import func, select

from assist.config import SECRET_FIELDS, Settings, load_settings, settings_file
from assist.learning.jobs import free_port
from assist.sources import http_checks, ingest
from assist.sources.ingest import IngestServer
from assist.storage.database import Database
from assist.storage.models import Message

TOKEN = "tok-Zq8xVb3N-reliability-SECRET-7f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _settings(tmp_path: Path, **changes: Any) -> Settings:
    return Settings(data_dir=tmp_path, ingest_token=TOKEN, ingest_port=0, **changes)


@asynccontextmanager
async def serving(db: Database, tmp_path: Path, **changes: Any) -> AsyncIterator[IngestServer]:
    server = IngestServer(db, _settings(tmp_path, **changes))
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(scenario())


def body(i: int = 0, **fields: Any) -> dict[str, Any]:
    return {"message_id": f"m{i}", "conversation_id": "c1", "text": "where is my order?", **fields}


def _messages(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Message)) or 0)


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = Database.open(f"sqlite:///{tmp_path / 'access.sqlite'}")
    yield database
    database.close()


# ----------------------------------------------------------------------------- bind address
def _listen_addresses(pid: int, port: int) -> list[str]:
    return [
        c.laddr.ip
        for c in psutil.Process(pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    ]


def test_binds_to_loopback_by_default(db: Database, tmp_path: Path) -> None:
    assert Settings().ingest_host == "127.0.0.1"

    async def scenario() -> None:
        server = IngestServer(db, Settings(data_dir=tmp_path, ingest_token=TOKEN, ingest_port=0))
        await server.start()
        try:
            port = int(server.url.rsplit(":", 1)[1])
            addrs = _listen_addresses(os.getpid(), port)
            assert addrs and all(ipaddress.ip_address(a).is_loopback for a in addrs), addrs
        finally:
            await server.stop()

    run(scenario)



def _post(url: str, token: str, payload: bytes) -> tuple[int, str]:
    req = urllib.request.Request(
        url,
        data=payload,
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_real_serve_process_loopback_private_token_never_printed(tmp_path: Path) -> None:
    """``assist -v serve`` as a user starts it the first time: it creates its token in a 0600
    settings file, listens on loopback only, and never prints the token, even at debug level."""
    port = free_port()
    config = tmp_path / "config"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_")}
    env.update(ASSIST_CONFIG_DIR=str(config), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assist.cli.main",
            "-v",
            "--data-dir",
            str(tmp_path / "data"),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    out = err = ""
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"listening on http://127.0.0.1:{port}" in first, first
        addrs = _listen_addresses(proc.pid, port)
        assert addrs and all(ipaddress.ip_address(a).is_loopback for a in addrs), addrs

        path = settings_file(config)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # readable by its owner only
        token = tomllib.loads(path.read_text())["ingest_token"]
        assert len(token) >= 24

        url = f"http://127.0.0.1:{port}/v1/messages"
        ok = json.dumps(body()).encode()
        assert _post(url, token, ok)[0] == 201
        assert _post(url, token[:-1], ok)[0] == 401
        assert _post(url, token + "x", ok)[0] == 401
        assert _post(url, token, b'{"message_id": 1, "text": [')[0] == 400
        assert _post(url, token, json.dumps(body(1, text=None)).encode())[0] == 422
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=30) as r:
            assert token not in r.read().decode()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
    assert proc.returncode == 0, err
    assert "DEBUG" in err or "INFO" in err, "no log output captured: the check below would be vacuous"
    assert token not in out and token not in err


# ----------------------------------------------------------------------------- token
def test_token_compare_is_constant_time_in_the_source() -> None:
    """The bearer check calls hmac.compare_digest, and the token is never compared with ==/!=/in
    (in the shared request checks, nor in the ingest server)."""
    tree = ast.parse(inspect.getsource(http_checks) + "\n" + inspect.getsource(ingest))
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "compare_digest"
        and isinstance(n.func.value, ast.Name)
        and n.func.value.id in {"hmac", "secrets"}
    ]
    assert calls, "the bearer check does not use hmac.compare_digest (or secrets.compare_digest)"
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            names = {ast.unparse(x) for x in [node.left, *node.comparators]}
            assert not any("_token" in n or n == "token" for n in names), ast.unparse(node)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        f"bearer{TOKEN}",
        f"Token {TOKEN}",
        f"Basic {TOKEN}",
        f"Bearer {TOKEN[:-1]}",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN.upper()}",
        f"Bearer x{TOKEN}",
        f"Bearer {TOKEN[:8]}",
        "Bearer " + "A" * 4_000,
        f"Bearer {TOKEN}\u200b",
    ],
    ids=lambda h: "none" if h is None else repr(h[:30]) + (f"...{len(h)}" if len(h) > 30 else ""),
)
def test_missing_or_wrong_token_is_401_and_nothing_is_stored(
    db: Database, tmp_path: Path, header: str | None
) -> None:
    async def scenario() -> None:
        async with serving(db, tmp_path) as server, aiohttp.ClientSession() as client:
            headers = {} if header is None else {"Authorization": header}
            async with client.post(f"{server.url}/v1/messages", json=body(), headers=headers) as r:
                assert r.status == 401
                err = await r.json()
                assert "token" in err["error"] and TOKEN not in json.dumps(err)
            async with client.post(f"{server.url}/v1/messages", json=body(), headers=AUTH) as r:
                assert r.status == 201  # the right token still works

    try:
        run(scenario)
    except UnicodeEncodeError:
        pytest.skip("the client library refuses to send a non-Latin-1 header")
    assert _messages(db) == 1


# ----------------------------------------------------------------------------- oversize
async def _raw_exchange(url: str, head: bytes, extra: bytes = b"") -> tuple[int, bytes]:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(head + extra)
        await writer.drain()
        # We never send the rest of the promised body: an answer proves the server did not wait for it.
        head_raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 60)
        length = next(
            int(line.split(b":", 1)[1])
            for line in head_raw.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        data = head_raw + await asyncio.wait_for(reader.readexactly(length), 60)
    finally:
        writer.close()
    status = int(data.split(b" ", 2)[1])
    return status, data


def test_oversize_body_refused_before_reading_it(db: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(db, tmp_path) as server:  # the default 64 KiB limit
            head = (
                b"POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + f"Authorization: Bearer {TOKEN}\r\n".encode()
                + b"Content-Length: 1073741824\r\n\r\n"  # promises 1 GiB
            )
            status, data = await _raw_exchange(server.url, head, b'{"message_id": "m1", "text": "')
            assert status == 413
            assert b"limit" in data and data.endswith(b"}")  # a JSON error
            assert b"connection: close" in data.lower()  # the unread body is never parsed as a request
            # without a token the answer is 401 (auth first), still without reading the body
            anon = head.replace(f"Authorization: Bearer {TOKEN}\r\n".encode(), b"")
            status, _ = await _raw_exchange(server.url, anon, b"xx")
            assert status == 401

    run(scenario)
    assert _messages(db) == 0


@pytest.mark.parametrize("refusal", [401, 429])
def test_refusal_with_an_unread_body_closes_the_connection(
    db: Database, tmp_path: Path, refusal: int
) -> None:
    async def scenario() -> None:
        async with serving(db, tmp_path, ingest_rate_per_minute=1) as server:
            auth = f"Authorization: Bearer {TOKEN}\r\n".encode() if refusal == 429 else b""
            if refusal == 429:  # use up the one request a minute
                async with (
                    aiohttp.ClientSession() as c,
                    c.post(f"{server.url}/v1/messages", json=body(), headers=AUTH) as r,
                ):
                    assert r.status == 201
            head = (
                b"POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + auth
                + b"Content-Length: 1073741824\r\n\r\n"
            )
            status, data = await _raw_exchange(server.url, head, b"xx")
            assert status == refusal
            assert b"connection: close" in data.lower()

    run(scenario)


# ----------------------------------------------------------------------------- rate limit
def test_rate_limit_is_per_client(db: Database, tmp_path: Path) -> None:
    """Client 127.0.0.1 is throttled; client 127.0.0.2 (another loopback address) is not."""

    async def scenario() -> None:
        # 3 a minute: a token comes back every 20 s, far longer than this exchange takes
        async with serving(db, tmp_path, ingest_rate_per_minute=3) as server:
            url = f"{server.url}/v1/messages"
            conn_b = aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))
            async with aiohttp.ClientSession() as a, aiohttp.ClientSession(connector=conn_b) as b:
                got_a = []
                for i in range(6):
                    async with a.post(url, json=body(i), headers=AUTH) as r:
                        got_a.append(r.status)
                        if r.status == 429:
                            assert int(r.headers["Retry-After"]) >= 1
                assert got_a == [201] * 3 + [429] * 3
                # a wrong token is still refused (401): wrong-token requests have a bucket of their own
                async with a.post(url, json=body(99), headers={"Authorization": "Bearer nope"}) as r:
                    assert r.status == 401
                got_b = []
                for i in range(100, 103):
                    async with b.post(url, json=body(i), headers=AUTH) as r:
                        got_b.append(r.status)
                assert got_b == [201] * 3  # another client is not throttled by the first one's flood

    run(scenario)
    assert _messages(db) == 6


# ----------------------------------------------------------------------------- secrets
def test_token_never_in_logs_of_an_ingest_session(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    async def scenario() -> None:
        async with serving(db, tmp_path, ingest_rate_per_minute=20) as server, aiohttp.ClientSession() as c:
            url = f"{server.url}/v1/messages"
            for i in range(3):
                async with c.post(url, json=body(i), headers=AUTH) as r:
                    assert r.status == 201
            for h in ({"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Basic {TOKEN}"}):
                async with c.post(url, json=body(50), headers=h) as r:
                    assert r.status == 401
            async with c.post(url, data=b"{bad", headers={**AUTH, "Content-Type": "application/json"}) as r:
                assert r.status == 400
            async with c.get(f"{server.url}/v1/health", headers=AUTH) as r:
                assert TOKEN not in await r.text()
            async with c.get(f"{server.url}/nope", headers=AUTH) as r:
                assert r.status == 404
            for i in range(30):  # into the rate limit
                async with c.post(url, json=body(200 + i), headers=AUTH) as r:
                    pass

    run(scenario)
    text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records, "nothing was logged: the check would be vacuous"
    assert TOKEN not in text


def test_redacted_settings_mask_every_secret() -> None:
    s = Settings(**{field: f"{field}-SECRET-0123456789" for field in SECRET_FIELDS})  # every secret set
    shown = json.dumps(s.redacted())
    assert "SECRET" not in shown
    assert {"ingest_token", "remote_api_key", "outbound_token"} <= SECRET_FIELDS
    assert all(s.redacted()[f] == "***" for f in SECRET_FIELDS)


def test_redacted_settings_mask_credentials_inside_urls() -> None:
    s = Settings(
        outbound_webhook="https://shop:hook-PASSWORD@127.0.0.1:9/hook",
        database_url="postgresql+psycopg://assist:db-PASSWORD@127.0.0.1:5432/assist",
    )
    assert "PASSWORD" not in json.dumps(s.redacted())


def test_settings_file_created_owner_only_even_with_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        s = load_settings(config_dir=tmp_path / "cfg", environ={})
    finally:
        os.umask(old)
    path = settings_file(tmp_path / "cfg")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert s.ingest_token and s.ingest_token in path.read_text()


def test_the_generated_token_keeps_what_the_user_wrote_in_the_settings_file(tmp_path: Path) -> None:
    """First start adds the token below the user's own lines: their comments survive, 0600."""
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    path = settings_file(cfg)
    mine = '# the shop desk, set up by Ann\nagent_name = "Ann"  # shown on replies\ndevice = "cpu"'
    path.write_text(mine, encoding="utf-8")  # no final newline
    path.chmod(0o644)
    s = load_settings(config_dir=cfg, environ={"ASSIST_DATA_DIR": str(tmp_path / "data")})
    text = path.read_text(encoding="utf-8")
    assert text.startswith(mine + "\n"), text
    assert text.endswith(f'ingest_token = "{s.ingest_token}"\n')
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = load_settings(config_dir=cfg, environ={"ASSIST_DATA_DIR": str(tmp_path / "data")})
    assert (again.ingest_token, again.agent_name, again.device) == (s.ingest_token, "Ann", "cpu")
    assert path.read_text(encoding="utf-8") == text  # nothing written the second time


def test_two_first_starts_at_once_share_one_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk and `assist serve` starting together: both use the token the file keeps."""
    import secrets
    import threading
    import time

    made = iter(range(100))

    def slow_token(n: int) -> str:
        time.sleep(0.3)  # widen the window between reading the file and saving the token
        return f"generated-token-{next(made):04d}-{n}"

    monkeypatch.setattr(secrets, "token_urlsafe", slow_token)
    cfg = tmp_path / "cfg"
    env = {"ASSIST_DATA_DIR": str(tmp_path / "data")}
    tokens: list[str] = []
    threads = [
        threading.Thread(
            target=lambda: tokens.append(load_settings(config_dir=cfg, environ=env).ingest_token)
        )
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    saved = load_settings(config_dir=cfg, environ=env).ingest_token
    assert len(tokens) == 4 and set(tokens) == {saved}, (tokens, saved)
    assert [p.name for p in cfg.iterdir() if p.name.endswith(".tmp")] == []
    assert stat.S_IMODE(settings_file(cfg).stat().st_mode) == 0o600


# ----------------------------------------------------------------------------- bind address and token strength
@pytest.mark.parametrize(
    ("env", "flags", "problem"),
    [
        ({"ASSIST_INGEST_HOST": ""}, [], "ingest_host is empty"),
        ({}, ["--host", ""], "ingest_host is empty"),
        ({"ASSIST_INGEST_HOST": "0.0.0.0"}, [], "is not a loopback address"),
        ({"ASSIST_INGEST_HOST": "::"}, [], "is not a loopback address"),
        ({"ASSIST_INGEST_TOKEN": "x"}, [], "ingest_token is too short (1 characters)"),
    ],
    ids=["empty-host", "empty-host-flag", "any-ipv4", "any-ipv6", "one-character-token"],
)
def test_serve_refuses_an_open_bind_or_a_weak_token_before_listening(
    tmp_path: Path, env: dict[str, str], flags: list[str], problem: str
) -> None:
    """``ASSIST_INGEST_HOST=""`` used to listen on 0.0.0.0 and [::] and print ``http://:PORT``;
    ``--host ""`` was taken for "no flag" and served on the default without a word."""
    port = free_port()
    child = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_")}
    child.update(ASSIST_CONFIG_DIR=str(tmp_path / "config"), PYTHONUNBUFFERED="1", **env)
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "assist.cli.main",
            "--data-dir",
            str(tmp_path / "data"),
            "serve",
            "--port",
            str(port),
            *flags,
        ],
        capture_output=True,
        text=True,
        env=child,
        timeout=120,
    )
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("assist: error: ") and problem in res.stderr, res.stderr
    assert "listening" not in res.stdout and "Traceback" not in res.stderr


def test_a_non_loopback_bind_needs_the_explicit_setting_and_logs_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from assist.config import validate
    from assist.core.errors import ConfigError

    with pytest.raises(ConfigError, match="ingest_allow_remote"):
        validate(Settings(ingest_host="192.0.2.7"))
    validate(Settings(ingest_host="192.0.2.7", ingest_allow_remote=True))
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        validate(Settings(ingest_host=host))
    caplog.set_level(logging.WARNING)
    ingest._warn_if_reachable_from_outside("127.0.0.1")
    assert not caplog.records
    ingest._warn_if_reachable_from_outside("192.0.2.7")  # the check IngestServer.start makes first
    assert any("other machines can reach" in r.getMessage() for r in caplog.records)


def test_a_short_configured_token_is_refused_everywhere(tmp_path: Path, db: Database) -> None:
    from assist.core.errors import ConfigError

    with pytest.raises(ConfigError, match="too short"):
        load_settings(config_dir=tmp_path / "cfg", environ={"ASSIST_INGEST_TOKEN": "short-token"})
    with pytest.raises(ConfigError, match="too short"):
        IngestServer(db, Settings(data_dir=tmp_path, ingest_token="x"))
    generated = load_settings(config_dir=tmp_path / "cfg2", environ={})
    assert len(generated.ingest_token) >= 16
