"""The workspace: open reports, every correction and the UI state, in an embedded SQLite file.

Each correction is committed the moment it is made (write-ahead log, full sync), so a
crash or a power cut loses nothing that was typed. On the next start the program asks
`open_reports()` what was open and `corrections(path)` what was changed, and replays the
corrections on the freshly parsed reports. A report's file is identified by its path and
its SHA-256, so corrections are never replayed onto a file that has since changed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.changes import META_TABLE, Change
from model.errors import AuditError

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    position INTEGER NOT NULL,
    saved_seq INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row TEXT NOT NULL,
    col TEXT NOT NULL,
    old TEXT,
    new TEXT,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_path ON changes(path, seq);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class WorkspaceError(AuditError):
    """The workspace file cannot be opened or written."""


@dataclass(frozen=True)
class OpenReport:
    path: str
    sha256: str
    unsaved: bool  # corrections made since the last export


class Workspace:
    """A session's open reports and corrections, kept in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            version = self._get_state("schema_version")
            if version is None:
                self._set_state("schema_version", SCHEMA_VERSION)
        except sqlite3.Error as exc:
            raise WorkspaceError(f"无法打开工作区文件 {self.path}：{exc}") from exc

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise WorkspaceError(f"无法写入工作区：{exc}") from exc

    # ---- reports -------------------------------------------------------------------

    def add_report(self, path: str, sha256: str) -> None:
        """Remember an open report; a file whose content changed starts a fresh history."""
        self.add_reports([(path, sha256)])

    def add_reports(self, reports: Sequence[tuple[str, str]]) -> None:
        """`add_report` for several (path, sha256) in one commit: one disk sync per batch."""
        with self._tx() as db:
            for path, sha256 in reports:
                row = db.execute("SELECT sha256 FROM reports WHERE path = ?", (path,)).fetchone()
                if row and row[0] != sha256:
                    db.execute("DELETE FROM changes WHERE path = ?", (path,))
                    db.execute("DELETE FROM reports WHERE path = ?", (path,))
                    row = None
                if row is None:
                    position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM reports").fetchone()[0]
                    db.execute(
                        "INSERT INTO reports(path, sha256, opened_at, position) VALUES (?, ?, ?, ?)",
                        (path, sha256, _now(), position),
                    )

    def remove_report(self, path: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM changes WHERE path = ?", (path,))
            db.execute("DELETE FROM reports WHERE path = ?", (path,))

    def clear(self) -> None:
        """Forget every report and correction (a new, empty session)."""
        with self._tx() as db:
            db.execute("DELETE FROM changes")
            db.execute("DELETE FROM reports")

    def open_reports(self) -> list[OpenReport]:
        rows = self._db.execute(
            "SELECT r.path, r.sha256, EXISTS(SELECT 1 FROM changes c WHERE c.path = r.path AND c.seq > r.saved_seq) "
            "FROM reports r ORDER BY r.position"
        ).fetchall()
        return [OpenReport(p, s, bool(u)) for p, s, u in rows]

    def has_unsaved(self) -> bool:
        return any(r.unsaved for r in self.open_reports())

    def mark_saved(self, path: str) -> None:
        """The report's corrections up to now are in an exported workbook."""
        with self._tx() as db:
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM changes WHERE path = ?", (path,)).fetchone()[0]
            db.execute("UPDATE reports SET saved_seq = ? WHERE path = ?", (seq, path))

    # ---- corrections ---------------------------------------------------------------

    def record(self, path: str, sha256: str, change: Change) -> None:
        """Commit one correction now (undo and redo are corrections too)."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO changes(path, sha256, tbl, row, col, old, new, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    path,
                    sha256,
                    change.table,
                    change.row,
                    change.col,
                    json.dumps(change.old),
                    json.dumps(change.new),
                    change.when.isoformat(),
                ),
            )

    def corrections(self, path: str, sha256: str | None = None) -> list[Change]:
        """Every correction of `path` in order (only those made on this content, if given)."""
        query = "SELECT tbl, row, col, old, new, at FROM changes WHERE path = ?"
        args: tuple[Any, ...] = (path,)
        if sha256 is not None:
            query += " AND sha256 = ?"
            args += (sha256,)
        rows = self._db.execute(query + " ORDER BY seq", args).fetchall()
        return [
            Change(t, r, c, json.loads(o), json.loads(n), dt.datetime.fromisoformat(at)) for t, r, c, o, n, at in rows
        ]

    # ---- UI state ------------------------------------------------------------------

    def set_state(self, key: str, value: Any) -> None:
        with self._tx():
            self._set_state(key, value)

    def state(self, key: str, default: Any = None) -> Any:
        value = self._get_state(key)
        return default if value is None else value

    def _set_state(self, key: str, value: Any) -> None:
        self._db.execute("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, json.dumps(value)))

    def _get_state(self, key: str) -> Any:
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def replay(report: Any, changes: list[Change]) -> None:
    """Apply corrections to a freshly parsed report, in order (the last one wins)."""
    for change in changes:
        if change.table == META_TABLE:
            if change.row in report.META_FIELDS:
                report.set_meta(change.row, change.new)
            continue
        report.set_value(change.table, change.row, change.col, change.new)
