"""Report Auditor (年报审核助手): the window by default, `check` for the headless audit.

    python main.py [FILES...]                 open the window (the bundled samples if none)
    python main.py check PATH... [--json FILE] [--xlsx FILE] [--xlsx-dir DIR]
    python main.py --version

`check` exits 0 when every file was read, every output written and no `error` finding
exists, 1 otherwise (each problem said in one sentence, the rest of the run going on), and
2 for a usage error. Qt is imported only for the window.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from model import __version__

if TYPE_CHECKING:
    from model.findings import Finding
    from model.report import Report

    Item = tuple[Report, list[Finding]]

BOOK_SUFFIX = ".审核.xlsx"


def report_book_names(folder: str, reports: Sequence[Report]) -> list[str | None]:
    """The audit workbook's name for each report read (None for one not read): named after
    its source file, made safe for Windows, each name once (case ignored, as there)."""
    from model.filenames import safe_name

    used: set[str] = set()
    names: list[str | None] = []
    for report in reports:
        if report.error:
            names.append(None)
            continue
        stem = Path(report.path).stem
        name, n = safe_name(stem, BOOK_SUFFIX, folder), 2
        while name.casefold() in used:
            name, n = safe_name(f"{stem}.{n}", BOOK_SUFFIX, folder), n + 1
        used.add(name.casefold())
        names.append(name)
    return names


def write_report_books(folder: str, items: Sequence[Item]) -> list[str]:
    """One audit workbook per report that could be read; returns a sentence for each that
    could not be written (the others are written all the same)."""
    from model import guard
    from model.atomic import WriteError
    from model.errors import os_reason
    from model.excel import write_report

    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "同名的文件已存在，不是文件夹" if isinstance(exc, FileExistsError) else os_reason(exc)
        return [f"{folder}：无法创建工作簿文件夹，{reason}。"]
    if not out.is_dir():
        return [f"{folder}：这不是文件夹，无法在其中写入工作簿。"]
    problems = []
    names = report_book_names(folder, [r for r, _ in items])
    for (report, findings), name in zip(items, names):
        if name is None:
            continue
        try:
            write_report(out / name, report, findings)
        except WriteError as exc:
            problems.append(f"{report.path}：{exc}")
        except Exception:  # noqa: BLE001 - one report's workbook must not stop the others
            logging.getLogger(__name__).exception("writing the workbook of %s failed", report.path)
            problems.append(f"{report.path}：{guard.internal_error(guard.EXPORT)}")
    return problems


def _inputs(paths: Sequence[str]) -> tuple[list[str], list[str], bool]:
    """The report files the paths name, the sentences for paths that give none, and whether
    a path was not found at all (a usage error)."""
    from parsers.inputs import expand_paths

    files: list[str] = []
    problems: list[str] = []
    missing: list[str] = []
    for raw in paths:
        if os.path.lexists(raw) and not os.path.exists(raw):
            problems.append(f"{raw}：符号链接指向不存在的位置或形成了循环，无法打开。")
        elif not os.path.exists(raw):
            missing.append(raw)
        elif os.path.isdir(raw):
            found = expand_paths([raw])
            if not found:
                problems.append(f"{raw}：文件夹中没有可审核的报告文件。")
            files.extend(found)
        else:
            files.extend(expand_paths([raw]))
    if missing:
        problems.insert(0, f"找不到：{', '.join(missing)}")
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    return unique, problems, bool(missing)


def _say(text: str) -> bool:
    """Write to standard output; False when it is closed or gone (then quietly no more)."""
    try:
        if sys.stdout is None:
            return False
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError):
        # Anything left in the buffer would fail again, loudly, as the program ends.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return False
    return True


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
    from model.logfile import setup_quiet_log

    log_path = setup_quiet_log()
    files, problems, usage = _inputs(args.paths)
    if usage:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2

    from model import guard
    from model.atomic import WriteError, check_target, write_text_atomic

    refused = []
    for target in (args.json_out, args.xlsx_out):
        if target and target != "-":
            try:
                check_target(target)
            except WriteError as exc:
                refused.append(str(exc))
    if refused:  # said before the audit, which may take long, is done for nothing
        for problem in problems + refused:
            print(problem, file=sys.stderr)
        return 1

    items = guard.audit_files(files)
    if args.json_out:
        text = guard.json_text(items)
        try:
            if args.json_out == "-":
                if not _say(text):
                    problems.append("无法写入标准输出（可能已被关闭），JSON 未输出。")
            else:
                write_text_atomic(args.json_out, text)
        except WriteError as exc:
            problems.append(str(exc))
    if args.xlsx_out:
        try:
            problems.extend(guard.write_summary(args.xlsx_out, items))
        except WriteError as exc:
            problems.append(str(exc))
    if args.xlsx_dir:
        problems.extend(write_report_books(args.xlsx_dir, items))
    if not args.json_out:
        for report, findings in items:
            errors = sum(1 for f in findings if f.severity == "error")
            warnings = sum(1 for f in findings if f.severity == "warning")
            state = report.error or f"{report.format} {report.year} 错误 {errors} 警告 {warnings}"
            _say(f"{report.path}: {state}\n")
    for problem in problems:
        print(problem, file=sys.stderr)
    internal = any(r.error and "程序内部出错" in r.error for r, _ in items)
    if internal and log_path is not None:
        print(f"详细信息已写入日志：{log_path}", file=sys.stderr)
    failed = bool(problems) or any(r.error for r, _ in items)
    failed = failed or any(f.severity == "error" for _, fs in items for f in fs)
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
