"""Thin widgets: they hold a model, call a render function to paint it, and turn input into player calls."""
