"""The log file: where it lives and how it is opened, without Qt.

The window and `main.py check` write to the same file in the user's data folder, so a
traceback is never shown to the officer but is always there to send to the developers.
The folder is the one Qt's `AppLocalDataLocation` gives the window (`ui.crash`).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

LOG_NAME = "report_auditor.log"
_APP = ("ReportAuditor", "ReportAuditor")  # organisation and application, as in ui.settings


def log_folder() -> Path:
    """The log folder, as Qt names the application's local data folder on each platform."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base.joinpath(*_APP) / "logs"


def setup_file_log(path: Path) -> Path:
    """Send the log (INFO and above) to `path`, once per process; returns `path`."""
    root = logging.getLogger()
    if not any(isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def current_log() -> Path | None:
    """The file the log goes to in this process, if any."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def setup_quiet_log() -> Path | None:
    """The log file for a run without a window; when it cannot be opened, nothing is
    logged rather than a traceback printed to the officer. Returns the file, if any."""
    try:
        return setup_file_log(log_folder() / LOG_NAME)
    except OSError:
        logging.getLogger().addHandler(logging.NullHandler())
        return None
