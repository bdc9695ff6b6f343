"""Preferences: recognizer, highlight colors, font size, theme. Every choice is kept in the settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItemModel
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.models import ENTITY_TYPES
from app.core.palette import colors
from app.ui import theme
from app.ui.highlighter import highlight_colors
from app.ui.reader_view import BASE_POINT_SIZE, MAX_ZOOM, MIN_ZOOM

RECOGNIZERS = (("bundled", "Bundled (offline, fast)"), ("camel", "CAMeL BERT (camel-tools, large)"))


def camel_status() -> tuple[bool, str]:
    """(available, hint): whether camel-tools' NER data is installed, and how to install it if not."""
    try:
        from app.ner.camel import INSTALL_HINT, camel_available
    except ImportError as err:  # camel-tools itself missing
        return False, f"camel-tools is not installed ({err})."
    if camel_available():
        return True, ""
    return False, f"Its data is not installed. {INSTALL_HINT}"


class PreferencesDialog(QDialog):
    """Applies the choices to the window (through `features`) when accepted."""

    def __init__(self, features: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.features = features
        self.window_ = features.window
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.setAccessibleName("Preferences")
        form = QFormLayout()

        self.recognizer = QComboBox(self)
        self.recognizer.setAccessibleName("Recognizer")
        for name, text in RECOGNIZERS:
            self.recognizer.addItem(text, name)
        available, hint = camel_status()
        self.camel_hint = QLabel(hint, self)
        self.camel_hint.setObjectName("camelHint")
        self.camel_hint.setWordWrap(True)
        self.camel_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.camel_hint.setVisible(not available)
        if not available:
            model = self.recognizer.model()
            assert isinstance(model, QStandardItemModel)
            item = model.item(1)
            item.setEnabled(False)
            item.setToolTip(hint)
        current = str(features.service.holder.name)
        self.recognizer.setCurrentIndex(max(0, self.recognizer.findData(current)))
        rec_box = QVBoxLayout()
        rec_box.addWidget(self.recognizer)
        rec_box.addWidget(self.camel_hint)
        form.addRow("&Recognizer:", rec_box)

        self.colors: dict[str, str] = dict(features.color_overrides())
        self.color_buttons: dict[str, QPushButton] = {}
        colors_row = QHBoxLayout()
        for label in ENTITY_TYPES:
            button = QPushButton(colors(label)["name_en"], self)
            button.setAccessibleName(f"Highlight color for {colors(label)['name_en'].lower()}")
            button.clicked.connect(lambda _c=False, lab=label: self.choose_color(lab))
            self.color_buttons[label] = button
            colors_row.addWidget(button)
        reset = QPushButton("Reset", self)
        reset.setAccessibleName("Reset highlight colors")
        reset.clicked.connect(self.reset_colors)
        colors_row.addWidget(reset)
        form.addRow("Highlight &colors:", colors_row)
        self._paint_buttons()

        self.font_size = QSpinBox(self)
        self.font_size.setAccessibleName("Font size")
        self.font_size.setRange(int(BASE_POINT_SIZE + MIN_ZOOM), int(BASE_POINT_SIZE + MAX_ZOOM))
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(int(features.reader.point_size()))
        form.addRow("&Font size:", self.font_size)

        self.theme = QComboBox(self)
        self.theme.setAccessibleName("Theme")
        for name in theme.THEMES:
            self.theme.addItem(name.capitalize(), name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(getattr(self.window_, "theme_name", "light"))))
        form.addRow("&Theme:", self.theme)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(buttons)

    def _paint_buttons(self) -> None:
        dark = self.palette().color(self.palette().ColorRole.Base).lightness() < 128
        for label, button in self.color_buttons.items():
            bg, fg = highlight_colors(label, dark, self.colors.get(label))
            button.setStyleSheet(f"background: {bg.name()}; color: {fg.name()}; padding: 4px 10px;")

    def set_color(self, label: str, color: str | None) -> None:
        if color:
            self.colors[label] = QColor(color).name()
        else:
            self.colors.pop(label, None)
        self._paint_buttons()

    def choose_color(self, label: str) -> None:
        dark = self.palette().color(self.palette().ColorRole.Base).lightness() < 128
        start, _ = highlight_colors(label, dark, self.colors.get(label))
        chosen = QColorDialog.getColor(start, self, f"Highlight color for {colors(label)['name_en'].lower()}")
        if chosen.isValid():
            self.set_color(label, chosen.name())

    def reset_colors(self) -> None:
        self.colors = {}
        self._paint_buttons()

    def apply(self) -> None:
        f = self.features
        w = self.window_
        name = str(self.recognizer.currentData())
        if name != f.service.holder.name:
            f.set_recognizer(name)
        f.apply_colors(self.colors)
        zoom = self.font_size.value() - int(BASE_POINT_SIZE)
        setter = getattr(w, "_set_zoom", None)
        if callable(setter):
            setter(zoom)  # also stores it in the window's settings
        else:
            f.reader.set_zoom(zoom)
        chosen_theme = str(self.theme.currentData())
        if chosen_theme != getattr(w, "theme_name", None):
            w.set_theme(chosen_theme)
        f.settings.sync()

    def accept(self) -> None:
        self.apply()
        super().accept()
