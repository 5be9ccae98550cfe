"""The import page's guard against password guessing: after a run of wrong passwords, no password is
checked for a while, for every session of the server (a new browser tab does not start afresh).

Pure and clock-injected, so it is tested without waiting: `wait(now)` says how many seconds are left,
`failed(now)` counts a wrong password, `succeeded()` clears the count. Each lockout beyond the first
doubles, up to an hour. The price, stated in docs/settings.md: someone guessing can keep the real
administrator out for as long as they keep guessing; the import page is the only thing behind it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

MAX_LOCK_S = 3600.0


@dataclass
class Lockout:
    max_failures: int
    lock_s: float
    _failures: int = 0
    _until: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def wait(self, now: float) -> float:
        """Seconds before a password may be tried again (0: now)."""
        with self._lock:
            return max(0.0, self._until - now)

    def failed(self, now: float) -> float:
        """Count a wrong password; the seconds of the lockout it starts (0: none yet)."""
        with self._lock:
            self._failures += 1
            over = self._failures - self.max_failures
            if over < 0:
                return 0.0
            seconds = min(self.lock_s * 2 ** over, MAX_LOCK_S)
            self._until = now + seconds
            return seconds

    def left(self) -> int:
        """Wrong passwords still allowed before the next lockout."""
        with self._lock:
            return max(0, self.max_failures - self._failures)

    def succeeded(self) -> None:
        with self._lock:
            self._failures = 0
            self._until = 0.0
