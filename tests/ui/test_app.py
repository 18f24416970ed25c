"""Start-up pieces: settings, translations, resources, the loader, the crash hook, --screenshot."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

from parsers.loading import load_batch
from parsers.read.inputs import expand_paths
from ui import i18n, resources
from ui import settings as opt
from ui.crash import CrashHandler, setup_logging
from ui.settings import MAX_RECENT, SETTINGS_VERSION, Settings

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "report_auditor_zh_CN.ts"


def test_settings_live_in_the_temporary_folder(settings: Settings, isolated_settings: Path) -> None:
    assert Path(settings.file_name()).is_relative_to(isolated_settings)
    assert QSettings(settings.file_name(), QSettings.Format.IniFormat).value(opt.VERSION.key) is not None
    assert settings.get(opt.VERSION) == SETTINGS_VERSION
    settings.language = "en"
    assert Settings("ReportAuditorTests", "ui-tests").language == "en"


def test_recent_files_capped_and_pruned(settings: Settings, tmp_path: Path) -> None:
    files = []
    for i in range(MAX_RECENT + 3):
        f = tmp_path / f"r{i}.txt"
        f.write_text("x", encoding="utf-8")
        files.append(str(f))
    for f in files:
        settings.add_recent([f])
    recent = settings.recent_files()
    assert len(recent) == MAX_RECENT and recent[0] == files[-1]
    os.remove(files[-1])
    assert files[-1] not in settings.recent_files()
    settings.set(opt.RECENT_FILES, files[0])  # a single string, as QSettings stores one item
    assert settings.recent_files() == [files[0]]


def test_translation_compiles_and_translates(qapp, tmp_path: Path) -> None:
    qm = i18n.compiled_qm(TS, cache=tmp_path)
    assert qm is not None and qm.exists() and qm.parent == tmp_path
    assert i18n.compiled_qm(TS, cache=tmp_path) == qm  # cached
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "Report Auditor") == "年报审核助手"
    fallback = i18n.TsTranslator(TS)
    assert fallback.translate("MainWindow", "Report Auditor") == "年报审核助手"


def test_translation_is_complete() -> None:
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert "<translation></translation>" not in text


def test_language_install_and_english(qapp) -> None:
    assert i18n.normalise_language(None) == "zh_CN"
    assert i18n.normalise_language("zh-Hans") == "zh_CN"
    assert i18n.install(qapp, "en") == []
    installed = i18n.install(qapp, "zh_CN")
    try:
        assert installed
        assert QCoreApplication.translate("MainWindow", "Report Auditor") == "年报审核助手"
    finally:
        for t in installed:
            qapp.removeTranslator(t)
    assert QCoreApplication.translate("MainWindow", "Report Auditor") == "Report Auditor"


def test_resources_know_the_frozen_case(monkeypatch, tmp_path: Path) -> None:
    assert resources.resource_path("samples").is_dir()
    assert resources.sample_files()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("samples") == tmp_path / "resources" / "samples"


def test_loader_expands_folders_and_cancels(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一、总体情况", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.exe").write_bytes(b"x")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "a.txt")]
    got: list[object] = []
    done = load_batch([str(tmp_path / "a.txt")] * 3, lambda *a: None, lambda: len(got) >= 2, got.append)
    assert done == 2


def test_crash_hook_logs_and_shows_where(qtbot, tmp_path: Path) -> None:
    log_path = setup_logging(tmp_path)
    handler = CrashHandler(log_path)
    try:
        raise ValueError("boom")
    except ValueError:
        handler(*sys.exc_info())  # type: ignore[arg-type]
    for h in logging.getLogger().handlers:
        h.flush()
    assert "boom" in log_path.read_text(encoding="utf-8")
    box = handler.last_box
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    assert str(log_path) in box.informativeText()
    box.close()
    root = logging.getLogger()
    for h in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(log_path)]:
        root.removeHandler(h)
        h.close()


def test_screenshot_command(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path),
        "HOME": str(tmp_path),
    }
    sample = ROOT / "resources" / "samples" / "004_e5c4bfe1850351fa.txt"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--screenshot",
            str(out),
            "--screen-size",
            "1366x768",
            "--table",
            "table3",
            str(sample),
            "--lang",
            "en",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert out.stat().st_size > 10_000
    from PySide6.QtGui import QImage

    assert QImage(str(out)).size().toTuple() == (1366, 768)  # the whole screen, the window on it


def test_window_shows_before_heavy_imports(tmp_path: Path) -> None:
    """Building and showing the window imports neither pandas nor the parsers."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.main_window import MainWindow\n"
        "from ui.settings import Settings\n"
        "w = MainWindow(Settings('ReportAuditorTests', 'imports'))\n"
        "w.show(); app.processEvents()\n"
        "print(sorted(m for m in ('pandas', 'parsers', 'openpyxl') if m in sys.modules))\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout.decode().strip() == "[]"


def test_startup_probe_reports_the_shown_window_and_quits(tmp_path: Path) -> None:
    """With REPORT_AUDITOR_STARTUP_PROBE set, main.py prints when the window was painted and exits 0."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
        "REPORT_AUDITOR_STARTUP_PROBE": "1",
    }
    before = time.time()
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    words = result.stdout.decode().split()
    assert words[0] == "shown" and before < float(words[1]) <= time.time()


def test_fallback_translator_leaves_qt_texts_alone(qapp) -> None:  # type: ignore[no-untyped-def]
    """Without lrelease the .ts is read directly; Qt's own texts (key names) must survive."""
    from PySide6.QtGui import QKeySequence

    fallback = i18n.TsTranslator(TS)
    assert fallback.translate("QShortcut", "Ctrl") is None
    qapp.installTranslator(fallback)
    try:
        text = QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
    finally:
        qapp.removeTranslator(fallback)
    assert "Ctrl" in text or "回车" in text
