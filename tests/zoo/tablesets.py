"""Table sets: complete, consistent values of the three tables, in FORMAT.md's ids.

Three sources, each giving every cell a report of its form prints:

- the seeds (`seed_tables.json`, read by hand from the bundled samples; blanks as 0),
- the devset (`tests/data/devset/*.expected.json`; the 表二 rows printed as one run of
  digits take the README's `plausible` split, and the one row with none takes ours),
- random sets from a seeded generator: mostly zeros and small counts, some rows with 3–7
  digit counts, money with decimals, 2019 `change` sometimes negative, and 2021 sets that
  print the single （六）其他处理 row.

Every set satisfies the form's identities (`problems()` is empty): per row of 表三 the
total is the six applicant columns added; per column new + carried_over =
total_processed + carried_forward and total_processed = the outcome rows added; per row
of 表四 the total is the four results added.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tests.zoo import form
from tests.zoo.form import F2019, F2021, T2, T3, T4, CellKey

Number = int | float

HERE = Path(__file__).resolve().parent
SEED_JSON = HERE / "seed_tables.json"
DEVSET_DIR = HERE.parent / "data" / "devset"
SAMPLES_DIR = HERE.parents[1] / "resources" / "samples"

# The devset's 2019 report prints 政府集中采购 as `13575394432.52元` and its expected file
# offers no split; to render the set elsewhere the zoo reads it as 1357 items and
# 5394432.52 元 (539.443252 万元).
DEVSET_2019_PROCUREMENT = {"items": 1357, "amount": 539.443252}
_TOLERANCE = 1e-6


@dataclass(frozen=True)
class TableSet:
    """One report's tables: every printed cell's value, with what the set is."""

    name: str
    source: str  # "seed" | "devset" | "random" (or a variant made from one)
    format: str
    year: int
    agency: str
    values: Mapping[CellKey, Number]
    single_other: bool = False
    # devset cells its own file prints as one run of digits (they cannot be known there)
    unknowable: frozenset[CellKey] = frozenset()
    profile: str = ""
    notes: tuple[str, ...] = field(default=())

    def get(self, table: str, row: str, col: str) -> Number:
        return self.values[(table, row, col)]

    def cells(self) -> list[CellKey]:
        return form.printed_cells(self.format, self.single_other)

    def row(self, table: str, row: str, cols: tuple[str, ...]) -> list[Number]:
        return [self.values[(table, row, c)] for c in cols]

    def problems(self) -> list[str]:
        """Why the set is not a complete, consistent filling of its form (empty: it is)."""
        return identity_problems(self.format, self.single_other, self.values)


def _close(a: Number, b: Number) -> bool:
    return abs(a - b) <= _TOLERANCE


def identity_problems(fmt: str, single_other: bool, values: Mapping[CellKey, Number]) -> list[str]:
    out: list[str] = []
    want = set(form.printed_cells(fmt, single_other))
    if set(values) != want:
        out.append(
            f"cells differ from the form: missing {sorted(want - set(values))[:3]}, extra {sorted(set(values) - want)[:3]}"
        )
        return out
    for (table, row, col), v in values.items():
        if v is None or not isinstance(v, int | float):
            out.append(f"{table}.{row}.{col} is not a number: {v!r}")
        elif isinstance(v, float) and not form.is_amount(fmt, row, col):
            out.append(f"{table}.{row}.{col} is a count but not an integer: {v!r}")
    if out:
        return out
    rows = [r.id for r in form.t3_rows(fmt, single_other)]
    outcome = form.t3_outcome_rows(fmt, single_other)
    for row in rows:
        parts = sum(values[(T3, row, c)] for c in form.T3_APPLICANTS)
        if not _close(parts, values[(T3, row, "total")]):
            out.append(f"T3 row total {row}: {parts} != {values[(T3, row, 'total')]}")
    for col in form.T3_COLS:
        v = {r: values[(T3, r, col)] for r in rows}
        if not _close(v["new"] + v["carried_over"], v["total_processed"] + v["carried_forward"]):
            out.append(f"T3 balance {col}")
        if not _close(sum(v[r] for r in outcome), v["total_processed"]):
            out.append(f"T3 outcome sum {col}")
    for row in form.T4_ROWS:
        parts = sum(values[(T4, row, c)] for c in form.T4_COLS[:-1])
        if not _close(parts, values[(T4, row, "total")]):
            out.append(f"T4 total {row}")
    for (table, row, col), v in values.items():
        if v < 0 and not (table == T2 and fmt == F2019 and col == "change"):
            out.append(f"{table}.{row}.{col} is negative")
    return out


# ---- seeds ------------------------------------------------------------------------------


def _from_printed(printed: Mapping[str, Mapping[str, Mapping[str, Number | None]]]) -> dict[CellKey, Number | None]:
    return {(t, r, c): v for t, rows in printed.items() for r, cols in rows.items() for c, v in cols.items()}


@cache
def seed_data() -> dict:
    return json.loads(SEED_JSON.read_text(encoding="utf-8"))


def seed_sets() -> list[TableSet]:
    data = seed_data()
    out = []
    for file, seed in data["seeds"].items():
        values = _from_printed(seed["printed"])
        notes: tuple[str, ...] = ()
        if file in data["blank_as_zero"]:
            notes = ("blank cells of the seed taken as 0",)
        filled = {k: (0 if v is None else v) for k, v in values.items()}
        out.append(
            TableSet(f"seed-{file[:3]}", "seed", seed["format"], seed["year"], seed["agency"], filled, notes=notes)
        )
    return out


# ---- devset -----------------------------------------------------------------------------


def _as_number(fmt: str, row: str, col: str, value: float | int | str) -> Number:
    value = float(value) if isinstance(value, str) else value
    if form.is_amount(fmt, row, col):
        return value
    assert float(value).is_integer(), (row, col, value)
    return int(value)


def devset_expected() -> dict[str, dict]:
    """The devset's expected files, by the name of the report they describe."""
    return {
        p.name.removesuffix(".expected.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(DEVSET_DIR.glob("*.expected.json"))
    }


_DEVSET_AGENCY = "平潭综合实验区"


def devset_sets() -> list[TableSet]:
    out = []
    for exp in devset_expected().values():
        fmt = exp["format"]
        values: dict[CellKey, Number] = {}
        for table, rows in exp["tables"].items():
            for row, cols in rows.items():
                for col, v in cols.items():
                    values[(table, row, col)] = _as_number(fmt, row, col, v)
        unknowable = set()
        notes = []
        for item in exp["cells_that_cannot_be_known"]:
            row = item["row"]
            (t2row,) = [r for b in form.T2_BLOCKS[fmt] for r in b.rows if r.id == row]
            plausible = dict(item["plausible"])
            if not plausible and fmt == F2019 and row == "procurement":
                plausible = dict(DEVSET_2019_PROCUREMENT)
                notes.append("procurement split chosen by the zoo (the devset offers none)")
            for col in t2row.cols:
                unknowable.add((item["table"], row, col))
                values[(item["table"], row, col)] = _as_number(fmt, row, col, plausible[col])
        out.append(
            TableSet(
                f"devset-{exp['year']}",
                "devset",
                fmt,
                exp["year"],
                _DEVSET_AGENCY,
                values,
                unknowable=frozenset(unknowable),
                notes=tuple(notes),
            )
        )
    return out


# ---- random sets ------------------------------------------------------------------------

QUIET, BUSY, HUGE = "quiet", "busy", "huge"
# (format, profile, single （六） row): the n-th random set takes the n-th entry, cyclically,
# so that any n of at least 8 covers every kind.
RANDOM_KINDS = (
    (F2019, QUIET, False),
    (F2021, BUSY, False),
    (F2021, QUIET, True),
    (F2019, BUSY, False),
    (F2021, HUGE, False),
    (F2019, HUGE, False),
    (F2021, BUSY, True),
    (F2021, QUIET, False),
)

_AGENCIES = (
    "淮安市洪泽区人民政府",
    "南京市市场监督管理局",
    "福州市鼓楼区人民政府",
    "河南省自然资源厅",
    "成都市武侯区卫生健康局",
    "杭州市西湖区人民政府北山街道办事处",
    "襄阳市襄州区教育局",
    "广东省交通运输厅",
    "长沙县发展和改革局",
    "平潭综合实验区管理委员会",
    "青岛市黄岛区人力资源和社会保障局",
    "泉州市生态环境局",
)


def _log_uniform(rng: random.Random, lo: int, hi: int) -> int:
    """An integer between lo and hi, as likely to have few digits as many."""
    if hi <= lo:
        return lo
    import math

    return min(hi, max(lo, int(math.exp(rng.uniform(math.log(lo + 1), math.log(hi + 1)))) - 1))


def _maybe(rng: random.Random, p_nonzero: float, lo: int, hi: int) -> int:
    return _log_uniform(rng, lo, hi) if rng.random() < p_nonzero else 0


def _split(rng: random.Random, total: int, k: int) -> list[int]:
    """`total` cut into k positive parts (k at most total)."""
    if k <= 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), k - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


_OUTCOME_WEIGHTS = {
    "granted": 45,
    "partial": 6,
    "refused.state_secret": 1,
    "refused.prohibited": 1,
    "refused.security": 1,
    "refused.third_party": 2,
    "refused.internal": 2,
    "refused.process": 2,
    "refused.enforcement": 1,
    "refused.query": 2,
    "unable.not_held": 20,
    "unable.needs_creation": 4,
    "unable.unclear": 3,
    "not_processed.complaint": 3,
    "not_processed.duplicate": 3,
    "not_processed.publication": 1,
    "not_processed.excessive": 1,
    "not_processed.confirmation": 1,
    "other": 3,
    "other.no_correction": 2,
    "other.unpaid_fee": 1,
    "other.other": 2,
}

# Per profile: (probability a column has applications, range of its count) by column.
_T3_VOLUME = {
    QUIET: {"natural_person": (0.85, 1, 40), "commercial": (0.2, 1, 4), "_": (0.08, 1, 2)},
    BUSY: {"natural_person": (1.0, 20, 900), "commercial": (0.6, 1, 60), "_": (0.3, 1, 12)},
    HUGE: {"natural_person": (1.0, 800, 120000), "commercial": (0.8, 10, 6000), "_": (0.5, 1, 400)},
}


def _table3(rng: random.Random, fmt: str, profile: str, single_other: bool) -> dict[CellKey, Number]:
    rows = [r.id for r in form.t3_rows(fmt, single_other)]
    outcome = form.t3_outcome_rows(fmt, single_other)
    v: dict[CellKey, Number] = {}
    for col in form.T3_APPLICANTS:
        p, lo, hi = _T3_VOLUME[profile].get(col, _T3_VOLUME[profile]["_"])
        processed = _maybe(rng, p, lo, hi)
        per_row = dict.fromkeys(outcome, 0)
        if processed:
            k = min(processed, rng.randint(1, 6), len(outcome))
            chosen: list[str] = []
            pool = list(outcome)
            # A report that prints the single （六） row has something to put in it.
            weights = {**_OUTCOME_WEIGHTS, "other": 20} if single_other else _OUTCOME_WEIGHTS
            while len(chosen) < k:
                pick = rng.choices(pool, weights=[weights[r] for r in pool])[0]
                chosen.append(pick)
                pool.remove(pick)
            for row, part in zip(chosen, _split(rng, processed, k)):
                per_row[row] = part
        forward = _maybe(rng, 0.4, 1, max(1, processed // 8)) if processed else 0
        carried = _maybe(rng, 0.4, 1, max(1, min(processed + forward, processed // 6 + 2)))
        carried = min(carried, processed + forward)
        new = processed + forward - carried
        for row in rows:
            v[(T3, row, col)] = per_row.get(row, 0)
        v[(T3, "new", col)] = new
        v[(T3, "carried_over", col)] = carried
        v[(T3, "total_processed", col)] = processed
        v[(T3, "carried_forward", col)] = forward
    for row in rows:
        v[(T3, row, "total")] = sum(v[(T3, row, c)] for c in form.T3_APPLICANTS)
    return v


def _table4(rng: random.Random, profile: str) -> dict[CellKey, Number]:
    p = {QUIET: 0.15, BUSY: 0.5, HUGE: 0.9}[profile]
    hi = {QUIET: 3, BUSY: 12, HUGE: 40}[profile]
    v: dict[CellKey, Number] = {}
    for row in form.T4_ROWS:
        active = rng.random() < p
        results = [_maybe(rng, 0.7 if active else 0.0, 1, hi)]
        results += [_maybe(rng, 0.35 if active else 0.0, 1, max(1, hi // 3)) for _ in range(3)]
        for col, value in zip(form.T4_COLS, results):
            v[(T4, row, col)] = value
        v[(T4, row, "total")] = sum(results)
    return v


def _decisions(rng: random.Random, profile: str) -> int:
    if profile == QUIET:
        return _maybe(rng, 0.5, 1, 300)
    if profile == BUSY:
        return _maybe(rng, 0.85, 1, 60000)
    return _maybe(rng, 0.95, 100, 9_999_999)


def _amount(rng: random.Random, profile: str) -> Number:
    """Money in 万元, printed as reports print it: two or four decimals, six when it came
    from 元 with cents, or a whole number."""
    hi = {QUIET: 300, BUSY: 30000, HUGE: 900000}[profile]
    style = rng.choice(["2", "2", "4", "6", "int"])
    if style == "int":
        return _log_uniform(rng, 1, hi)
    cents = _log_uniform(rng, hi * 1000, hi * 1_000_000)  # in fen: 1 万元 = 1,000,000 分
    if style == "6":
        return round(cents / 1_000_000, 6)
    step = {"2": 10_000, "4": 100}[style]
    return round(max(step, cents - cents % step) / 1_000_000, int(style))


def _table2(rng: random.Random, fmt: str, profile: str) -> dict[CellKey, Number]:
    v: dict[CellKey, Number] = {}

    def put(row: str, **cols: Number) -> None:
        for col, value in cols.items():
            v[(T2, row, col)] = value

    docs_hi = {QUIET: 6, BUSY: 40, HUGE: 90}[profile]
    if fmt == F2019:
        made = _maybe(rng, 0.15, 1, 5)
        put("regulations", made=made, published=made, total_public=made + _maybe(rng, 0.2, 1, 60))
        made = _maybe(rng, 0.6, 1, docs_hi)
        published = max(0, made - _maybe(rng, 0.2, 1, 2))
        put("normative_documents", made=made, published=published, total_public=published + _maybe(rng, 0.6, 1, 500))
        for row in ("licensing", "other_services", "penalties", "coercion"):
            prev = _maybe(rng, 0.7, 1, 700)
            change = 0
            if rng.random() < 0.4:
                change = rng.randint(-min(prev, 25), 25)
            decisions = _decisions(rng, profile) if row != "coercion" else _maybe(rng, 0.4, 1, 400)
            put(row, prev_items=prev, change=change, decisions=decisions)
        prev = _maybe(rng, 0.6, 1, 40)
        put("fees", prev_items=prev, change=rng.randint(-min(prev, 5), 3) if rng.random() < 0.3 else 0)
        items = _maybe(rng, 0.7, 1, 3000)
        put("procurement", items=items, amount=_amount(rng, profile) if items else 0)
    else:
        issued = _maybe(rng, 0.15, 1, 5)
        put("regulations", issued=issued, repealed=_maybe(rng, 0.1, 1, 3), in_force=issued + _maybe(rng, 0.2, 1, 60))
        issued = _maybe(rng, 0.6, 1, docs_hi)
        put(
            "normative_documents",
            issued=issued,
            repealed=_maybe(rng, 0.3, 1, 25),
            in_force=issued + _maybe(rng, 0.6, 1, 800),
        )
        put("licensing", decisions=_decisions(rng, profile))
        put("penalties", decisions=_decisions(rng, profile))
        put("coercion", decisions=_maybe(rng, 0.4, 1, 500))
        put("fees", amount=_amount(rng, profile) if rng.random() < 0.6 else 0)
    return v


def random_set(index: int) -> TableSet:
    """The index-th random set: its kind from `RANDOM_KINDS`, its values from a generator
    seeded by the index alone (the same set on every run and every machine)."""
    fmt, profile, single_other = RANDOM_KINDS[index % len(RANDOM_KINDS)]
    rng = random.Random(f"zoo-table-set-{index}")
    year = rng.choice((2019, 2020)) if fmt == F2019 else rng.choice((2021, 2022, 2023, 2024))
    values = {**_table2(rng, fmt, profile), **_table3(rng, fmt, profile, single_other), **_table4(rng, profile)}
    name = f"random-{index:02d}-{fmt}-{profile}" + ("-single6" if single_other else "")
    return TableSet(name, "random", fmt, year, rng.choice(_AGENCIES), values, single_other, profile=profile)


def table_sets(n_random: int) -> list[TableSet]:
    """The seeds', the devset's and `n_random` random sets, in a fixed order."""
    return seed_sets() + devset_sets() + [random_set(i) for i in range(n_random)]
