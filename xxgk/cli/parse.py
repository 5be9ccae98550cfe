"""`python -m xxgk parse FILE...`: one JSON object per file (JSON Lines); nothing is written anywhere."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from typing import TYPE_CHECKING, Any

from xxgk import settings
from xxgk.errors import XxgkError

if TYPE_CHECKING:
    from xxgk.report import Report

HELP = "解析年报文件，每个文件输出一行 JSON（parse contract）；任一文件无法解析时退出码为 1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="report files (.txt .html .pdf .docx .doc)")


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no reader's `except Exception` swallows it."""


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def parse_path(path: str) -> Report:
    """xxgk.pipeline.parse_path, loaded when the first file is parsed: the other commands start without the parser."""
    from xxgk.pipeline import parse_path as parse

    return parse(path)


def parse_one(path: str) -> tuple[dict[str, Any], bool]:
    """The contract's JSON object for one file, and whether it parsed (within the parse_timeout_s setting)."""
    limit = settings.get_int("parse_timeout_s")
    if limit > 0 and hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(limit)
    try:
        return parse_path(path).to_json(), True
    except _Timeout:
        return {"source": path, "error": {
            "code": "timeout",
            "message": f"解析超过 {limit} 秒仍未完成，已停止：文件过大或结构异常，不像一份年度报告"
                       "（上限可用环境变量 XXGK_PARSE_TIMEOUT_S 调整）。"}}, False
    except XxgkError as e:
        return {"source": path, "error": {"code": e.code, "message": e.message}}, False
    except MemoryError:
        return {"source": path, "error": {"code": "too_large", "message": "文件太大，内存不足，无法解析。"}}, False
    except Exception as e:  # never a traceback: say what happened and what to do
        return {"source": path, "error": {
            "code": "internal",
            "message": f"解析时出现程序内部错误（{type(e).__name__}: {e}）。文件已跳过；请把这个文件附在问题报告里。",
        }}, False
    finally:
        if limit > 0 and hasattr(signal, "SIGALRM"):
            signal.alarm(0)


def run(args: argparse.Namespace) -> int:
    ok_all = True
    out = sys.stdout
    for path in args.files:
        obj, ok = parse_one(path)
        ok_all &= ok
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()
    return 0 if ok_all else 1
