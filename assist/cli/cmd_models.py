"""``assist models list|promote VERSION [--force --reason TEXT]|rollback KIND [--to VERSION]|show
VERSION|audit|ab start VERSION|ab stop|ab show``: the model registry, its A/B test and the audit trail.

Promotion is guarded (:mod:`assist.learning.promotion`): a candidate not shown to be better
than the active model on the fixed evaluation set is promoted only with ``--force`` and a
``--reason``; both, and refusals, are recorded in the audit trail."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


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
    promote = cmds.add_parser(
        "promote",
        help="make a version the active one of its kind (if it is better, or with --force --reason)",
    )
    promote.add_argument("version")
    promote.add_argument("--force", action="store_true", help="promote although it is not shown to be better")
    promote.add_argument("--reason", help="why (required with --force; recorded in the audit trail)")
    promote.add_argument("--json", action="store_true")
    promote.set_defaults(func=_promote)
    rollback = cmds.add_parser(
        "rollback",
        help="reactivate the version active before the current one, or any earlier version (--to)",
    )
    rollback.add_argument("kind", choices=["intent", "drafts"])
    rollback.add_argument(
        "--to", dest="to_version", help="the version to return to (e.g. a first-run default, or instant-KIND)"
    )
    rollback.add_argument("--json", action="store_true")
    rollback.set_defaults(func=_rollback)
    audit = cmds.add_parser("audit", help="the audit trail: every train, evaluate, promote, roll back, A/B")
    audit.add_argument("--csv", help="write the table to this CSV file")
    audit.add_argument("--json", action="store_true")
    audit.set_defaults(func=_audit)
    ab = cmds.add_parser(
        "ab",
        help="A/B test: split new conversations between the active version and a challenger",
        description="Desks serve each new conversation with the active version or the challenger "
        "(assigned at random, once per conversation) until the test is stopped; the supervisor "
        "console's A/B table compares them.",
    )
    ab_cmds = ab.add_subparsers(dest="ab_command", metavar="ACTION", required=True)
    ab_start = ab_cmds.add_parser("start", help="start a test of VERSION against its kind's active version")
    ab_start.add_argument("version")
    ab_start.add_argument("--json", action="store_true")
    ab_start.set_defaults(func=_ab_start)
    ab_stop = ab_cmds.add_parser("stop", help="stop the test: everyone gets the active version again")
    ab_stop.add_argument("--json", action="store_true")
    ab_stop.set_defaults(func=_ab_stop)
    ab_show = ab_cmds.add_parser("show", help="the running test, if any")
    ab_show.add_argument("--json", action="store_true")
    ab_show.set_defaults(func=_ab_show)


def _with_registry(args: argparse.Namespace, fn: Callable[[Any], T]) -> T:
    """``fn(registry)`` on the database the options name, closed afterwards."""
    from assist.learning.dataset import open_database_from_args
    from assist.learning.registry import Registry

    settings, database = open_database_from_args(args)
    try:
        return fn(Registry(database, settings.models_dir))
    finally:
        database.close()


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
    infos = _with_registry(args, lambda registry: registry.list(args.kind))
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

    info = _with_registry(args, lambda registry: registry.get(args.version))
    if info is None:
        raise RegistryError(f"unknown model version {args.version}")
    print(json.dumps(info_json(info), indent=2, ensure_ascii=False))
    return 0


def _promote(args: argparse.Namespace) -> int:
    from assist.learning.promotion import promote

    info = _with_registry(
        args, lambda registry: promote(registry, args.version, force=args.force, reason=args.reason)
    )
    _done(args, info, f"{info.kind} model {info.version} is now active")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from assist.learning.audit import audit_table

    def read(registry: Any) -> Any:
        with registry.database.read() as s:
            return audit_table(s)

    table = _with_registry(args, read)
    if args.csv:
        table.to_csv(args.csv)
        print(f"wrote {len(table.rows)} audit rows to {args.csv}", file=sys.stderr)
    elif args.json:
        print(json.dumps({"audit": table.as_dicts()}, ensure_ascii=False))
    else:
        for row in table.as_dicts():
            print(
                f"{row['when']}  {row['action']:9} {row['kind']:7} {row['outcome']:9} {row['actor']:12} "
                f"{row['from_version'] or '-'} -> {row['to_version'] or '-'}  {row['figures']}  {row['reason']}"
            )
    return 0


def _rollback(args: argparse.Namespace) -> int:
    info = _with_registry(args, lambda registry: registry.rollback(args.kind, args.to_version))
    _done(args, info, f"rolled back: {info.kind} model {info.version} is active again")
    return 0


def _ab_start(args: argparse.Namespace) -> int:
    def start(registry: Any) -> tuple[Any, str | None]:
        info = registry.start_ab(args.version)
        return info, registry.active_version(info.kind)

    info, active = _with_registry(args, start)
    _done(args, info, f"A/B test started: new conversations get {active} or {info.version} ({info.kind})")
    return 0


def _ab_stop(args: argparse.Namespace) -> int:
    info = _with_registry(args, lambda registry: registry.stop_ab())
    if args.json:
        print(json.dumps({"stopped": info_json(info) if info is not None else None}, ensure_ascii=False))
    elif info is None:
        print("no A/B test was running", file=sys.stderr)
    else:
        print(
            f"A/B test of {info.version} stopped: everyone gets the active {info.kind} model", file=sys.stderr
        )
    return 0


def _ab_show(args: argparse.Namespace) -> int:
    test = _with_registry(args, lambda registry: registry.ab_test())
    if args.json:
        body = {"promoted": info_json(test[0]), "challenger": info_json(test[1])} if test else None
        print(json.dumps({"ab": body}, ensure_ascii=False))
    elif test is None:
        print("no A/B test running")
    else:
        print(f"{test[1].kind}: {test[0].version} (active) vs {test[1].version} (challenger)")
    return 0


def _done(args: argparse.Namespace, info: Any, message: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(info_json(info), ensure_ascii=False))
    else:
        print(message, file=sys.stderr)
