"""Report Auditor (年报审核助手): the window by default, `check` for the headless audit.

    python main.py [FILES...]                 open the window (the bundled samples if none)
    python main.py check PATH... [--json FILE] [--xlsx FILE]
    python main.py --version

`check` exits 0 when every file was read and no `error` finding exists, 1 otherwise, and
2 for a usage error. Qt is imported only for the window.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from model import __version__


def write_report_books(folder: str, items: list) -> None:  # type: ignore[type-arg]
    """One audit workbook per report that could be read, named after its source file."""
    from model.excel import write_report

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for report, findings in items:
        if report.error:
            continue
        stem = Path(report.path).stem
        name = f"{stem}.审核.xlsx"
        n = 2
        while name in used:
            name, n = f"{stem}.{n}.审核.xlsx", n + 1
        used.add(name)
        write_report(out / name, report, findings)


def check(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="main.py check", description="无界面审核年度报告")
    parser.add_argument("paths", nargs="+", help="报告文件或文件夹")
    parser.add_argument("--json", dest="json_out", help="JSON 输出文件，- 表示标准输出")
    parser.add_argument("--xlsx", dest="xlsx_out", help="汇总 Excel 工作簿")
    parser.add_argument("--xlsx-dir", dest="xlsx_dir", help="为每份报告写一个审核工作簿的文件夹")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"找不到：{', '.join(missing)}", file=sys.stderr)
        return 2

    from model.audit_json import run_json
    from model.batch_rules import audit_batch
    from model.rules import audit
    from parsers import load_report
    from parsers.inputs import expand_paths

    reports = [load_report(path) for path in expand_paths(args.paths)]
    batch = audit_batch(reports)
    items = [(r, audit(r) + batch.get(i, [])) for i, r in enumerate(reports)]
    data = run_json(items)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.json_out == "-":
        sys.stdout.write(text + "\n")
    from model.atomic import WriteError, write_text_atomic

    try:
        if args.json_out and args.json_out != "-":
            write_text_atomic(args.json_out, text + "\n")
        if args.xlsx_out:
            from model.excel import write_summary

            write_summary(args.xlsx_out, items)
        if args.xlsx_dir:
            write_report_books(args.xlsx_dir, items)
    except WriteError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if not args.json_out:
        for report, findings in items:
            errors = sum(1 for f in findings if f.severity == "error")
            warnings = sum(1 for f in findings if f.severity == "warning")
            state = report.error or f"{report.format} {report.year} 错误 {errors} 警告 {warnings}"
            print(f"{report.path}: {state}")
    failed = any(r.error for r, _ in items) or any(f.severity == "error" for _, fs in items for f in fs)
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the packaged program's loading workers start through here
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "check":
        return check(argv[1:])
    if "--version" in argv:
        print(f"年报审核助手 Report Auditor {__version__}")
        return 0
    from ui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
