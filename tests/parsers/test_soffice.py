"""Finding LibreOffice for .doc/.wps files, with fakes for Windows' install folders and
registry, and the profile URL it is given on every platform."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import pytest

from parsers.read import soffice
from parsers.read.docx_reader import read_old_word
from parsers.read.grid import RenderOptions
from parsers.read.soffice import find_soffice, profile_url
from tests.builders import docx_of_lines

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def nowhere(_name: str) -> str | None:
    return None


def exe(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / "soffice.exe"
    path.write_bytes(b"MZ")
    return path


def test_on_path_first() -> None:
    found = find_soffice(
        which=lambda name: f"/usr/bin/{name}" if name == "soffice" else None,
        windows=True,
        registry=lambda: ["C:/elsewhere/soffice.exe"],
    )
    assert found == "/usr/bin/soffice"


def test_windows_program_files(tmp_path: Path) -> None:
    program_files = tmp_path / "Program Files"
    installed = exe(program_files / "LibreOffice" / "program")
    env = {"ProgramFiles": str(program_files), "ProgramFiles(x86)": str(tmp_path / "x86")}
    assert find_soffice(which=nowhere, environ=env, registry=lambda: [], windows=True) == str(installed)


def test_windows_program_files_x86_and_versioned_folder(tmp_path: Path) -> None:
    x86 = tmp_path / "Program Files (x86)"
    installed = exe(x86 / "LibreOffice 7" / "program")
    env = {"ProgramFiles": str(tmp_path / "Program Files"), "ProgramFiles(x86)": str(x86)}
    assert find_soffice(which=nowhere, environ=env, registry=lambda: [], windows=True) == str(installed)


def test_windows_registry_app_paths(tmp_path: Path) -> None:
    installed = exe(tmp_path / "D" / "LO" / "program")
    found = find_soffice(
        which=nowhere, environ={}, registry=lambda: [str(tmp_path / "gone.exe"), str(installed)], windows=True
    )
    assert found == str(installed)


def test_not_installed(tmp_path: Path) -> None:
    env = {"ProgramFiles": str(tmp_path)}
    assert find_soffice(which=nowhere, environ=env, registry=lambda: [], windows=True) is None


def test_registry_is_empty_off_windows() -> None:
    import sys

    if sys.platform != "win32":
        assert soffice.registry_paths() == []


def test_profile_url_on_every_platform() -> None:
    assert profile_url(PureWindowsPath("C:/Users/张三/AppData/Local/Temp/ra-1")) == (
        "file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Local/Temp/ra-1/profile"
    )
    assert profile_url(PurePosixPath("/tmp/ra 1")) == "file:///tmp/ra%201/profile"


def test_conversion_is_called_with_the_profile_url(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_run(args: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        outdir = Path(args[args.index("--outdir") + 1])
        (outdir / "input.docx").write_bytes(docx_of_lines(["一、总体情况", "本机关2023年度报告。"]))
        return subprocess.CompletedProcess(args, 0)

    monkeypatch.setattr(soffice, "find_soffice", lambda: "C:/Program Files/LibreOffice/program/soffice.exe")
    monkeypatch.setattr(subprocess, "run", fake_run)
    text, encoding, _ = read_old_word(OLE, ".wps", RenderOptions())
    assert "本机关2023年度报告" in text and encoding == "wps→docx"
    (args,) = calls
    env = next(a for a in args if a.startswith("-env:UserInstallation="))
    assert env.startswith("-env:UserInstallation=file:///") and env.endswith("/profile")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
def test_the_real_one_is_found() -> None:
    assert find_soffice() is not None
