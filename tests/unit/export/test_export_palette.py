"""The entity palette (app.core.palette) and the Qt-free import of the export package."""

from __future__ import annotations

import subprocess
import sys

from app.core.models import ENTITY_TYPES
from app.core.palette import PALETTE, TEXT_ON_DARK, TEXT_ON_LIGHT, colors, contrast_ratio


def test_every_type_has_readable_tints() -> None:
    for label in (*ENTITY_TYPES, "MISC"):
        c = PALETTE[label]
        assert contrast_ratio(c["light"], TEXT_ON_LIGHT) >= 7.0, label  # WCAG AAA on the light tint
        assert contrast_ratio(c["dark"], TEXT_ON_DARK) >= 4.5, label  # WCAG AA on the dark shade
        assert c["name_ar"] and c["name_en"] and c["one_ar"] and c["one_en"]


def test_okabe_ito_bases_and_distinct_tints() -> None:
    assert [PALETTE[t]["base"] for t in ENTITY_TYPES] == ["#E69F00", "#56B4E9", "#009E73"]
    tints = [PALETTE[t]["light"] for t in ENTITY_TYPES]
    assert len(set(tints)) == 3
    # The tints differ from each other enough to tell apart side by side (not only by hue).
    for i, a in enumerate(tints):
        for b in tints[i + 1 :]:
            assert max(abs(int(a[k : k + 2], 16) - int(b[k : k + 2], 16)) for k in (1, 3, 5)) >= 40
    assert colors("UNKNOWN")["base"] == "#999999"
    assert contrast_ratio("#000000", "#FFFFFF") == 21.0


def test_export_package_does_not_load_qt() -> None:
    code = (
        "import sys, app.export, app.export.summary, app.export.html, app.export.pdf, app.export.docx, "
        "app.export.markdown, app.export.tabular, app.export.service, app.export.cli, app.core.palette, "
        "app.core.resources; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
