"""PDF reader: small PDFs written by hand in the test, read back through `load_report`.

The PDFs use a Type0 font with Identity-H encoding and a ToUnicode map, so Chinese text
needs no font file: each glyph code is the character's code point. Tables are drawn as
ruled rectangles, as word processors export them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import load_report
from parsers.read.readers import read_document
from tests.builders import pdf_of_objects

PAGE_W, PAGE_H = 595, 842


class PdfPage:
    """Drawing operations of one page, with y measured from the top of the page."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.chars: set[str] = set()

    def text(self, x: float, top: float, s: str, size: float = 10, gap: float = 0.0) -> None:
        """Write `s` at (x, top); `gap` adds space after every glyph (a glyph-gap split)."""
        self.chars.update(s)
        base = PAGE_H - top - size * 0.88
        if gap:
            for i, ch in enumerate(s):
                self.text(x + i * (size + gap), top, ch, size)
            return
        code = "".join(f"{ord(ch):04X}" for ch in s)
        self.ops.append(f"BT /F1 {size} Tf {x:.2f} {base:.2f} Td <{code}> Tj ET")

    def rect(self, x: float, top: float, w: float, h: float) -> None:
        self.ops.append(f"0.5 w {x:.2f} {PAGE_H - top - h:.2f} {w:.2f} {h:.2f} re S")

    def table(
        self,
        x: float,
        top: float,
        widths: list[float],
        height: float,
        cells: list[tuple[int, int, int, int, list[str]]],
        size: float = 9,
    ) -> float:
        """Draw cells (row, col, rowspan, colspan, lines); returns the table's bottom."""
        xs = [x]
        for w in widths:
            xs.append(xs[-1] + w)
        bottom = top
        for r, c, rs, cs, lines in cells:
            cx, cy = xs[c], top + r * height
            w, h = xs[c + cs] - cx, rs * height
            self.rect(cx, cy, w, h)
            for i, line in enumerate(lines):
                self.text(cx + 2, cy + 2 + i * (size + 1), line, size)
            bottom = max(bottom, cy + h)
        return bottom


def build_pdf(pages: list[PdfPage], encrypt: bool = False) -> bytes:
    """A complete PDF of `pages`; with `encrypt`, protected by an unknown user password."""
    chars = sorted(set().union(*(p.chars for p in pages)) | {" "})
    bfchar = []
    for k in range(0, len(chars), 100):
        chunk = chars[k : k + 100]
        bfchar.append(
            f"{len(chunk)} beginbfchar\n" + "\n".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chunk) + "\nendbfchar"
        )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + "\n".join(bfchar)
        + "\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: str = "") -> bytes:
        return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"

    catalog = add(b"")
    pages_id = add(b"")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /TestSong /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    cidfont = add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /CIDSystemInfo << /Registry (Adobe) "
        f"/Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 >>".encode()
    )
    tounicode = add(stream(cmap))
    font = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H "
        f"/DescendantFonts [{cidfont} 0 R] /ToUnicode {tounicode} 0 R >>".encode()
    )
    kids = []
    for page in pages:
        content = add(stream("\n".join(page.ops).encode()))
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )
    encrypt_ref = ""
    if encrypt:
        enc = add(f"<< /Filter /Standard /V 1 /R 2 /O <{'11' * 32}> /U <{'22' * 32}> /P -4 >>".encode())
        encrypt_ref = f" /Encrypt {enc} 0 R /ID [<{'33' * 16}> <{'33' * 16}>]"
    return pdf_of_objects(objects, catalog, encrypt_ref)


def report_pages() -> list[PdfPage]:
    """A short 2021-format report: 表二 on page 1, 表三 over pages 1–2, 表四 on page 2."""
    one, two = PdfPage(), PdfPage()
    one.text(50, 40, "某某县交通运输局2022年政府信息公开工作年度报告")
    one.text(50, 60, "一、总体情况")
    # A paragraph wrapped by the page width: joined back into one sentence.
    one.text(50, 78, "本年共收到政府信息公开申请12件，其中自然人申请", 10)
    one.text(50, 90, "10件，法人或其他组织申请2件。", 10)
    one.text(50, 110, "二、主动公开政府信息情况")
    w2 = [150, 90, 90, 90]
    cells2 = [
        (0, 0, 1, 4, ["第二十条第(一)项"]),
        (1, 0, 1, 1, ["信息内容"]),
        (1, 1, 1, 1, ["本年制发", "件数"]),
        (1, 2, 1, 1, ["本年废止", "件数"]),
        (1, 3, 1, 1, ["现行有效", "件数"]),
        (2, 0, 1, 1, ["规章"]),
        (2, 1, 1, 1, ["0"]),
        (2, 2, 1, 1, ["0"]),
        (2, 3, 1, 1, ["0"]),
        (3, 0, 1, 1, ["行政规范性", "文件"]),
        (3, 1, 1, 1, ["3"]),
        (3, 2, 1, 1, ["1"]),
        (3, 3, 1, 1, ["15"]),
        (4, 0, 1, 4, ["第二十条第(五)项"]),
        (5, 0, 1, 1, ["信息内容"]),
        (5, 1, 1, 3, ["本年处理决定数量"]),
        (6, 0, 1, 1, ["行政许可"]),
        (6, 1, 1, 3, ["1 171"]),
        (7, 0, 1, 4, ["第二十条第(六)项"]),
        (8, 0, 1, 1, ["信息内容"]),
        (8, 1, 1, 3, ["本年处理决定数量"]),
        (9, 0, 1, 1, ["行政处罚"]),
        (9, 1, 1, 3, ["8"]),
        (10, 0, 1, 1, ["行政强制"]),
        (10, 1, 1, 3, ["2"]),
        (11, 0, 1, 4, ["第二十条第(八)项"]),
        (12, 0, 1, 1, ["信息内容"]),
        (12, 1, 1, 3, ["本年收费金额(单位:万元)"]),
        (13, 0, 1, 1, ["行政事业性收费"]),
        (13, 1, 1, 3, ["0.5"]),
    ]
    bottom = one.table(50, 125, w2, 22, cells2)
    one.text(50, bottom + 15, "三、收到和处理政府信息公开申请情况")
    w3 = [60, 60, 150] + [38] * 7
    head = [
        (0, 0, 3, 3, ["(本列数据的勾稽关系为:第一项加第二项", "之和,等于第三项加第四项之和)"]),
        (0, 3, 1, 7, ["申请人情况"]),
        (1, 3, 2, 1, ["自然人"]),
        (1, 4, 1, 5, ["法人或其他组织"]),
        (1, 9, 2, 1, ["总计"]),
        (2, 4, 1, 1, ["商业", "企业"]),
        (2, 5, 1, 1, ["科研", "机构"]),
        (2, 6, 1, 1, ["社会公", "益组织"]),
        (2, 7, 1, 1, ["法律服", "务机构"]),
        (2, 8, 1, 1, ["其他"]),
    ]
    first = [
        (3, "一、本年新收政府信息公开申请数量", [10, 2, 0, 0, 0, 0, 12]),
        (4, "二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ]
    cells3 = list(head)
    for r, label, values in first:
        cells3.append((r, 0, 1, 3, [label[:10], label[10:]]))
        cells3 += [(r, 3 + k, 1, 1, [str(v)]) for k, v in enumerate(values)]
    top3 = bottom + 30
    one.table(50, top3, w3, 24, cells3, size=7)
    one.text(290, 800, "- 1 -")
    # Page 2: the rest of 表三 (same ten columns, no header), then 表四.
    outcome = [
        ("(一)予以公开", [6, 1, 0, 0, 0, 0, 7]),
        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", [1, 0, 0, 0, 0, 0, 1]),
    ]
    refused = [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ]
    unable = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
    notp = [
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ]
    other = [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ]
    zeros = [0] * 7
    cells = []
    r = 0
    n_outcome = 2 + len(refused) + len(unable) + len(notp) + len(other) + 1
    cells.append((0, 0, n_outcome, 1, ["三、本年度", "办理结果"]))
    for label, values in outcome:
        cells.append((r, 1, 1, 2, [label[:12], label[12:]] if len(label) > 12 else [label]))
        cells += [(r, 3 + k, 1, 1, [str(v)]) for k, v in enumerate(values)]
        r += 1
    for group, subs, values_for in (
        ("(三)不予公开", refused, {}),
        ("(四)无法提供", unable, {0: [3, 1, 0, 0, 0, 0, 4]}),
        ("(五)不予处理", notp, {}),
        ("(六)其他处理", other, {}),
    ):
        cells.append((r, 1, len(subs), 1, [group]))
        for k, sub in enumerate(subs):
            cells.append((r, 2, 1, 1, [sub[:20], sub[20:]] if len(sub) > 20 else [sub]))
            cells += [(r, 3 + j, 1, 1, [str(v)]) for j, v in enumerate(values_for.get(k, zeros))]
            r += 1
    cells.append((r, 1, 1, 2, ["(七)总计"]))
    cells += [(r, 3 + k, 1, 1, [str(v)]) for k, v in enumerate([10, 2, 0, 0, 0, 0, 12])]
    r += 1
    cells.append((r, 0, 1, 3, ["四、结转下年度继续办理"]))
    cells += [(r, 3 + k, 1, 1, [str(v)]) for k, v in enumerate([1, 0, 0, 0, 0, 0, 1])]
    bottom = two.table(50, 40, w3, 22, cells, size=6)
    two.text(50, bottom + 15, "四、政府信息公开行政复议、行政诉讼情况")
    w4 = [33] * 15
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    cells4 = [(0, 0, 1, 5, ["行政复议"]), (0, 5, 1, 10, ["行政诉讼"])]
    cells4 += [(1, k, 2, 1, [lab[:2], lab[2:]]) for k, lab in enumerate(labels)]
    cells4 += [(1, 5, 1, 5, ["未经复议直接起诉"]), (1, 10, 1, 5, ["复议后起诉"])]
    cells4 += [(2, 5 + k, 1, 1, [lab[:2], lab[2:]]) for k, lab in enumerate(labels * 2)]
    values4 = [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    cells4 += [(3, k, 1, 1, [str(v)]) for k, v in enumerate(values4)]
    bottom = two.table(50, bottom + 30, w4, 24, cells4, size=7)
    two.text(50, bottom + 15, "五、存在的主要问题及改进情况")
    two.text(50, bottom + 35, "六、其他需要报告的事项")
    two.text(50, bottom + 55, "本年度未收取信息处理费。")
    two.text(290, 800, "- 2 -")
    return [one, two]


def test_report_pdf_cell_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(report_pages()))
    report = load_report(path)
    assert report.error is None
    assert (report.format, report.year) == ("2021", 2022)
    tables = report.tables_json()
    assert tables["table2"]["normative_documents"] == {"issued": 3, "repealed": 1, "in_force": 15}
    assert tables["table2"]["licensing"] == {"decisions": 1171}
    assert tables["table2"]["penalties"] == {"decisions": 8}
    assert tables["table2"]["fees"] == {"amount": 0.5}
    t3 = tables["table3"]
    assert t3["new"] == dict(
        zip(
            ["natural_person", "commercial", "research", "social", "legal", "other_org", "total"],
            [10, 2, 0, 0, 0, 0, 12],
        )
    )
    assert t3["granted"]["total"] == 7 and t3["partial"]["natural_person"] == 1
    assert t3["unable.not_held"]["commercial"] == 1 and t3["unable.not_held"]["total"] == 4
    assert t3["other.unpaid_fee"]["total"] == 0
    assert t3["total_processed"]["total"] == 12 and t3["carried_forward"]["total"] == 1
    assert tables["table4"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert tables["table4"]["litigation_direct"]["total"] == 1


def test_pdf_text_wrapped_lines_stitched_tables(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(report_pages()))
    doc = read_document(path)
    assert "本年共收到政府信息公开申请12件,其中自然人申请10件,法人或其他组织申请2件。" in doc.text
    assert "- 1 -" not in doc.text
    assert "行政规范性文件 | 3 | 1 | 15" in doc.text
    assert "社会公益组织" in doc.text and "商业企业" in doc.text
    # 表三 continues on page 2 with the same ten columns: one grid.
    t3 = [g for g in doc.grids if any("勾稽" in c[0] for c in g[0])]
    assert len(t3) == 1 and len(t3[0]) == 3 + 2 + 23
    assert all(doc.text[s:e] == t for g in doc.grids for row in g for t, s, e in row)


def test_scan_without_text_layer(tmp_path: Path) -> None:
    page = PdfPage()
    page.rect(50, 50, 200, 100)  # only drawings: no text at all
    path = tmp_path / "scan.pdf"
    path.write_bytes(build_pdf([page]))
    assert "没有可读取的文字" in (load_report(path).error or "")


@pytest.mark.parametrize(
    "name,data",
    [
        ("empty", b""),
        ("garbage", b"%PDF-1.4\n" + bytes(range(256)) * 20),
        ("text", "这不是 PDF。".encode()),
    ],
)
def test_bad_pdf_gives_an_error_sentence(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    report = load_report(path)
    assert report.error and report.error.endswith("。") and "\n" not in report.error


def test_encrypted_pdf(tmp_path: Path) -> None:
    page = PdfPage()
    page.text(50, 50, "保密")
    path = tmp_path / "enc.pdf"
    path.write_bytes(build_pdf([page], encrypt=True))
    assert "加密" in (load_report(path).error or "")


def test_digits_cut_by_glyph_gaps_in_running_text(tmp_path: Path) -> None:
    page = PdfPage()
    page.text(50, 50, "一、总体情况")
    page.text(50, 70, "共收到申请")
    page.text(100, 70, "1171", gap=2.5)
    page.text(143, 70, "件。")
    path = tmp_path / "gap.pdf"
    path.write_bytes(build_pdf([page]))
    assert "共收到申请1171件。" in read_document(path).text


def test_font_without_unicode_map(tmp_path: Path) -> None:
    """Glyphs that cannot be mapped to characters are refused with the reason, not read
    as whatever the glyph numbers happen to be."""
    data = build_pdf(report_pages())
    at = data.index(b"/ToUnicode")
    path = tmp_path / "unmapped.pdf"
    path.write_bytes(data[:at] + b"/NoUnicode" + data[at + len(b"/ToUnicode") :])  # same length: offsets hold
    assert "编码映射" in (load_report(path).error or "")
