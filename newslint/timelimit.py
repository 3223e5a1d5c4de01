"""A time limit for one rule on one article, so a plugin rule that loops forever (or
a pattern that backtracks for minutes) cannot hang a pre-commit hook.

Unix, main thread only: a ``SIGALRM`` interval timer raises ``RuleTimeout`` inside the
rule's own code. ``RuleTimeout`` is a ``BaseException``, so a rule's ``except
Exception`` cannot swallow it; the timer repeats every second until the rule lets go.
Elsewhere (Windows, a worker thread such as the language server's) no limit applies.
A long call into C (one huge regex match) is stopped only when it returns: patterns
from rule packs have their own limit in the regex engine.
"""

from __future__ import annotations

import _signal
import signal
import threading
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


def _expired(signum, frame):  # noqa: ARG001 - signal handler signature
    raise RuleTimeout()


@contextmanager
def alarm_handler() -> Iterator[None]:
    """Install the SIGALRM handler once for a whole run (the runner does), so each
    rule's limit then costs two ``setitimer`` calls instead of four ``signal`` calls
    with their enum conversions (about 0.5 s of CPU over the 1,526-article corpus).
    Workers forked inside the block inherit it. The previous handler comes back after."""
    if not _usable():
        yield
        return
    previous = signal.getsignal(signal.SIGALRM)
    if previous not in (signal.SIG_DFL, signal.SIG_IGN, None):
        yield  # someone else owns SIGALRM (a test runner, an embedding program)
        return
    signal.signal(signal.SIGALRM, _expired)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``RuleTimeout`` in the body once ``seconds`` have passed (0: no limit)."""
    if seconds <= 0 or not _usable():
        yield
        return
    if _signal.getsignal(signal.SIGALRM) is _expired:  # installed for the run
        signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
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
