"""Run-time assets (translations, icons): a package so they are found from a checkout and from a wheel.

Load files with `importlib.resources.files("assets")`; never build paths from `__file__`.
"""
