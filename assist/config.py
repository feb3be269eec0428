"""Typed settings: defaults < TOML file in the user config dir < ASSIST_* env < CLI options.

A fresh user configures nothing: the data dir, an SQLite database inside it and an
ingest token are created on first start. The settings file is written readable by its
owner only (0600, in a 0700 config dir), because it holds the ingest token; the data dir is
0700 too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import os
import re
import secrets
import sys
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from assist.core.errors import ConfigError
from assist.core.private_files import private_dir

APP_NAME = "assist"
ENV_PREFIX = "ASSIST_"
SECRET_FIELDS = frozenset(
    {"ingest_token", "remote_api_key", "outbound_token", "chatwoot_api_token", "chatwoot_webhook_secret"}
)
URL_FIELDS = frozenset({"database_url", "remote_url", "outbound_webhook", "chatwoot_url"})  # may hold user:password@
_SECRET_QUERY = re.compile(
    r"(?i)(^|[&;])((?:password|passwd|pwd|pass|sslpassword|secret|token|access_token|api_key|apikey|key)=)"
    r"[^&;]*"
)

MIN_TOKEN_CHARS = 16  # a configured ingest token shorter than this is refused
_RAW_USERINFO = re.compile(r"([^:/?#@]*):([^/?#@]*)/[^?#]*@[^/?#@]*")


def mask_url(url: str) -> str:
    """``url`` with the password of ``user:password@`` and secret query values (``password=``,
    ``token=``, ...) replaced by ``***``: safe to log or show.

    ``postgresql+psycopg://user:pw@host/db`` -> ``postgresql+psycopg://user:***@host/db``; a URL
    without credentials (an SQLite path) comes back unchanged."""
    if not url or "://" not in url:
        return url
    scheme, _, rest = url.partition("://")
    end = len(rest)
    for stop in "/?#":
        found = rest.find(stop)
        if found != -1:
            end = min(end, found)
    authority, tail = rest[:end], rest[end:]
    if "@" not in authority:  # an unescaped "/" in the password ends the authority too early?
        raw = _RAW_USERINFO.match(rest)
        if raw and not raw.group(2).isdigit():  # user:pa/ss@host, not host:port/path@x
            authority, tail = rest[: raw.end()], rest[raw.end() :]
    if "@" in authority:
        userinfo, _, hostport = authority.rpartition("@")
        user, colon, password = userinfo.partition(":")
        if colon and password:
            authority = f"{user}:***@{hostport}"
    path, qmark, query = tail.partition("?")
    if qmark:
        query, hash_, fragment = query.partition("#")
        query = _SECRET_QUERY.sub(lambda m: m.group(1) + m.group(2) + "***", query)
        tail = f"{path}?{query}{hash_}{fragment}"
    return f"{scheme}://{authority}{tail}"


def default_config_dir() -> Path:
    return Path(os.environ.get("ASSIST_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


@dataclass(slots=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str = ""  # empty: sqlite file <data_dir>/assist.sqlite
    agent_name: str = "agent"
    ui_language: str = ""  # "", "en" or "zh_CN"; empty follows the system locale
    device: str = "auto"  # auto | cpu | cuda
    training_processes: int = 1  # retrain jobs: >1 trains data-parallel (one process per GPU)
    training_launcher: str = "accelerate"  # accelerate | torchrun (when training_processes > 1)
    training_mixed_precision: str = "no"  # no | fp16 | bf16 (CUDA only)
    intent_model_dir: str = ""  # empty: the registry's active intent model
    drafts_model_dir: str = ""  # empty: the registry's active draft model
    generator: str = "local"  # local | onnx | remote | none
    remote_url: str = ""  # OpenAI-compatible base URL, e.g. http://gpu-box:8000/v1
    remote_model: str = ""
    remote_api_key: str = ""
    remote_api: str = "chat"  # chat (instruct models) | completions (a fine-tuned base served by vLLM)
    generation_timeout_s: float = 20.0
    ingest_enabled: bool = True
    ingest_host: str = "127.0.0.1"
    ingest_port: int = 8765
    ingest_token: str = ""
    ingest_max_body_bytes: int = 64 * 1024
    ingest_rate_per_minute: int = 600
    ingest_allow_remote: bool = False  # True lets ingest_host be an address other machines can reach
    ingest_idle_timeout_s: float = 15.0  # a connection must send a complete request head within this
    ingest_body_timeout_s: float = 15.0  # a request body must arrive within this
    ingest_max_connections: int = 256  # open connections at once (far below the fd limit)
    outbound_webhook: str = ""  # empty: replies stay in the outbox, marked delivered locally
    outbound_token: str = ""
    # Chatwoot (assist.sources.chatwoot): replies of Chatwoot conversations go to its API
    chatwoot_url: str = ""  # e.g. https://chat.example.com (the address agents open)
    chatwoot_account_id: int = 0  # 0: no Chatwoot; webhooks of any other account are refused
    chatwoot_api_token: str = ""  # an agent's access token (Profile settings -> Access Token)
    chatwoot_webhook_secret: str = ""  # the webhook's signing secret, where Chatwoot shows one
    bootstrap_tiny: bool = False  # first start trains toy models in seconds (tests, smoke runs)
    # A retrain refuses to start below these (why these numbers: assist/learning/sufficiency.py)
    retrain_min_examples: int = 200  # intent examples in the training split
    retrain_min_per_intent: int = 5  # and per intent
    retrain_min_pairs: int = 200  # reply pairs for a drafts retrain

    # ------------------------------------------------------------------ derived
    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{Path(self.data_dir) / 'assist.sqlite'}"

    @property
    def models_dir(self) -> Path:
        return Path(self.data_dir) / "models"

    def redacted(self) -> dict[str, Any]:
        """The settings as a dict with secrets masked, also passwords inside URLs: safe to log or show."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in SECRET_FIELDS and value:
                value = "***"
            elif f.name in URL_FIELDS and isinstance(value, str):
                value = mask_url(value)
            out[f.name] = str(value) if isinstance(value, Path) else value
        return out

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _coerce(name: str, raw: Any, target: Any) -> Any:
    kind = type(target)
    try:
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if isinstance(target, Path):
            return Path(str(raw)).expanduser()
        return str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r}: cannot read {raw!r} as {kind.__name__}") from None


def _apply(settings: Settings, values: dict[str, Any], origin: str) -> None:
    known = {f.name for f in fields(settings)}
    for key, raw in values.items():
        if raw is None:
            continue
        if key not in known:
            raise ConfigError(f"{origin}: unknown setting {key!r}")
        setattr(settings, key, _coerce(key, raw, getattr(settings, key)))


def settings_file(config_dir: Path | None = None) -> Path:
    return (config_dir or default_config_dir()) / "settings.toml"


def load_settings(
    overrides: dict[str, Any] | None = None,
    *,
    config_dir: Path | None = None,
    environ: dict[str, str] | None = None,
    create: bool = True,
) -> Settings:
    """Load the layered settings; with ``create`` the token and dirs are made on first start."""
    settings = Settings()
    path = settings_file(config_dir)
    from_file: dict[str, Any] = {}
    if path.exists():
        try:
            from_file = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    env = os.environ if environ is None else environ
    from_env = {
        k[len(ENV_PREFIX) :].lower(): v
        for k, v in env.items()
        if k.startswith(ENV_PREFIX) and k not in {"ASSIST_CONFIG_DIR"} and not k.startswith("ASSIST_TEST_")
    }
    url_origin = ""  # the layer the database URL came from, named when it cannot be used
    for values, origin in ((from_file, str(path)), (from_env, "environment"), (overrides or {}, "command line")):
        _apply(settings, values, origin)
        if values.get("database_url") is not None:
            url_origin = origin
    try:
        validate(settings)
    except ConfigError as exc:
        if url_origin and str(exc).startswith("database_url "):
            raise ConfigError(f"{url_origin}: {exc}") from None
        raise
    if create:
        private_dir(Path(settings.data_dir))  # 0700: the database holds every customer message
        if not settings.ingest_token:
            settings.ingest_token = _first_token(settings, config_dir)
    return settings


def _first_token(settings: Settings, config_dir: Path | None) -> str:
    """The ingest token made on first start, once: two processes starting together (the desk
    and ``assist serve``) must not each save a token of their own, or one of them would run
    with a token the settings file no longer holds (every client: 401). Under a lock on the
    config directory, a token another process saved meanwhile is taken instead."""
    path = settings_file(config_dir)
    private_dir(path.parent)
    with _locked(path.with_name("settings.lock")):
        if path.exists():
            saved = tomllib.loads(path.read_text(encoding="utf-8")).get("ingest_token")
            if isinstance(saved, str) and saved:
                return saved
        settings.ingest_token = secrets.token_urlsafe(24)
        save_settings(settings, config_dir=config_dir, only={"ingest_token"})
        return settings.ingest_token


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """An exclusive lock between processes (and threads) on ``lock_path``, made 0600."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_token_strength(token: str) -> None:
    """A configured ingest token must be at least :data:`MIN_TOKEN_CHARS` characters."""
    if len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(
            f"ingest_token is too short ({len(token)} characters): use at least {MIN_TOKEN_CHARS} "
            "random characters, or remove it and one is generated"
        )


def check_database_url(url: str) -> None:
    """Refuse a ``database_url`` SQLAlchemy cannot open: unparsable, an unknown dialect or driver,
    or a driver that is not installed. Empty (the built-in SQLite file) passes. Imports only the
    dialect and its driver module, connects to nothing."""
    if not url:
        return
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    shown = mask_url(url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise ConfigError(
            f"database_url {shown!r} is not an SQLAlchemy URL "
            "(e.g. sqlite:////path/assist.sqlite or postgresql+psycopg://user@host/db)"
        ) from None
    try:
        dialect = parsed.get_dialect()
    except (NoSuchModuleError, ArgumentError, ValueError):  # NoSuchModuleError is an ArgumentError
        raise ConfigError(
            f"database_url {shown!r}: SQLAlchemy knows no database driver {parsed.drivername!r}"
        ) from None
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        raise ConfigError(f"database_url {shown!r}: its driver is not installed ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        _check_sqlite_file(shown, parsed.database or "", str(parsed.query.get("mode", "")))


def _check_sqlite_file(shown: str, database: str, mode: str) -> None:
    """A SQLite URL names a file that can be made: not an in-memory database (``sqlite://`` keeps
    nothing once the desk closes, and every connection sees an empty one), and not a path under a
    file (``sqlite:////etc/passwd/x.sqlite``)."""
    if not database or database == ":memory:" or mode == "memory":
        raise ConfigError(
            f"database_url {shown!r} is an in-memory SQLite database, which keeps nothing: "
            "name a file (sqlite:////path/to/assist.sqlite)"
        )
    path = Path(database).expanduser()
    if path.is_dir():
        raise ConfigError(f"database_url {shown!r}: {path} is a directory; name a file in it")
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ConfigError(f"database_url {shown!r}: {ancestor} is a file, so {path.parent} cannot be a folder")


def check_database_folder(url: str) -> None:
    """For the settings dialog: a SQLite file's folder exists (at start the desk would create it,
    wherever a typo put it)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return
    folder = Path(parsed.database).expanduser().parent
    if not folder.is_dir():
        raise ConfigError(f"database_url {mask_url(url)!r}: the folder {folder} does not exist; create it first")


def needs_connection_check(url: str) -> bool:
    """A server database (not the SQLite file): the settings dialog connects before saving it."""
    from sqlalchemy.engine import make_url

    return bool(url) and make_url(url).get_backend_name() != "sqlite"


def check_database_connects(url: str, timeout_s: float = 5.0) -> None:
    """Connect to a server database once and run ``SELECT 1``; refuse, naming the driver's
    reason, where that fails within ``timeout_s`` (a wrong host, password or database name
    would otherwise be saved, and the next start would stop). Blocks: call it off the UI thread."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    parsed = make_url(url)
    timeout = {"connect_timeout": max(1, round(timeout_s))}
    server = parsed.get_backend_name() in ("postgresql", "mysql", "mariadb")
    engine = None
    try:
        engine = create_engine(parsed, connect_args=timeout if server else {}, poolclass=NullPool)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - every driver raises its own kind; its words are shown
        words = str(getattr(exc, "orig", None) or exc).strip()
        reason = words.splitlines()[0] if words else type(exc).__name__
        raise ConfigError(f"database_url {mask_url(url)!r}: cannot connect ({reason})") from None
    finally:
        if engine is not None:
            engine.dispose()


MODEL_DIR_FIELDS = ("intent_model_dir", "drafts_model_dir")
# what a model directory holds: Hugging Face's config, a PEFT adapter's, or Assist's own metadata
MODEL_MARKERS = ("config.json", "adapter_config.json", "assist.json")


def check_model_dir(name: str, path: str) -> None:
    """A model directory setting names a directory that exists (empty: the registry's active model).

    Not part of :func:`validate`: at start a missing directory leaves the fallback engines serving
    and the status bar names it; the settings dialog refuses to save one."""
    if not path:
        return
    where = Path(path)
    if not where.exists():
        raise ConfigError(
            f"{name} {path!r} does not exist: choose a model directory, or leave it empty for the "
            "registry's active model"
        )
    if not where.is_dir():
        raise ConfigError(f"{name} {path!r} is not a directory: choose the directory that holds the model")
    if not any((where / marker).is_file() for marker in MODEL_MARKERS):
        raise ConfigError(
            f"{name} {path!r} holds no model (none of {', '.join(MODEL_MARKERS)}): choose the directory "
            "that `assist train` or a Hugging Face tool wrote"
        )


def validate(settings: Settings) -> None:
    check_database_url(settings.database_url)
    if not 0 < settings.ingest_port < 65536:
        raise ConfigError(f"ingest_port must be 1-65535, got {settings.ingest_port}")
    host = settings.ingest_host
    if not host.strip():
        raise ConfigError("ingest_host is empty (that would listen on every interface); use 127.0.0.1")
    if not is_loopback_host(host) and not settings.ingest_allow_remote:
        raise ConfigError(
            f"ingest_host {host!r} is not a loopback address: other machines could reach the ingest "
            "server; set ingest_allow_remote = true to mean it"
        )
    if settings.ingest_token:
        check_token_strength(settings.ingest_token)
    for name in ("ingest_idle_timeout_s", "ingest_body_timeout_s"):
        if not getattr(settings, name) > 0:
            raise ConfigError(f"{name} must be above 0, got {getattr(settings, name)}")
    if settings.ingest_max_connections < 1:
        raise ConfigError(f"ingest_max_connections must be >= 1, got {settings.ingest_max_connections}")
    if settings.device not in {"auto", "cpu", "cuda"}:
        raise ConfigError(f"device must be auto, cpu or cuda, got {settings.device!r}")
    if settings.training_processes < 1 or settings.training_launcher not in {"accelerate", "torchrun"}:
        raise ConfigError("training_processes must be >= 1 and training_launcher accelerate or torchrun")
    if settings.training_mixed_precision not in {"no", "fp16", "bf16"}:
        raise ConfigError(f"training_mixed_precision must be no, fp16 or bf16, got {settings.training_mixed_precision!r}")
    if settings.generator not in {"local", "onnx", "remote", "none"}:
        raise ConfigError(f"generator must be local, onnx, remote or none, got {settings.generator!r}")
    if settings.generator == "remote" and not settings.remote_url:
        raise ConfigError("generator 'remote' needs remote_url (an OpenAI-compatible base URL)")
    if settings.ui_language not in {"", "en", "zh_CN"}:
        raise ConfigError(f"ui_language must be en or zh_CN, got {settings.ui_language!r}")
    if settings.chatwoot_account_id < 0:
        raise ConfigError(f"chatwoot_account_id must be a Chatwoot account number, got {settings.chatwoot_account_id}")
    if settings.chatwoot_account_id and not (settings.chatwoot_url and settings.chatwoot_api_token):
        raise ConfigError("chatwoot_account_id needs chatwoot_url and chatwoot_api_token (to send replies)")
    for name in ("outbound_webhook", "remote_url", "chatwoot_url"):
        value = getattr(settings, name)
        if value and not value.startswith(("http://", "https://")):
            raise ConfigError(f"{name} must be an http(s) URL, got {value!r}")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def save_settings(
    settings: Settings, *, config_dir: Path | None = None, only: set[str] | None = None
) -> Path:
    """Write settings that differ from the defaults (or ``only`` these, merged) to TOML, mode 0600."""
    path = settings_file(config_dir)
    private_dir(path.parent)
    current: dict[str, Any] = {}
    text = ""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        current = tomllib.loads(text)
    if only is not None and text and not (only & current.keys()) and not _has_table(text):
        # new keys only (the generated token): add them below what the user wrote, comments kept
        added = "".join(f"{k} = {_toml_value(getattr(settings, k))}\n" for k in sorted(only))
        return _write_private(path, text + ("" if text.endswith("\n") else "\n") + added)
    defaults = Settings()
    for f in fields(settings):
        value = getattr(settings, f.name)
        if only is not None:
            if f.name in only:
                current[f.name] = value
        elif value != getattr(defaults, f.name):
            current[f.name] = value
        else:
            current.pop(f.name, None)
    body = "".join(f"{k} = {_toml_value(v)}\n" for k, v in sorted(current.items()))
    return _write_private(path, body)


def _has_table(text: str) -> bool:
    """Whether the TOML text opens a table (a key appended at the end would land inside it)."""
    return any(line.lstrip().startswith("[") for line in text.splitlines())


def _write_private(path: Path, body: str) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # one per writer
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(body)
    os.replace(tmp, path)
    os.chmod(path, 0o600)
    return path
