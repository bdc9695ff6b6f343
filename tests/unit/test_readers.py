"""Article readers: every format, every encoding, headings, metadata, and every bad input."""

from __future__ import annotations

import codecs
import difflib
import os
import re
import socket
from pathlib import Path

import pytest

from app.core.errors import ReadError
from app.core.models import Article
from app.text.decode import encoding_label
from app.text.readers import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    fix_pdf_line,
    is_heading_line,
    mark_headings,
    read_pasted,
    read_path,
)
from app.text.readers.pdf import lines_to_paragraphs, reversed_evidence, visual_to_logical
from app.text.readers.structure import block_paragraphs

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_HEADINGS = [
    "أضرار استهداف السفارة الأمريكية",
    "شظايا سقطت على المنزل",
    "سقوط شظايا على سيارات مدنية",
]


def paragraphs(article: Article) -> list[tuple[str, str]]:
    return [(article.paragraph_text(p), p.kind) for p in article.paragraphs]


def headings(article: Article) -> list[str]:
    return [t for t, k in paragraphs(article) if k == "heading"]


def assert_well_formed(article: Article) -> None:
    """The text is the paragraphs joined by newlines and every paragraph is trimmed and non-empty."""
    texts = [t for t, _ in paragraphs(article)]
    assert article.text == "\n".join(texts)
    assert all(t and t == t.strip() and "\n" not in t for t in texts)


# --------------------------------------------------------------------------------------------------
# Plain text, encodings, headings
# --------------------------------------------------------------------------------------------------


def test_seed_article_paragraphs_and_headings(seed_path: Path, seed_text: str) -> None:
    article = read_path(seed_path)
    assert_well_formed(article)
    assert article.fmt == "txt"
    assert article.source == str(seed_path)
    lines = [ln for ln in seed_text.splitlines() if ln.strip()]
    assert [t for t, _ in paragraphs(article)] == lines
    assert headings(article) == SEED_HEADINGS
    # The first line is a 50-word sentence, so it is body text and the title is its opening.
    assert paragraphs(article)[0][1] == "body"
    assert lines[0].startswith(article.title.rstrip("…"))


@pytest.mark.parametrize(
    ("prefix", "codec"),
    [
        (b"", "utf-8"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"", "cp1256"),
        (b"", "iso8859_6"),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_txt_in_every_encoding_and_newline(
    tmp_path: Path, seed_path: Path, seed_text: str, prefix: bytes, codec: str, newline: str
) -> None:
    expected = read_path(seed_path)
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + seed_text.replace("\n", newline).encode(codec))
    article = read_path(path)
    assert article.text == expected.text
    assert paragraphs(article) == paragraphs(expected)
    # the encoding it was read in is kept for the status bar
    assert article.encoding is not None
    written = "utf-8-sig" if prefix == codecs.BOM_UTF8 else codec
    assert codecs.lookup(article.encoding).name == codecs.lookup(written).name


def test_encoding_labels() -> None:
    assert [encoding_label(n) for n in ("utf_8", "cp1256", "windows-1256", "iso8859_6", "utf-16-le")] == [
        "UTF-8",
        "Windows-1256",
        "Windows-1256",
        "ISO-8859-6",
        "UTF-16 LE",
    ]
    assert encoding_label("koi8_r") == "KOI8-R"
    assert encoding_label("no-such-codec") == "no-such-codec"


def test_cp1256_seed_reads_as_the_utf8_seed(seed_path: Path) -> None:
    assert read_path(SEEDS / "cp1256.txt").text == read_path(seed_path).text


def test_first_short_line_is_the_title() -> None:
    article = read_pasted("عنوان الخبر هنا\nقال الرئيس إن الاجتماع كان مثمرا.\nوأضاف أن المحادثات ستستمر.")
    assert article.title == "عنوان الخبر هنا"
    assert paragraphs(article)[0] == ("عنوان الخبر هنا", "heading")
    assert [k for _, k in paragraphs(article)[1:]] == ["body", "body"]


def test_heading_rules() -> None:
    body = "قال المتحدث باسم الوزارة إن الاجتماع عقد في بغداد أمس وناقش الأوضاع الأمنية."
    assert is_heading_line("أضرار استهداف السفارة الأمريكية")
    assert not is_heading_line("انتهى الخبر.")
    assert not is_heading_line("وأضاف:")
    assert not is_heading_line("قال: «نعم»")
    assert not is_heading_line("2021-07-29")
    assert not is_heading_line(" ".join(["كلمة"] * 13))
    kinds = [k for _, k in mark_headings([body, "عنوان فرعي", body, "أ", "ب", "ج", body, "وكالات"])]
    # A single short line between paragraphs is a heading; three in a row are a list; a short last line
    # (a sign-off) is body text.
    assert kinds == ["body", "heading", "body", "body", "body", "body", "body", "body"]


def test_hard_wrapped_block_is_joined_but_one_line_paragraphs_are_not() -> None:
    wrapped = [
        "This paragraph was written in an editor that wraps lines at a fixed",
        "width, so one paragraph spans several lines and none of them ends a",
        "sentence until the very last one.",
        "",
        "Second paragraph.",
    ]
    assert block_paragraphs(wrapped) == [
        "This paragraph was written in an editor that wraps lines at a fixed width, so one paragraph "
        "spans several lines and none of them ends a sentence until the very last one.",
        "Second paragraph.",
    ]
    one_per_line = ["جملة أولى كاملة.", "عنوان", "جملة ثانية كاملة.", "جملة ثالثة كاملة."]
    assert block_paragraphs(one_per_line) == one_per_line


def test_invisible_marks_and_spaces_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\u202bقال\u200f  الرئيس\u00a0\tإن\u202c الاجتماع\u0007 انتهى.\n", encoding="utf-8")
    assert read_path(path).text == "قال الرئيس إن الاجتماع انتهى."


def test_long_article_seed() -> None:
    article = read_path(SEEDS / "long_article.txt")
    assert_well_formed(article)
    assert 4500 <= article.word_count <= 5600
    found = headings(article)
    assert found[0] == article.title == "العراق ولبنان في أسبوع: هجمات ومواقف دولية"
    assert set(SEED_HEADINGS) <= set(found)
    assert len(found) >= 8
    # Detokenized: no space before Arabic punctuation, no CoNLL lines.
    assert " ،" not in article.text and " ." not in article.text
    assert not any(line.endswith((" O", " B-LOC", " I-PERS")) for line in article.text.splitlines())


def test_mixed_latin_seed() -> None:
    article = read_path(SEEDS / "mixed_latin.txt")
    for needle in ("NATO", "C-RAM", "(UN)", "85%", "2021-07-30", "15/8/2021", "The White House said"):
        assert needle in article.text
    assert headings(article) == ["الناتو يدرس تعزيز الدفاعات الجوية في العراق", "ردود فعل في واشنطن"]


# --------------------------------------------------------------------------------------------------
# Markdown and pasted text
# --------------------------------------------------------------------------------------------------


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# عنوان المقال\n\n"
        "فقرة أولى فيها **كلمة بارزة** و[رابط](https://example.org) و`رمز`.\n\n"
        "## قسم ثان ##\n\n"
        "- بند أول\n- بند ثان يمتد\n  على سطرين\n\n"
        "عنوان بخط سفلي\n---------------\n\n"
        "> اقتباس من تصريح\n\n"
        "This paragraph is hard-wrapped at a fixed width by the editor, as Markdown\n"
        "allows, and it must come back as one paragraph when it is read by Qari.\n",
        encoding="utf-8",
    )
    article = read_path(path)
    assert article.fmt == "md"
    assert paragraphs(article) == [
        ("عنوان المقال", "heading"),
        ("فقرة أولى فيها كلمة بارزة ورابط ورمز.", "body"),
        ("قسم ثان", "heading"),
        ("بند أول", "body"),
        ("بند ثان يمتد على سطرين", "body"),
        ("عنوان بخط سفلي", "heading"),
        ("اقتباس من تصريح", "body"),
        (
            "This paragraph is hard-wrapped at a fixed width by the editor, as Markdown allows, and it "
            "must come back as one paragraph when it is read by Qari.",
            "body",
        ),
    ]
    assert article.title == "عنوان المقال"


def test_markdown_without_headings_uses_the_heuristic(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "seed.md"
    path.write_text(seed_text, encoding="utf-8")
    assert headings(read_path(path)) == SEED_HEADINGS


def test_read_pasted(seed_text: str) -> None:
    article = read_pasted(seed_text.replace("\n", "\r\n"))
    assert article.fmt == "paste" and article.source == "clipboard"
    assert headings(article) == SEED_HEADINGS
    assert read_pasted("نص قصير", source="drop").source == "drop"


@pytest.mark.parametrize("text", ["", "   ", "\n\r\n\t", "\u200f\u202b\n"])
def test_read_pasted_refuses_empty(text: str) -> None:
    with pytest.raises(ReadError, match="Nothing to read"):
        read_pasted(text)


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------


def test_saved_page_drops_chrome_and_keeps_metadata(seed_path: Path) -> None:
    article = read_path(SEEDS / "saved_page.html")
    assert_well_formed(article)
    assert article.fmt == "html"
    assert article.title == "صاروخان يستهدفان محيط السفارة الأمريكية في بغداد"
    assert article.byline == "أحمد الجبوري"
    assert article.date == "2021-07-29"
    assert article.url == "https://news.example.org/iraq/2021/07/29/embassy-rockets"
    chrome_bits = ("الرئيسية", "اشترك في النشرة", "إعلان ممول", "التعليقات", "تعليق من زائر", "جميع الحقوق")
    for chrome in (*chrome_bits, "اقرأ أيضاً", "شارك:", "عاجل", "وسوم"):
        assert chrome not in article.text, chrome
    assert headings(article) == [article.title, *SEED_HEADINGS]
    seed = read_path(seed_path)
    body = [t for t, k in paragraphs(article) if k == "body"]
    assert body == [t for t, k in paragraphs(seed) if k == "body"]


def test_html_honours_meta_charset(tmp_path: Path) -> None:
    body = "".join(f"<p>{s}</p>" for s in ["قال المتحدث باسم الحكومة العراقية إن الاجتماع كان مثمراً."] * 3)
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>خبر عاجل من بغداد</title></head>"
        f"<body><article><h1>خبر عاجل من بغداد</h1>{body}</article></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1256"))
    article = read_path(path)
    assert article.title == "خبر عاجل من بغداد"
    assert "قال المتحدث باسم الحكومة العراقية" in article.text
    assert article.url is None


def test_html_with_wrong_charset_declaration_still_reads_utf8(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>بغداد</title></head><body><article>'
        "<p>قال المتحدث باسم الحكومة العراقية إن الاجتماع كان مثمراً وإن المحادثات ستستمر غداً.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    assert "قال المتحدث باسم الحكومة العراقية" in read_path(path).text


def test_html_title_byline_date_from_meta_and_line_breaks(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>زيارة الكاظمي إلى واشنطن | موقع الأخبار</title>'
        '<meta property="og:title" content="زيارة الكاظمي إلى واشنطن">'
        '<meta name="author" content="سارة محمد"><meta name="date" content="2021-07-27"></head>'
        '<body><div class="content"><p>وصل رئيس الوزراء العراقي مصطفى الكاظمي إلى واشنطن في زيارة رسمية '
        "يلتقي خلالها الرئيس الأمريكي جو بايدن لبحث مستقبل القوات الأمريكية في العراق.<br>"
        "وقال مكتبه إن الزيارة تستمر ثلاثة أيام.</p><p>ومن المقرر أن يلتقي الكاظمي أيضا رئيسة مجلس "
        "النواب نانسي بيلوسي وعددا من أعضاء الكونغرس.</p></div></body></html>"
    )
    path = tmp_path / "visit.html"
    path.write_text(page, encoding="utf-8")
    article = read_path(path)
    assert (article.title, article.byline, article.date, article.url) == (
        "زيارة الكاظمي إلى واشنطن",
        "سارة محمد",
        "2021-07-27",
        None,
    )
    # No <h1> in the article: the title becomes its first paragraph; <br> splits paragraphs.
    assert [k for _, k in paragraphs(article)] == ["heading", "body", "body", "body"]
    assert paragraphs(article)[2] == ("وقال مكتبه إن الزيارة تستمر ثلاثة أيام.", "body")


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title></title></head><body><nav></nav></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="no article text"):
        read_path(path)


# --------------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------------


def test_docx_order_headings_tables_and_title(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = ""
    document.add_heading("عنوان التقرير", level=0)
    document.add_paragraph("الفقرة الأولى من التقرير.")
    document.add_heading("قسم أول", level=1)
    document.add_paragraph("الفقرة الثانية.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "المصدر"
    table.cell(0, 1).text = "واع"
    document.add_heading("قسم ثان", level=2)
    document.add_paragraph("الفقرة الثالثة.")
    path = tmp_path / "report.docx"
    document.save(str(path))

    article = read_path(path)
    assert article.fmt == "docx"
    assert paragraphs(article) == [
        ("عنوان التقرير", "heading"),
        ("الفقرة الأولى من التقرير.", "body"),
        ("قسم أول", "heading"),
        ("الفقرة الثانية.", "body"),
        ("المصدر | واع", "body"),
        ("قسم ثان", "heading"),
        ("الفقرة الثالثة.", "body"),
    ]
    assert article.title == "عنوان التقرير"


def test_docx_core_title_and_unstyled_headings(tmp_path: Path, seed_text: str) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "عنوان من خصائص الملف"
    for line in seed_text.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plain.docx"
    document.save(str(path))
    article = read_path(path)
    assert article.title == "عنوان من خصائص الملف"
    assert headings(article) == SEED_HEADINGS  # no heading styles: the plain-text heuristic


def test_docx_seed(seed_path: Path) -> None:
    article = read_path(SEEDS / "article.docx")
    assert_well_formed(article)
    assert article.title == "صاروخان يستهدفان محيط السفارة الأمريكية في بغداد"
    assert headings(article) == [article.title, *SEED_HEADINGS]
    assert "المصدر | السومرية نيوز" in article.text
    assert read_path(seed_path).text in article.text


# --------------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------------


def _latin_pdf(lines: list[str]) -> bytes:
    """A one-page PDF in Helvetica with `lines` one under the other (written out by hand)."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_seed_matches_the_docx() -> None:
    pdf = read_path(SEEDS / "article.pdf")
    docx_article = read_path(SEEDS / "article.docx")
    assert_well_formed(pdf)
    assert pdf.fmt == "pdf"
    assert pdf.title == "صاروخان يستهدفان محيط السفارة الأمريكية في بغداد"
    assert headings(pdf)[:4] == [pdf.title, *SEED_HEADINGS]
    ratio = difflib.SequenceMatcher(None, pdf.text, docx_article.text, autojunk=False).ratio()
    assert ratio > 0.98, ratio
    assert "منظومة ال C-RAM فشلت" in pdf.text  # Latin kept left to right inside a reversed line
    assert "نحو 50 هجوما" in pdf.text
    assert "(واع)" in pdf.text


def test_pdf_with_fallback_font_ligatures_is_not_scrambled() -> None:
    # DejaVu Sans: pypdf's layout mode keeps its lam-alef ligatures in logical order inside reversed
    # lines ("األمريكية"); the reader must see that and take the plain-mode text for those pages.
    from app.text.readers.pdf import scramble_count

    pdf = read_path(SEEDS / "article_fallback_font.pdf")
    docx_article = read_path(SEEDS / "article.docx")
    assert_well_formed(pdf)
    assert pdf.title == docx_article.title
    assert headings(pdf) == SEED_HEADINGS
    assert not re.search(r"(?<!\S)ا[اأإآ]", pdf.text)
    assert "الولايات المتحدة" in pdf.text and "الأمريكية" in pdf.text
    assert scramble_count(["األمريكية والاقتصاد"]) == 1
    ratio = difflib.SequenceMatcher(None, pdf.text, docx_article.text, autojunk=False).ratio()
    assert ratio > 0.9, ratio


def test_pdf_wrapped_lines_become_paragraphs(tmp_path: Path) -> None:
    lines = [
        "Rockets hit the Green Zone",
        "Two rockets struck near the embassy compound in Baghdad on Thursday morning, a security",
        "source said, in the first attack of its kind since the announcement of the withdrawal of",
        "combat troops by the end of the year.",
        "Damage to cars",
        "Fragments of the intercepted rockets fell on civilian cars and a house in the district,",
        "the source added, without giving any further details about casualties or injuries there.",
        "3",
    ]
    path = tmp_path / "latin.pdf"
    path.write_bytes(_latin_pdf(lines))
    article = read_path(path)
    assert paragraphs(article) == [
        ("Rockets hit the Green Zone", "heading"),
        (" ".join(lines[1:4]), "body"),
        ("Damage to cars", "heading"),
        (" ".join(lines[5:7]), "body"),
    ]


def test_running_headers_and_page_numbers_are_dropped() -> None:
    from app.text.readers.pdf import _drop_running_lines

    header = "جريدة الأخبار - العدد 12"
    body = [
        ["قال الرئيس إن", "الاجتماع كان مثمرا."],
        ["وأضاف أن", "المحادثات ستستمر."],
        ["ومن جهته", "رحب الوزير."],
    ]
    pages = [[header, *lines, f"صفحة {i}", "- 7 -"] for i, lines in enumerate(body, start=1)]
    assert _drop_running_lines(pages) == body
    # A header on fewer than three pages, or on pages too short to have one, is kept.
    assert _drop_running_lines(pages[:2]) == [[header, *lines] for lines in body[:2]]


def test_pdf_metadata_title_that_is_a_file_name_is_ignored() -> None:
    from app.text.readers.pdf import _JUNK_TITLE

    assert _JUNK_TITLE.search("Microsoft Word - report.docx")
    assert _JUNK_TITLE.search("تقرير.pdf")
    assert not _JUNK_TITLE.search("صاروخان يستهدفان محيط السفارة الأمريكية في بغداد")


def test_lines_to_paragraphs_keeps_short_last_lines_with_their_paragraph() -> None:
    full = "كلمة " * 15
    lines = ["عنوان", full.strip(), full.strip(), "نهاية الفقرة بلا نقطة", "عنوان آخر", full.strip() + "."]
    assert lines_to_paragraphs(lines) == [
        "عنوان",
        f"{full.strip()} {full.strip()} نهاية الفقرة بلا نقطة",
        "عنوان آخر",
        full.strip() + ".",
    ]


def test_fix_pdf_line_reverses_visual_order() -> None:
    logical = "وقال المصدر إن منظومة ال C-RAM فشلت في إبعاد 50 صاروخا عن السفارة الأمريكية (واع)."
    visual = "".join(reversed(logical.replace("C-RAM", "MAR-C").replace("50", "05")))
    assert reversed_evidence(visual) > 0
    assert reversed_evidence(logical) < 0
    assert visual_to_logical(visual) == logical
    assert fix_pdf_line(visual) == logical
    assert fix_pdf_line(logical) == logical


def test_fix_pdf_line_page_hint_decides_when_there_is_no_evidence() -> None:
    assert fix_pdf_line("دادغب", reversed_hint=True) == "بغداد"
    assert fix_pdf_line("بغداد", reversed_hint=False) == "بغداد"
    # A line with no Arabic is never reversed, whatever the rest of the page is.
    assert fix_pdf_line("The White House said so.", reversed_hint=True) == "The White House said so."


def test_fix_pdf_line_folds_presentation_forms_and_lam_alef() -> None:
    # "الولايات المتحدة" in presentation forms, logical order; the lam-alef is one ligature (U+FEFB).
    shaped = "\ufe8d\ufedf\ufeee\ufefb\ufef3\ufe8e\ufe95 \ufe8d\ufedf\ufee4\ufe98\ufea4\ufeaa\ufe93"
    assert fix_pdf_line(shaped) == "الولايات المتحدة"
    # The same line in visual order: the ligature must not come out as "ال".
    assert fix_pdf_line(shaped[::-1]) == "الولايات المتحدة"


def test_fix_pdf_line_joins_a_mark_left_after_a_space() -> None:
    assert fix_pdf_line("ً ابيرق قارعلل", reversed_hint=True) == "للعراق قريباً"
    assert fix_pdf_line("ةيكيرمألا ةرافسلا ً ابيرق") == "قريباً السفارة الأمريكية"


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ReadError, match=r"this PDF has no text layer \(scanned\?\).*OCR"):
        read_path(path)


def test_password_protected_pdf(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(SEEDS / "article.pdf")))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ReadError, match="password-protected"):
        read_path(path)


# --------------------------------------------------------------------------------------------------
# Every seed, and bad input
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.iterdir() if p.suffix in SUPPORTED_SUFFIXES))
def test_every_seed_reads(name: str) -> None:
    article = read_path(SEEDS / name)
    assert_well_formed(article)
    assert article.word_count > 200
    assert (SEEDS / name).stat().st_size < 300 * 1024


def test_readers_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for path in sorted(SEEDS.iterdir()):
        if path.suffix in SUPPORTED_SUFFIXES:
            assert read_path(path).text


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
    assert MAX_BYTES == 20 * 1024 * 1024


def test_uppercase_suffix(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "SEED.TXT"
    path.write_text(seed_text, encoding="utf-8")
    assert headings(read_path(path)) == SEED_HEADINGS


def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"does not exist.*moved, renamed or deleted"):
        read_path(tmp_path / "nowhere.txt")


def test_deleted_file(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "gone.txt"
    path.write_text(seed_text, encoding="utf-8")
    path.unlink()
    with pytest.raises(ReadError, match="does not exist") as err:
        read_path(path)
    assert str(path) in str(err.value)


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ReadError, match="is a folder"):
        read_path(folder)


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.docx", "empty.pdf"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReadError, match="is empty"):
        read_path(_bad(tmp_path, name, b""))


def test_blank_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="only blank space"):
        read_path(_bad(tmp_path, "blank.txt", b" \r\n\t\n  "))


def test_png_renamed_txt(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200)
    with pytest.raises(ReadError, match="not text but a PNG image"):
        read_path(_bad(tmp_path, "photo.txt", png))


def test_pdf_renamed_txt_says_to_rename(tmp_path: Path) -> None:
    data = (SEEDS / "article.pdf").read_bytes()
    with pytest.raises(ReadError, match=r"rename it to \.pdf"):
        read_path(_bad(tmp_path, "article.txt", data))


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="binary"):
        read_path(_bad(tmp_path, "data.md", b"\x01\x02\x00\x00\x10" * 100))


def test_random_bytes_txt(tmp_path: Path) -> None:
    import random

    rng = random.Random(3)
    data = bytes(rng.randrange(1, 256) for _ in range(5000))
    with pytest.raises(ReadError, match=r'Cannot open ".*noise.txt"'):
        read_path(_bad(tmp_path, "noise.txt", data))


def test_undecodable_bytes(tmp_path: Path, seed_text: str) -> None:
    data = seed_text.encode("utf-8")
    cut = data.index(b" ", 1000)
    data = data[:cut] + b"\xc0\xff" + data[cut:]
    with pytest.raises(ReadError, match=rf"invalid bytes \(the first at byte {cut}\).*re-save it as UTF-8"):
        read_path(_bad(tmp_path, "broken.txt", data))


def test_too_big(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 3 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(ReadError, match=r"is 23\.0 MB.*up to 20 MB"):
        read_path(path)


def test_exactly_max_is_not_refused_for_size(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES)  # all NUL bytes: refused as binary, not as too big
    with pytest.raises(ReadError, match="binary"):
        read_path(path)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"not really a zip archive" * 10,
        b"this is plain text, not a Word document",
    ],
)
def test_corrupt_docx(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ReadError, match=r"damaged or not a \.docx|not a valid Word document"):
        read_path(_bad(tmp_path, "broken.docx", data))


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hello")
    with pytest.raises(ReadError, match=r"damaged or not a \.docx"):
        read_path(path)


def test_old_doc_renamed_docx(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    with pytest.raises(ReadError, match=r"Word 97-2003.*save it as \.docx"):
        read_path(_bad(tmp_path, "old.docx", data))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n" + bytes(range(256)) * 20,
        (SEEDS / "article.pdf").read_bytes()[:3000],
    ],
)
def test_corrupt_pdf(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ReadError, match=r"damaged|no text layer"):
        read_path(_bad(tmp_path, "broken.pdf", data))


def test_text_named_pdf(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not a PDF file"):
        read_path(_bad(tmp_path, "notes.pdf", "ملاحظات".encode()))


@pytest.mark.parametrize("name", ["article.rtf", "article.doc", "README"])
def test_unsupported_extension_lists_the_supported_ones(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReadError, match=r"cannot read .*\.txt, \.md, \.html, \.htm, \.docx, \.pdf"):
        read_path(_bad(tmp_path, name, b"text"))


def test_error_messages_are_sentences(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read_path(tmp_path / "missing.pdf")
    message = str(err.value)
    assert message.startswith("Cannot open ") and message.endswith(".")


def test_clean_paragraph_blanks_exactly_the_control_characters() -> None:
    import unicodedata

    from app.text.readers.structure import clean_paragraph

    for c in range(0x10000):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF or unicodedata.category(ch) == "Zs" or ch.isspace():
            continue
        cleaned = clean_paragraph(f"ا{ch}ب")
        if unicodedata.category(ch) == "Cc":
            assert cleaned == "ا ب", hex(c)
        elif c in (0x200B, 0x200E, 0x200F, 0xFEFF) or 0x202A <= c <= 0x202E or 0x2066 <= c <= 0x2069:
            assert cleaned == "اب", hex(c)
        else:
            assert cleaned == unicodedata.normalize("NFC", f"ا{ch}ب"), hex(c)
