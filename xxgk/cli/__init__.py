"""`python -m xxgk COMMAND`: one module per command under xxgk/cli/, each with HELP, add_arguments, run."""

from __future__ import annotations

import argparse
import importlib
import sys

# Command name -> module under xxgk.cli. Imported only when the command runs.
COMMANDS = ("parse", "ingest", "reparse", "export", "demo", "brief")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xxgk", description="政府信息公开年报看板 (xxgk)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"xxgk.cli.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"xxgk.cli.{name}":
                raise
            continue
        modules[name] = mod
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
