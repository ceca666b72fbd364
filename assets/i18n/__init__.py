"""Translations: the Qt Linguist source (.ts) and the compiled catalogue (.qm) the app loads."""
