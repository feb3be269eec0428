"""``python -m bench NAME [--json out.json] [--quick]``; ``python -m bench all`` runs every one.

Each benchmark prints readable tables on stdout and writes one JSON object (``--json``);
``all`` runs each in its own process (so one failure or one model's threads cannot
spoil the next) and writes ``{"benchmarks": {name: object}}``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import ModuleType

from bench.harness import REPO, SHARED_DATA, Report, machine_info, write_json

BENCHMARKS = {
    "storage": "bench.storage",
    "intent-latency": "bench.intent_latency",
    "intent-zh": "bench.intent_zh",
    "draft-latency": "bench.draft_latency",
    "end-to-end": "bench.end_to_end",
    "quality": "bench.quality",
    "scaling": "bench.scaling",
    "soak": "bench.soak",
    "generation": "bench.generation",
    "decoding": "bench.decoding",
    "drafts-table": "bench.drafts_table",
    "import": "bench.importing",
}
IN_ALL = ("storage", "intent-latency", "draft-latency", "end-to-end", "quality", "scaling", "import")

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def common_parser(name: str, description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"python -m bench {name}", description=description)
    p.add_argument("--json", metavar="FILE", help="write the JSON object here (it is also printed)")
    p.add_argument("--quick", action="store_true", help="a smoke run: small sizes, well under a minute")
    p.add_argument(
        "--postgres-url",
        default=os.environ.get("ASSIST_BENCH_POSTGRES_URL") or os.environ.get("ASSIST_TEST_POSTGRES_URL", ""),
        help="PostgreSQL URL (default: $ASSIST_BENCH_POSTGRES_URL or $ASSIST_TEST_POSTGRES_URL); "
        "benchmarks work in their own schema and drop it afterwards",
    )
    p.add_argument("--data-dir", type=Path, default=SHARED_DATA, help="real data (default ../shared/data)")
    p.add_argument(
        "--models-dir",
        type=Path,
        default=Path(os.environ.get("ASSIST_BENCH_MODELS", REPO / "var" / "bench-models")),
        help="where benchmarks cache the models they train for themselves",
    )
    p.add_argument(
        "--threads",
        type=int,
        default=None,
        help="intra-op threads for every model, torch and ONNX Runtime (default: each engine's own "
        "choice); on a shared, oversubscribed machine 1 is far faster than 2",
    )
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--quiet", action="store_true", help="no tables on stdout")
    return p


def run_one(name: str, argv: list[str]) -> int:
    module: ModuleType = importlib.import_module(BENCHMARKS[name])
    parser = common_parser(name, module.__doc__.splitlines()[0] if module.__doc__ else name)
    if hasattr(module, "add_arguments"):
        module.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.threads:
        for var in ("ASSIST_INTENT_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    report = Report(name=name, quick=args.quick)
    report.settings["threads"] = args.threads or "engine default"
    try:
        module.run(args, report)
    except KeyboardInterrupt:
        report.error = "interrupted"
    except Exception as exc:  # noqa: BLE001 - a benchmark's failure is reported in its JSON
        traceback.print_exc()
        report.error = f"{type(exc).__name__}: {exc}"
    data = report.to_dict()
    if not args.quiet:
        print(report.render(), flush=True)
    write_json(data, args.json)
    if args.json:
        print(f"JSON written to {args.json}")
    else:
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    return 1 if report.error else 0


def run_all(argv: list[str]) -> int:
    out_path = None
    if "--json" in argv:
        i = argv.index("--json")
        out_path = argv[i + 1]
        argv = argv[:i] + argv[i + 2 :]
    names = list(IN_ALL)
    results: dict[str, object] = {}
    failed = []
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            path = Path(tmp) / f"{name}.json"
            print(f"\n===== {name} =====", flush=True)
            rc = subprocess.call([sys.executable, "-m", "bench", name, *argv, "--json", str(path)], cwd=REPO)
            if path.exists():
                results[name] = json.loads(path.read_text(encoding="utf-8"))
            else:
                results[name] = {"benchmark": name, "status": "error", "error": f"exit code {rc}, no JSON"}
            if rc:
                failed.append(name)
    data = {"machine": machine_info(), "duration_s": round(time.time() - t0, 1), "benchmarks": results}
    print("\n===== summary =====")
    for name, res in results.items():
        status = res.get("status") if isinstance(res, dict) else "?"
        print(f"{name:16s} {status}")
    write_json(data, out_path)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in {*BENCHMARKS, "all"}:
        print(__doc__)
        print("benchmarks:", ", ".join([*BENCHMARKS, "all"]))
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    if argv[0] == "all":
        return run_all(argv[1:])
    return run_one(argv[0], argv[1:])


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
