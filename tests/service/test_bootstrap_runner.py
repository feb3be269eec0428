"""Which models a first start trains: kinds with no active version and no directory in the settings."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from assist.config import Settings
from assist.learning.registry import Registry
from assist.service.bootstrap_runner import kinds_needed, run_bootstrap
from assist.storage.database import Database


def test_fresh_install_needs_both_models(db: Database, tmp_path: Path) -> None:
    assert kinds_needed(Settings(data_dir=tmp_path), db) == ["intent", "drafts"]


def test_a_model_dir_in_the_settings_is_never_bootstrapped(db: Database, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, intent_model_dir=str(tmp_path / "my-intent"))
    assert kinds_needed(settings, db) == ["drafts"]


def test_an_active_registry_version_does_not_stop_the_default_being_built(db: Database, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    model = tmp_path / "some-drafts-model"
    model.mkdir()
    (model / "assist.json").write_text(json.dumps({"kind": "drafts", "version": "drafts-v1"}))
    registry = Registry(db, settings.models_dir)
    registry.promote(registry.register("drafts", model).version)
    # only a first-run default counts (issue 15): a junk active version must not block it;
    # bootstrap then registers the default beside it and leaves the active one in place
    assert kinds_needed(settings, db) == ["intent", "drafts"]


def test_nothing_to_train_returns_at_once(db: Database, tmp_path: Path) -> None:
    assert asyncio.run(run_bootstrap(Settings(data_dir=tmp_path), db, [])) == {}
