"""Text found and read in a page image, offline: PP-OCR's Chinese models on onnxruntime.

The models are the ones the `rapidocr-onnxruntime` wheel ships (its detection and
recognition ONNX files, the character list inside the recognition model). Only the files
are used: the steps around them are written here on numpy and Pillow, so the program
needs neither OpenCV (170 MB packaged) nor the package's own pipeline, and each read
character keeps its own confidence and its own place on the line.

- **Detection** (DB): the page scaled so its longer side is at most `DETECT_SIDE`, the
  text-probability map thresholded, each connected region one box, grown back by DB's
  unclip distance. Boxes are upright: a page is turned upright first (`deskew`).
- **Recognition** (CTC): each box cut from the full-resolution page, scaled to the
  model's height, boxes of like width run together; the best class per step, repeats and
  blanks dropped. A character's confidence is its step's probability, its place the
  step's place on the box.

`engine()` loads the models once per process; nothing is downloaded.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DETECT_SIDE = 960  # PP-OCR's own default: enough for print at 150 dpi and up
DETECT_THRESHOLD = 0.3  # a pixel is text above this probability
BOX_THRESHOLD = 0.5  # a region is text when its mean probability is above this
UNCLIP_RATIO = 1.6  # DB's: how far a region is grown back to the text's real extent
REC_HEIGHT = 48  # the recognition model's input height
REC_BATCH = 8
LINE_MARGIN = 4  # white pixels kept around a line of print cut from a table's cell
MAX_SKEW = 3.0  # degrees a page may be turned and still be set upright
# The shapes the model reads a digit as, by the digit: at a step, the digit's confidence is
# their probabilities together (a clean `0` alone in a cell is read 0, ０, ○ or O in turn).
# A box of figures alone is read as digits; in a line of words only the full-width forms are.
LOOKALIKES = {
    "0": "０OoＯｏ○〇",
    "1": "１lIｌＩ",
    **{d: chr(0xFF10 + int(d)) for d in "23456789"},
}
_FIGURE_MARKS = set(".,，．%-")
_DET_MODEL = "ch_PP-OCRv4_det_infer.onnx"
_REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in page pixels


class OcrUnavailable(RuntimeError):
    """The OCR models or onnxruntime are not installed."""


@dataclass(frozen=True)
class Char:
    """One character read: its text, place on the page (pixels) and confidence (0–1)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float


@dataclass(frozen=True)
class TextBox:
    """One box of text found on a page and what was read in it."""

    box: Box
    chars: tuple[Char, ...]
    size: float = 0.0  # the height of its print in pixels (0: not known, DB's box grown around it)

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


def models_folder() -> Path:
    """Where the model files are: beside the packaged program, or in the installed wheel
    (found without importing it: its own pipeline would import OpenCV)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "ocr_models"
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        raise OcrUnavailable("rapidocr_onnxruntime")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


class Engine:
    """The two models, loaded once; `read(image)` gives a page's text boxes."""

    def __init__(self, folder: Path, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise OcrUnavailable("onnxruntime") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 4)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        providers = ["CPUExecutionProvider"]
        try:
            self._detect = ort.InferenceSession(str(folder / _DET_MODEL), options, providers=providers)
            self._recognize = ort.InferenceSession(str(folder / _REC_MODEL), options, providers=providers)
        except Exception as exc:  # noqa: BLE001 - a missing or damaged model file
            raise OcrUnavailable(str(folder)) from exc
        listed = self._recognize.get_modelmeta().custom_metadata_map.get("character", "")
        # Class 0 is CTC's blank; the list's characters follow, a space last.
        self.classes = ["", *listed.splitlines(), " "]
        index = {c: i for i, c in enumerate(self.classes) if c}
        # Each class's digit (a lookalike's), and each digit's classes.
        self._digit_of: dict[int, str] = {}
        self._members: dict[str, list[int]] = {}
        for digit, shapes in LOOKALIKES.items():
            members = [index[c] for c in digit + shapes if c in index]
            self._members[digit] = members
            for i in members:
                self._digit_of[i] = digit

    def read(self, image: Any, lines: list[Box] | None = None) -> list[TextBox]:
        """The text boxes of a grey page image (a 2-D uint8 numpy array), top to bottom;
        `lines`: boxes of print already found (a ruled table's cells), read as they are."""
        boxes = self.detect(image)
        return [b for b in self.recognize(image, boxes, lines or []) if b.chars]

    def detect(self, image: Any) -> list[Box]:
        """Boxes of text on the page, in page pixels."""
        import numpy as np
        from PIL import Image

        height, width = image.shape
        scale = min(1.0, DETECT_SIDE / max(height, width))
        dh = max(32, round(height * scale / 32) * 32)
        dw = max(32, round(width * scale / 32) * 32)
        small = np.asarray(Image.fromarray(image).resize((dw, dh), Image.Resampling.BILINEAR), np.float32)
        x = np.repeat((small / 127.5 - 1.0)[None, None], 3, axis=1)
        prob = self._detect.run(None, {self._detect.get_inputs()[0].name: x})[0][0, 0]
        mask = prob > DETECT_THRESHOLD
        sy, sx = height / dh, width / dw
        out: list[Box] = []
        for x0, top, x1, bottom in regions(mask):
            if x1 - x0 < 3 or bottom - top < 3:
                continue
            inside = mask[top:bottom, x0:x1]
            if float(prob[top:bottom, x0:x1][inside].mean()) < BOX_THRESHOLD:
                continue
            w, h = x1 - x0, bottom - top
            grow = w * h * UNCLIP_RATIO / (2 * (w + h))
            out.append(
                (
                    max(0.0, (x0 - grow) * sx),
                    max(0.0, (top - grow) * sy),
                    min(float(width), (x1 + grow) * sx),
                    min(float(height), (bottom + grow) * sy),
                )
            )
        out.sort(key=lambda b: (b[1], b[0]))
        return out

    def recognize(self, image: Any, boxes: list[Box], lines: list[Box] | None = None) -> list[TextBox]:
        """What each box reads, each character with its place and confidence. `boxes` are
        DB's (grown around the print), `lines` tight around it with `LINE_MARGIN`."""
        import numpy as np
        from PIL import Image

        sizes = [0.0] * len(boxes) + [b[3] - b[1] - 2 * LINE_MARGIN for b in lines or []]
        boxes = boxes + list(lines or [])
        crops = []
        for x0, top, x1, bottom in boxes:
            piece = Image.fromarray(image[int(top) : math.ceil(bottom), int(x0) : math.ceil(x1)])
            width = max(1, math.ceil(REC_HEIGHT * piece.width / max(piece.height, 1)))
            crops.append(np.asarray(piece.resize((width, REC_HEIGHT), Image.Resampling.BILINEAR), np.float32))
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1])
        out: list[TextBox | None] = [None] * len(crops)
        name = self._recognize.get_inputs()[0].name
        for first in range(0, len(order), REC_BATCH):
            batch = order[first : first + REC_BATCH]
            widest = max(crops[i].shape[1] for i in batch)
            x = np.zeros((len(batch), 3, REC_HEIGHT, widest), np.float32)
            for k, i in enumerate(batch):
                x[k, :, :, : crops[i].shape[1]] = crops[i] / 127.5 - 1.0
            probs = self._recognize.run(None, {name: x})[0]
            best = probs.argmax(axis=2)
            for k, i in enumerate(batch):
                out[i] = self._decode(boxes[i], crops[i].shape[1], widest, best[k], probs[k], sizes[i])
        return [b for b in out if b is not None]

    def _decode(self, box: Box, width: int, padded: int, best: Any, probs: Any, size: float) -> TextBox:
        """CTC's greedy reading of one box: each character at the steps it was read at.

        A digit's shapes are one class to the reading (`LOOKALIKES`): repeats of any of them
        are one character, its confidence their probabilities together."""
        x0, top, x1, bottom = box
        steps = len(best)
        per_step = padded / steps * (x1 - x0) / width  # page pixels a step covers
        found: list[tuple[str, int, float]] = []
        previous: object = 0
        for t in range(steps):
            c = int(best[t])
            digit = self._digit_of.get(c)
            key = digit if digit is not None else c
            if c != 0 and key != previous and c < len(self.classes):
                if digit is not None:
                    sure = float(probs[t, self._members[digit]].sum())
                    found.append((self.classes[c], t, min(sure, 1.0)))
                else:
                    found.append((self.classes[c], t, float(probs[t, c])))
            previous = key
        if any(text.isdigit() for text, _, _ in found):
            # A piece of a table's rule beside a figure is read as a bar or a bracket: it is
            # dropped, and the figure is not trusted (the rule may have hidden a stroke).
            trimmed = found
            while trimmed and trimmed[0][0] in "|丨[]【】":
                trimmed = trimmed[1:]
            while trimmed and trimmed[-1][0] in "|丨[]【】":
                trimmed = trimmed[:-1]
            if len(trimmed) < len(found):
                found = [(text, t, min(sure, 0.5)) for text, t, sure in trimmed]
        figures = any(text in self._members or self._is_lookalike(text) for text, _, _ in found) and all(
            text in self._members or text in _FIGURE_MARKS or self._is_lookalike(text) for text, _, _ in found
        )
        found = [(self._as_digit(text, figures), t, sure) for text, t, sure in found]
        chars = []
        size = size or 0.75 * (bottom - top)
        for j, (text, t, confidence) in enumerate(found):
            if not text.strip():
                continue
            centre = x0 + (t + 0.5) * per_step
            left = x0 + (found[j - 1][1] + 0.5) * per_step if j else x0
            right = x0 + (found[j + 1][1] + 0.5) * per_step if j + 1 < len(found) else x1
            half = 0.5 * size * (0.6 if text.isascii() else 1.2)
            a = max((left + centre) / 2, centre - half)
            b = min((centre + right) / 2, centre + half)
            chars.append(Char(text, a, max(b, a + 1.0), top, bottom, confidence))
        return TextBox(box, tuple(chars), size)

    def _is_lookalike(self, text: str) -> bool:
        return any(text in shapes for shapes in LOOKALIKES.values())

    def _as_digit(self, text: str, figures: bool) -> str:
        """A digit's shape as the digit: any of them in a box of figures, only its
        full-width form in a line of words."""
        if "０" <= text <= "９":
            return chr(ord(text) - 0xFF10 + ord("0"))
        if figures:
            for digit, shapes in LOOKALIKES.items():
                if text in shapes:
                    return digit
        return text


@functools.lru_cache(maxsize=1)
def engine() -> Engine:
    """The OCR engine of this process (its models take a moment to load)."""
    return Engine(models_folder())


def regions(mask: Any) -> list[tuple[int, int, int, int]]:
    """The connected regions of a boolean image as (x0, top, x1, bottom), ends exclusive.

    Runs of set pixels are found row by row with numpy; runs that overlap in neighbouring
    rows are one region (union-find over runs, not pixels)."""
    import numpy as np

    height, width = mask.shape
    padded = np.zeros((height, width + 2), np.int8)
    padded[:, 1:-1] = mask
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)
    first = np.searchsorted(rows, np.arange(height + 1)).tolist()
    rows_l, starts_l, ends_l = rows.tolist(), starts.tolist(), ends.tolist()
    parent = list(range(len(rows_l)))

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(1, height):
        i, i_end = first[r - 1], first[r]
        j, j_end = first[r], first[r + 1]
        while i < i_end and j < j_end:
            if starts_l[i] < ends_l[j] and starts_l[j] < ends_l[i]:
                a, b = root(i), root(j)
                if a != b:
                    parent[b] = a
            if ends_l[i] < ends_l[j]:
                i += 1
            else:
                j += 1
    found: dict[int, list[int]] = {}
    for k, r in enumerate(rows_l):
        box = found.get(root(k))
        if box is None:
            found[root(k)] = [starts_l[k], r, ends_l[k], r + 1]
        else:
            box[0] = min(box[0], starts_l[k])
            box[2] = max(box[2], ends_l[k])
            box[3] = r + 1
    return [(a, b, c, d) for a, b, c, d in found.values()]


def skew_angle(image: Any) -> float:
    """The angle (degrees, counter-clockwise) the page's lines of print are turned by,
    within ±`MAX_SKEW`: the shear that makes the rows of ink the most uneven (lines of
    text and rules lined up on rows, the gaps between them empty)."""
    import numpy as np

    ys, xs = np.nonzero(image[::2, ::2] < 128)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - xs.mean()

    def sharpness(angle: float) -> float:
        rows = np.round(ys + xs * math.tan(math.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    def sharpest(angles: list[float]) -> float:
        # The middle of the sharpest ones: near the true angle a shear moves the rows by
        # less than a pixel, so several angles tie.
        scores = [sharpness(a) for a in angles]
        top = max(scores)
        tied = [a for a, s in zip(angles, scores) if s >= top * (1 - 1e-9)]
        return (tied[0] + tied[-1]) / 2

    best = sharpest([a / 4 for a in range(int(-MAX_SKEW * 4), int(MAX_SKEW * 4) + 1)])
    return sharpest([best + a / 20 for a in range(-6, 7)])


def deskew(image: Any, angle: float) -> Any:
    """The page turned upright by `angle` (`skew_angle`), white where the turn uncovers;
    the page itself when it is hardly turned."""
    import numpy as np
    from PIL import Image

    if abs(angle) < 0.15:
        return image
    turned = Image.fromarray(image).rotate(-angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return np.asarray(turned)
