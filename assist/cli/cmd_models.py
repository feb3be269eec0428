"""``assist models list|promote VERSION|rollback KIND|show VERSION``: the model registry."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("models", help="list, show, promote and roll back model versions")
    cmds = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    ls = cmds.add_parser("list", help="model versions, newest first")
    ls.add_argument("--kind", choices=["intent", "drafts"])
    ls.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    ls.set_defaults(func=_list)
    show = cmds.add_parser("show", help="one version with its metrics")
    show.add_argument("version")
    show.set_defaults(func=_show)
    promote = cmds.add_parser("promote", help="make a version the active one of its kind")
    promote.add_argument("version")
    promote.add_argument("--json", action="store_true")
    promote.set_defaults(func=_promote)
    rollback = cmds.add_parser("rollback", help="reactivate the version active before the current one")
    rollback.add_argument("kind", choices=["intent", "drafts"])
    rollback.add_argument("--json", action="store_true")
    rollback.set_defaults(func=_rollback)


def _registry(args: argparse.Namespace) -> tuple[Any, Any]:
    from assist.learning.dataset import open_database_from_args
    from assist.learning.registry import Registry

    settings, database = open_database_from_args(args)
    return Registry(database, settings.models_dir), database


def info_json(info: Any) -> dict[str, Any]:
    return {
        "kind": info.kind,
        "version": info.version,
        "status": info.status,
        "path": str(info.path),
        "parent_version": info.parent_version,
        "data_hash": info.data_hash,
        "metrics": info.metrics,
        "created_at": info.created_at.isoformat() if info.created_at else None,
        "promoted_at": info.promoted_at.isoformat() if info.promoted_at else None,
    }


def _list(args: argparse.Namespace) -> int:
    registry, database = _registry(args)
    try:
        infos = registry.list(args.kind)
    finally:
        database.close()
    if args.json:
        print(json.dumps({"versions": [info_json(i) for i in infos]}, ensure_ascii=False))
        return 0
    if not infos:
        print("no model versions registered yet (the desk trains the demo models on first start)")
        return 0
    print(f"{'kind':7} {'status':9} {'version':48} parent")
    for i in infos:
        print(f"{i.kind:7} {i.status:9} {i.version:48} {i.parent_version or '-'}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from assist.learning.registry import RegistryError

    registry, database = _registry(args)
    try:
        info = registry.get(args.version)
    finally:
        database.close()
    if info is None:
        raise RegistryError(f"unknown model version {args.version}")
    print(json.dumps(info_json(info), indent=2, ensure_ascii=False))
    return 0


def _promote(args: argparse.Namespace) -> int:
    registry, database = _registry(args)
    try:
        info = registry.promote(args.version)
    finally:
        database.close()
    _done(args, info, f"{info.kind} model {info.version} is now active")
    return 0


def _rollback(args: argparse.Namespace) -> int:
    registry, database = _registry(args)
    try:
        info = registry.rollback(args.kind)
    finally:
        database.close()
    _done(args, info, f"rolled back: {info.kind} model {info.version} is active again")
    return 0


def _done(args: argparse.Namespace, info: Any, message: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(info_json(info), ensure_ascii=False))
    else:
        print(message, file=sys.stderr)
