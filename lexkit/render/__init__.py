"""Renderers: results (data) in, text out. Only ``terminal.py`` may import rich."""
