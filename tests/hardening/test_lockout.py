"""xxgk.lockout: wrong passwords in a row lock the import page, each lockout longer, a success clears."""

from xxgk.lockout import MAX_LOCK_S, Lockout


def test_locks_after_the_allowed_failures_and_doubles_each_time():
    guard = Lockout(max_failures=3, lock_s=60)
    assert [guard.failed(0), guard.failed(1)] == [0, 0] and guard.left() == 1
    assert guard.wait(2) == 0
    assert guard.failed(2) == 60  # the third wrong password starts the first lockout
    assert guard.wait(2) == 60 and guard.wait(32) == 30 and guard.wait(62) == 0
    assert guard.failed(70) == 120  # one more after it ended: twice as long
    assert guard.wait(70) == 120


def test_lockouts_stop_growing_at_an_hour():
    guard = Lockout(max_failures=1, lock_s=600)
    assert [guard.failed(t) for t in (0, 1, 2, 3)] == [600, 1200, 2400, MAX_LOCK_S]


def test_a_right_password_clears_the_count():
    guard = Lockout(max_failures=2, lock_s=60)
    guard.failed(0)
    guard.succeeded()
    assert guard.left() == 2 and guard.failed(1) == 0 and guard.wait(1) == 0
