"""Render functions: `draw_<pane>(painter, rect, model, theme)`, pure functions of their model.

Each pane module also builds its model from a `ui.scene.Scene`. Widgets, screenshots
and tests all call these same functions, so what is tested is what is seen.
"""
