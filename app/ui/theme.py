"""Light and dark themes: a Fusion palette plus a small style sheet for the reading pane."""

from __future__ import annotations

from typing import Literal

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ThemeName = Literal["light", "dark"]
THEMES: tuple[ThemeName, ...] = ("light", "dark")

_COLORS: dict[ThemeName, dict[str, str]] = {
    "light": {
        "window": "#f3f1ec",
        "base": "#fdfcf8",  # warm paper
        "alt": "#f0ede4",
        "text": "#1d1d1f",
        "mid": "#c9c4b8",
        "button": "#ebe8e0",
        "highlight": "#2f6fb3",
        "highlighted_text": "#ffffff",
        "placeholder": "#8a857a",
        "link": "#1f5fa0",
    },
    "dark": {
        "window": "#202124",
        "base": "#17181a",
        "alt": "#232427",
        "text": "#e6e3dc",
        "mid": "#45474c",
        "button": "#2c2d31",
        "highlight": "#4c86c6",
        "highlighted_text": "#ffffff",
        "placeholder": "#8d8f94",
        "link": "#8ab4f8",
    },
}


def palette(name: ThemeName) -> QPalette:
    c = _COLORS[name]
    pal = QPalette()
    role = QPalette.ColorRole
    pal.setColor(role.Window, QColor(c["window"]))
    pal.setColor(role.WindowText, QColor(c["text"]))
    pal.setColor(role.Base, QColor(c["base"]))
    pal.setColor(role.AlternateBase, QColor(c["alt"]))
    pal.setColor(role.Text, QColor(c["text"]))
    pal.setColor(role.Button, QColor(c["button"]))
    pal.setColor(role.ButtonText, QColor(c["text"]))
    pal.setColor(role.ToolTipBase, QColor(c["base"]))
    pal.setColor(role.ToolTipText, QColor(c["text"]))
    pal.setColor(role.Mid, QColor(c["mid"]))
    pal.setColor(role.Highlight, QColor(c["highlight"]))
    pal.setColor(role.HighlightedText, QColor(c["highlighted_text"]))
    pal.setColor(role.PlaceholderText, QColor(c["placeholder"]))
    pal.setColor(role.Link, QColor(c["link"]))
    disabled = QColor(c["placeholder"])
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return pal


def stylesheet(name: ThemeName) -> str:
    c = _COLORS[name]
    return (
        f"QTextBrowser#readerView {{ background: {c['base']}; color: {c['text']}; border: none; "
        f"selection-background-color: {c['highlight']}; selection-color: {c['highlighted_text']}; }}\n"
        f"QStatusBar {{ color: {c['placeholder']}; }}\n"
        f"QStatusBar QLabel {{ padding: 0 8px; }}\n"
    )


def apply_theme(app: QApplication, name: ThemeName) -> None:
    """Switch the whole application to `name` (Fusion style keeps palettes honoured on every platform)."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette(name))
    app.setStyleSheet(stylesheet(name))
