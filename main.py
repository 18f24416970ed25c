"""Report Auditor (年报审核助手): the window by default, `check` for the headless audit.

    python main.py [FILES...]                 open the window (a start page if none)
    python main.py check PATH... [--json FILE] [--xlsx FILE] [--xlsx-dir DIR] [--pdf-dir DIR]
    python main.py --version

A source opened with its own audit workbook (`a.txt` and `a.审核.xlsx` in one folder) is
one report: the source's text with the workbook's corrections (`model.excel_pairs`).
`--pdf-dir` writes each report's printed audit (the tables with their marks, the findings,
the change log) as `<name>.审核.pdf`.

`check` exits 0 when every file was read, every output written and no `error` finding
exists, 1 otherwise (each problem said in one sentence, the rest of the run going on), and
2 for a usage error. Qt is imported only for the window and for `--pdf-dir` (the printed
audit is drawn by Qt, without a window).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from model import __version__

if TYPE_CHECKING:
    from model.audited import AuditedReport
    from model.changes import Change
    from model.excel_pairs import BookMerge
    from model.findings import Finding
    from model.report import Report

    Item = tuple[Report, list[Finding]]
    Writer = Callable[[Path, Report, list[Finding], list[Change]], None]


def report_book_names(folder: str, reports: Sequence[Report], suffix: str | None = None) -> list[str | None]:
    """The output name for each report read (None for one not read): named after its source
    file, made safe for Windows, each name once (case ignored, as there)."""
    from model.excel_pairs import BOOK_SUFFIX, output_names

    return output_names(folder, [None if r.error else r.path for r in reports], suffix or BOOK_SUFFIX)


def _output_folder(folder: str, what: str) -> tuple[Path | None, str]:
    """The folder `folder`, made if need be; or None and the sentence why it cannot be."""
    from model.errors import os_reason

    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "同名的文件已存在，不是文件夹" if isinstance(exc, FileExistsError) else os_reason(exc)
        return None, f"{folder}：无法创建{what}文件夹，{reason}。"
    if not out.is_dir():
        return None, f"{folder}：这不是文件夹，无法在其中写入{what}。"
    return out, ""


def write_per_report(folder: str, audited: Sequence[AuditedReport], suffix: str, what: str, write: Writer) -> list[str]:
    """One output per report that could be read (`write(path, report, findings, changes)`,
    the changes being the corrections its audit workbook brought); returns a sentence for
    each that could not be written (the others are written all the same)."""
    from model import guard
    from model.atomic import WriteError

    out, problem = _output_folder(folder, what)
    if out is None:
        return [problem]
    problems = []
    names = report_book_names(folder, [a.report for a in audited], suffix)
    for one, name in zip(audited, names):
        if name is None:
            continue
        report, merge = one.report, one.book
        try:
            write(out / name, report, one.findings, list(merge.changes) if merge is not None else [])
        except WriteError as exc:
            problems.append(f"{report.path}：{exc}")
        except Exception:  # noqa: BLE001 - one report's output must not stop the others
            logging.getLogger(__name__).exception("writing the %s of %s failed", what, report.path)
            problems.append(f"{report.path}：{guard.internal_error(guard.EXPORT)}")
    return problems


def write_report_books(folder: str, audited: Sequence[AuditedReport]) -> list[str]:
    """One audit workbook per report that could be read (see `write_per_report`)."""
    from model.excel import write_report
    from model.excel_pairs import BOOK_SUFFIX

    def write(path: Path, report: Report, findings: list[Finding], changes: list[Change]) -> None:
        write_report(path, report, findings, changes)

    return write_per_report(folder, audited, BOOK_SUFFIX, "工作簿", write)


def write_report_pdfs(folder: str, audited: Sequence[AuditedReport]) -> list[str]:
    """The printed audit of each report that could be read, as a PDF (see `write_per_report`).
    Qt draws it: a `QGuiApplication` is made for it, without a window."""
    from model.excel_pairs import PDF_SUFFIX
    from ui.printing import gui_application, write_pdf

    gui_application()

    def write(path: Path, report: Report, findings: list[Finding], changes: list[Change]) -> None:
        write_pdf(path, report, findings, changes)

    return write_per_report(folder, audited, PDF_SUFFIX, "PDF", write)


def book_note(merge: BookMerge | None) -> str:
    """What became of a report's audit workbook, said after its line."""
    from model.excel_pairs import APPLIED, SOURCE_CHANGED, cells_corrected

    if merge is None:
        return ""
    if merge.outcome == APPLIED:
        return f"（已合并审核工作簿 {merge.name} 中的 {cells_corrected(merge.changes)} 处修改）"
    if merge.outcome == SOURCE_CHANGED:
        return f"（审核工作簿 {merge.name} 保存后原文件已更改，其中的修改未采用）"
    return ""


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
    parser.add_argument("--pdf-dir", dest="pdf_dir", help="为每份报告写一份打印版审核结果（PDF）的文件夹")
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

    from model.excel_pairs import pair_files
    from parsers.pipeline import audit_files

    sources, books = pair_files(files)
    audited = audit_files(sources, books=books)
    items = [(a.report, a.findings) for a in audited]
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
        problems.extend(write_report_books(args.xlsx_dir, audited))
    if args.pdf_dir:
        problems.extend(write_report_pdfs(args.pdf_dir, audited))
    if not args.json_out:
        for one in audited:
            report = one.report
            errors = sum(1 for f in one.findings if f.severity == "error")
            warnings = sum(1 for f in one.findings if f.severity == "warning")
            state = report.error or f"{report.format} {report.year} 错误 {errors} 警告 {warnings}"
            _say(f"{report.path}: {state}{book_note(one.book)}\n")
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
