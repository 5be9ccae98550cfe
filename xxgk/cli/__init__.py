"""`python -m xxgk COMMAND`: one module per command under xxgk/cli/, each with HELP, add_arguments, run.

The commands are plain imports in one dict: a command whose module fails to import stops the CLI with that
error instead of vanishing from it. Each command imports what it runs inside `run`, so `python -m xxgk parse`
does not load the database, the briefing or the crawler.
"""

from __future__ import annotations

import argparse
import sys
from types import ModuleType

from xxgk.cli import brief, collect, demo, export, ingest, parse, reparse

COMMANDS: dict[str, ModuleType] = {
    "parse": parse, "ingest": ingest, "reparse": reparse, "export": export, "demo": demo, "brief": brief,
    "collect": collect,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xxgk", description="政府信息公开年报看板 (xxgk)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, mod in COMMANDS.items():
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
    args = parser.parse_args(argv)
    return int(COMMANDS[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
