"""A time limit for one rule on one article, so a plugin rule that loops forever (or
a pattern that backtracks for minutes) cannot hang a pre-commit hook.

Unix, main thread only: a ``SIGALRM`` interval timer raises ``RuleTimeout`` inside the
rule's own code. ``RuleTimeout`` is a ``BaseException``, so a rule's ``except
Exception`` cannot swallow it; the timer goes on firing until the rule lets go.
Elsewhere (Windows, a worker thread such as the language server's) no limit applies.
A long call into C (one huge regex match) is stopped only when it returns: patterns
from rule packs have their own limit in the regex engine.
"""

from __future__ import annotations

import _signal
import os
import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

PER_MB_FLOOR = 1.0  # an article counts as at least 1 MB: the limit never shrinks below ``seconds``


class RuleTimeout(BaseException):
    """Raised inside a rule that ran past its limit."""


def limit_for(seconds: float, text_length: int) -> float:
    """The limit for a rule on an article of ``text_length`` characters: ``seconds``
    per million characters, and never less than ``seconds`` (0: no limit)."""
    if seconds <= 0:
        return 0.0
    return seconds * max(PER_MB_FLOOR, text_length / 1_000_000)


_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


def _usable() -> bool:
    return _HAS_TIMER and threading.current_thread() is threading.main_thread()


# The run's watchdog: while ``alarm_handler`` is in force, a timer ticks every ``TICK``
# seconds in each process that checks rules, and a rule's limit is one clock read
# (``arm``) instead of two ``setitimer`` system calls and a context manager: about
# 0.1 s of CPU over the 1,526-article corpus (24 rules an article). A rule is stopped
# at the first tick past its deadline, so up to ``TICK`` late.
TICK = 0.05
_deadline = 0.0  # monotonic time the armed rule must end by; 0: none armed
_ticking_pid = 0  # the process whose timer ticks (a forked worker starts its own)


def _expired(signum, frame):  # noqa: ARG001 - signal handler signature
    if _ticking_pid == 0 or (_deadline and time.monotonic() >= _deadline):
        raise RuleTimeout()


def watchdog_ready() -> bool:
    """True when ``arm``/``disarm`` can limit a rule here: the run's handler is
    installed (``alarm_handler``) and this is the main thread."""
    return (_HAS_TIMER and _signal.getsignal(signal.SIGALRM) is _expired
            and threading.current_thread() is threading.main_thread())


def arm(seconds: float) -> None:
    """Start the limit of one rule (``watchdog_ready()`` must be true)."""
    global _deadline, _ticking_pid
    if _ticking_pid != _pid:  # interval timers are not inherited by forked workers
        _ticking_pid = _pid
        signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    _deadline = time.monotonic() + seconds


# This process's id, kept up to date across forks: ``arm`` runs for every rule and
# article, and os.getpid() is a system call.
_pid = os.getpid()


def _forked() -> None:
    global _pid
    _pid = os.getpid()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


def disarm() -> None:
    global _deadline
    _deadline = 0.0


@contextmanager
def alarm_handler() -> Iterator[None]:
    """Install the SIGALRM handler once for a whole run (the runner does): each
    rule's limit is then the watchdog's clock read (``arm``), not handler changes.
    Workers forked inside the block inherit the handler and start their own timer.
    The previous handler comes back after."""
    if not _usable():
        yield
        return
    previous = signal.getsignal(signal.SIGALRM)
    if previous not in (signal.SIG_DFL, signal.SIG_IGN, None):
        yield  # someone else owns SIGALRM (a test runner, an embedding program)
        return
    global _ticking_pid, _deadline
    signal.signal(signal.SIGALRM, _expired)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _ticking_pid, _deadline = 0, 0.0
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``RuleTimeout`` in the body once ``seconds`` have passed (0: no limit)."""
    if seconds <= 0 or not _usable():
        yield
        return
    global _deadline
    if _signal.getsignal(signal.SIGALRM) is _expired:  # installed for the run: its watchdog
        outer = _deadline
        arm(seconds)
        try:
            yield
        finally:
            _deadline = outer
        return
    previous = signal.getsignal(signal.SIGALRM)
    if previous not in (signal.SIG_DFL, signal.SIG_IGN, None):
        yield  # someone else owns SIGALRM (a test runner, an embedding program)
        return

    signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
