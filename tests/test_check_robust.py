"""`main.py check` against hostile input and output: one bad file never stops the batch,
every output is written as careful tools write it, and each problem is one sentence."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import sample
from tests.model.test_guard import huge_in_cell, huge_in_text
from tests.test_check_cli import run_check

GOOD = sample("003").read_text(encoding="utf-8")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and modes are POSIX")


def one_sentence(stderr: str) -> None:
    assert "Traceback" not in stderr and "Error:" not in stderr, stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good reports and two with numbers of hundreds and thousands of digits."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (src / "b_text.txt").write_text(huge_in_text(400), encoding="utf-8")
    (src / "c_cell.txt").write_text(huge_in_cell(4400), encoding="utf-8")
    (src / "d_good.txt").write_text(GOOD.replace("2019", "2019"), encoding="utf-8")
    return src


def test_overlong_numbers_give_json_for_every_file(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    proc = run_check(
        str(folder), "--json", str(out), "--xlsx", str(tmp_path / "s.xlsx"), "--xlsx-dir", str(tmp_path / "books")
    )
    one_sentence(proc.stderr)
    reports = {Path(r["path"]).name: r for r in json.loads(out.read_text(encoding="utf-8"))["reports"]}
    assert set(reports) == {"a_good.txt", "b_text.txt", "c_cell.txt", "d_good.txt"}
    assert all(r["error"] is None for r in reports.values())
    # A 4,400-digit "count" is no count: that row is left blank and said to be unreadable,
    # in a message of reasonable length; the 400-digit figures in the text are no figures.
    assert reports["c_cell.txt"]["tables"]["table3"]["total_processed"]["natural_person"] is None
    (uncertain,) = [f for f in reports["c_cell.txt"]["findings"] if f["rule"] == "UNCERTAIN_CELL"]
    assert "位数远超" in uncertain["message"] and len(uncertain["message"]) < 300
    assert proc.returncode == 0
    assert (tmp_path / "books" / "a_good.审核.xlsx").exists()


def test_stdout_closed(tmp_path: Path) -> None:
    proc = (
        run_check(str(sample("003")), "--json", "-", stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
        if sys.platform != "win32"
        else None
    )
    if proc is None:
        pytest.skip("POSIX file descriptors")
    one_sentence(proc.stderr)
    assert proc.returncode == 1 and proc.stderr.count("标准输出") == 1


def test_stdout_reader_gone(tmp_path: Path) -> None:
    """A reader that went away (`| head -0`): one sentence, no traceback."""
    reader = subprocess.Popen([sys.executable, "-c", "pass"], stdin=subprocess.PIPE)
    reader.wait()
    assert reader.stdin is not None
    proc = run_check(str(sample("003")), str(sample("001")), "--json", "-", stdout=reader.stdin)
    reader.stdin.close()
    one_sentence(proc.stderr)
    assert proc.returncode == 1 and proc.stderr.count("标准输出") == 1, proc.stderr


@posix_only
def test_json_onto_a_fifo_or_device_or_folder_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (str(fifo), "/dev/null", str(tmp_path)):
        proc = run_check(str(sample("003")), "--json", target)
        one_sentence(proc.stderr)
        assert proc.returncode == 1 and proc.stderr.count("无法写入") == 1, proc.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@posix_only
def test_json_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    proc = run_check(str(sample("003")), "--json", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["reports"]


@posix_only
def test_outputs_get_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        proc = run_check(
            str(sample("003")),
            "--json",
            str(tmp_path / "o.json"),
            "--xlsx",
            str(tmp_path / "s.xlsx"),
            "--xlsx-dir",
            str(tmp_path / "books"),
        )
    finally:
        os.umask(old)
    assert proc.returncode == 0, proc.stderr
    for path in [tmp_path / "o.json", tmp_path / "s.xlsx", *(tmp_path / "books").iterdir()]:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o644, path
    existing = tmp_path / "o.json"
    existing.chmod(0o640)
    run_check(str(sample("003")), "--json", str(existing))
    assert stat.S_IMODE(os.stat(existing).st_mode) == 0o640  # a replaced file keeps its mode
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_report_books_that_cannot_be_written_are_named(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    long_stem = "某某市人民政府办公室" * 8  # 240 bytes: with the suffix, too long a name
    for stem in ("a", long_stem, "c", "CON", 'x<y>:z"|?*.'):
        (src / f"{stem}.txt").write_text(GOOD, encoding="utf-8")
    books = tmp_path / "books"
    books.mkdir()
    (books / "c.审核.xlsx").mkdir()  # in the way: a folder where c's workbook goes
    proc = run_check(str(src), "--json", str(tmp_path / "o.json"), "--xlsx-dir", str(books))
    one_sentence(proc.stderr)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "c.txt" in lines[0] and "文件夹" in lines[0]
    written = sorted(p.name for p in books.iterdir() if p.is_file())
    assert len(written) == 4 and "a.审核.xlsx" in written and "_CON.审核.xlsx" in written
    assert all(len(name.encode("utf-8")) <= 255 and not set('<>:"|?*') & set(name) for name in written)


@pytest.mark.parametrize("kind", ["under-a-file", "onto-a-file"])
def test_report_book_folder_impossible(tmp_path: Path, kind: str) -> None:
    blocker = tmp_path / "f"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "books" if kind == "under-a-file" else blocker
    proc = run_check(str(sample("003")), "--xlsx-dir", str(target))
    one_sentence(proc.stderr)
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


@posix_only
def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    """`kill -9` while a workbook is written leaves its temporary file; the next run
    writing the same workbook removes it (its process is gone)."""
    books = tmp_path / "books"
    books.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    os.kill(dead.pid, signal.SIGKILL)
    dead.wait()
    leftover = books / f".003_b7caf00a3cd44191.审核.xlsx.{dead.pid}.1a2b3c4d.tmp"
    leftover.write_bytes(b"half a workbook")
    proc = run_check(str(sample("003")), "--xlsx-dir", str(books))
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in books.iterdir()] == ["003_b7caf00a3cd44191.审核.xlsx"]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    proc = run_check(str(tmp_path), "--json", "-")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"{tmp_path}：文件夹中没有可审核的报告文件。"


@posix_only
def test_symlink_loop_named_directly(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    out = tmp_path / "o.json"
    proc = run_check(str(loop), str(sample("003")), "--json", str(out))
    one_sentence(proc.stderr)
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1 and "循环" in proc.stderr
    assert [r["error"] for r in json.loads(out.read_text(encoding="utf-8"))["reports"]] == [None]
