"""The exceptions the audit raises, each with a message an officer can act on.

The UI decides in one place how each kind is shown; `main.py check` prints the message
into the report's `error` field.
"""

from __future__ import annotations


class AuditError(Exception):
    """Base of every error the parsers and the model raise on purpose."""


class ReadError(AuditError):
    """The file could not be read as a report (empty, binary, corrupt, too large …)."""


class UnsupportedFile(ReadError):
    """The file type is not one the program reads."""
