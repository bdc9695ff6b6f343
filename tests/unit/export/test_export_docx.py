"""DOCX export, read back with python-docx: right-to-left paragraphs, tables and runs; entities; notes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from app.core.palette import PALETTE
from app.export.docx import write_docx
from app.export.summary import Summary, combine


def _shaded(run: object) -> str | None:
    rpr = run._r.rPr  # type: ignore[attr-defined]
    if rpr is None:
        return None
    shd = rpr.find(qn("w:shd"))
    return None if shd is None else shd.get(qn("w:fill"))


def test_docx_reads_back(tmp_path: Path, seed_summary: Summary) -> None:
    out = write_docx(seed_summary, tmp_path / "a.docx")
    d = docx.Document(str(out))
    fills = {v["light"].lstrip("#"): k for k, v in PALETTE.items()}
    body = d.paragraphs
    # Every paragraph of Arabic text is set right to left.
    arabic = [p for p in body if p.text.strip() and "\u0600" <= p.text.strip()[0] <= "\u06ff"]
    assert arabic
    for p in arabic:
        bidi = p._p.pPr.find(qn("w:bidi"))
        assert bidi is not None and bidi.get(qn("w:val")) in (None, "1", "true")
    # Runs: rtl, complex-script font and size. (A left-to-right value - a date, a URL, a count - is its
    # own run between LEFT-TO-RIGHT MARKs and is not rtl.)
    runs = [r for p in arabic for r in p.runs if r.text.strip() and not r.text.startswith("\u200e")]
    values = [r.text for p in arabic for r in p.runs if r.text.startswith("\u200e")]
    assert values == [
        "\u200e2021-07-29\u200e",
        "\u200ehttps://example.com/news?id=1&x=<2>\u200e",
        "\u200e370\u200e",
    ]
    assert len(runs) > 50
    for r in runs:
        rpr = r._r.rPr
        assert rpr.find(qn("w:rtl")) is not None
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:cs"))
        assert rpr.find(qn("w:szCs")) is not None
    # Entities: the shaded runs are the mentions, in order, in their type's color.
    shaded = [(fills[_shaded(r) or ""], r.text) for p in body for r in p.runs if _shaded(r) in fills]
    n = len(seed_summary.mentions)
    assert shaded[:n] == [(m.label, m.text) for m in seed_summary.mentions]
    assert shaded[n:] == [("PERS", "مصطفى الكاظمي")]  # the entity note's heading
    # Tables (the entity index) are right to left and hold every entity once.
    assert d.tables
    names: list[str] = []
    for t in d.tables:
        assert t._tbl.tblPr.find(qn("w:bidiVisual")) is not None
        names += [row.cells[0].text for row in t.rows[1:]]
    assert sorted(names) == sorted(e.name for e in seed_summary.entity_index)
    # Anchored notes are comments on exactly the words they anchor.
    comments = list(d.comments)
    assert [c.text.splitlines()[0] for c in comments] == [
        "أول هجوم بعد إعلان الانسحاب <script>alert(1)</script>",
        "تحقق من موعد الزيارة",
    ]
    xml = d.element.body.xml
    start = xml.index('<w:commentRangeStart w:id="0"/>')
    end = xml.index('<w:commentRangeEnd w:id="0"/>')
    anchored = "".join(t.split(">", 1)[1].split("<", 1)[0] for t in xml[start:end].split("<w:t")[1:])
    assert anchored == "السفارة الأمريكية"
    all_text = "\n".join(p.text for p in body)
    assert "رئيس الحكومة العراقية & <b>" in all_text  # entity note
    assert "ملاحظة عامة على المقال" in all_text
    assert d.sections[0]._sectPr.find(qn("w:bidi")) is not None


def test_docx_brief_and_text_order(tmp_path: Path, seed_summary: Summary) -> None:
    out = write_docx(combine([seed_summary, seed_summary], title="موجز"), tmp_path / "b.docx")
    d = docx.Document(str(out))
    text = "\n".join(p.text for p in d.paragraphs)
    first = seed_summary.paragraphs[0].text
    assert text.count(first) == 2
    assert d.core_properties.title == "موجز"
    combined = d.tables[0]
    assert combined.rows[0].cells[2].text == "في المقالات"
    assert combined.rows[1].cells[2].text.startswith("1 (")


def test_docx_embeds_the_arabic_font(tmp_path: Path, seed_summary: Summary) -> None:
    import zipfile

    from lxml import etree

    from app.core.resources import export_fonts
    from app.export.docx import FONT_CONTENT_TYPE, obfuscate_font

    family, regular, bold = export_fonts()
    assert regular is not None and bold is not None  # the bundled fonts
    out = write_docx(seed_summary, tmp_path / "a.docx")
    z = zipfile.ZipFile(out)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    table = etree.fromstring(z.read("word/fontTable.xml"))
    font = next(f for f in table.findall(w + "font") if f.get(w + "name") == family)
    rels = etree.fromstring(z.read("word/_rels/fontTable.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    types = z.read("[Content_Types].xml").decode()
    for style, path in (("Regular", regular), ("Bold", bold)):
        embed = font.find(w + "embed" + style)
        assert embed is not None, style
        part = "word/" + targets[embed.get(r + "id")]
        assert f'PartName="/{part}" ContentType="{FONT_CONTENT_TYPE}"' in types
        stored = z.read(part)
        assert stored[:32] != path.read_bytes()[:32]  # obfuscated ...
        assert obfuscate_font(stored, embed.get(w + "fontKey")) == path.read_bytes()  # ... reversibly
    # Word only keeps embedded fonts with this setting; it comes right after <w:zoom> (schema order).
    settings = [el.tag.rpartition("}")[2] for el in etree.fromstring(z.read("word/settings.xml"))]
    assert settings[settings.index("zoom") + 1] == "embedTrueTypeFonts"
    # python-docx still reads the file
    assert docx.Document(str(out)).paragraphs


def test_font_obfuscation_follows_the_standard() -> None:
    from app.export.docx import obfuscate_font

    # ECMA-376 part 1, 17.8.1: the GUID's 16 bytes, last first, XORed over the first 32 bytes
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(40)
    out = obfuscate_font(data, key)
    want = bytes.fromhex("FFEEDDCCBBAA99887766554433221100") * 2
    assert out == want + bytes(8)
