"""The zoo's report: how the program reads every layout today.

    python -m tests.zoo [--sets N] [--dump DIR] [--layout NAME ...] [--list]

builds the zoo's cases (the seeds', the devset's and N random table sets, default 8, in
every layout; each text layout also perturbed), reads and audits each file with
`parsers.load_report` and `model.rules.audit`, and prints per layout class and per
layout: the cases, how many pass the property, the share of expected cells read right,
left uncertain (None and flagged UNCERTAIN_CELL) and wrong, the false error findings,
and the cases whose format or year is wrong; then a total line and the false errors by
rule. PDF layouts need
LibreOffice (`soffice`) and are left out without it.

`--dump DIR` writes each failing case's file to DIR with `NAME.diff.txt` beside it: the
expected and read values of the wrong cells, the false and missed findings, what was
done to the report. `--layout` limits the run to some layouts (a prefix matches);
`--list` lists the layouts with what each does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from tests.zoo.cases import DEFAULT_RANDOM_SETS, Case, build_cases, soffice_binary, write_cases
from tests.zoo.check import Result, judge
from tests.zoo.layouts import CLASSES, LAYOUTS


def _row(name: str, results: list[Result]) -> str:
    cells = sum(r.cells for r in results) or 1
    right = sum(r.right for r in results) / cells
    uncertain = sum(r.uncertain for r in results) / cells
    wrong = sum(r.wrong for r in results) / cells
    false = sum(len(r.false_errors) for r in results)
    meta = sum(not r.meta_ok for r in results)
    ok = sum(r.ok for r in results)
    return f"{name:<44}{len(results):>6}{ok:>6}{right:>9.1%}{uncertain:>11.1%}{wrong:>8.1%}{false:>11}{meta:>10}"


HEADER = f"{'class / layout':<44}{'cases':>6}{'pass':>6}{'right':>9}{'uncertain':>11}{'wrong':>8}{'false err':>11}{'fmt/year':>10}"


def report(results: list[Result], out=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    by_class: dict[str, list[Result]] = defaultdict(list)
    by_group: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_class[r.case.cls].append(r)
        by_group[r.case.group].append(r)
    print(HEADER, file=out)
    for cls in CLASSES:
        if not by_class.get(cls):
            continue
        print(_row(cls, by_class[cls]), file=out)
        for layout in LAYOUTS:
            if layout.cls != cls:
                continue
            for group in (layout.name, layout.name + "~perturbed"):
                if by_group.get(group):
                    print(_row("  " + group, by_group[group]), file=out)
    print(_row("TOTAL", results), file=out)
    rules = Counter(f.split(":")[0] for r in results for f in r.false_errors)
    print("false errors by rule: " + (", ".join(f"{k} {v}" for k, v in rules.most_common()) or "none"), file=out)


def dump(results: list[Result], paths: dict[str, Path], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for r in results:
        if r.ok:
            continue
        case = r.case
        target = folder / case.file_name
        target.write_bytes(paths[case.id].read_bytes())
        lines = [
            f"case: {case.id}",
            f"layout: {case.layout} ({case.cls}); set: {case.set_name}; done to it: {', '.join(case.tags) or '-'}",
            f"cells: {r.right} right, {r.uncertain} uncertain, {r.wrong} wrong",
            *r.problems(max_cells=1000),
        ]
        (folder / (case.file_name + ".diff.txt")).write_text("\n".join(lines) + "\n", encoding="utf-8")
        n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.zoo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=DEFAULT_RANDOM_SETS, help="random table sets (default 8)")
    parser.add_argument("--dump", type=Path, help="write failing cases and their diffs here")
    parser.add_argument("--layout", nargs="*", help="only these layouts (a prefix matches)")
    parser.add_argument("--list", action="store_true", help="list the layouts and stop")
    args = parser.parse_args(argv)
    if args.list:
        for x in LAYOUTS:
            print(f"{x.cls:<9}{x.name:<34}{x.about}")
        return 0
    layouts = LAYOUTS
    if args.layout:
        layouts = tuple(x for x in LAYOUTS if any(x.name.startswith(p) for p in args.layout))
    if not soffice_binary():
        print("LibreOffice not found: the PDF layouts are left out.", file=sys.stderr)
        layouts = tuple(x for x in layouts if not x.soffice)
    start = time.perf_counter()
    cases: list[Case] = build_cases(args.sets, layouts)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_cases(cases, Path(tmp))
        made = time.perf_counter()
        results = [judge(c, paths[c.id]) for c in cases if c.id in paths]
        judged = time.perf_counter()
        missing = [c.id for c in cases if c.id not in paths]
        report(results)
        if missing:
            print(f"{len(missing)} cases got no file (LibreOffice failed): {missing[:5]}")
        print(
            f"{len(results)} cases; made in {made - start:.1f} s, read and audited in {judged - made:.1f} s"
            f" ({(judged - made) / max(1, len(results)) * 1000:.0f} ms per case)"
        )
        if args.dump:
            n = dump(results, paths, args.dump)
            print(f"{n} failing cases written to {args.dump}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
