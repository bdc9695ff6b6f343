"""Exports as the window and the command line use them: choose articles, build, write.

    from app.export.service import export_library
    path = export_library(lib, [3, 7], "pdf", "brief.pdf", passages="entities",
                          progress=lambda done, total: ..., cancel=threading.Event())

`write(doc, fmt, path)` writes an already built `Summary` or `Brief` in one of `FORMATS`. Writers live in
their own modules and are imported when used (the PDF writer loads Qt).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.export.summary import (
    DEFAULT_KEY_PASSAGES,
    Brief,
    CancelFlag,
    ExportError,
    NoteView,
    Passages,
    Progress,
    Summary,
    SummaryInput,
    build_brief,
    check_cancel,
)

if TYPE_CHECKING:
    from app.store.library import Library

FORMATS: tuple[str, ...] = ("html", "pdf", "md", "docx", "csv", "json")
SUFFIXES: dict[str, str] = {
    "html": ".html",
    "pdf": ".pdf",
    "md": ".md",
    "docx": ".docx",
    "csv": ".csv",
    "json": ".json",
}
_BY_SUFFIX = {".htm": "html", ".markdown": "md", **{v: k for k, v in SUFFIXES.items()}}


def format_for_path(path: str | Path) -> str | None:
    """The format a file name asks for (`.pdf` -> "pdf"), or None."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def render_text(doc: Summary | Brief, fmt: str, *, lang: str = "ar", mark: bool = False) -> str:
    """A text format (html, md, csv, json) as a string, e.g. for printing to a terminal."""
    if fmt == "html":
        from app.export.html import render_html

        return render_html(doc, lang=lang)
    if fmt == "md":
        from app.export.markdown import render_markdown

        return render_markdown(doc, lang=lang, style="mark" if mark else "bold")
    if fmt == "csv":
        from app.export.tabular import render_csv

        return render_csv(doc)
    if fmt == "json":
        from app.export.tabular import render_json

        return render_json(doc)
    raise ExportError(f"The {fmt} format is a file, not text; give a file name with -o.")


def write(
    doc: Summary | Brief,
    fmt: str,
    path: str | Path,
    *,
    lang: str = "ar",
    mark: bool = False,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Path:
    """Write `doc` as `fmt` to `path` (all or nothing); returns the absolute path written."""
    target = Path(path)
    writer: Callable[..., Path]
    kwargs: dict[str, Any] = {"progress": progress, "cancel": cancel}
    if fmt == "html":
        from app.export.html import write_html as writer

        kwargs["lang"] = lang
    elif fmt == "pdf":
        from app.export.pdf import write_pdf as writer

        kwargs["lang"] = lang
    elif fmt == "md":
        from app.export.markdown import write_markdown as writer

        kwargs.update(lang=lang, style="mark" if mark else "bold")
    elif fmt == "docx":
        from app.export.docx import write_docx as writer

        kwargs["lang"] = lang
    elif fmt == "csv":
        from app.export.tabular import write_csv as writer
    elif fmt == "json":
        from app.export.tabular import write_json as writer
    else:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
    return writer(doc, target, **kwargs)


# --- from the library ---------------------------------------------------------------------------------


def input_from_library(lib: Library, article_id: int) -> SummaryInput:
    """An article of the library with its saved entities, notes and tags."""
    saved = lib.get_article(article_id)
    stored = lib.entities_of(article_id)
    keys = {e.id: e.key for e in stored}
    notes: list[NoteView] = []
    for n in lib.notes_for_article(article_id):
        if n.entity_id is not None:
            notes.append(
                NoteView(n.body, None, None, keys.get(n.entity_id, f"?:{n.entity_name or ''}"), n.created_at)
            )
        else:
            notes.append(NoteView(n.body, n.start, n.end, None, n.created_at))
    return SummaryInput(
        saved.article,
        [e.to_entity() for e in stored],
        notes,
        saved.info.tags,
        str(article_id),
    )


def select_ids(
    lib: Library, ids: Sequence[int] = (), query: str | None = None, limit: int = 200
) -> list[int]:
    """The articles to export: `ids` as given (duplicates dropped), then those matching `query`."""
    chosen = list(dict.fromkeys(ids))
    if query is not None and query.strip():
        found = [r.id for r in lib.search(query, limit=limit)]
        if not found:
            raise ExportError(f"No saved article matches {query!r}; nothing to export.")
        chosen += [i for i in found if i not in chosen]
    if not chosen:
        raise ExportError("Nothing to export: give article numbers or a search (--query).")
    return chosen


def export_library(
    lib: Library,
    ids: Sequence[int],
    fmt: str,
    path: str | Path,
    *,
    query: str | None = None,
    title: str = "",
    passages: Passages = "full",
    max_passages: int = DEFAULT_KEY_PASSAGES,
    lang: str = "ar",
    mark: bool = False,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Path:
    """Export saved articles (a summary for one, a brief for several).

    `progress(done, total)` counts reading and laying out each article (2 steps an article); `cancel` is
    checked between articles and raises `ExportCancelled` with nothing written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
    chosen = list(dict.fromkeys(ids))
    if not chosen:
        raise ExportError("Nothing to export: choose at least one article (or a search that finds some).")
    total = 2 * len(chosen)

    def step(offset: int) -> Progress:
        def report(done: int, _total: int) -> None:
            if progress is not None:
                progress(offset + done, total)

        return report

    items: list[SummaryInput] = []
    for article_id in chosen:
        check_cancel(cancel)
        items.append(input_from_library(lib, article_id))
    brief = build_brief(
        items,
        title=title,
        query=query,
        passages=passages,
        max_passages=max_passages,
        progress=step(0),
        cancel=cancel,
    )
    return write(brief, fmt, path, lang=lang, mark=mark, progress=step(len(chosen)), cancel=cancel)
