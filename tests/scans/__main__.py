"""`python -m tests.scans`: the per-kind figures of scanned copies (see the package)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tests.scans import KINDS, make_scans
from tests.zoo.check import judge


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.scans")
    parser.add_argument("--kinds", default=",".join(k.name for k in KINDS))
    args = parser.parse_args(argv)
    kinds = tuple(k for k in KINDS if k.name in args.kinds.split(","))
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0])
    with tempfile.TemporaryDirectory() as tmp:
        for kind, case, path, pages in make_scans(Path(tmp), kinds):
            start = time.perf_counter()
            result = judge(case, path)  # type: ignore[arg-type]
            seconds = time.perf_counter() - start
            t = totals[kind.name]
            t[0] += result.right
            t[1] += result.uncertain
            t[2] += result.wrong
            t[3] += seconds
            t[4] += pages
            print(
                f"{kind.name:18} {case.id:32} right {result.right:3} flagged {result.uncertain:3} "  # type: ignore[attr-defined]
                f"wrong {result.wrong:3}  {seconds / pages:5.1f} s/page",
                flush=True,
            )
            for line in result.problems(5):
                print("    " + line)
    wrong = 0
    print()
    for name, (right, flagged, bad, seconds, pages) in totals.items():
        cells = max(right + flagged + bad, 1)
        wrong += int(bad)
        print(
            f"{name:18} cells {int(cells):4}  right {right / cells:6.1%}  flagged {flagged / cells:6.1%}  "
            f"wrong without a flag {bad / cells:6.1%}  {seconds / max(pages, 1):5.1f} s/page"
        )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
