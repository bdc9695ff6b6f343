"""PDF documents through pypdf's text layer.

pypdf's layout mode keeps each printed line whole but gives Arabic lines in *visual* order (left to
right, as painted), so every line is checked and, when reversed, turned back into logical order by
`fix_pdf_line`. Some fonts' ligatures come out of layout mode in logical order inside a reversed line,
and pypdf's plain mode misplaces fragments with other fonts, so each page is read both ways and the
less scrambled text (`scramble_count`) is kept. Presentation forms (the shaped glyphs some PDFs carry,
U+FB50–U+FEFF) are folded to base letters, a lam-alef ligature into its two letters. Wrapped lines are
joined into paragraphs; short lines without final punctuation between paragraphs are headings.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from app.core.errors import ReadError
from app.core.models import Article
from app.text.normalize import fold_presentation_forms
from app.text.readers.structure import clean_paragraph, ends_sentence, is_heading_line, mark_headings

_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFC]+")
# A run that is written left to right inside a right-to-left line: Latin words, numbers, and the
# punctuation between them ("C-RAM", "2021/07/29", "3.5%", "U.S.").
_LTR_RUN = re.compile(
    r"[A-Za-z0-9\u00C0-\u024F%](?:[A-Za-z0-9\u00C0-\u024F.,:/%&'_+\-]*[A-Za-z0-9\u00C0-\u024F%])?"
)
_LTR_PHRASE = re.compile(rf"{_LTR_RUN.pattern}(?:\s+{_LTR_RUN.pattern})*")
_MARK_AFTER_SPACE = re.compile(r"\s+([\u064B-\u0652\u0670])")
_AR = "\u0621-\u064a\u0671-\u06d3"
# Kashida justification (tatweel between two letters) and stray Latin letters that some fonts' Unicode
# maps put inside an Arabic word: neither is text.
_KASHIDA = re.compile(rf"(?<=[{_AR}])\u0640+(?=[{_AR}])")
_STRAY_LATIN = re.compile(rf"(?<=[{_AR}])[\u00C0-\u024F](?=[{_AR}])")
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:page|صفحة|ص)\s*)?[0-9٠-٩]+(?:\s*(?:/|of|من)\s*[0-9٠-٩]+)?[-–—\s]*$", re.I
)


_JUNK_TITLE = re.compile(
    r"^(?:microsoft \w+ - |untitled\b|document\d*$)|\.(?:docx?|pdf|odt|rtf|txt|html?|indd|qxp)$",
    re.IGNORECASE,
)


def reversed_evidence(line: str) -> int:
    """Positive when the Arabic words of `line` read backwards (visual order), negative when they read
    forwards, 0 when there is nothing to tell.

    Teh marbuta and alef maksura end words, the article "ال" starts them: a line whose words start
    with ة/ى or end with "لا" (ال reversed) far more often than the opposite is reversed.
    """
    score = 0
    for word in _ARABIC_WORD.findall(fold_presentation_forms(line)):
        if len(word) < 2:
            continue
        if word[0] in "ةى":
            score += 2
        if word[-1] in "ةى":
            score -= 2
        if len(word) > 3 and word.endswith("لا"):
            score += 1
        if len(word) > 3 and word.startswith("ال"):
            score -= 1
    return score


def visual_to_logical(line: str) -> str:
    """Reverse a visual-order line: characters reversed, but Latin words and numbers (painted left to
    right) kept in their order, and a mark never left alone after a space.

    Brackets are not swapped: the text layer maps a mirrored glyph back to its logical character, so
    ")عاو(" read backwards is already "(واع)"."""
    rev = line[::-1]
    rev = _LTR_PHRASE.sub(lambda m: m.group(0)[::-1], rev)
    return _MARK_AFTER_SPACE.sub(r"\1", rev)


def fix_pdf_line(line: str, reversed_hint: bool | None = None) -> str:
    """One line of PDF text in logical order with presentation forms folded.

    `reversed_hint` decides for a line with no evidence either way (the page's majority)."""
    score = reversed_evidence(line)
    is_reversed = score > 0 if score != 0 else bool(reversed_hint)
    if not _ARABIC_WORD.search(line):
        is_reversed = False  # a line with no Arabic in it is painted left to right: nothing to undo
    if is_reversed:
        # Reverse before folding, so a lam-alef ligature (one code point) keeps its two letters in order.
        line = visual_to_logical(line)
    line = fold_presentation_forms(line)
    return _STRAY_LATIN.sub("", _KASHIDA.sub("", line))


# Signs that a page's text came out scrambled: a word starting with two alefs ("األمريكية": a lam-alef
# ligature left in logical order inside a reversed line), teh marbuta/alef maksura inside a word, a mark
# with no letter before it, a line starting with closing punctuation.
_SCRAMBLED = (
    re.compile(r"(?<![^\s\"«(])ا[اأإآ]"),
    re.compile(r"[ةى][\u0621-\u064A]"),
    re.compile(r"(?:^|\s)[\u064B-\u0652]"),
    re.compile(r"^[.،:؛!؟]", re.MULTILINE),
)


def scramble_count(lines: list[str]) -> int:
    """How many signs of scrambled Arabic the lines show (0 for clean text)."""
    text = "\n".join(lines)
    return sum(len(p.findall(text)) for p in _SCRAMBLED)


def _fix_lines(text: str) -> list[str]:
    raw = [re.sub(r"\s+", " ", ln).strip() for ln in text.splitlines()]
    raw = [ln for ln in raw if ln]
    evidence = [reversed_evidence(ln) for ln in raw]
    votes = sum(1 if e > 0 else -1 for e in evidence if e != 0)
    return [clean_paragraph(fix_pdf_line(ln, reversed_hint=votes > 0)) for ln in raw]


def _page_lines(page: Any) -> list[str]:
    """The page's lines in logical order. pypdf's layout mode keeps lines whole (in visual order, which
    `fix_pdf_line` undoes) but keeps ligatures of some fonts in logical order; its plain mode gets those
    right but misplaces fragments with other fonts. Both are tried and the cleaner one wins."""
    candidates: list[list[str]] = []
    for mode in ("plain", "layout"):
        try:
            text = page.extract_text(extraction_mode=mode) or ""
        except Exception:  # pypdf's layout mode gives up on some odd pages; the other mode may not
            continue
        if mode == "plain" and text and not _ARABIC_WORD.search(text):
            return _fix_lines(text)  # no Arabic: nothing is reversed, plain mode is enough (and fast)
        candidates.append(_fix_lines(text))
    if not candidates:
        return []
    # A tie keeps layout mode (it keeps lines whole).
    return min(reversed(candidates), key=scramble_count)


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, and a header or footer line repeated (digits aside) on most pages."""
    pages = [[ln for ln in p if ln and not _PAGE_NUMBER.match(ln)] for p in pages]
    if len(pages) < 3:
        return pages

    def key(line: str) -> str:
        return re.sub(r"[0-9٠-٩]+", "#", line)

    edge: Counter[str] = Counter()
    for p in pages:
        if len(p) >= 3:
            edge.update({key(p[0]), key(p[-1])})
    running = {k for k, n in edge.items() if n >= max(3, 0.6 * len(pages))}
    if not running:
        return pages
    out = []
    for p in pages:
        if len(p) >= 3:
            p = [ln for i, ln in enumerate(p) if not (i in (0, len(p) - 1) and key(ln) in running)]
        out.append(p)
    return out


def lines_to_paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines: a line ending a sentence, or clearly shorter than a full line, ends its
    paragraph; a short unpunctuated line after a finished paragraph stands alone (a heading)."""
    if not lines:
        return []
    lengths = sorted(len(ln) for ln in lines)
    full = lengths[int(0.9 * (len(lengths) - 1))]
    short = 0.7 * full
    out: list[str] = []
    buf: list[str] = []
    for line in lines:
        if not buf and len(line) < short and is_heading_line(line):
            out.append(line)
            continue
        if buf and re.search(r"[a-z]-$", buf[-1]) and line[:1].islower():
            buf[-1] = buf[-1][:-1] + line
        else:
            buf.append(line)
        if ends_sentence(line) or len(line) < short:
            out.append(" ".join(buf))
            buf = []
    if buf:
        out.append(" ".join(buf))
    return out


def pdf_article(path: Path, data: bytes, *, source: str) -> Article:
    if b"%PDF-" not in data[:1024]:
        raise ReadError("it is not a PDF file (it does not start with %PDF); it may be damaged or misnamed")
    import pypdf
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = pypdf.PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as err:
                raise ReadError(
                    "the PDF is password-protected; open it with its password and save an unprotected copy"
                ) from err
        pages = list(reader.pages)
        if not pages:
            raise ReadError("the PDF has no pages; it may be damaged")
        page_lines = [_page_lines(p) for p in pages]
        title = reader.metadata.title if reader.metadata else None
    except ReadError:
        raise
    except FileNotDecryptedError as err:
        raise ReadError(
            "the PDF is password-protected; open it with its password and save an unprotected copy"
        ) from err
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as err:
        raise ReadError(f"the PDF is damaged and cannot be read ({type(err).__name__}: {err})") from err
    except RecursionError as err:
        raise ReadError("the PDF is damaged and cannot be read (its structure loops)") from err

    text = "\n".join(ln for p in page_lines for ln in p)
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < 20:
        raise ReadError(
            "this PDF has no text layer (scanned?): its pages are pictures of text. Run OCR on it first "
            "(for example `ocrmypdf -l ara in.pdf out.pdf`) or copy the text from the original source"
        )
    odd = sum(1 for ch in text if ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF)
    if odd > 0.1 * letters:
        raise ReadError(
            "the PDF's text layer cannot be decoded (its fonts have no Unicode map); export it again from "
            "the program that made it, or run OCR on it"
        )
    paragraphs = lines_to_paragraphs([ln for p in _drop_running_lines(page_lines) for ln in p])
    doc_title = clean_paragraph(fold_presentation_forms(title)) if isinstance(title, str) else ""
    if _JUNK_TITLE.search(doc_title):
        doc_title = ""  # "Microsoft Word - report.docx", "untitled": not the article's title
    # A title wrapped over two or three lines is one heading when the PDF's metadata names it.
    for k in (2, 3):
        if doc_title and paragraphs[:1] != [doc_title] and " ".join(paragraphs[:k]) == doc_title:
            paragraphs[:k] = [doc_title]
            break
    pairs = mark_headings(paragraphs)
    return Article.from_paragraphs(pairs, title=doc_title, source=source, fmt="pdf")
