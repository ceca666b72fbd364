"""Recorded screencasts: MP4, GIF, a PNG sequence or one PNG, rendered frame-exactly from the playhead.

Frame k shows what playing would show k / fps seconds after the chosen start
(ui.player.played_position), drawn by the same widgets and render functions as the
window. Frames are rendered on the GUI thread in short slices; encoding runs in a
worker thread; output appears only when complete (a temporary file renamed at the end).
"""
