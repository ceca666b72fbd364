"""Test setup shared by every test folder.

Qt must never open a real display in tests: the offscreen platform is chosen here,
before anything imports Qt. Qt-specific fixtures live in tests/ui/conftest.py so
that tests/simulator runs with PySide6 absent.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the user's real settings and locale out of tests.
os.environ.setdefault("LANGUAGE", "en")
