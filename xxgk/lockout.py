"""The import page's guard against password guessing, which a stranger cannot turn against the administrator.

Two limits, neither of which locks anyone else out:

- **per browser session**: the first `max_failures` wrong passwords of a session cost nothing extra; each
  one after that makes that session wait `lock_s`, doubling each time, up to an hour. Another session (the
  administrator's own tab) is not affected.
- **server-wide**: at most one password check every `interval_s` seconds across the server, and across every
  dashboard process sharing the state file (the replicas of `deploy/`). A check waits for its turn instead
  of being refused; only when the queue is longer than `MAX_QUEUE_S` is a check turned away, with the
  seconds to wait. Opening many sessions therefore buys a guesser nothing beyond one guess a second.

Both are kept in a small JSON file beside the database (`<db>.login.json`, never the database itself), so a
restart neither clears a session's delay nor opens a burst of checks. The file is read and written under
an exclusive `flock`; if it cannot be written (a read-only folder) the guard keeps its state in memory and
says so in the log. Times in the file are wall-clock seconds; `now` is injected so that tests do not wait.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_LOCK_S = 3600.0
MAX_QUEUE_S = 30.0  # longest a check waits for its server-wide turn before it is turned away
_FORGET_S = 2 * MAX_LOCK_S  # a session's count is dropped this long after its last failure

log = logging.getLogger("xxgk.lockout")


@dataclass(frozen=True)
class Attempt:
    """What one submitted password came to: `ok`, or why not (`message`, Chinese, for the page)."""

    ok: bool
    message: str = ""


@dataclass
class Lockout:
    max_failures: int
    lock_s: float
    interval_s: float = 1.0
    path: Path | None = None
    _memory: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # -- the state, in the file or in memory ------------------------------------------------------------

    @contextmanager
    def _state(self) -> Iterator[dict[str, Any]]:
        with self._lock:
            if self.path is None:
                yield self._memory
                return
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            except OSError as e:
                log.warning("login state file %s cannot be written (%s); keeping it in memory", self.path.name,
                            e.strerror)
                self.path = None
                yield self._memory
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                raw = b""
                while chunk := os.read(fd, 65536):
                    raw += chunk
                try:
                    state = json.loads(raw) if raw.strip() else {}
                except ValueError:
                    state = {}  # a damaged file starts afresh: the limits are rebuilt within seconds
                if not isinstance(state, dict):
                    state = {}
                yield state
                data = json.dumps(state).encode()
                os.lseek(fd, 0, os.SEEK_SET)
                os.ftruncate(fd, 0)
                os.write(fd, data)
            finally:
                os.close(fd)  # releases the flock

    # -- the per-session limit --------------------------------------------------------------------------

    def wait(self, session: str, now: float) -> float:
        """Seconds before this session may try a password again (0: now)."""
        with self._state() as s:
            entry = s.get("sessions", {}).get(session)
            return max(0.0, float(entry[1]) - now) if entry else 0.0

    def failed(self, session: str, now: float) -> float:
        """Count a wrong password of this session; the seconds it must now wait (0: none yet)."""
        with self._state() as s:
            sessions = s.setdefault("sessions", {})
            for key in [k for k, (_, _, last) in sessions.items() if now - last > _FORGET_S]:
                del sessions[key]
            failures = int(sessions.get(session, (0, 0.0, now))[0]) + 1
            over = failures - self.max_failures
            seconds = 0.0 if over < 0 else min(self.lock_s * 2 ** over, MAX_LOCK_S)
            sessions[session] = (failures, now + seconds, now)
            s["failures_total"] = int(s.get("failures_total", 0)) + 1
            return seconds

    def left(self, session: str) -> int:
        """Wrong passwords this session may still make before it has to wait."""
        with self._state() as s:
            entry = s.get("sessions", {}).get(session)
            return max(0, self.max_failures - (int(entry[0]) if entry else 0))

    def succeeded(self, session: str) -> None:
        with self._state() as s:
            s.get("sessions", {}).pop(session, None)

    # -- the server-wide limit --------------------------------------------------------------------------

    def turn(self, now: float) -> float | None:
        """Take the next server-wide check slot: seconds to wait for it, or None (queue too long, no slot)."""
        with self._state() as s:
            slot = max(now, float(s.get("next_check", 0.0)))
            if slot - now > MAX_QUEUE_S:
                return None
            s["next_check"] = slot + self.interval_s
            return slot - now

    def queue(self, now: float) -> float:
        """Seconds until the next free server-wide slot."""
        with self._state() as s:
            return max(0.0, float(s.get("next_check", 0.0)) - now)

    # -- one submitted password -------------------------------------------------------------------------

    def attempt(self, session: str, check: Callable[[], bool], clock: Callable[[], float],
                sleep: Callable[[float], None]) -> Attempt:
        """Check a password within both limits: `check()` runs only when this session may try and the
        server-wide turn has come; the outcome carries the Chinese message for the page."""
        wait = self.wait(session, clock())
        if wait:  # no password is checked for this session while it waits, not even the right one
            return Attempt(False, f"本会话密码错误次数过多，请 {_human(wait)}后再试（其他会话不受影响）。")
        pause = self.turn(clock())
        if pause is None:
            return Attempt(False, f"服务器正在处理大量密码尝试，请 {_human(self.queue(clock()))}后再试。")
        if pause:
            sleep(pause)
        if check():
            self.succeeded(session)
            return Attempt(True)
        seconds = self.failed(session, clock())
        if seconds:
            return Attempt(False, f"密码不正确。本会话错误次数过多，需等待 {_human(seconds)}再试。")
        return Attempt(False, f"密码不正确，请重试（本会话再错 {self.left(session)} 次后需等待）。")


def _human(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} 秒"
    return f"{-(-seconds // 60):.0f} 分钟"
