"""`qari export`: summaries of saved articles as HTML, PDF, Markdown, DOCX, CSV or JSON.

    qari [--data-dir DIR] export ID... [--query QUERY] --format html|pdf|md|docx|csv|json -o PATH
    qari export --file article.txt -o summary.pdf        # a file, without saving it to the library

One article gives its summary; several (or a search) give a brief with a combined entity index. `--format`
may be left out when `-o` ends in a known suffix. `-o -` prints a text format (html, md, csv, json) to
standard output; there `--visual` reorders each line for terminals that cannot lay out Arabic (python-bidi's
`get_display`). Files always hold the text in logical order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.export.service import FORMATS, format_for_path
from app.export.summary import DEFAULT_KEY_PASSAGES, PASSAGE_MODES, ExportError


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="numbers of saved articles")
    parser.add_argument("--query", "-q", metavar="QUERY", help="also export the articles this search finds")
    parser.add_argument("--limit", type=int, default=200, help="most articles a search adds (default 200)")
    parser.add_argument(
        "--file",
        dest="files",
        action="append",
        default=[],
        metavar="PATH",
        type=Path,
        help="export a file (txt, html, docx, pdf) without saving it: its entities are recognized now",
    )
    parser.add_argument("--format", "-f", choices=FORMATS, help="file format (default: from -o's suffix)")
    parser.add_argument("-o", "--output", required=True, metavar="PATH", help="file to write; - for stdout")
    parser.add_argument(
        "--passages",
        choices=PASSAGE_MODES,
        default="full",
        help="the whole text (full), the paragraphs with most entities (entities) or those with notes",
    )
    parser.add_argument(
        "--max-passages",
        type=int,
        default=DEFAULT_KEY_PASSAGES,
        metavar="N",
        help=f"how many key passages with --passages entities (default {DEFAULT_KEY_PASSAGES})",
    )
    parser.add_argument("--title", default="", help="title of a brief")
    parser.add_argument(
        "--lang", choices=("ar", "en"), default="ar", help="language of headings (default ar)"
    )
    parser.add_argument(
        "--mark", action="store_true", help="Markdown: highlight with ==mark== instead of **bold**"
    )
    parser.add_argument(
        "--recognizer", default="bundled", help="recognizer for --file (bundled or camel; default bundled)"
    )
    parser.add_argument(
        "--visual",
        action="store_true",
        help="with -o -: print Arabic in visual order for terminals that cannot shape it",
    )


def _progress(total_hint: int) -> Any:
    if total_hint < 5 or not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        print(f"\rexporting… {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return report


def _file_inputs(paths: list[Path], recognizer_name: str, data_dir: str | None) -> list[Any]:
    from app.export.summary import SummaryInput
    from app.ner.base import get_recognizer
    from app.ner.corrections import load_corrections
    from app.ner.service import analyze
    from app.text.readers import read_path

    recognizer = get_recognizer(recognizer_name)
    corrections = load_corrections(data_dir).ops
    items = []
    for path in paths:
        article = read_path(path)
        items.append(SummaryInput(article, analyze(article, recognizer, corrections)))
    return items


def to_terminal(text: str, visual: bool) -> str:
    """Text for a terminal: unchanged, or each line in visual order (`--visual`)."""
    if not visual:
        return text
    from bidi import get_display

    return "\n".join(get_display(line) for line in text.split("\n"))


def run(name: str, args: argparse.Namespace) -> int:
    from app.export import service
    from app.export.summary import build_brief

    to_stdout = args.output == "-"
    fmt = args.format or (None if to_stdout else format_for_path(args.output))
    if fmt is None:
        raise ExportError(
            f"Cannot tell the format from {args.output!r}; add --format ({', '.join(FORMATS)})."
        )
    if to_stdout and fmt in ("pdf", "docx"):
        raise ExportError(f"A {fmt} file cannot go to the terminal; give a file name with -o.")
    if args.visual and not to_stdout:
        print(
            "qari: --visual only changes what is printed (-o -); files keep logical order.", file=sys.stderr
        )
    if not args.ids and not args.query and not args.files:
        raise ExportError("Nothing to export: give article numbers, --query QUERY or --file PATH.")

    items: list[Any] = []
    if args.ids or args.query:
        from app.store.library import Library

        with Library.open(args.data_dir) as lib:
            ids = service.select_ids(lib, args.ids, args.query, args.limit)
            if not args.files and not to_stdout:
                path = service.export_library(
                    lib,
                    ids,
                    fmt,
                    args.output,
                    query=args.query,
                    title=args.title,
                    passages=args.passages,
                    max_passages=args.max_passages,
                    lang=args.lang,
                    mark=args.mark,
                    progress=_progress(len(ids)),
                )
                print(f"exported {len(ids)} article{'s' if len(ids) != 1 else ''} to {path}")
                return 0
            items = [service.input_from_library(lib, i) for i in ids]
    if args.files:
        items += _file_inputs(args.files, args.recognizer, args.data_dir)
    brief = build_brief(
        items,
        title=args.title,
        query=args.query,
        passages=args.passages,
        max_passages=args.max_passages,
    )
    if to_stdout:
        text = service.render_text(brief, fmt, lang=args.lang, mark=args.mark)
        sys.stdout.write(to_terminal(text, args.visual))
        return 0
    path = service.write(
        brief, fmt, args.output, lang=args.lang, mark=args.mark, progress=_progress(len(items))
    )
    print(f"exported {len(items)} article{'s' if len(items) != 1 else ''} to {path}")
    return 0
