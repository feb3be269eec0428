from __future__ import annotations

import stat
from pathlib import Path

import pytest

from assist.config import ConfigError, load_settings, save_settings, settings_file


def test_fresh_user_gets_defaults_and_a_private_token(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg"
    s = load_settings(config_dir=cfg, environ={"ASSIST_DATA_DIR": str(tmp_path / "d")})
    assert s.ingest_host == "127.0.0.1"
    assert len(s.ingest_token) >= 24
    assert s.resolved_database_url.startswith("sqlite:///")
    mode = stat.S_IMODE(settings_file(cfg).stat().st_mode)
    assert mode == 0o600
    again = load_settings(config_dir=cfg, environ={"ASSIST_DATA_DIR": str(tmp_path / "d")})
    assert again.ingest_token == s.ingest_token


def test_layers_file_then_env_then_cli(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    settings_file(cfg).write_text('ingest_port = 9000\nagent_name = "file"\ndevice = "cpu"\n')
    env = {"ASSIST_DATA_DIR": str(tmp_path), "ASSIST_INGEST_PORT": "9100", "ASSIST_AGENT_NAME": "env"}
    s = load_settings({"agent_name": "cli"}, config_dir=cfg, environ=env)
    assert (s.ingest_port, s.agent_name, s.device) == (9100, "cli", "cpu")


@pytest.mark.parametrize(
    "env",
    [
        {"ASSIST_INGEST_PORT": "abc"},
        {"ASSIST_INGEST_PORT": "70000"},
        {"ASSIST_DEVICE": "tpu"},
        {"ASSIST_GENERATOR": "remote"},
        {"ASSIST_NO_SUCH": "1"},
        {"ASSIST_OUTBOUND_WEBHOOK": "ftp://x"},
        {"ASSIST_CHATWOOT_ACCOUNT_ID": "one"},
        {"ASSIST_CHATWOOT_ACCOUNT_ID": "1"},  # without chatwoot_url and chatwoot_api_token
        {"ASSIST_CHATWOOT_ACCOUNT_ID": "1", "ASSIST_CHATWOOT_URL": "chat.example", "ASSIST_CHATWOOT_API_TOKEN": "t"},
    ],
)
def test_bad_settings_are_named(tmp_path: Path, env: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        load_settings(config_dir=tmp_path, environ=env, create=False)


def test_secrets_are_masked_and_saved_privately(tmp_path: Path) -> None:
    s = load_settings(config_dir=tmp_path, environ={"ASSIST_DATA_DIR": str(tmp_path)})
    assert s.redacted()["ingest_token"] == "***"
    s.agent_name = "Lin"
    path = save_settings(s, config_dir=tmp_path)
    text = path.read_text()
    assert 'agent_name = "Lin"' in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_test_harness_variables_are_not_settings(tmp_path: Path) -> None:
    env = {
        "ASSIST_DATA_DIR": str(tmp_path),
        "ASSIST_TEST_POSTGRES_URL": "postgresql://x",
        "ASSIST_TEST_PGDATA": "/x",
    }
    assert load_settings(config_dir=tmp_path / "cfg", environ=env).data_dir == tmp_path


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://assist:pw@127.0.0.1:5432/assist",
            "postgresql+psycopg://assist:***@127.0.0.1:5432/assist",
        ),
        ("postgresql://u:p@ss@h/db", "postgresql://u:***@h/db"),  # an unescaped @ in the password
        ("postgresql://u:pa/ss@h:5432/db", "postgresql://u:***@h:5432/db"),  # an unescaped / too
        (
            "postgresql://u@h/db?password=pw&sslmode=require",
            "postgresql://u@h/db?password=***&sslmode=require",
        ),
        ("https://shop:pw@[::1]:9/hook?x=1&token=t#f", "https://shop:***@[::1]:9/hook?x=1&token=***#f"),
        ("https://h:8000/a@b/c", "https://h:8000/a@b/c"),  # a port, not a password
        ("sqlite:////home/u/assist.sqlite", "sqlite:////home/u/assist.sqlite"),
        ("http://gpu-box:8000/v1", "http://gpu-box:8000/v1"),
        ("", ""),
    ],
)
def test_mask_url_hides_passwords_only(url: str, shown: str) -> None:
    from assist.config import mask_url

    assert mask_url(url) == shown


def test_redacted_masks_passwords_inside_url_settings(tmp_path: Path) -> None:
    from assist.config import Settings

    s = Settings(
        data_dir=tmp_path,
        database_url="postgresql+psycopg://assist:db-PASSWORD@127.0.0.1:5432/assist",
        remote_url="https://bot:remote-PASSWORD@gpu-box:8000/v1",
        outbound_webhook="https://shop:hook-PASSWORD@127.0.0.1:9/hook",
    )
    shown = s.redacted()
    assert "PASSWORD" not in repr(shown)
    assert shown["database_url"] == "postgresql+psycopg://assist:***@127.0.0.1:5432/assist"
    assert s.database_url.endswith("db-PASSWORD@127.0.0.1:5432/assist")  # the setting itself is untouched


def test_chatwoot_settings_load_from_the_environment_and_their_secrets_are_masked(tmp_path: Path) -> None:
    env = {
        "ASSIST_DATA_DIR": str(tmp_path),
        "ASSIST_CHATWOOT_URL": "https://chat.example.com",
        "ASSIST_CHATWOOT_ACCOUNT_ID": "3",
        "ASSIST_CHATWOOT_API_TOKEN": "agent-access-token",
        "ASSIST_CHATWOOT_WEBHOOK_SECRET": "signing-secret",
    }
    s = load_settings(config_dir=tmp_path, environ=env, create=False)
    assert (s.chatwoot_url, s.chatwoot_account_id) == ("https://chat.example.com", 3)
    shown = s.redacted()
    assert shown["chatwoot_api_token"] == shown["chatwoot_webhook_secret"] == "***"
    assert "agent-access-token" not in repr(shown) and "signing-secret" not in repr(shown)
