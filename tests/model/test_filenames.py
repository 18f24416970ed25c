"""Output names every platform accepts (Windows' rules, tested here as a pure function)."""

from __future__ import annotations

import pytest

from model.filenames import MAX_PATH, extended_path, safe_name

SUFFIX = ".审核.xlsx"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("报告", "报告.审核.xlsx"),
        ("CON", "_CON.审核.xlsx"),
        ("con", "_con.审核.xlsx"),
        ("Nul.2023", "_Nul.2023.审核.xlsx"),  # reserved before a further dot too
        ("aux ", "_aux.审核.xlsx"),
        ("COM1", "_COM1.审核.xlsx"),
        ("lpt9.年报", "_lpt9.年报.审核.xlsx"),
        ("COM¹", "_COM¹.审核.xlsx"),
        ("COM10", "COM10.审核.xlsx"),  # not reserved
        ("CONSOLE", "CONSOLE.审核.xlsx"),
        ('a<b>c:d"e/f\\g|h?i*j', "a_b_c_d_e_f_g_h_i_j.审核.xlsx"),
        ("tab\there", "tab_here.审核.xlsx"),
        ("年报...", "年报.审核.xlsx"),  # Windows drops trailing dots and spaces
        ("年报 . ", "年报.审核.xlsx"),
        ("...", "报告.审核.xlsx"),
        ("", "报告.审核.xlsx"),
    ],
)
def test_windows_rules(stem: str, expected: str) -> None:
    assert safe_name(stem, SUFFIX) == expected


def test_long_names_are_cut_with_a_hash() -> None:
    stem = "某某市人民政府办公室关于政府信息公开工作年度报告" * 5
    name = safe_name(stem, SUFFIX)
    assert len(name.encode("utf-8")) <= 240 and name.endswith(SUFFIX) and "~" in name
    assert name.startswith("某某市人民政府办公室")
    assert safe_name(stem, SUFFIX) == name  # the same source, the same name
    assert safe_name(stem + "甲", SUFFIX) != name  # two long names stay apart
    assert safe_name("a" * 300, SUFFIX).count("a") < 240


def test_the_whole_path_fits_windows_max_path() -> None:
    folder = "C:/" + "d" * 200
    name = safe_name("年度报告" * 20, SUFFIX, folder)
    assert len(folder) + 1 + len(name) <= MAX_PATH and name.endswith(SUFFIX)
    assert safe_name("短", SUFFIX, folder) == "短.审核.xlsx"


def test_extended_path_on_windows_only() -> None:
    long = "C:\\" + "d\\" * 150 + "x.xlsx"
    assert extended_path(long, "win32") == "\\\\?\\" + long
    assert extended_path("\\\\server\\share\\" + "d\\" * 150, "win32").startswith("\\\\?\\UNC\\server")
    assert extended_path("C:\\short.xlsx", "win32") == "C:\\short.xlsx"
    assert extended_path("/" + "d/" * 150, "linux") == "/" + "d/" * 150
