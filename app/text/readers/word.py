"""Word documents (.docx) through python-docx: paragraphs and tables in document order; paragraphs in a
Title/Heading style (or with an outline level) are headings."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from app.core.errors import ReadError
from app.core.models import Article, ParagraphKind
from app.text.readers.structure import clean_paragraph, mark_headings, split_lines

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_heading(paragraph: Any) -> bool:
    style = paragraph.style
    seen = 0
    while style is not None and seen < 10:
        name = (style.name or "").lower()
        style_id = (style.style_id or "").lower()
        if name.startswith(("heading", "title", "subtitle")) or style_id.startswith(("heading", "title")):
            return True
        ppr = style.element.pPr
        if ppr is not None and _outline_level(ppr) is not None:
            return True
        style = style.base_style
        seen += 1
    ppr = paragraph._p.pPr
    return ppr is not None and _outline_level(ppr) is not None


def _outline_level(ppr: Any) -> int | None:
    from docx.oxml.ns import qn

    el = ppr.find(qn("w:outlineLvl"))
    if el is None:
        return None
    try:
        level = int(el.get(qn("w:val")))
    except (TypeError, ValueError):
        return None
    return level if level < 9 else None  # 9 means "body text"


def docx_article(path: Path, data: bytes, *, source: str) -> Article:
    if data.startswith(_OLE):
        raise ReadError(
            "it is an old Word 97-2003 document (.doc) with a .docx name; open it in Word or LibreOffice "
            "and save it as .docx"
        )
    if not data.startswith(b"PK"):
        raise ReadError("it is not a valid Word document (.docx is a ZIP package and this is not one)")
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from lxml.etree import LxmlError

    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
        title = (document.core_properties.title or "").strip()
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, LxmlError, OSError, EOFError) as err:
        raise ReadError(
            f"the Word document is damaged or not a .docx ({type(err).__name__}); open it in Word or "
            "LibreOffice and save it again"
        ) from err

    pairs: list[tuple[str, ParagraphKind]] = []
    styled_headings = False
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = clean_paragraph(cell.text.replace("\n", " "))
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    pairs.append((" | ".join(cells), "body"))
            continue
        if _is_heading(block):
            text = clean_paragraph(block.text.replace("\n", " "))
            if text:
                pairs.append((text, "heading"))
                styled_headings = True
        else:
            pairs.extend(
                (line, "body") for line in (clean_paragraph(x) for x in split_lines(block.text)) if line
            )
    if not pairs:
        raise ReadError("the Word document has no text")
    if not styled_headings:
        pairs = mark_headings([t for t, _ in pairs])
    if not title:
        title = next((t for t, k in pairs if k == "heading"), "")
    return Article.from_paragraphs(pairs, title=clean_paragraph(title), source=source, fmt="docx")
