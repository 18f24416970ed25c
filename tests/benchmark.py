"""The speed and memory benchmark: one command, every figure against its target.

    python -m tests.benchmark [--reports 1000]

Each figure is also printed as a ratio to the time it takes merely to read and decode the
same files on this machine, so results compare across machines. Not a test: it measures.

Per-report times are taken in rounds over the sample files: the median of each round, and
of the rounds the best (other work on the machine only ever adds time, as `timeit` notes);
the p95 is over every run of every round. The rounds of the file types take turns, so each
type's rounds are spread over the whole measurement: a shared machine runs slower for
seconds at a time, and rounds run back to back would all fall in one such stretch.
"""

from __future__ import annotations

import argparse
import functools
import gc
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.overview import overview  # noqa: E402
from model.rollup import roll_up  # noqa: E402
from model.rules import audit  # noqa: E402
from parsers import load_report  # noqa: E402
from parsers.read.decode import decode_bytes  # noqa: E402
from parsers.read.readers import read_bytes  # noqa: E402

SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))


def _times(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


class _Kind(NamedTuple):
    """One file type's per-report measurement: its files, what is timed, runs per file."""

    paths: list[Path]
    fn: Callable[[Path], object]
    repeat: int


def _interleaved_rounds(kinds: dict[str, _Kind], rounds: int = 7) -> dict[str, tuple[float, float]]:
    """(median, p95) of each kind: the best round's median, the p95 of all its runs.

    Round k of every kind runs before round k + 1 of any, so a slow stretch of the machine
    lands on some rounds of each kind rather than on all rounds of one."""
    medians: dict[str, list[float]] = {name: [] for name in kinds}
    every: dict[str, list[float]] = {name: [] for name in kinds}
    for _ in range(rounds):
        for name, kind in kinds.items():
            runs = [t for path in kind.paths for t in _times(functools.partial(kind.fn, path), kind.repeat)]
            medians[name].append(statistics.median(runs))
            every[name].extend(runs)
    return {name: (min(medians[name]), _p95(every[name])) for name in kinds}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


class Table:
    """Prints one line per figure: value, target, pass mark and ratio to the baseline."""

    def __init__(self, baseline_ms: float) -> None:
        self.baseline_ms = baseline_ms
        self.failed: list[str] = []

    def row(self, name: str, value: float, unit: str, target: float | None, per: int = 1) -> None:
        """One figure; a time is also shown as a ratio to reading `per` sample reports."""
        ok = target is None or value <= target
        if not ok:
            self.failed.append(name)
        mark = "" if target is None else ("OK  " if ok else "MISS")
        target_text = "" if target is None else f"≤ {target:g} {unit}"
        ms = {"ms": value, "s": value * 1000}.get(unit)
        ratio = f"{ms / (self.baseline_ms * per):8.1f}× read" if ms is not None and self.baseline_ms else ""
        print(f"{mark:4} {name:48} {value:10.2f} {unit:4} {target_text:14} {ratio}")


def _parse_and_audit(path: str) -> int:
    report = load_report(path)
    return len(audit(report))


def _copies(folder: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        src = SAMPLES[i % len(SAMPLES)]
        dst = folder / f"{i:05d}_{src.name}"
        shutil.copyfile(src, dst)
        paths.append(str(dst))
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000, help="size of the batch figures")
    parser.add_argument("--built", help="the packaged program (dist/ReportAuditor/ReportAuditor) to time as well")
    parser.add_argument("--worst-only", action="store_true", help="only the worst case of each kind of input")
    args = parser.parse_args(argv)
    if args.worst_only:
        table = Table(0.0)
        worst_cases(table)
        return _verdict(table)

    with tempfile.TemporaryDirectory() as tmp:
        made = _other_types(Path(tmp))
        kinds = {"baseline": _Kind(SAMPLES, lambda p: decode_bytes(read_bytes(p)), 20)}
        for kind, files in {"text": SAMPLES, **made}.items():
            kinds[kind] = _Kind(files, lambda p: _parse_and_audit(str(p)), 10 if kind in ("text", "html") else 4)
        per_report = _interleaved_rounds(kinds)
    baseline_ms = per_report.pop("baseline")[0] * 1000
    table = Table(baseline_ms)
    print(f"baseline: read + decode one sample report, median {baseline_ms:.3f} ms\n")
    for kind, (med, p95) in per_report.items():
        target = 5 if kind in ("text", "html") else None
        table.row(f"{kind} report: parse + audit, median", med * 1000, "ms", target)
        table.row(f"{kind} report: parse + audit, p95", p95 * 1000, "ms", None)

    report = load_report(SAMPLES[3])
    cell = ("table3", "new", "natural_person")

    def edit() -> None:
        report.set_value(*cell, (report.value(*cell) or 0) + 1)
        audit(report)

    edits = _times(edit, 200)
    table.row("edit a cell → findings updated, median", statistics.median(edits) * 1000, "ms", 16)

    with tempfile.TemporaryDirectory() as tmp:
        paths = _copies(Path(tmp), args.reports)
        start = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            pool.map(_parse_and_audit, paths, chunksize=25)
        batch = time.perf_counter() - start
        table.row(f"{args.reports} reports on 2 processes", batch, "s", 10, per=args.reports)
        _window_batch(table, tmp)

        gc.collect()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        reports = [load_report(p) for p in paths]
        findings = [audit(r) for r in reports]
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        table.row(f"peak memory with {args.reports} reports open", after, "MB", 500)
        texts_mb = sum(sys.getsizeof(decode_bytes(read_bytes(p))[0]) for p in paths) / 2**20
        print(
            f"     (of which the reports: about {after - before:.0f} MB, "
            f"{(after - before) / texts_mb:.1f}× their decoded texts, {texts_mb:.0f} MB)"
        )

        rollup_times = _times(lambda: roll_up(reports), 5)
        table.row(f"roll-up of {args.reports} reports, median", statistics.median(rollup_times) * 1000, "ms", 500)
        items = list(zip(reports, findings))
        overview_times = _times(lambda: overview(items), 5)
        table.row(f"overview of {args.reports} reports, median", statistics.median(overview_times) * 1000, "ms", 500)

        try:
            from model.excel.workbook import write_report, write_summary
        except ImportError:
            print("     Excel export not available")
        else:
            out = Path(tmp) / "one.xlsx"
            one = _times(lambda: write_report(out, reports[3], findings[3]), 5)
            table.row("Excel workbook for 1 report, median", statistics.median(one) * 1000, "ms", None)
            start = time.perf_counter()
            write_summary(Path(tmp) / "summary.xlsx", list(zip(reports, findings)))
            summary = time.perf_counter() - start
            table.row(f"summary workbook of {args.reports} reports", summary, "s", 10, per=args.reports)

    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, env={**os.environ})
    table.row("start-up of main.py --version", (time.perf_counter() - start) * 1000, "ms", None)
    if proc.returncode != 0:
        print("     main.py --version failed")
    _window_startup(table, [sys.executable, str(ROOT / "main.py")], "python main.py")
    if args.built:
        _window_startup(table, [args.built], "built program")

    worst_cases(table)
    return _verdict(table)


def _verdict(table: Table) -> int:
    print()
    if table.failed:
        print("missed:", ", ".join(table.failed))
        return 1
    print("every target holds")
    return 0


PDF_MS_PER_PAGE = 20
PDF_MB_PER_PAGE = 3
LARGEST_TABLE_S = 2.0  # the fuzz test's bound for one file
LARGEST_TABLE_ROWS = 2000
DIGIT_RUN_MS = 100


def _digit_runs() -> list[tuple[str, str]]:
    """Rows of run-together digits a hostile or broken file may hold, as 表三 and 表四 rows."""
    runs = [("表三", "1" + "0" * (n - 1)) for n in (20, 40, 60)]
    runs += [("表三", "1" + "0" * 14 + " 1" + "0" * 14), ("表三", "123456789" * 5), ("表三", "9" * 60)]
    runs += [("表四", "1" + "0" * (n - 1)) for n in (26, 30, 60)] + [("表四", "12" * 25), ("表四", "1" * 45)]
    return runs


def worst_cases(table: Table) -> None:
    """The worst case of each kind of input, against its bound: PDF time and memory per
    page (a hand-drawn PDF at 40 and 136 pages, and those LibreOffice makes of the samples
    when it is installed), and the largest table (a 表三 of thousands of rows)."""
    print("\nworst cases")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in _pdfs(Path(tmp)).items():
            ms, mb, pages = _pdf_cost(data)
            table.row(f"PDF {name} ({pages} pages): time per page", ms, "ms", PDF_MS_PER_PAGE)
            table.row(f"PDF {name}: peak memory per page", mb, "MB", PDF_MB_PER_PAGE)
        text = SAMPLES[3].read_text(encoding="utf-8")
        rows = [line for line in text.splitlines() if line.count("|") >= 6]
        big = Path(tmp) / "largest.txt"
        big.write_text(
            text.replace(rows[-1], "\n".join([rows[-1]] + rows * (LARGEST_TABLE_ROWS // len(rows)))), encoding="utf-8"
        )
        _parse_and_audit(str(SAMPLES[0]))  # imports warm; the large text itself is read cold
        start = time.perf_counter()
        _parse_and_audit(str(big))  # once: results are kept by text, a second read is no measure
        took = time.perf_counter() - start
        table.row(f"largest table ({LARGEST_TABLE_ROWS} rows): parse + audit", took, "s", LARGEST_TABLE_S)
    from parsers.recognize.readings import Shape, read_row
    from parsers.recognize.stream import tokenize

    shapes = {"表三": Shape(7, ((0, 6),)), "表四": Shape(15, ((0, 4), (5, 9), (10, 14)))}
    worst, which = 0.0, ""
    for kind, digits in _digit_runs():
        values = [t for t in tokenize(digits) if t.is_value]
        start = time.perf_counter()
        read_row(values, shapes[kind])
        took = (time.perf_counter() - start) * 1000
        if took > worst:
            worst, which = took, f"{kind}, {len(digits.replace(' ', ''))} digits"
    table.row(f"longest digit run to split ({which})", worst, "ms", DIGIT_RUN_MS)
    _scan_cost(table)


OCR_S_PER_PAGE = 3.0  # a scanned page at 150 dpi
OCR_MB_PER_PAGE = 400.0  # the process's growth reading a scanned report, per page


def _scan_cost(table: Table) -> None:
    """The scanned sample (tests/data/scans, image only, 150 dpi): OCR seconds per page,
    the models loaded first; skipped when the OCR models are not installed."""
    import importlib.util

    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        print("  (scanned pages: the OCR models are not installed)")
        return
    from parsers.read.grid import RenderOptions
    from parsers.read.ocr_engine import engine
    from parsers.read.scan_reader import read_scan

    data = (ROOT / "tests" / "data" / "scans" / "seed-000-150dpi.pdf").read_bytes()
    engine()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        scan = read_scan(data, RenderOptions(), True)
        times.append(time.perf_counter() - start)
    pages = len(scan.pages)
    table.row(
        f"scanned PDF, 150 dpi ({pages} pages): OCR time per page",
        statistics.median(times) / pages,
        "s",
        OCR_S_PER_PAGE,
    )
    rise = _resident_rise(lambda: read_scan(data, RenderOptions(), True))
    if rise is not None:
        table.row("scanned PDF: peak memory growth per page", rise / 1e6 / pages, "MB", OCR_MB_PER_PAGE)


def _pdfs(folder: Path) -> dict[str, bytes]:
    from tests.parsers.test_read_pdf import build_pdf, report_pages

    # The drawn report at two lengths: the time and memory a page takes must not grow with
    # the pages around it.
    pdfs = {"drawn": build_pdf(report_pages() * 20), "drawn, long": build_pdf(report_pages() * 68)}
    soffice = shutil.which("soffice")
    if soffice is None:
        print("     (LibreOffice not installed: no PDF of the samples)")
        return pdfs
    words = [p for p in _other_types(folder)["docx"]]
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, words),
        ],
        capture_output=True,
        timeout=600,
        check=False,
    )
    for word in words:
        made = word.with_suffix(".pdf")
        if made.exists():
            pdfs[f"LibreOffice {word.stem[:3]}"] = made.read_bytes()
    return pdfs


def _pdf_cost(data: bytes) -> tuple[float, float, int]:
    """Best time per page of three reads, peak memory per page, and the pages.

    The peak is the larger of what Python allocates (traced) and, where the kernel keeps a
    resettable high-water mark (Linux), how far a fresh process's resident memory rises
    while it reads the file: PDFium allocates outside Python's heap, where tracing does not
    look."""
    import tracemalloc

    from parsers.read.grid import RenderOptions
    from parsers.read.pdf_limits import check_pdf
    from parsers.read.pdf_reader import read_pdf

    pages = check_pdf(data)
    with multiprocessing.get_context("spawn").Pool(1) as pool:  # a fresh heap, nothing to reuse
        native = pool.apply(_first_read_rise, (data,))
    best = min(_times(lambda: read_pdf(data, RenderOptions()), 3))
    tracemalloc.start()
    try:
        read_pdf(data, RenderOptions())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return best * 1000 / pages, max(peak, native or 0) / 2**20 / pages, pages


def _first_read_rise(data: bytes) -> int | None:
    """In a process of its own: how far reading `data` raises the resident memory, once
    the libraries are loaded (by reading a one-line PDF first)."""
    from parsers.read.grid import RenderOptions
    from parsers.read.pdf_reader import read_pdf
    from tests.parsers.test_read_pdf import PdfPage, build_pdf

    warm = PdfPage()
    warm.text(50, 50, "预热")
    read_pdf(build_pdf([warm]), RenderOptions())
    return _resident_rise(lambda: read_pdf(data, RenderOptions()))


def _resident_rise(fn: Callable[[], object]) -> int | None:
    """Bytes the resident memory peaks above its level before `fn`; None where the peak
    cannot be reset (anything but Linux)."""

    def status(key: str) -> int:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) * 1024 for line in fh if line.startswith(key))

    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")  # resets VmHWM to the current resident size
    except OSError:
        return None
    before = status("VmRSS:")
    fn()
    return max(status("VmHWM:") - before, 0)


def _other_types(folder: Path) -> dict[str, list[Path]]:
    """The samples written into `folder` as web pages, Word and Excel files in the form's
    layout, and a PDF report of two pages with ruled tables."""
    from tests.parsers.test_read_docx import blocks_to_docx
    from tests.parsers.test_read_html import blocks_to_html, official_blocks
    from tests.parsers.test_read_pdf import build_pdf, report_pages
    from tests.parsers.test_read_xlsx import blocks_to_xlsx

    made: dict[str, list[Path]] = {"html": [], "docx": [], "xlsx": [], "pdf": []}
    for src in SAMPLES:
        if src.name.startswith(("002", "004")):
            continue  # no tables (002), or no row structure to rebuild (004)
        blocks = official_blocks(src)
        page = folder / f"{src.stem}.html"
        page.write_bytes(blocks_to_html(blocks))
        made["html"].append(page)
        word = folder / f"{src.stem}.docx"
        blocks_to_docx(blocks, word)
        made["docx"].append(word)
        book = folder / f"{src.stem}.xlsx"
        blocks_to_xlsx(blocks, book)
        made["xlsx"].append(book)
    pdf = folder / "report.pdf"
    pdf.write_bytes(build_pdf(report_pages()))
    made["pdf"].append(pdf)
    return made


_WINDOW_BATCH = """
import sys, time, tempfile
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from model.workspace import Workspace
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.workspace_link import workspace_path
window = MainWindow(Settings("ReportAuditorBenchmark", "batch"), "zh_CN", workspace=Workspace(workspace_path()))
window.show()
gaps, last = [], [time.perf_counter()]
def tick():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now
    if started[0] and not window.is_busy():
        print("stall", max(gaps) * 1000, "total", now - started[1], flush=True)
        app.quit()
timer = QTimer()
timer.timeout.connect(tick)
timer.start(10)
started = [False, 0.0]
def go():
    started[1] = time.perf_counter()
    window.open_paths([{folder!r}], remember=False)
    started[0] = True
QTimer.singleShot(50, go)
app.exec()
"""


def _run_window(code: str, key: str, what: str) -> list[str] | None:
    """Run a window script in a process of its own (offscreen, in a throwaway home): the
    words it printed, or None (said why) when it printed no `key`."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = env["XDG_CONFIG_HOME"] = home
        try:
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
        except subprocess.TimeoutExpired:
            print(f"     {what} figure: the window did not finish in 5 minutes")
            return None
    words = proc.stdout.split()
    if key not in words:
        print(f"     {what} figure not available:", proc.stderr.strip().splitlines()[-1:] or "")
        return None
    return words


def _window_batch(table: Table, folder: str) -> None:
    """Open the whole batch in the window: how long, and the longest the event loop stalled.

    The window keeps its workspace (the corrections' SQLite file) in the temporary home, as
    the program does; the batch counts as open once its rules across reports have run.
    Then the time to open one report in the window, in a window of its own."""
    words = _run_window(_WINDOW_BATCH.format(root=str(ROOT), folder=folder), "stall", "window batch")
    if words is None:
        return
    stall, total = float(words[words.index("stall") + 1]), float(words[words.index("total") + 1])
    table.row("window: open the batch, total", total, "s", 10, per=len(os.listdir(folder)))
    table.row("window: longest event-loop stall while opening", stall, "ms", 100)
    _window_open_report(table)


_WINDOW_OPEN = """
import statistics, sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from model.workspace import Workspace
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.workspace_link import workspace_path
window = MainWindow(Settings("ReportAuditorBenchmark", "open"), "zh_CN", workspace=Workspace(workspace_path()))
window.resize(1500, 900)
window.show()
QTest.qWaitForWindowExposed(window)
loop = QEventLoop()
window.batchFinished.connect(loop.quit)
window.open_paths({samples!r}, remember=False)
loop.exec()
view = window.list_panel.view

def click(session):
    index = window.list_panel.proxy.mapFromSource(window.reports.index(window.reports.sessions.index(session), 0))
    view.scrollTo(index)
    app.processEvents()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())

def shown(session):
    report = session.report
    return (
        window.session is session
        and window.source.toPlainText() == ("" if report.error else report.text)
        and window.findings_model.rowCount() == len(session.findings)
    )

sessions = list(window.reports.sessions)
times = []
for _ in range(5):
    for i, session in enumerate(sessions):
        click(sessions[i - 1])  # from another report, as an officer goes through a batch
        while not shown(sessions[i - 1]):
            app.processEvents()
        app.processEvents()
        start = time.perf_counter()
        click(session)
        while not shown(session):
            app.processEvents()
        app.processEvents()  # the views repaint with the new report
        times.append(time.perf_counter() - start)
print("open", statistics.median(times) * 1000, flush=True)
"""


def _window_open_report(table: Table) -> None:
    """Click a report in the list: the time until its text, grids and findings are shown.

    Measured from the click on its row to the end of the repaint that shows it, median over
    the sample reports (each opened five times, coming from another report)."""
    words = _run_window(_WINDOW_OPEN.format(root=str(ROOT), samples=[str(p) for p in SAMPLES]), "open", "open-report")
    if words is None:
        return
    table.row("window: open a report (click → shown), median", float(words[words.index("open") + 1]), "ms", 100)


def _window_startup(table: Table, command: list[str], name: str) -> None:
    """Time from launching the program to its window on screen.

    The window prints `shown <epoch seconds>` and quits when REPORT_AUDITOR_STARTUP_PROBE is
    set, so the figure covers interpreter start, imports and the first paint."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "REPORT_AUDITOR_STARTUP_PROBE": "1",
    }
    samples = []
    for _ in range(3):
        launched = time.time()
        try:
            proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=30)
        except subprocess.TimeoutExpired:
            print("     window start-up probe did not answer")
            return
        if "shown" not in proc.stdout:
            print("     window start-up probe not available")
            return
        samples.append(float(proc.stdout.split("shown", 1)[1].split()[0]) - launched)
    shown = statistics.median(samples)
    table.row(f"{name} → window visible, median of 3", shown * 1000, "ms", 1000)


if __name__ == "__main__":
    sys.exit(main())
