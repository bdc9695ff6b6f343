"""Entity colors: one color per type, from the Okabe–Ito palette (safe for the common color blindnesses).

Pure data, shared by the reading view and every export, so a person sees the same color for a type
everywhere. For each type:

- ``base``: the Okabe–Ito color itself (for underlines, borders, legend swatches);
- ``light``: a pale tint of it, a background behind black text (light theme, printed exports);
- ``dark``: a deep shade of it, a background behind white text (dark theme);
- ``name_ar`` / ``name_en``: the plural name of the type, for legends and index headings;
- ``one_ar`` / ``one_en``: the singular name, for tooltips.

Hue is not the only cue: the reading view and the exports also name the type (legend, tooltip, index), and
the three main hues (orange, sky blue, bluish green) stay distinct under deuteranopia, protanopia and
tritanopia. `tests/unit/export/test_export_palette.py` checks text contrast (WCAG AA, 4.5:1) for every tint.
"""

from __future__ import annotations

from typing import Final, TypedDict


class TypeColors(TypedDict):
    base: str
    light: str
    dark: str
    name_ar: str
    name_en: str
    one_ar: str
    one_en: str


PALETTE: Final[dict[str, TypeColors]] = {
    "PERS": {
        "base": "#E69F00",  # Okabe–Ito orange
        "light": "#FBDFA6",
        "dark": "#7A5200",
        "name_ar": "أشخاص",
        "name_en": "People",
        "one_ar": "شخص",
        "one_en": "Person",
    },
    "LOC": {
        "base": "#56B4E9",  # Okabe–Ito sky blue
        "light": "#C5E6F8",
        "dark": "#1F5F85",
        "name_ar": "أماكن",
        "name_en": "Places",
        "one_ar": "مكان",
        "one_en": "Place",
    },
    "ORG": {
        "base": "#009E73",  # Okabe–Ito bluish green
        "light": "#A9E2CE",
        "dark": "#005C43",
        "name_ar": "منظمات",
        "name_en": "Organizations",
        "one_ar": "منظمة",
        "one_en": "Organization",
    },
    "MISC": {
        "base": "#CC79A7",  # Okabe–Ito reddish purple
        "light": "#F0D2E3",
        "dark": "#7D3A60",
        "name_ar": "أخرى",
        "name_en": "Other",
        "one_ar": "أخرى",
        "one_en": "Other",
    },
}

# Text drawn on the tints: black on `light`, white on `dark`.
TEXT_ON_LIGHT: Final = "#000000"
TEXT_ON_DARK: Final = "#FFFFFF"

FALLBACK: Final[TypeColors] = {
    "base": "#999999",
    "light": "#E0E0E0",
    "dark": "#4D4D4D",
    "name_ar": "أخرى",
    "name_en": "Other",
    "one_ar": "أخرى",
    "one_en": "Other",
}


def colors(label: str) -> TypeColors:
    """The colors of an entity type; an unknown type gets a neutral grey."""
    return PALETTE.get(label, FALLBACK)


def relative_luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance of `#RRGGBB`."""
    h = hex_color.lstrip("#")
    chans = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two `#RRGGBB` colors (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
