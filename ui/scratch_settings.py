"""Throw-away preferences for the headless commands (screenshot, export): they never touch the user's, nor the disk.

Owns settings that live in memory only. They used to be a `settings.ini` in a temporary
folder, but QSettings writes lazily (on sync, or when the object is destroyed at exit)
and makes the folder again if it is gone: every `coroscope screenshot` and `export`
left a `/tmp/coroscope-*/settings.ini` behind. These settings name a file under the null
device, which no one can create: QSettings keeps every value in memory, as usual, and
its write fails quietly (status AccessError), so nothing is ever written anywhere.
Each instance has a path of its own, so two of them in one process never share values.
"""

from __future__ import annotations

import itertools
import os

from PySide6.QtCore import QSettings

from ui.settings import Preferences

_NUMBERS = itertools.count(1)


def scratch_preferences() -> Preferences:
    """Fresh preferences (every value at its default) that are never saved."""
    path = os.path.join(os.devnull, f"coroscope-scratch-{os.getpid()}-{next(_NUMBERS)}", "settings.ini")
    return Preferences(QSettings(path, QSettings.Format.IniFormat))
