"""Work-arounds for defects of the Qt binding, each detected before it is applied.

The PySide6 6.12.0 build in use, on CPython before 3.12, releases references it does not
own: every call of a `void` Qt method from Python drops one reference to `None`, and every
`SignalInstance.emit()` / `.disconnect()` drops one to `True`. Once such a count reaches
zero CPython aborts ("none_dealloc: deallocating None", "bool_dealloc …"): after a few
thousand calls in a long session, or when the interpreter exits. From Python 3.12 on these
objects are immortal and the extra releases are harmless.

`protect_singletons()` measures the defect and, when present, gives `None`, `True` and
`False` a reserve of references so they can never be freed (they never are in a correct
program, so the reserve changes nothing else).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_RESERVE = 1 << 40
_SINGLETONS = (None, True, False)


class _Probe(QObject):
    ping = Signal()


def binding_drops_references() -> bool:
    """True when calling into the binding releases references to None or True it does not own."""
    probe = _Probe()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")  # a void method
        probe.ping.emit()
    after = sys.getrefcount(None), sys.getrefcount(True)
    return after[0] < before[0] or after[1] < before[1]


_protected = False


def protect_singletons() -> bool:
    """Apply the work-around when this binding needs it; returns whether it is in effect."""
    global _protected  # once per process: it concerns the interpreter itself
    if _protected or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _protected
    if not binding_drops_references():
        return False
    for obj in _SINGLETONS:
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE
    _protected = True
    return True
