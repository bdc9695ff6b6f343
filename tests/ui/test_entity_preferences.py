"""Preferences (recognizer, highlight colors, font size, theme) persist; highlights follow the theme."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QStandardItemModel

from app.core.palette import colors
from app.ui.entity_features import K_COLOR, K_RECOGNIZER, install_entity_features
from app.ui.highlighter import KEY_PROPERTY
from app.ui.preferences import PreferencesDialog, camel_status
from app.ui.reader_view import BASE_POINT_SIZE
from tests.ui.entity_support import SEED_WORDS, StandInRecognizer, bundled_loader
from tests.ui.test_entity_highlights import open_and_wait


def first_highlight_background(features) -> QColor:
    block = features.reader.document().begin()
    while block.isValid():
        ranges = block.textFormats()
        for r in ranges:
            if r.format.hasProperty(KEY_PROPERTY):
                return QColor(r.format.background().color())
        block = block.next()
    raise AssertionError("no highlight in the document")


def test_choices_are_applied_and_survive_a_restart(make_window, qtbot) -> None:
    model = StandInRecognizer(SEED_WORDS)  # this test is about settings, not recognition
    w = make_window()
    f = install_entity_features(w, loader=lambda _n: model)
    dialog = PreferencesDialog(f, w)
    qtbot.addWidget(dialog)
    dialog.set_color("PERS", "#ff8800")
    dialog.font_size.setValue(int(BASE_POINT_SIZE) + 3)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    assert f.highlighter.overrides == {"PERS": "#ff8800"}
    assert w.theme_name == "dark"
    assert w.reader.point_size() == BASE_POINT_SIZE + 3
    assert w.settings.value(K_COLOR.format("PERS")) == "#ff8800"
    f.service.shutdown()
    w.close()

    w2 = make_window()
    f2 = install_entity_features(w2, loader=lambda _n: model)
    assert f2.highlighter.overrides == {"PERS": "#ff8800"}
    assert w2.theme_name == "dark"
    assert w2.reader.point_size() == BASE_POINT_SIZE + 3
    again = PreferencesDialog(f2, w2)
    qtbot.addWidget(again)
    assert again.font_size.value() == int(BASE_POINT_SIZE) + 3
    assert again.theme.currentData() == "dark"
    again.reset_colors()
    again.accept()
    assert f2.highlighter.overrides == {}
    f2.service.shutdown()


def test_camel_is_greyed_out_with_the_install_command_when_its_data_is_missing(make_window, qtbot) -> None:
    w = make_window()
    f = install_entity_features(w, loader=lambda _n: StandInRecognizer(SEED_WORDS))
    dialog = PreferencesDialog(f, w)
    qtbot.addWidget(dialog)
    available, hint = camel_status()
    model = dialog.recognizer.model()
    assert isinstance(model, QStandardItemModel)
    camel_item = model.item(dialog.recognizer.findData("camel"))
    assert camel_item.isEnabled() == available
    if not available:
        assert "camel_data -i ner" in hint
        assert not dialog.camel_hint.isHidden()
        assert "camel_data -i ner" in dialog.camel_hint.text()
    f.service.shutdown()


def test_recognizer_choice_persists_and_a_missing_model_is_explained(
    make_window, qtbot, seed_path: Path
) -> None:
    w = make_window()
    f = install_entity_features(w)  # the real loader
    w.open_path(seed_path)
    f.set_recognizer("camel")
    assert w.settings.value(K_RECOGNIZER) == "camel"
    available, _hint = camel_status()
    if not available:
        qtbot.waitUntil(lambda: "camel_data -i ner" in f.panel.status.text(), timeout=30_000)
    f.service.shutdown()
    w2 = make_window()
    f2 = install_entity_features(w2)
    assert f2.service.holder.name == "camel"
    f2.service.shutdown()


def test_highlights_follow_the_theme(make_window, qtbot, seed_path: Path) -> None:
    loader = bundled_loader()
    w = make_window()
    f = install_entity_features(w, loader=loader)
    w.set_theme("light")
    w.show()
    qtbot.waitExposed(w)
    open_and_wait(qtbot, f, seed_path)
    light = first_highlight_background(f)
    assert not f.highlighter.dark
    w.set_theme("dark")
    qtbot.waitUntil(lambda: f.highlighter.dark and not f.highlighter.is_pending())
    dark = first_highlight_background(f)
    first_label = next(h for h in f.highlighter.spans).label
    assert light.name().lower() == colors(first_label)["light"].lower()
    assert dark.name().lower() == colors(first_label)["dark"].lower()
