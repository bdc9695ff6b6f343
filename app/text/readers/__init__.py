"""Article readers: a file (txt, md, html, docx, pdf) or pasted text becomes an `Article`.

    read_path("news.pdf") -> Article      read_pasted(text) -> Article

Anything a person can get wrong (a missing, empty, binary, huge, damaged or unsupported file) raises
`ReadError` with a message that says what is wrong and what to do. The article's text is fixed here,
once: every later offset (tokens, entities, notes) points into it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.core.errors import ReadError
from app.core.models import Article
from app.text.decode import decode_bytes, sniff_binary
from app.text.readers.pdf import fix_pdf_line
from app.text.readers.structure import is_heading_line, mark_headings

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "fix_pdf_line",
    "is_heading_line",
    "mark_headings",
    "read_pasted",
    "read_path",
]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
MAX_BYTES = 20 * 1024 * 1024
_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


def _error(path: Path, reason: str) -> ReadError:
    return ReadError(f'Cannot open "{path}": {reason.rstrip(".")}.')


def _read_bytes(path: Path) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise _error(path, "the file does not exist (it may have been moved, renamed or deleted)") from None
    except PermissionError:
        raise _error(path, "permission denied; check that you may read this file") from None
    except OSError as err:
        raise _error(path, f"the file cannot be reached ({err.strerror or err})") from err
    if stat.S_ISDIR(st.st_mode):
        raise _error(path, "it is a folder, not a file; choose an article file inside it")
    if not stat.S_ISREG(st.st_mode):
        raise _error(path, "it is not a regular file")
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        shown = f'"{path.suffix}" files' if path.suffix else "files without an extension"
        raise _error(path, f"Qari cannot read {shown}; it reads {', '.join(SUPPORTED_SUFFIXES)}")
    if st.st_size == 0:
        raise _error(path, "the file is empty")
    if st.st_size > MAX_BYTES:
        raise _error(
            path,
            f"the file is {st.st_size / (1024 * 1024):.1f} MB and Qari opens files of up to "
            f"{MAX_BYTES // (1024 * 1024)} MB; split it, or copy the article's text and paste it",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _error(path, "the file was deleted while it was being opened") from None
    except PermissionError:
        raise _error(path, "permission denied; check that you may read this file") from None
    except OSError as err:
        raise _error(path, f"the file cannot be read ({err.strerror or err})") from err
    if len(data) > MAX_BYTES:
        raise _error(path, f"the file is over {MAX_BYTES // (1024 * 1024)} MB, the most Qari opens")
    if not data:
        raise _error(path, "the file is empty")
    return data


def read_path(path: str | os.PathLike[str]) -> Article:
    """Read an article from a file, choosing the reader by its extension."""
    p = Path(path)
    data = _read_bytes(p)
    fmt = _FORMATS[p.suffix.lower()]
    source = str(path)
    try:
        if fmt in ("txt", "md", "html"):
            kind = sniff_binary(data)
            if kind is not None:
                hint = ""
                if kind == "a PDF document":
                    hint = "; rename it to .pdf"
                elif kind.startswith("a ZIP"):
                    hint = "; if it is a Word document, rename it to .docx"
                raise ReadError(f"it is not text but {kind}{hint}")
        if fmt in ("txt", "md"):
            from app.text.readers.plain import markdown_article, text_article

            text, encoding = decode_bytes(data)
            if not text.strip():
                raise ReadError("the file holds only blank space")
            article = (
                markdown_article(text, source=source, encoding=encoding)
                if fmt == "md"
                else text_article(text, source=source, fmt="txt", encoding=encoding)
            )
        elif fmt == "html":
            from app.text.readers.webpage import html_article

            article = html_article(data, source=source)
        elif fmt == "docx":
            from app.text.readers.word import docx_article

            article = docx_article(p, data, source=source)
        else:
            from app.text.readers.pdf import pdf_article

            article = pdf_article(p, data, source=source)
    except ReadError as err:
        raise _error(p, str(err)) from err
    if not article.paragraphs:
        raise _error(p, "there is no readable text in it")
    return article


def read_pasted(text: str, source: str = "clipboard") -> Article:
    """An article from pasted text; its first line is the title when it is short."""
    from app.text.readers.plain import text_article

    if not text or not text.strip():
        raise ReadError("Nothing to read: the pasted text is empty. Copy the article's text and paste again.")
    article = text_article(text, source=source, fmt="paste")
    if not article.paragraphs:
        raise ReadError("Nothing to read: the pasted text has no visible characters.")
    return article
