"""Qari's bundled files (fonts, the recognizer's model): data only, installed from a wheel as the
package `qari_resources` (see pyproject.toml and app/core/resources.py)."""
