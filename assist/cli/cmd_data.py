"""``assist data import|export``: bring your own data in, take training data out.

``import`` reads a CSV/JSON/JSONL file (column names are options with sensible
defaults), validates all of it, then stores it in one transaction: a bad file stores
nothing and the error names the file, line and problem (exit code 2). ``export``
belongs to the learning loop (``assist.learning.dataset.run_export``), loaded only
when asked for so the rest of the CLI starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from assist.core.errors import AssistError


def register(sub: Any) -> None:
    p = sub.add_parser("data", help="import your own data files; export training data")
    kinds = p.add_subparsers(dest="data_command", metavar="ACTION", required=True)

    imp = kinds.add_parser(
        "import",
        help="import utterances, reply pairs or conversations from CSV/JSON/JSONL or a Chatwoot export",
        description=(
            "Import a data file. Defaults: utterances text/label (or Bitext's instruction/intent, "
            "BANKING77's text/category); pairs customer/agent (or instruction/response) with an "
            "optional intent; the source article's {'conversations': [{'customer', 'agent'}]} "
            "shape is accepted for pairs and conversations; --kind chatwoot reads Chatwoot's API JSON "
            "(conversations with their messages) as conversations. All or nothing; safe to repeat."
        ),
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--kind", required=True, choices=("utterances", "pairs", "conversations", "chatwoot"))
    imp.add_argument("--text-col", help="utterances: the text column (default text, then instruction)")
    imp.add_argument("--label-col", help="utterances: the label column (default label, intent, category)")
    imp.add_argument(
        "--lang", help="utterances: language for every row (default: the file's lang, or a guess)"
    )
    imp.add_argument("--customer-col", help="pairs: the customer column (default customer, then instruction)")
    imp.add_argument("--agent-col", help="pairs: the agent reply column (default agent, then response)")
    imp.add_argument("--intent-col", help="pairs: the intent column (default intent, if present)")
    imp.add_argument("--dataset", help="a name to group these rows under (default: the file name)")
    imp.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    imp.set_defaults(func=run_import)

    exp = kinds.add_parser("export", help="export redacted training data from the logs (JSONL)")
    exp.add_argument("--out", required=True, metavar="DIR", help="output directory")
    exp.add_argument("--kind", default="all", choices=("intents", "pairs", "all"))
    exp.add_argument(
        "--include-imported",
        action="store_true",
        help="also export imported conversations (default: logged work only)",
    )
    exp.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    from assist.cli.main import settings_overrides
    from assist.config import load_settings
    from assist.data.importers import import_file
    from assist.storage.database import Database

    settings = load_settings(settings_overrides(args))
    cols = {
        "text_col": args.text_col,
        "label_col": args.label_col,
        "lang": args.lang,
        "customer_col": args.customer_col,
        "agent_col": args.agent_col,
        "intent_col": args.intent_col,
    }
    database = Database.open(settings.resolved_database_url)
    try:
        report = import_file(database, args.file, args.kind, dataset=args.dataset, **cols)
    finally:
        database.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        extra = f" ({report.messages} messages)" if report.kind == "conversations" else ""
        print(
            f"imported {report.count} {report.kind}{extra} into dataset {report.dataset!r}; "
            f"{report.skipped_duplicates} already there (skipped)"
        )
        for line in report.left_out:
            print(f"  {line}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    try:
        from assist.learning.dataset import run_export as learning_export
    except ImportError as exc:
        print(f"assist data export: {exc}", file=sys.stderr)
        raise AssistError(
            "assist data export is not available in this build (assist.learning.dataset)"
        ) from exc
    return int(learning_export(args) or 0)
