"""The window's Qt-free helpers: paragraph direction and command-line/data-folder resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui.bidi import paragraph_direction
from app.ui.paths import parse_gui_args, resolve_data_dir, resources_dir


def test_paragraph_direction() -> None:
    assert paragraph_direction("قال الرئيس") == "rtl"
    assert paragraph_direction("The president said") == "ltr"
    assert paragraph_direction("CNN: قال الرئيس الأمريكي") == "rtl"  # Arabic-dominant, Latin first
    assert paragraph_direction("Joe Biden said «نعم»") == "ltr"
    assert paragraph_direction("2021 - 123") == "ltr"  # no strong character
    assert paragraph_direction("") == "ltr"
    assert paragraph_direction("abc أبج") == "ltr"  # tie: the first strong character decides
    assert paragraph_direction("٢٠٢١ أبج abc") == "rtl"


def test_data_dir_resolution(tmp_path: Path) -> None:
    env = {"QARI_DATA_DIR": str(tmp_path / "env")}
    assert resolve_data_dir(str(tmp_path / "opt"), env) == tmp_path / "opt"
    assert resolve_data_dir(None, env) == tmp_path / "env"
    default = resolve_data_dir(None, {})
    assert default.name == "Qari"


def test_parse_gui_args(tmp_path: Path) -> None:
    env = {"QARI_DATA_DIR": str(tmp_path)}
    a = parse_gui_args(["seeds/x.txt"], env)
    assert a.file == Path("seeds/x.txt") and a.data_dir == tmp_path
    a = parse_gui_args(["--data-dir", str(tmp_path / "d"), "-v", "f.txt"], env)
    assert a.file == Path("f.txt") and a.data_dir == tmp_path / "d"
    a = parse_gui_args([f"--data-dir={tmp_path / 'e'}", "-platform", "offscreen"], env)
    assert a.file is None and a.data_dir == tmp_path / "e"
    a = parse_gui_args(["--", "-odd-name.txt"], env)
    assert a.file == Path("-odd-name.txt")


def test_bundled_font_is_present_with_its_license() -> None:
    fonts = resources_dir() / "fonts"
    for name in ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"):
        data = (fonts / name).read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00" and 50_000 < len(data) < 1_000_000
    assert "SIL Open Font License" in (fonts / "OFL.txt").read_text(encoding="utf-8")


def test_resources_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QARI_RESOURCES", str(tmp_path))
    assert resources_dir() == tmp_path
