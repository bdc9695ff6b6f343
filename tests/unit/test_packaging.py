"""A wheel carries every package and every bundled file, and an installed Qari finds its resources."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

import app
from app.core import resources

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _resource_files() -> list[str]:
    """Every bundled file, relative to resources/ (what a wheel must carry)."""
    folder = ROOT / "resources"
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"
    )


def test_the_package_list_names_every_package_under_app() -> None:
    found = sorted(".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "app").rglob("__init__.py"))
    listed = _pyproject()["tool"]["setuptools"]["packages"]
    assert sorted(p for p in listed if p.startswith("app")) == found
    assert "qari_resources" in listed


def test_package_data_globs_cover_every_bundled_file() -> None:
    globs = _pyproject()["tool"]["setuptools"]["package-data"]["qari_resources"]
    folder = ROOT / "resources"
    covered = {p.relative_to(folder).as_posix() for g in globs for p in folder.glob(g) if p.is_file()}
    assert set(_resource_files()) <= covered


def test_an_installed_copy_finds_its_resources_through_importlib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # app installed in site-packages: no resources/ beside it, a qari_resources package instead
    site = tmp_path / "site-packages"
    (site / "app").mkdir(parents=True)
    data = site / resources.RESOURCES_PACKAGE
    (data / "models").mkdir(parents=True)
    (data / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(app, "__file__", str(site / "app" / "__init__.py"))
    monkeypatch.delenv(resources.RESOURCES_ENV, raising=False)
    monkeypatch.syspath_prepend(str(site))
    assert resources.resources_dir() == data
    monkeypatch.setenv(resources.RESOURCES_ENV, str(tmp_path))
    assert resources.resources_dir() == tmp_path


def test_a_source_checkout_reads_resources_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resources.RESOURCES_ENV, raising=False)
    assert resources.resources_dir() == ROOT / "resources"


@pytest.mark.slow
def test_the_wheel_carries_the_model_and_the_fonts(tmp_path: Path) -> None:
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    (wheel,) = tmp_path.glob("qari-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"qari_resources/{f}" for f in _resource_files()} <= names
    assert "app/ner/crf.py" in names and "app/py.typed" in names
