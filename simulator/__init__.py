"""Coroscope's core: runs programs and records traces on a virtual clock. Knows no screen.

Nothing in this package imports Qt or `ui`; an import-linter contract and a test
with PySide6 blocked check that mechanically.
"""
