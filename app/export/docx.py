"""DOCX export (python-docx), set right to left the way Word expects.

- Paragraphs of right-to-left text carry `<w:bidi/>`, tables `<w:bidiVisual/>` (first column on the right),
  the section `<w:bidi/>`; runs of right-to-left text carry `<w:rtl/>`.
- Every run names the Arabic font for all scripts, complex script included (`<w:rFonts w:cs=...>`), and its
  size twice (`<w:sz>` and `<w:szCs>`), bold twice (`<w:b>` and `<w:bCs>`): Word sizes and bolds Arabic
  with the complex-script properties only.
- An entity is a run shaded in its palette tint (`<w:shd w:fill=...>`) and underlined in the palette color.
- A note anchored in the text is a Word comment on exactly the runs it anchors (it shows beside the
  passage); entity notes and general notes are sections of their own.
- The Arabic font's files (regular and bold; the bundled fonts are OFL, which allows embedding) are
  embedded the way Word embeds TrueType fonts (ECMA-376 part 1, 17.8.1): obfuscated `word/fonts/*.odttf`
  parts named in `fontTable.xml` with their keys, and `<w:embedTrueTypeFonts/>` in the settings, so a
  reader without the font sees the same letters.

python-docx escapes XML text itself; characters XML cannot hold are replaced first (`printable`).
"""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from typing import Any

import docx
from docx.enum.table import WD_TABLE_DIRECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from app.core.palette import colors
from app.core.resources import export_fonts
from app.export.files import write_atomic
from app.export.summary import (
    Brief,
    CancelFlag,
    ParagraphView,
    Progress,
    Summary,
    as_brief,
    check_cancel,
    labels,
    no_passages_message,
    printable,
    segments,
    text_direction,
    type_name,
)

BODY_PT = 12
AUTHOR = "Qari"


# Child order inside the property elements (ECMA-376 part 1, 17.3.1.26, 17.3.2.28, 17.6.17); Word
# rejects files whose properties are out of order.
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
_SECT_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]


def _child(parent: Any, tag: str, order: list[str]) -> Any:
    """The child `<w:tag>` of a properties element, created in schema order when missing."""
    el = parent.find(qn(f"w:{tag}"))
    if el is not None:
        return el
    el = OxmlElement(f"w:{tag}")
    rank = order.index(tag)
    for i, existing in enumerate(parent):
        local = existing.tag.rpartition("}")[2]
        if local in order and order.index(local) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


class _Writer:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lab = labels(lang)
        self.rtl_ui = lang == "ar"
        # (family, regular file, bold file): named in every run, embedded at the end
        self.fonts = export_fonts()
        self.family = self.fonts[0]
        self.doc = docx.Document()
        self._rpr_cache: dict[tuple[bool, bool, float, str | None, bool], Any] = {}
        self._style_ids = {
            name: self.doc.styles[name].style_id
            for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid")
        }
        self._setup_styles()

    # -- low-level --------------------------------------------------------------------------------------

    def _setup_styles(self) -> None:
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            style = self.doc.styles[name]
            rpr = style.element.get_or_add_rPr()
            self._fonts(rpr)
            if self.rtl_ui:
                _child(style.element.get_or_add_pPr(), "bidi", _PPR_ORDER)
        self._size(self.doc.styles["Normal"].element.get_or_add_rPr(), BODY_PT)
        if self.rtl_ui:
            _child(self.doc.sections[0]._sectPr, "bidi", _SECT_ORDER)

    def _fonts(self, rpr: Any) -> None:
        fonts = _child(rpr, "rFonts", _RPR_ORDER)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), self.family)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]

    @staticmethod
    def _size(rpr: Any, points: float) -> None:
        for tag in ("sz", "szCs"):
            _child(rpr, tag, _RPR_ORDER).set(qn("w:val"), str(round(points * 2)))

    def _bidi(self, para: Paragraph, rtl: bool) -> None:
        bidi = _child(para._p.get_or_add_pPr(), "bidi", _PPR_ORDER)
        if not rtl:
            bidi.set(qn("w:val"), "0")

    def _run(
        self,
        para: Paragraph,
        text: str,
        *,
        rtl: bool,
        bold: bool = False,
        size: float | None = None,
        label: str | None = None,
        italic: bool = False,
    ) -> Run:
        run = para.add_run(printable(text))
        key = (rtl, bold, size or BODY_PT, label, italic)
        template = self._rpr_cache.get(key)
        if template is None:
            template = OxmlElement("w:rPr")
            self._fonts(template)
            if bold:
                _child(template, "b", _RPR_ORDER)
                _child(template, "bCs", _RPR_ORDER)
            if italic:
                _child(template, "i", _RPR_ORDER)
                _child(template, "iCs", _RPR_ORDER)
            self._size(template, size or BODY_PT)
            if label is not None:
                c = colors(label)
                u = _child(template, "u", _RPR_ORDER)
                u.set(qn("w:val"), "single")
                u.set(qn("w:color"), c["base"].lstrip("#"))
                shd = _child(template, "shd", _RPR_ORDER)
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), c["light"].lstrip("#"))
            if rtl:
                _child(template, "rtl", _RPR_ORDER)
            self._rpr_cache[key] = template
        run._r.insert(0, copy.deepcopy(template))  # a new run has no rPr yet
        return run

    def value_run(self, para: Paragraph, value: str, size: float | None = None) -> Run:
        """A run for a value that may be left to right (a date, a URL, a number) inside Arabic.

        Such a value is not marked `w:rtl` and is wrapped in LEFT-TO-RIGHT MARKs, so its own neutral
        characters (the `-` of a date, a URL's final `>`) stay with it instead of taking the paragraph's
        direction.
        """
        if text_direction(value, "ltr") == "rtl":
            return self._run(para, value, rtl=True, size=size)
        return self._run(para, f"\u200e{value}\u200e", rtl=False, size=size)

    def para(
        self,
        text: str = "",
        *,
        style: str | None = None,
        bold: bool = False,
        size: float | None = None,
        rtl: bool | None = None,
        container: Any = None,
        italic: bool = False,
    ) -> Paragraph:
        target = container if container is not None else self.doc
        para: Paragraph = target.add_paragraph()
        if style:
            # By id, directly: python-docx's lookup by name scans every style each time.
            para._p.get_or_add_pPr().style = self._style_ids[style]
        is_rtl = text_direction(text, "rtl" if self.rtl_ui else "ltr") == "rtl" if rtl is None else rtl
        self._bidi(para, is_rtl)
        if text:
            self._run(para, text, rtl=is_rtl, bold=bold, size=size, italic=italic)
        return para

    def heading(self, text: str, level: int) -> Paragraph:
        size = {0: 20, 1: 17, 2: 14, 3: 13}[level]
        style = "Title" if level == 0 else f"Heading {level}"
        return self.para(text, style=style, bold=True, size=size)

    def table(self, header: list[str], rows: list[list[tuple[str, str | None]]]) -> Table:
        """A table set right to left; each cell is `(text, entity label or None)`."""
        table: Table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table._tbl.tblPr.style = self._style_ids["Table Grid"]
        if self.rtl_ui:
            table.table_direction = WD_TABLE_DIRECTION.RTL  # <w:bidiVisual/>
        for col, text in enumerate(header):
            cell = table.rows[0].cells[col]
            self._fill(cell.paragraphs[0], text, None, bold=True)
        for r, row in enumerate(rows, start=1):
            for col, (text, label) in enumerate(row):
                self._fill(table.rows[r].cells[col].paragraphs[0], text, label)
        return table

    def _fill(self, para: Paragraph, text: str, label: str | None, bold: bool = False) -> None:
        rtl = text_direction(text, "rtl" if self.rtl_ui else "ltr") == "rtl"
        self._bidi(para, rtl)
        self._run(para, text, rtl=rtl, bold=bold, label=label)

    # -- content ---------------------------------------------------------------------------------------

    def passage(self, p: ParagraphView) -> None:
        rtl = p.direction == "rtl"
        style = "Heading 3" if p.kind == "heading" else None
        para = self.para(style=style, rtl=rtl)
        size = 13 if p.kind == "heading" else BODY_PT
        runs_by_note: dict[int, list[Run]] = {}
        for seg in segments(p):
            label = seg.span.label if seg.span is not None else None
            run = self._run(para, seg.text, rtl=rtl, label=label, bold=p.kind == "heading", size=size)
            for n in seg.notes:
                runs_by_note.setdefault(n, []).append(run)
        for note in p.notes:
            runs = runs_by_note.get(note.number)
            if not runs:
                continue
            comment = self.doc.add_comment(runs, text="", author=AUTHOR, initials="Q")
            lines = note.body.splitlines() or [""]
            for i, line in enumerate(lines):
                cpara = comment.paragraphs[0] if i == 0 else comment.add_paragraph()
                line_rtl = text_direction(line, p.direction) == "rtl"
                self._bidi(cpara, line_rtl)
                self._run(cpara, line, rtl=line_rtl)
            if note.created_at:
                cpara = comment.add_paragraph()
                self._bidi(cpara, self.rtl_ui)
                self.value_run(cpara, note.created_at, size=9)

    def summary(self, s: Summary, number: int, in_brief: bool) -> None:
        lab = self.lab
        prefix = f"{number}. " if in_brief else ""
        self.heading(prefix + s.title, 1 if in_brief else 0)
        meta = [
            (lab["source"], s.source),
            (lab["byline"], s.byline or ""),
            (lab["date"], s.date or ""),
            (lab["url"], s.url or ""),
            (lab["words"], str(s.word_count)),
            (lab["tags"], "، ".join(s.tags)),
        ]
        for key, value in meta:
            if not value:
                continue
            para = self.para(rtl=self.rtl_ui)
            self._run(para, f"{key}: ", rtl=self.rtl_ui, bold=True)
            self.value_run(para, value)

        sub = 2 if in_brief else 1
        if s.show_index:
            self.heading(lab["entity_index"], sub)
            if not s.entity_index:
                self.para(lab["no_entities"], italic=True)
            for label, entries in s.index_by_type().items():
                self.heading(f"{type_name(label, self.lang)} ({len(entries)})", sub + 1)
                self.table(
                    [lab["name"], lab["count"], lab["forms"]],
                    [[(e.name, label), (str(e.count), None), ("، ".join(e.forms), None)] for e in entries],
                )

        self.heading(lab["text_full"] if s.passages == "full" else lab["text_key"], sub)
        message = no_passages_message(s, self.lang)
        if message:
            self.para(message, italic=True)
        for p in s.paragraphs:
            if p.gap_before:
                self.para(lab["omitted"], rtl=self.rtl_ui).alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.passage(p)
        if s.paragraphs and s.passages != "full" and s.paragraphs[-1].number < s.paragraph_total:
            self.para(lab["omitted"], rtl=self.rtl_ui).alignment = WD_ALIGN_PARAGRAPH.CENTER

        if s.entity_notes:
            self.heading(lab["entity_notes"], sub)
            for en in s.entity_notes:
                para = self.para(rtl=self.rtl_ui)
                self._run(para, en.name, rtl=text_direction(en.name) == "rtl", label=en.label, bold=True)
                self._run(para, ": ", rtl=self.rtl_ui)
                self._run(para, en.body, rtl=text_direction(en.body) == "rtl")
                if en.created_at:
                    self._run(para, " ", rtl=self.rtl_ui)
                    self.value_run(para, en.created_at, size=10)
        if s.article_notes:
            self.heading(lab["article_notes"], sub)
            for g in s.article_notes:
                para = self.para(g.body)
                if g.created_at:
                    self._run(para, " ", rtl=self.rtl_ui)
                    self.value_run(para, g.created_at, size=10)

    def brief_header(self, b: Brief) -> None:
        lab = self.lab
        self.heading(b.title or lab["brief"], 0)
        rows = [
            (lab["created"], b.created_at),
            (lab["query"], b.query or ""),
            (lab["articles"], str(len(b.summaries))),
        ]
        for key, value in rows:
            if value:
                para = self.para(rtl=self.rtl_ui)
                self._run(para, f"{key}: ", rtl=self.rtl_ui, bold=True)
                self.value_run(para, value)
        for i, s in enumerate(b.summaries, start=1):
            self.para(f"{i}. {s.title}")
        if b.show_index:
            self.heading(lab["combined_index"], 1)
            if not b.entity_index:
                self.para(lab["no_entities"], italic=True)
            for label, entries in b.index_by_type().items():
                self.heading(f"{type_name(label, self.lang)} ({len(entries)})", 2)
                self.table(
                    [lab["name"], lab["count"], lab["in_articles"]],
                    [
                        [
                            (e.name, label),
                            (str(e.count), None),
                            ("، ".join(f"{a.number} ({a.count})" for a in e.articles), None),
                        ]
                        for e in entries
                    ],
                )


FONT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# child order of <w:font> (ECMA-376 part 1, 17.8.3.10)
_FONT_ORDER = [
    "altName",
    "panose1",
    "charset",
    "family",
    "notTrueType",
    "pitch",
    "sig",
    "embedRegular",
    "embedBold",
    "embedItalic",
    "embedBoldItalic",
]
# the children of <w:settings> that come before <w:embedTrueTypeFonts> (ECMA-376 part 1, 17.15.1.78)
_SETTINGS_ORDER = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
]


def obfuscate_font(data: bytes, key: str) -> bytes:
    """`data` with its first 32 bytes XORed with the GUID `key` ("{XXXXXXXX-...}") read backwards,
    as Word stores an embedded font; the same call undoes it."""
    k = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(b ^ k[i % 16] for i, b in enumerate(data[:32])) + data[32:]


def _embed_fonts(document: Any, family: str, files: list[tuple[str, Path]]) -> None:
    """Embed the TrueType `files` (`(style, path)`, style "Regular" or "Bold") of `family`."""
    table = next((r.target_part for r in document.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if table is None:
        return
    root = parse_xml(table.blob)
    font = next((f for f in root.findall(qn("w:font")) if f.get(qn("w:name")) == family), None)
    if font is None:
        font = OxmlElement("w:font")
        font.set(qn("w:name"), family)
        for tag, val in (("charset", "00"), ("family", "auto"), ("pitch", "variable")):
            _child(font, tag, _FONT_ORDER).set(qn("w:val"), val)
        root.append(font)
    for n, (style, path) in enumerate(files, start=1):
        # a fixed key per family and style: the same summary gives the same file
        key = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"qari-font:{family}:{style}")).upper() + "}"
        part = Part(
            PackURI(f"/word/fonts/font{n}.odttf"),
            FONT_CONTENT_TYPE,
            obfuscate_font(path.read_bytes(), key),
            document.part.package,
        )
        embed = _child(font, "embed" + style, _FONT_ORDER)
        embed.set(qn("r:id"), table.relate_to(part, RT.FONT))
        embed.set(qn("w:fontKey"), key)
    # a plain Part: its XML is its blob
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        # after the elements that come before it, wherever the others are
        before = [i for i, el in enumerate(settings) if el.tag.rpartition("}")[2] in _SETTINGS_ORDER]
        settings.insert(before[-1] + 1 if before else 0, OxmlElement("w:embedTrueTypeFonts"))


def build_docx(
    doc: Summary | Brief,
    *,
    lang: str = "ar",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Any:
    """The python-docx `Document` of a summary or brief."""
    b = as_brief(doc)
    w = _Writer(lang)
    w.doc.core_properties.title = printable(b.title)
    w.doc.core_properties.author = AUTHOR
    if b.combined:
        w.brief_header(b)
    total = len(b.summaries)
    for i, s in enumerate(b.summaries, start=1):
        check_cancel(cancel)
        if b.combined:
            w.doc.add_page_break()  # type: ignore[no-untyped-call]
        w.summary(s, i, b.combined)
        if progress is not None:
            progress(i, total)
    family, regular, bold = w.fonts
    files = [(style, f) for style, f in (("Regular", regular), ("Bold", bold)) if f is not None]
    if files and all(f.suffix.lower() == ".ttf" for _, f in files):
        _embed_fonts(w.doc, family, files)
    return w.doc


def write_docx(
    doc: Summary | Brief,
    path: Path,
    *,
    lang: str = "ar",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Path:
    document = build_docx(doc, lang=lang, progress=progress, cancel=cancel)
    return write_atomic(Path(path), lambda tmp: document.save(str(tmp)))
