"""Coroscope's PySide6 interface: windows, panes and render functions over a trace and a playhead."""
