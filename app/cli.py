"""Command line: `qari [FILE]` opens the reader; `qari COMMAND ...` runs a command.

The commands are thin: each parses its arguments and calls the same library functions the window uses.
Every command module is imported only when its command runs, so `qari --help` and the window start fast.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import os
import sys
from collections.abc import Callable, Sequence

from app.core.errors import QariError

log = logging.getLogger("qari")

# command name -> (module, help). The module has `add_arguments(parser)` and `run(args) -> int`.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("app.ner.cli", "list the people, places and organizations in a file"),
    "eval": ("app.ner.cli", "score a recognizer on a CoNLL file"),
    "train": ("app.ner.cli", "train the bundled recognizer"),
    "import": ("app.store.cli", "import files or folders into the library"),
    "search": ("app.store.cli", "search the library"),
    "notes": ("app.store.cli", "print the notes of a saved article"),
    "entities": ("app.store.cli", "list the entities across the library"),
    "export": ("app.export.cli", "export summaries of saved articles"),
}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qari",
        description="Qari (قارئ): read Arabic news offline; find people, places and organizations.",
    )
    parser.add_argument(
        "--data-dir",
        default=os.environ.get("QARI_DATA_DIR"),
        help="folder of the library and settings (default: the platform's user data folder; "
        "env QARI_DATA_DIR)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        if importlib.util.find_spec(module_name) is None:
            continue  # a command whose package is not built yet
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module_name)
        # Argument definitions live with the command; loading them is cheap (no models).
        module = importlib.import_module(module_name)
        add: Callable[[str, argparse.ArgumentParser], None] = module.add_arguments
        add(name, p)
    return parser


def _split_gui_args(argv: Sequence[str]) -> bool:
    """True when argv names no command: the window opens (optionally on a file)."""
    for arg in argv:
        if arg in COMMANDS:
            return False
        if arg in ("-h", "--help"):
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.DEBUG if ("-v" in args_list or "--verbose" in args_list) else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if _split_gui_args(args_list):
        from app.ui.main import run_gui

        gui_code: int = run_gui(args_list)
        return gui_code
    parser = _build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 0
    module = importlib.import_module(args._module)
    try:
        code: int = module.run(args.command, args)
        return code
    except QariError as err:
        print(f"qari: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qari: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
