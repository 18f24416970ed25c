"""Report Auditor (年报审核助手): the window by default, `check` for the headless audit.

    python main.py [FILES...]                 open the window (a start page if none)
    python main.py check PATH... [--json FILE] [--xlsx FILE] [--xlsx-dir DIR] [--pdf-dir DIR]
    python main.py rollup PATH... [--json FILE] [--xlsx FILE]
    python main.py compare OLD NEW [--xlsx FILE] [--json FILE]
    python main.py --version

`rollup` sums the reports' tables, each form apart, in the official layout (`model.rollup`);
`compare` puts one agency's report of one year beside another year's (`model.compare`).

A source opened with its own audit workbook (`a.txt` and `a.审核.xlsx` in one folder) is
one report: the source's text with the workbook's corrections (`model.excel.pairs`).
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
    from model.excel.pairs import BookMerge
    from model.findings import Finding
    from model.report import Report

    Item = tuple[Report, list[Finding]]
    Writer = Callable[[Path, Report, list[Finding], list[Change]], None]


def report_book_names(folder: str, reports: Sequence[Report], suffix: str | None = None) -> list[str | None]:
    """The output name for each report read (None for one not read): named after its source
    file, made safe for Windows, each name once (case ignored, as there)."""
    from model.excel.pairs import BOOK_SUFFIX, output_names

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
    from model.excel.pairs import BOOK_SUFFIX
    from model.excel.workbook import write_report

    def write(path: Path, report: Report, findings: list[Finding], changes: list[Change]) -> None:
        write_report(path, report, findings, changes)

    return write_per_report(folder, audited, BOOK_SUFFIX, "工作簿", write)


def write_report_pdfs(folder: str, audited: Sequence[AuditedReport]) -> list[str]:
    """The printed audit of each report that could be read, as a PDF (see `write_per_report`).
    Qt draws it: a `QGuiApplication` is made for it, without a window."""
    from model.excel.pairs import PDF_SUFFIX
    from ui.printing import gui_application, write_pdf

    gui_application()

    def write(path: Path, report: Report, findings: list[Finding], changes: list[Change]) -> None:
        write_pdf(path, report, findings, changes)

    return write_per_report(folder, audited, PDF_SUFFIX, "PDF", write)


def book_note(merge: BookMerge | None) -> str:
    """What became of a report's audit workbook, said after its line."""
    from model.excel.pairs import APPLIED, SOURCE_CHANGED, cells_corrected

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
    from parsers.read.inputs import expand_paths

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
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    log_path = args.log_path
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

    from model.excel.pairs import pair_files
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


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace | int:
    """The command's arguments, with the quiet log set up (its path as `log_path`), or the
    exit status when parsing ends the run: 0 after --help, 2 for a usage error."""
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    from model.logfile import setup_quiet_log

    args.log_path = setup_quiet_log()
    return args


def _read_for(paths: Sequence[str]) -> tuple[list[Report], list[str], int | None]:
    """Read the reports `paths` name, with their audit workbooks' corrections: (reports,
    problems, an exit status when the run cannot go on)."""
    from model.excel.pairs import pair_files
    from parsers.pipeline import audit_files

    files, problems, usage = _inputs(paths)
    if usage:
        return [], problems, 2
    sources, books = pair_files(files)
    return [one.report for one in audit_files(sources, books=books)], problems, None


def _outputs_refused(targets: Sequence[str | None]) -> list[str]:
    from model.atomic import WriteError, check_target

    refused = []
    for target in targets:
        if target and target != "-":
            try:
                check_target(target)
            except WriteError as exc:
                refused.append(str(exc))
    return refused


def _write_json(target: str, data: object, problems: list[str]) -> None:
    import json

    from model.atomic import WriteError, write_text_atomic

    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        if target == "-":
            if not _say(text):
                problems.append("无法写入标准输出（可能已被关闭），JSON 未输出。")
        else:
            write_text_atomic(target, text)
    except WriteError as exc:
        problems.append(str(exc))


def _finish(problems: list[str], failed: bool) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if failed or problems else 0


def rollup(argv: Sequence[str]) -> int:
    """`main.py rollup`: the reports' tables summed, each form apart (exit 1 when a file could
    not be read or an output not written, 2 for a usage error)."""
    parser = argparse.ArgumentParser(prog="main.py rollup", description="合计多份报告的表格（按官方表样）")
    parser.add_argument("paths", nargs="+", help="报告文件或文件夹")
    parser.add_argument("--json", dest="json_out", help="JSON 输出文件，- 表示标准输出")
    parser.add_argument("--xlsx", dest="xlsx_out", help="合计表 Excel 工作簿")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    refused = _outputs_refused([args.json_out, args.xlsx_out])
    if refused:
        return _finish(refused, True)
    reports, problems, status = _read_for(args.paths)
    if status is not None:
        _finish(problems, True)
        return status
    from model.atomic import WriteError
    from model.excel.rollup import LEFT_REASONS, write_rollup
    from model.messages import FORMAT_NAMES
    from model.rollup import LEFT_UNREADABLE, roll_up, roll_up_shared

    rollups = roll_up(reports)
    for path, reason in rollups.left_out:  # said, but no failure: an older report has no form to sum
        if reason != LEFT_UNREADABLE:
            print(f"{path}：未计入合计，{LEFT_REASONS.get(reason, reason)}。", file=sys.stderr)
    if args.json_out:
        _write_json(args.json_out, rollups.as_json(), problems)
    if args.xlsx_out:
        try:
            write_rollup(args.xlsx_out, rollups, roll_up_shared(reports))
        except WriteError as exc:
            problems.append(str(exc))
    if args.json_out != "-":
        for r in rollups.forms:
            new = r.value("table3", "new", "total")
            _say(
                f"{FORMAT_NAMES.get(r.format, r.format)}：{r.reports} 份报告，本年新收申请合计 {new if new is not None else '—'}\n"
            )
    return _finish(problems, any(r.error for r in reports))


def compare(argv: Sequence[str]) -> int:
    """`main.py compare OLD NEW`: one agency's two years side by side."""
    parser = argparse.ArgumentParser(prog="main.py compare", description="对比同一机关两个年度的报告")
    parser.add_argument("old", help="较早年度的报告")
    parser.add_argument("new", help="较晚年度的报告")
    parser.add_argument("--json", dest="json_out", help="JSON 输出文件，- 表示标准输出")
    parser.add_argument("--xlsx", dest="xlsx_out", help="对比 Excel 工作簿")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    for path in (args.old, args.new):
        if not os.path.isfile(path):
            print(f"找不到文件：{path}", file=sys.stderr)
            return 2
    refused = _outputs_refused([args.json_out, args.xlsx_out])
    if refused:
        return _finish(refused, True)
    from model.atomic import WriteError
    from model.compare import compare as compare_reports
    from model.excel.rollup import write_comparison
    from parsers.pipeline import read_with_book

    old, new = (read_with_book(p, None)[0] for p in (args.old, args.new))
    unread = [f"{r.path}：{r.error}" for r in (old, new) if r.error]
    if unread:
        return _finish(unread, True)
    comparison = compare_reports(old, new)
    problems: list[str] = []
    if args.json_out:
        _write_json(args.json_out, comparison.as_json(), problems)
    if args.xlsx_out:
        try:
            write_comparison(args.xlsx_out, comparison)
        except WriteError as exc:
            problems.append(str(exc))
    if args.json_out != "-":
        from model.messages import cell_label

        _say(f"{old.agency or old.path} {old.year} → {new.agency or new.path} {new.year}\n")
        for table, row, col in comparison.swings():
            t = comparison.tables[table]
            cell = t.cell(row, col)
            _say(f"大幅变化：{cell_label(table, new.format, row, col)} {cell['old']} → {cell['new']}\n")
        for section in comparison.sections:
            counts = section.counts()
            if section.paragraphs:
                _say(f"{section.title or '全文'}：未改动 {counts['same']}，基本未改动 {counts['near']}，"
                     f"有改写 {counts['changed']}，新增 {counts['new']}，删去 {counts['removed']}\n")  # fmt: skip
    return _finish(problems, False)


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the packaged program's loading workers start through here
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"check": check, "rollup": rollup, "compare": compare}
    if argv and argv[0] in commands:
        return commands[argv[0]](argv[1:])
    if "--version" in argv:
        print(f"年报审核助手 Report Auditor {__version__}")
        return 0
    from ui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
