"""Uploads reach the server only from a session that has typed the admin password, within size caps.

Streamlit serves `PUT /_stcore/upload_file/<session>/<file>` to every session, whether or not the import
page is open to it; the handler first asks `runtime.is_active_session(session)`, then reads the body (at
most `server.maxUploadSize`, 50 MB in .streamlit/config.toml) and hands it to the runtime's
`MemoryUploadedFileManager.add_file`, which keeps it in memory until the session ends. `install()`, called
by app.py on every run (it acts once per server), wraps those two on the running server's objects:

- `is_active_session` answers "no" for any session not admitted by `admit()` (the import page calls it
  once the password was right) and for an admitted session already holding its cap: the handler then
  answers 400 before it reads one byte of the body;
- `add_file` refuses (413) a file that would take the session past `upload_session_mb` or the server
  past `upload_server_mb`, counted over the files the manager holds.

Limits: the wrap is installed by the first script run after the server starts, so a request arriving
before any session has run app.py is served by the plain handler (still capped per request by
`server.maxUploadSize`); an admitted session may have a few requests in flight at once, each up to
`server.maxUploadSize`, before `add_file` counts them. Both rely on Streamlit 1.67's handler calling the
runtime's `is_active_session` and the manager's `add_file` (tests/hardening/test_uploads.py checks it
against the installed version).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from xxgk import settings

log = logging.getLogger("xxgk.uploads")
_admitted: set[str] = set()
_active: list[Any] = []  # the runtime's own is_active_session, once install() has wrapped it
_lock = threading.Lock()
_MARK = "_xxgk_upload_gate"


def _held(mgr: Any, session_id: str | None = None) -> int:
    storage = mgr.file_storage
    sessions = [storage.get(session_id, {})] if session_id is not None else list(storage.values())
    return sum(len(f.data) for files in sessions for f in list(files.values()))


_last_note = [0.0]


def _note(message: str) -> None:
    """Log a refusal, at most once a minute (a flood must not fill the log instead)."""
    now = time.monotonic()
    if now - _last_note[0] >= 60:
        _last_note[0] = now
        log.warning(message)


def caps() -> tuple[int, int]:
    """(bytes one session may hold, bytes the server may hold) in uploaded files."""
    mb = 1024 * 1024
    return settings.get_int("upload_session_mb") * mb, settings.get_int("upload_server_mb") * mb


def install() -> bool:
    """Wrap the running server's upload path (once); False when there is no server (AppTest, bare mode)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return False
    runtime = Runtime.instance()
    mgr = runtime.uploaded_file_mgr
    with _lock:
        if getattr(runtime, _MARK, False):
            return True
        active, add = runtime.is_active_session, mgr.add_file  # type: ignore[attr-defined]  # the memory manager's

        def is_active_session(session_id: str) -> bool:
            if not active(session_id):
                return False
            if session_id not in _admitted:
                _note("upload refused: the session has not typed the admin password")
                return False
            per_session, _ = caps()
            return _held(mgr, session_id) < per_session

        def add_file(session_id: str, file: Any) -> None:
            from starlette.exceptions import HTTPException

            if session_id not in _admitted:
                raise HTTPException(status_code=403, detail="uploads need the admin password")
            per_session, per_server = caps()
            size = len(file.data)
            if _held(mgr, session_id) + size > per_session or _held(mgr) + size > per_server:
                _note("upload refused: a file would pass the upload cap")
                raise HTTPException(status_code=413, detail="upload cap reached")
            add(session_id, file)

        _active.append(active)
        runtime.is_active_session = is_active_session  # type: ignore[method-assign]
        mgr.add_file = add_file  # type: ignore[attr-defined]
        setattr(runtime, _MARK, True)
    return True


def admit() -> None:
    """Let this browser session upload (call only after the admin password was checked)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    with _lock:
        if _active:  # forget sessions that have ended
            _admitted.intersection_update({s for s in _admitted if _active[0](s)})
        _admitted.add(ctx.session_id)
