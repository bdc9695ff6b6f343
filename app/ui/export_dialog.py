"""The export dialog: format, scope, content options, output file, and a live preview.

The dialog only gathers `ExportOptions` and emits `export_requested`; `app.ui.export_features` runs the
export. The preview renders the first article of the chosen scope with the chosen options: HTML (and DOCX,
approximately) through the HTML writer, PDF through the Qt-flavoured HTML the PDF is printed from,
Markdown/CSV/JSON as their text. The preview pane never loads anything: `SafeTextBrowser.loadResource`
answers nothing for every URL (no remote images, style sheets or fonts) and links are not followed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.export.summary import DEFAULT_KEY_PASSAGES, Passages, SummaryInput

log = logging.getLogger(__name__)

FORMAT_CHOICES: tuple[tuple[str, str], ...] = (
    ("html", "HTML"),
    ("pdf", "PDF"),
    ("md", "Markdown"),
    ("docx", "Word (DOCX)"),
    ("csv", "CSV (one row per mention)"),
    ("json", "JSON"),
)
FILTERS = {
    "html": "HTML (*.html *.htm)",
    "pdf": "PDF (*.pdf)",
    "md": "Markdown (*.md *.markdown)",
    "docx": "Word document (*.docx)",
    "csv": "CSV (*.csv)",
    "json": "JSON (*.json)",
}
SCOPE_CHOICES: tuple[tuple[str, str], ...] = (
    ("current", "This article"),
    ("selected", "Articles selected in the library"),
    ("search", "Search results"),
)
SCOPE_HINTS = {
    "current": "Open an article first.",
    "selected": "Select articles in the library view first.",
    "search": "Search the library first.",
}
PREVIEW_DELAY_MS = 200
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class ExportOptions:
    fmt: str
    scope: str
    path: Path
    passages: Passages = "full"
    max_passages: int = DEFAULT_KEY_PASSAGES
    include_notes: bool = True
    include_index: bool = True
    mark: bool = False
    lang: str = "ar"
    query: str | None = None


def suffix_for(fmt: str) -> str:
    from app.export.service import SUFFIXES

    return SUFFIXES[fmt]


def with_suffix(path: str, fmt: str) -> str:
    """`path` with the format's suffix: a known export suffix is replaced, anything else kept and added to."""
    from app.export.service import format_for_path

    if not path.strip():
        return path
    p = Path(path)
    if format_for_path(p) is not None:
        return str(p.with_suffix(suffix_for(fmt)))
    return str(p) + suffix_for(fmt)


def safe_file_stem(title: str, fallback: str = "qari-export") -> str:
    """A file name stem from an article title (Arabic kept; path separators and control characters gone)."""
    stem = _UNSAFE_NAME.sub(" ", title)
    stem = " ".join(stem.split()).strip(" .")[:40].strip()
    return stem or fallback


def preview_css() -> str:
    from app.core.palette import PALETTE, TEXT_ON_LIGHT

    rules = [
        f".ent-{label}{{background-color:{c['light']};color:{TEXT_ON_LIGHT};}}"
        for label, c in PALETTE.items()
    ]
    rules.append(".none{font-style:italic;color:#555555;} .gap{color:#777777;} th{background-color:#f1f1f1;}")
    return "\n".join(rules)


_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.DOTALL)
_SWATCH = re.compile(r'<span class="swatch swatch-(\w+)"></span>')
_CELL = re.compile(r"<(t[hd])\b[^>]*>.*?</\1>", re.DOTALL)


def for_preview(html: str, rtl: bool = True) -> str:
    """The export's HTML made to look right in Qt's rich text, which ignores most of its CSS.

    Tables get visible cells and sit on the reading side; in a right-to-left export each row's cells are
    put in reverse order, because a QTextBrowser lays table columns out left to right whatever the
    direction (the file itself is untouched: browsers mirror `dir="rtl"` tables themselves).
    """
    align = "right" if rtl else "left"
    html = html.replace("<bdi>", "\u2068").replace("</bdi>", "\u2069")  # Qt knows the isolate characters
    # The legend's swatches are empty boxes sized by CSS, which Qt does not size: colored spaces instead.
    html = _SWATCH.sub(r'&nbsp;&nbsp;&nbsp;<span class="ent-\1">&nbsp;&nbsp;&nbsp;</span>&nbsp;', html)
    html = html.replace("<table ", f'<table align="{align}" border="1" cellspacing="0" cellpadding="3" ')
    return flip_rows(html) if rtl else html


def flip_rows(html: str) -> str:
    """Each table row's cells in reverse order (Qt's rich text widget does not mirror table columns)."""

    def flip(m: re.Match[str]) -> str:
        cells = [c.group(0) for c in _CELL.finditer(m.group(2))]
        return m.group(1) + "".join(reversed(cells)) + m.group(3) if cells else m.group(0)

    return _ROW.sub(flip, html)


class SafeTextBrowser(QTextBrowser):
    """A text browser that never loads a resource (local or remote) and never follows a link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Qt's rich text understands little of the export's CSS (custom properties, grid, @media): the
        # highlight colors come from this sheet, which it does understand.
        self.document().setDefaultStyleSheet(preview_css())
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.blocked: list[str] = []

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        self.blocked.append(name.toString() if isinstance(name, QUrl) else str(name))
        return None


class ExportDialog(QDialog):
    """Gathers the export options; `export_requested(ExportOptions)` when the person presses Export."""

    export_requested = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        *,
        availability: dict[str, int],
        preview_input: Callable[[str], tuple[SummaryInput | None, int]],
        folder: Path,
        title: str = "",
        font_family: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Summary")
        self._availability = dict(availability)
        self._preview_input = preview_input
        self._preview_cache: dict[str, tuple[SummaryInput | None, int]] = {}
        self._font_family = font_family
        self._folder = folder
        self._title = title
        self._path_edited = False
        self._busy = False

        self._build()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self._connect()
        self._choose_first_scope()
        self._set_default_path()
        self._sync()
        self.resize(1100, 720)
        self.update_preview()

    # -- construction -----------------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget(self)
        form = QVBoxLayout(left)
        form.setContentsMargins(0, 0, 0, 0)

        fmt_box = QGroupBox("Format", left)
        fmt_layout = QFormLayout(fmt_box)
        self.format_combo = QComboBox(fmt_box)
        self.format_combo.setObjectName("exportFormat")
        for key, label in FORMAT_CHOICES:
            self.format_combo.addItem(label, key)
        fmt_layout.addRow("File &type:", self.format_combo)
        self.lang_combo = QComboBox(fmt_box)
        self.lang_combo.addItem("Arabic · عربي", "ar")
        self.lang_combo.addItem("English", "en")
        fmt_layout.addRow("&Headings:", self.lang_combo)
        form.addWidget(fmt_box)

        scope_box = QGroupBox("Articles", left)
        scope_layout = QVBoxLayout(scope_box)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        for i, (key, label) in enumerate(SCOPE_CHOICES):
            count = self._availability.get(key, 0)
            text = label if key == "current" or not count else f"{label} ({count})"
            button = QRadioButton(text, scope_box)
            button.setObjectName(f"scope_{key}")
            button.setEnabled(count > 0)
            if count <= 0:
                button.setToolTip(SCOPE_HINTS[key])
            self.scope_group.addButton(button, i)
            self.scope_buttons[key] = button
            scope_layout.addWidget(button)
        form.addWidget(scope_box)

        content_box = QGroupBox("Content", left)
        content = QVBoxLayout(content_box)
        self.passage_buttons: dict[str, QRadioButton] = {}
        self.passage_group = QButtonGroup(self)
        self.passage_buttons["full"] = QRadioButton("Full text", content_box)
        row = QHBoxLayout()
        self.passage_buttons["entities"] = QRadioButton(
            "Key passages: paragraphs with most names", content_box
        )
        self.max_spin = QSpinBox(content_box)
        self.max_spin.setRange(1, 99)
        self.max_spin.setValue(DEFAULT_KEY_PASSAGES)
        self.max_spin.setAccessibleName("Number of key passages")
        self.max_spin.setToolTip("How many paragraphs to keep")
        row.addWidget(self.passage_buttons["entities"])
        row.addWidget(self.max_spin)
        row.addStretch(1)
        self.passage_buttons["notes"] = QRadioButton("Key passages: paragraphs with notes", content_box)
        for i, key in enumerate(("full", "entities", "notes")):
            self.passage_group.addButton(self.passage_buttons[key], i)
        self.passage_buttons["full"].setChecked(True)
        content.addWidget(self.passage_buttons["full"])
        content.addLayout(row)
        content.addWidget(self.passage_buttons["notes"])
        self.notes_check = QCheckBox("Include notes", content_box)
        self.notes_check.setChecked(True)
        self.index_check = QCheckBox("Include entity index", content_box)
        self.index_check.setChecked(True)
        content.addWidget(self.notes_check)
        content.addWidget(self.index_check)
        md_row = QHBoxLayout()
        self.mark_label = QLabel("Markdown highlights:", content_box)
        self.mark_combo = QComboBox(content_box)
        self.mark_combo.addItem("**bold**", False)
        self.mark_combo.addItem("==mark==", True)
        self.mark_label.setBuddy(self.mark_combo)
        md_row.addWidget(self.mark_label)
        md_row.addWidget(self.mark_combo)
        md_row.addStretch(1)
        content.addLayout(md_row)
        form.addWidget(content_box)

        out_box = QGroupBox("Save as", left)
        out = QHBoxLayout(out_box)
        self.path_edit = QLineEdit(out_box)
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton("&Choose…", out_box)
        out.addWidget(self.path_edit, 1)
        out.addWidget(self.browse_button)
        form.addWidget(out_box)
        form.addStretch(1)

        right = QWidget(self)
        pv = QVBoxLayout(right)
        pv.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel("Preview", right)
        self.preview = SafeTextBrowser(right)
        self.preview.setObjectName("exportPreview")
        self.preview.setAccessibleName("Export preview")
        if self._font_family:
            font = QFont(self.preview.font())
            font.setFamilies([self._font_family])
            self.preview.setFont(font)
        pv.addWidget(self.preview_label)
        pv.addWidget(self.preview, 1)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 680])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.request_export)
        self.buttons.rejected.connect(self.reject)
        self.browse_button.clicked.connect(self.choose_path)
        self.format_combo.currentIndexChanged.connect(self._on_format)
        self.path_edit.textEdited.connect(self._on_path_edited)
        for widget in (self.lang_combo, self.mark_combo):
            widget.currentIndexChanged.connect(self._changed)
        for group in (self.scope_group, self.passage_group):
            group.idToggled.connect(self._on_toggled)
        self.max_spin.valueChanged.connect(self._changed)
        for check in (self.notes_check, self.index_check):
            check.toggled.connect(self._changed)

    def _choose_first_scope(self) -> None:
        for key, _label in SCOPE_CHOICES:
            if self.scope_buttons[key].isEnabled():
                self.scope_buttons[key].setChecked(True)
                return

    # -- state ------------------------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, fmt: str) -> None:
        index = self.format_combo.findData(fmt)
        if index < 0:
            raise ValueError(f"unknown format {fmt!r}")
        self.format_combo.setCurrentIndex(index)

    @property
    def scope(self) -> str | None:
        for key, button in self.scope_buttons.items():
            if button.isChecked():
                return key
        return None

    def set_scope(self, scope: str) -> None:
        self.scope_buttons[scope].setChecked(True)

    def set_passages(self, passages: str) -> None:
        self.passage_buttons[passages].setChecked(True)

    @property
    def passages(self) -> Passages:
        key: Passages
        for key in ("entities", "notes"):
            if self.passage_buttons[key].isChecked():
                return key
        return "full"

    def options(self) -> ExportOptions | None:
        """The options as chosen, or None when no scope is available or no file is named."""
        scope = self.scope
        text = self.path_edit.text().strip()
        if scope is None or not text:
            return None
        return ExportOptions(
            fmt=self.fmt,
            scope=scope,
            path=Path(text).expanduser(),
            passages=self.passages,
            max_passages=self.max_spin.value(),
            include_notes=self.notes_check.isChecked(),
            include_index=self.index_check.isChecked(),
            mark=bool(self.mark_combo.currentData()),
            lang=str(self.lang_combo.currentData()),
        )

    def _default_name(self) -> str:
        if self.scope in (None, "current"):
            return safe_file_stem(self._title)
        return "qari-brief" if self.scope == "selected" else "qari-search"

    def _set_default_path(self) -> None:
        self.path_edit.setText(str(self._folder / (self._default_name() + suffix_for(self.fmt))))

    def _on_path_edited(self, _text: str) -> None:
        self._path_edited = True

    def _on_format(self) -> None:
        self.path_edit.setText(with_suffix(self.path_edit.text(), self.fmt))
        self._changed()

    def _on_toggled(self, _id: int, on: bool) -> None:
        if on:
            self._changed()

    def _changed(self) -> None:
        if not self._path_edited:
            self._set_default_path()
        self._sync()
        self._preview_timer.start()

    def _sync(self) -> None:
        is_md = self.fmt == "md"
        self.mark_label.setEnabled(is_md)
        self.mark_combo.setEnabled(is_md)
        self.max_spin.setEnabled(self.passages == "entities")
        tabular = self.fmt in ("csv", "json")
        # CSV and JSON carry the mentions and entities themselves; passages, notes and the index are
        # choices about a readable summary.
        for w in (*self.passage_buttons.values(), self.notes_check, self.index_check):
            w.setEnabled(not tabular)
        if tabular:
            self.max_spin.setEnabled(False)
        self.export_button.setEnabled(not self._busy and self.scope is not None)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for w in (self.format_combo, self.browse_button, self.path_edit):
            w.setEnabled(not busy)
        self._sync()

    # -- file name --------------------------------------------------------------------------------
    def choose_path(self) -> str:
        start = self.path_edit.text().strip() or str(self._folder)
        name, _filter = QFileDialog.getSaveFileName(self, "Export As", start, FILTERS[self.fmt])
        if name:
            if not Path(name).suffix:
                name += suffix_for(self.fmt)
            else:
                from app.export.service import format_for_path

                fmt = format_for_path(name)
                if fmt is not None and fmt != self.fmt:
                    self.set_format(fmt)
            self.path_edit.setText(name)
            self._path_edited = True
        return name

    def request_export(self) -> None:
        if not self.path_edit.text().strip() and not self.choose_path():
            return
        options = self.options()
        if options is None:
            return
        self.export_requested.emit(options)

    # -- preview ----------------------------------------------------------------------------------
    def _preview_doc(self) -> tuple[Any, int]:
        from dataclasses import replace

        from app.export.summary import build_summary

        scope = self.scope
        if scope is None:
            return None, 0
        if scope not in self._preview_cache:
            try:
                self._preview_cache[scope] = self._preview_input(scope)
            except Exception:
                log.exception("preview input for %s failed", scope)
                self._preview_cache[scope] = (None, 0)
        item, count = self._preview_cache[scope]
        if item is None:
            return None, count
        options = self.options()
        include_notes = options.include_notes if options else True
        summary = build_summary(
            item.article,
            item.entities,
            item.notes if include_notes else (),
            item.tags,
            passages=self.passages,
            max_passages=self.max_spin.value(),
            article_id=item.article_id,
        )
        if options is not None and not options.include_index:
            summary = replace(summary, show_index=False)
        return summary, count

    def update_preview(self) -> None:
        """Render the first article of the scope with the chosen options."""
        from app.export.service import render_text

        try:
            doc, count = self._preview_doc()
        except Exception as err:
            log.exception("preview failed")
            self.preview.setPlainText(f"No preview: {err}")
            return
        if doc is None:
            self.preview_label.setText("Preview")
            self.preview.setPlainText("Nothing to preview.")
            return
        lang = str(self.lang_combo.currentData())
        fmt = self.fmt
        what = "Preview" if count <= 1 else f"Preview of the first of {count} articles"
        scroll = self.preview.verticalScrollBar().value()
        if fmt in ("html", "docx"):
            from app.export.html import render_html

            self.preview.setHtml(
                for_preview(render_html(doc, lang=lang, embed_font=False), doc.direction == "rtl")
            )
            if fmt == "docx":
                what += " (the document's layout differs)"
        elif fmt == "pdf":
            from app.export.pdf import render_pdf_html

            family = self._font_family or "Noto Sans Arabic"
            html = render_pdf_html(doc, lang=lang, family=family)
            self.preview.setHtml(flip_rows(html) if lang == "ar" else html)
        else:
            self.preview.setPlainText(
                render_text(doc, fmt, lang=lang, mark=bool(self.mark_combo.currentData()))
            )
        self.preview_label.setText(what)
        self.preview.verticalScrollBar().setValue(scroll)
