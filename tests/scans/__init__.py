"""Scanned copies of the zoo's LibreOffice PDFs (seeds' and devset's tables), made in the
suite: rasterised by PDFium at 150 and 300 dpi, optionally turned a little, with noise and
JPEG compression, and put back as image-only PDFs and as PNGs (pages stacked).

`python -m tests.scans [--kinds K,...]` reads each and prints per kind the share of cells
read right, left uncertain (flagged) and wrong without a flag (which must be none), and
the seconds per page."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Kind:
    name: str
    dpi: int
    png: bool = False
    degrade: bool = False  # 1° turn, noise, JPEG at quality 60


KINDS = (
    Kind("pdf-150", 150),
    Kind("pdf-300", 300),
    Kind("png-150", 150, png=True),
    Kind("pdf-150-degraded", 150, degrade=True),
)


def page_images(pdf: bytes, dpi: int) -> list[object]:
    """The PDF's pages as PIL images at `dpi`."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(document))]
    finally:
        document.close()


def _degrade(image: object, rng: random.Random) -> object:
    import numpy as np
    from PIL import Image

    turned = image.rotate(rng.uniform(-1.0, 1.0), expand=False, fillcolor=255)  # type: ignore[attr-defined]
    pixels = np.asarray(turned, dtype=np.int16)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 12, pixels.shape)
    noisy = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    noisy.save(buf, "JPEG", quality=60)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def image_pdf(images: list[object], sizes: list[tuple[float, float]]) -> bytes:
    """An image-only PDF: each image fills a page of the given size in points."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for image, (w, h) in zip(images, sizes):
        page = out.new_page(w, h)
        obj = pdfium.PdfImage.new(out)
        obj.set_bitmap(pdfium.PdfBitmap.from_pil(image))
        obj.set_matrix(pdfium.PdfMatrix().scale(w, h))
        page.insert_obj(obj)
        page.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def stacked_png(images: list[object]) -> bytes:
    from PIL import Image

    width = max(i.width for i in images)  # type: ignore[attr-defined]
    height = sum(i.height for i in images)  # type: ignore[attr-defined]
    sheet = Image.new("L", (width, height), 255)
    top = 0
    for i in images:
        sheet.paste(i, (0, top))  # type: ignore[arg-type]
        top += i.height  # type: ignore[attr-defined]
    buf = io.BytesIO()
    sheet.save(buf, "PNG")
    return buf.getvalue()


def scan_of(pdf: bytes, kind: Kind, seed: str) -> tuple[bytes, str, int]:
    """The scanned copy of `pdf` as `kind` makes it: its bytes, suffix and pages."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    sizes = [document[i].get_size() for i in range(len(document))]
    document.close()
    images = page_images(pdf, kind.dpi)
    if kind.degrade:
        rng = random.Random(f"scan/{seed}")
        images = [_degrade(i, rng) for i in images]
    if kind.png:
        return stacked_png(images), ".png", len(images)
    return image_pdf(images, sizes), ".pdf", len(images)


def make_scans(
    folder: Path, kinds: tuple[Kind, ...], layouts: tuple[str, ...] = ("pdf-docx-ruled",)
) -> list[tuple[Kind, object, Path, int]]:
    """The zoo's LibreOffice PDFs of the seeds and the devset, scanned as each kind:
    (kind, case, file, pages)."""
    from tests.zoo.cases import build_cases, write_cases
    from tests.zoo.layouts import LAYOUTS

    chosen = tuple(layout for layout in LAYOUTS if layout.name in layouts)
    cases = [c for c in build_cases(0, chosen) if not c.perturbed]
    written = write_cases(cases, folder / "pdf")
    out = []
    for case in cases:
        source = written.get(case.id)
        if source is None:
            continue
        for kind in kinds:
            data, suffix, pages = scan_of(source.read_bytes(), kind, case.id)
            path = folder / kind.name / (case.file_name.rsplit(".", 1)[0] + suffix)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            out.append((kind, case, path, pages))
    return out


Judge = Callable[[object, Path], object]
