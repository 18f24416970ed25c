"""A seeded fuzz of the whole pipeline over the bundled samples.

Each sample is mutated the ways real files break and hostile ones are made — bytes
flipped, digits and `|` put in, rows duplicated, the file cut short — and every mutant
goes through what `main.py check` and the window do with a file: read and recognise,
audit, the rules across the batch, the JSON, the summary workbook and the per-report
workbooks. No exception may escape, and no file may take more than `PER_FILE_SECONDS`.
The seed is fixed, so a failure is reproduced by running the test again; the mutant is
named in the message.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from main import write_report_books
from model import guard
from model.audited import AuditedReport
from parsers import load_report
from tests.conftest import SAMPLES

SEED = 16
MUTANTS_PER_SAMPLE = 20
PER_FILE_SECONDS = 2.0
DIGITS = b"0123456789"


def _insert(data: bytes, rng: random.Random, piece: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


def _table_line(lines: list[bytes], rng: random.Random) -> int:
    rows = [i for i, line in enumerate(lines) if line.count(b"|") >= 2]
    return rng.choice(rows) if rows else rng.randrange(len(lines))


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def insert_digits(data: bytes, rng: random.Random) -> bytes:
    run = bytes(rng.choice(DIGITS) for _ in range(rng.choice([1, 2, 5, 12, 30, 60, 400])))
    lines = data.split(b"\n")
    i = _table_line(lines, rng)  # mostly into a table row, where digits are split and summed
    lines[i] = _insert(lines[i], rng, run)
    return b"\n".join(lines)


def insert_pipes(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i = _table_line(lines, rng)
    lines[i] = _insert(lines[i], rng, b"|" * rng.randint(1, 5))
    return b"\n".join(lines)


def duplicate_rows(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i = _table_line(lines, rng)
    lines[i:i] = [lines[i]] * rng.randint(1, 3)
    return b"\n".join(lines)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


MUTATIONS = [flip_bytes, insert_digits, insert_pipes, duplicate_rows, truncate]


def mutants(rng: random.Random) -> list[tuple[str, bytes]]:
    out = []
    for sample in sorted(SAMPLES.glob("*.txt")):
        original = sample.read_bytes()
        for n in range(MUTANTS_PER_SAMPLE):
            data, done = original, []
            for mutate in rng.sample(MUTATIONS, rng.randint(1, 3)):
                data = mutate(data, rng) or original
                done.append(mutate.__name__)
            out.append((f"{sample.stem[:3]}_{n:02d}_{'+'.join(done)}.txt", data))
    return out


def test_fuzz_the_pipeline(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folder = tmp_path / "in"
    folder.mkdir()
    items = []
    slow = []
    worst = (0.0, "")
    for name, data in mutants(rng):
        path = folder / name
        path.write_bytes(data)
        start = time.perf_counter()
        report = load_report(path)
        findings = guard.audit_report(report)
        took = time.perf_counter() - start
        worst = max(worst, (took, name))
        if took > PER_FILE_SECONDS:
            slow.append(f"{name}: {took:.1f} s")
        items.append((report, findings))
    assert not slow, slow
    batch = guard.batch_findings([r for r, _ in items])
    items = [(r, [] if r.error else f + batch.get(i, [])) for i, (r, f) in enumerate(items)]
    data = json.loads(guard.json_text(items))
    assert len(data["reports"]) == len(items)
    assert guard.write_summary(str(tmp_path / "sum.xlsx"), items) == []
    assert write_report_books(str(tmp_path / "books"), [AuditedReport(r, f) for r, f in items]) == []
    internal = [r.path for r, _ in items if r.error and "程序内部出错" in r.error]
    # Program errors the guard caught are listed for the parsers' owners; the batch went on.
    print(
        f"{len(items)} mutants, the slowest {worst[1]} {worst[0]:.2f} s, {len(internal)} with a program error caught: {internal}"
    )
