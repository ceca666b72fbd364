"""Applying a theme to the application: the Qt palette, and following the system's light/dark.

Owns the mapping from a `ui.theme.Theme` to a QPalette (so menus, buttons and
scrollbars match the panes) and the "system" choice. Panes don't read the palette;
they take the Theme object itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from ui.theme import DARK, LIGHT, THEMES, Theme

SYSTEM = "system"
CHOICES = (SYSTEM, "light", "dark", "projector")


def system_theme() -> Theme:
    """Light or dark, as the desktop is set (light when the platform does not say)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return DARK
    return LIGHT


def resolve(choice: str) -> Theme:
    """The theme for a menu choice ("system", "light", "dark", "projector"); unknown names fall back to system."""
    return THEMES.get(choice) or system_theme()


def palette_for(theme: Theme) -> QPalette:
    """A QPalette painting standard widgets in the theme's colours."""
    p = QPalette()
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, role.Window, theme.surface)
        p.setColor(group, role.WindowText, theme.text)
        p.setColor(group, role.Base, theme.background)
        p.setColor(group, role.AlternateBase, theme.surface)
        p.setColor(group, role.Text, theme.text)
        p.setColor(group, role.Button, theme.surface)
        p.setColor(group, role.ButtonText, theme.text)
        p.setColor(group, role.ToolTipBase, theme.background)
        p.setColor(group, role.ToolTipText, theme.text)
        p.setColor(group, role.Highlight, theme.accent)
        p.setColor(group, role.HighlightedText, theme.background)
        p.setColor(group, role.PlaceholderText, theme.text_dim)
        p.setColor(group, role.Mid, theme.grid)
        p.setColor(group, role.Link, theme.accent)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, theme.text_dim)
    p.setColor(disabled, role.Window, theme.surface)
    p.setColor(disabled, role.Base, theme.surface)
    p.setColor(disabled, role.Button, theme.surface)
    return p
