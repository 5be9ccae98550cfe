"""xxgk.lockout: wrong passwords slow their own session down, never lock the administrator out; a
server-wide check rate slows guessing from many sessions; both survive a restart (state file)."""

import json

from xxgk.lockout import MAX_LOCK_S, MAX_QUEUE_S, Lockout


class Clock:
    """A clock that `sleep` moves forward: nothing waits for real."""

    def __init__(self, t: float = 1_000_000.0):
        self.t = t
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.slept.append(s)
        self.t += s


def test_a_session_waits_after_its_own_failures_each_time_longer():
    guard = Lockout(max_failures=3, lock_s=60)
    assert [guard.failed("s", 0), guard.failed("s", 1)] == [0, 0] and guard.left("s") == 1
    assert guard.wait("s", 2) == 0
    assert guard.failed("s", 2) == 60  # the third wrong password: the session waits
    assert guard.wait("s", 2) == 60 and guard.wait("s", 32) == 30 and guard.wait("s", 62) == 0
    assert guard.failed("s", 70) == 120  # one more after it: twice as long
    assert guard.wait("other", 70) == 0 and guard.left("other") == 3  # another session is not touched


def test_delays_stop_growing_at_an_hour():
    guard = Lockout(max_failures=1, lock_s=600)
    assert [guard.failed("s", t) for t in (0, 1, 2, 3)] == [600, 1200, 2400, MAX_LOCK_S]


def test_a_stranger_s_failures_do_not_keep_the_administrator_out():
    guard = Lockout(max_failures=2, lock_s=300, interval_s=1.0)
    clock = Clock()
    stranger = [guard.attempt("stranger", lambda: False, clock, clock.sleep) for _ in range(6)]
    assert not any(a.ok for a in stranger)
    assert "其他会话不受影响" in stranger[-1].message  # the stranger's own session now waits
    admin = guard.attempt("admin", lambda: True, clock, clock.sleep)  # a fresh session, right password
    assert admin.ok
    assert all(s <= 1.0 for s in clock.slept)  # the server-wide turn: at most one interval apart


def test_the_server_wide_rate_slows_many_sessions_to_one_check_an_interval():
    guard = Lockout(max_failures=100, lock_s=300, interval_s=1.0)
    clock = Clock()
    checked: list[float] = []

    def check() -> bool:
        checked.append(clock())
        return False

    for i in range(10):  # ten fresh sessions guessing at the same moment
        guard.attempt(f"s{i}", check, clock, clock.sleep)
    assert [b - a for a, b in zip(checked, checked[1:], strict=False)] == [1.0] * 9
    # many more queued at one instant than MAX_QUEUE_S allows: the rest are told to come back, not locked
    burst = Lockout(max_failures=100, lock_s=300, interval_s=1.0)
    turns = [burst.turn(0.0) for _ in range(int(MAX_QUEUE_S) + 5)]
    assert turns[: int(MAX_QUEUE_S) + 1] == [float(i) for i in range(int(MAX_QUEUE_S) + 1)]
    assert turns[-1] is None and burst.turn(MAX_QUEUE_S + 10) is not None


def test_limits_survive_a_restart_in_the_state_file(tmp_path):
    path = tmp_path / "x.duckdb.login.json"
    first = Lockout(max_failures=1, lock_s=60, interval_s=5.0, path=path)
    assert first.failed("s", 100.0) == 60
    assert first.turn(100.0) == 0.0
    again = Lockout(max_failures=1, lock_s=60, interval_s=5.0, path=path)  # a new process
    assert again.wait("s", 110.0) == 50.0
    assert again.turn(101.0) == 4.0  # the next slot was kept: a restart opens no burst of checks
    state = json.loads(path.read_text())
    assert state["failures_total"] == 1 and "s" in state["sessions"]
    path.write_text("{not json")  # a damaged state file starts afresh instead of failing the page
    assert Lockout(max_failures=1, lock_s=60, path=path).wait("s", 110.0) == 0


def test_a_right_password_clears_the_session_s_count():
    guard = Lockout(max_failures=2, lock_s=60)
    guard.failed("s", 0)
    guard.succeeded("s")
    assert guard.left("s") == 2 and guard.failed("s", 1) == 0 and guard.wait("s", 1) == 0
