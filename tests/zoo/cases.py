"""The zoo's cases: every layout × the table sets it takes, plain and perturbed.

A case is one file with everything needed to judge the program on it: the expected
value of each cell (or BLANK / ABSENT), the format and year, the error findings it
legitimately draws. The list is fixed by the number of random sets alone: each case's
RNG is seeded by its layout, set and whether it is perturbed.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.zoo.document import Expected, build_doc
from tests.zoo.form import F2019, F2021, CellKey
from tests.zoo.layouts import LAYOUTS, Layout
from tests.zoo.layouts.common import Rendered
from tests.zoo.perturb import perturb
from tests.zoo.tablesets import Number, TableSet, table_sets

DEFAULT_RANDOM_SETS = 8


@dataclass
class Case:
    id: str
    layout: str
    cls: str
    set_name: str
    perturbed: bool
    rendered: Rendered
    format: str
    year: int
    cells: dict[CellKey, Number | str]
    expected: list[Expected]
    tags: list[str] = field(default_factory=list)

    @property
    def group(self) -> str:
        """The layout, with `~perturbed` for its perturbed cases."""
        return self.layout + ("~perturbed" if self.perturbed else "")

    @property
    def file_name(self) -> str:
        return self.id.replace("/", "__") + self.rendered.suffix


def make_case(layout: Layout, ts: TableSet, perturbed: bool = False) -> Case:
    rng = random.Random(f"zoo-case/{layout.name}/{ts.name}/{int(perturbed)}")
    if layout.variant:
        ts = layout.variant(ts)
    doc = build_doc(ts, rng)
    for transform in layout.transforms:
        transform(doc, rng)
    if perturbed:
        perturb(doc, rng)
    rendered = layout.render(doc, rng)
    group = layout.name + ("~perturbed" if perturbed else "")
    return Case(
        f"{group}/{ts.name}",
        layout.name,
        layout.cls,
        ts.name,
        perturbed,
        rendered,
        ts.format,
        ts.year,
        doc.expected_cells(),
        list(doc.expected),
        list(doc.tags),
    )


def sets_for(layout: Layout, sets: list[TableSet]) -> list[TableSet]:
    """The sets a layout renders: those it applies to; for a slow layout, a few that
    cover both forms and the single （六） row."""
    fit = [s for s in sets if layout.applies(s)]
    if layout.max_sets is None or len(fit) <= layout.max_sets:
        return fit
    picks = [
        next((s for s in fit if s.format == F2019 and s.source == "seed" and s.get("table3", "new", "total")), None),
        next((s for s in fit if s.format == F2021 and s.source == "devset"), None),
        next((s for s in fit if s.single_other), None),
    ]
    chosen = [s for s in picks if s is not None][: layout.max_sets]
    return chosen + [s for s in fit if s not in chosen][: layout.max_sets - len(chosen)]


def build_cases(n_random: int = DEFAULT_RANDOM_SETS, layouts: tuple[Layout, ...] = LAYOUTS) -> list[Case]:
    sets = table_sets(n_random)
    cases = []
    for layout in layouts:
        chosen = sets_for(layout, sets)
        cases += [make_case(layout, ts) for ts in chosen]
        if layout.perturbable:
            cases += [make_case(layout, ts, perturbed=True) for ts in chosen]
    return cases


# ---- files on disk --------------------------------------------------------------------------


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_cases(cases: list[Case], folder: Path) -> dict[str, Path]:
    """Each case's file in `folder`, by case id. PDFs are made by one LibreOffice run; where
    LibreOffice is absent their cases have no file (the caller skips them)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    pending: list[tuple[Case, Path]] = []
    for case in cases:
        path = folder / case.file_name
        if case.rendered.soffice:
            source = folder / "soffice-in" / (path.stem + case.rendered.soffice)
            source.parent.mkdir(exist_ok=True)
            source.write_bytes(case.rendered.data)
            pending.append((case, source))
        else:
            path.write_bytes(case.rendered.data)
            out[case.id] = path
    binary = soffice_binary()
    if pending and binary:
        target = folder / "soffice-out"
        # A profile of its own: a LibreOffice the user has open does not take the job.
        with tempfile.TemporaryDirectory() as profile:
            command = [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless"]
            command += ["--convert-to", "pdf", "--outdir", str(target), *[str(src) for _, src in pending]]
            # The PDFs a hung LibreOffice did not make are reported by the caller.
            with contextlib.suppress(subprocess.TimeoutExpired):
                subprocess.run(command, check=False, capture_output=True, timeout=300)
        for case, source in pending:
            made = target / (source.stem + ".pdf")
            if made.exists():
                path = folder / case.file_name
                made.replace(path)
                out[case.id] = path
    return out


def needs_soffice(case: Case) -> bool:
    return case.rendered.soffice is not None
