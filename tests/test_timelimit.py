"""The run's watchdog stops a rule past its limit, in the main process and in forked
workers, and never disturbs code outside a rule."""

from __future__ import annotations

import multiprocessing
import signal
import sys
import time

import pytest

from newslint import timelimit
from newslint.timelimit import RuleTimeout, alarm_handler, arm, disarm, time_limit, watchdog_ready

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="Unix only")


def _spin_until_stopped(budget: float) -> float:
    start = time.monotonic()
    arm(budget)
    try:
        while time.monotonic() - start < 5:
            pass
    except RuleTimeout:
        return time.monotonic() - start
    finally:
        disarm()
    return -1.0


def test_an_armed_rule_is_stopped_soon_after_its_deadline() -> None:
    with alarm_handler():
        assert watchdog_ready()
        took = _spin_until_stopped(0.2)
    assert 0.2 <= took < 0.2 + 4 * timelimit.TICK + 0.5


def test_ticks_outside_a_rule_raise_nothing() -> None:
    with alarm_handler():
        arm(0.01)
        disarm()
        time.sleep(6 * timelimit.TICK)  # several ticks, none armed
        with time_limit(0.5):  # a nested limit restores the one around it
            pass
        time.sleep(2 * timelimit.TICK)


def _worker(_: int) -> float:
    return _spin_until_stopped(0.2)


def test_a_forked_worker_starts_its_own_watchdog() -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    with alarm_handler():
        arm(1.0)  # the parent's timer is ticking: a forked child does not inherit it
        disarm()
        with multiprocessing.get_context("fork").Pool(1) as pool:
            took = pool.map(_worker, [0])[0]
    assert 0.2 <= took < 2.0


def test_the_handler_and_timer_are_gone_after_the_run() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with alarm_handler():
        arm(1.0)
        disarm()
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert not watchdog_ready() or sys.platform == "win32"
