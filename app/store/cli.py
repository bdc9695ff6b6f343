"""Commands over the library: `import`, `search`, `notes`, `entities` (thin layers over `Library`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.core.models import ALL_TYPES


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "import":
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
        parser.add_argument(
            "--recognizer",
            default="bundled",
            help="recognizer that finds the entities (bundled or camel; default: bundled)",
        )
        parser.add_argument(
            "--no-recognize", action="store_true", help="save the articles without finding entities"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes that read and recognize (default: all cores but one, at most 4; 1 on two cores)",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
    elif name == "search":
        parser.add_argument(
            "query", nargs="?", default="", help='words to find (all of them); "..." a phrase'
        )
        parser.add_argument("--entity", metavar="NAME", help="only articles that mention this entity")
        parser.add_argument("--type", metavar="T", choices=ALL_TYPES, help="entity type (PERS, LOC, ORG)")
        parser.add_argument("--tag", metavar="T", help="only articles with this tag")
        parser.add_argument("--starred", action="store_true", help="only starred articles")
        parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="articles on or after")
        parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="articles on or before")
        parser.add_argument("--limit", type=int, default=20, help="most results to show (default 20)")
        parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    elif name == "notes":
        parser.add_argument("id", type=int, metavar="ID", help="number of the saved article")
        parser.add_argument("--deleted", action="store_true", help="show the deleted notes instead")
        parser.add_argument("--json", action="store_true", help="print a JSON list of notes")
    elif name == "entities":
        parser.add_argument("--type", metavar="T", choices=ALL_TYPES, help="only entities of this type")
        parser.add_argument("--limit", type=int, default=None, help="most entities to list")
        parser.add_argument(
            "--entity", metavar="NAME", help="show one entity: its articles and who appears with it"
        )
        parser.add_argument("--json", action="store_true", help="print JSON")


def run(name: str, args: argparse.Namespace) -> int:
    from app.store.library import Library

    if name == "import":
        return _import(args)
    with Library.open(args.data_dir) as lib:
        if name == "search":
            return _search(lib, args)
        if name == "notes":
            return _notes(lib, args)
        if name == "entities":
            return _entities(lib, args)
    raise ValueError(f"unknown command {name}")


def _import(args: argparse.Namespace) -> int:
    from app.store.importer import default_workers, import_paths

    interactive = sys.stderr.isatty()
    width = 0

    def progress(done: int, total: int, path: Path) -> None:
        nonlocal width
        line = f"[{done}/{total}] {path.name}"
        if interactive:
            pad = max(0, width - len(line))
            print("\r" + line + " " * pad, end="", file=sys.stderr, flush=True)
            width = len(line)
        else:
            print(line, file=sys.stderr, flush=True)

    report = import_paths(
        args.paths,
        data_dir=args.data_dir,
        recognizer=None if args.no_recognize else args.recognizer,
        progress=progress,
        workers=args.workers if args.workers is not None else default_workers(),
    )
    if interactive and width:
        print(file=sys.stderr)
    if args.json:
        doc = {
            "imported": report.imported,
            "already": [{"path": str(p), "id": i} for p, i in report.already],
            "skipped": [{"path": str(p), "reason": r} for p, r in report.skipped],
            "cancelled": report.cancelled,
        }
        print(json.dumps(doc, ensure_ascii=False, indent=1))
    else:
        print(
            f"imported {len(report.imported)}, already in the library {len(report.already)}, "
            f"skipped {len(report.skipped)}"
        )
        for p, reason in report.skipped:
            print(f"skipped {p}: {reason}")
    return 1 if report.skipped else 0


def _search(lib: Any, args: argparse.Namespace) -> int:
    results = lib.search(
        args.query,
        entity=args.entity,
        label=args.type,
        tag=args.tag,
        starred=True if args.starred else None,
        date_from=args.date_from,
        date_to=args.date_to,
        limit=args.limit,
    )
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=1))
        return 0
    if not results:
        print("no results", file=sys.stderr)
        return 0
    color = sys.stdout.isatty()
    for r in results:
        star = "★ " if r.starred else ""
        print(f"{r.id}\t{star}{r.title}")
        print("\t" + _marked(r.snippet, r.highlights, color))
    return 0


def _marked(text: str, spans: tuple[tuple[int, int], ...], color: bool) -> str:
    before, after = ("\x1b[1;33m", "\x1b[0m") if color else ("[", "]")
    out, pos = [], 0
    for s, e in spans:
        out += [text[pos:s], before, text[s:e], after]
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _notes(lib: Any, args: argparse.Namespace) -> int:
    saved = lib.get_article(args.id)
    notes = lib.notes_for_article(args.id, deleted=args.deleted)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": n.id,
                        "kind": n.kind,
                        "body": n.body,
                        "quote": n.quote,
                        "start": n.start,
                        "end": n.end,
                        "entity": n.entity_name,
                        "created_at": n.created_at,
                        "updated_at": n.updated_at,
                        "deleted_at": n.deleted_at,
                    }
                    for n in notes
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    print(f"{saved.id}\t{saved.info.title}")
    if not notes:
        print("no notes", file=sys.stderr)
    for n in notes:
        if n.kind == "passage":
            where = f"on «{n.quote}» ({n.start}-{n.end})"
        elif n.kind == "entity":
            where = f"on {n.entity_name} (every article)"
        else:
            where = "on the article"
        print(f"\n#{n.id} {where}, {n.updated_at[:16].replace('T', ' ')}")
        print(n.body)
    return 0


def _entities(lib: Any, args: argparse.Namespace) -> int:
    if args.entity:
        found = lib.find_entities(args.entity, args.type)
        if not found:
            print(f"no entity called {args.entity}", file=sys.stderr)
            return 1
        views = [lib.entity_view(e.id) for e in found[:5]]
        if args.json:
            print(
                json.dumps(
                    [
                        v.entity.to_dict()
                        | {
                            "in_articles": [
                                {"id": a.id, "title": a.title, "mentions": n} for a, n in v.articles
                            ],
                            "co_occurring": [e.to_dict() | {"shared_articles": n} for e, n in v.co_occurring],
                            "notes": [n.body for n in v.notes],
                        }
                        for v in views
                    ],
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return 0
        for v in views:
            e = v.entity
            print(f"{e.name}\t{e.label}\t{e.articles} articles\t{e.mentions} mentions")
            for a, n in v.articles:
                print(f"  article {a.id}\t{n}×\t{a.title}")
            if v.co_occurring:
                print("  seen with: " + ", ".join(f"{c.name} ({n})" for c, n in v.co_occurring))
            for note in v.notes:
                print(f"  note #{note.id}: {note.body}")
        return 0
    entities = lib.entity_overview(label=args.type, limit=args.limit)
    if args.json:
        print(json.dumps([e.to_dict() for e in entities], ensure_ascii=False, indent=1))
        return 0
    for e in entities:
        print(f"{e.name}\t{e.label}\t{e.articles}\t{e.mentions}")
    return 0
