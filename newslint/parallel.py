"""Worker processes for linting many files at once, results in input order.

Why a process pool (not threads): the rules are pure Python and hold the GIL. Where
``fork`` is available (Linux, and only while the caller has a single thread), workers
inherit the parent's registry, rules and fact sheets as they are, so nothing is built
again; elsewhere (``spawn``) the worker state is pickled once per worker, never per
file. Either way the state is installed once per worker by the pool's initializer.

Ctrl-C: workers ignore SIGINT, so only the parent sees it; the parent terminates the
pool (SIGTERM to every worker) and re-raises ``KeyboardInterrupt`` for the CLI to turn
into exit status 130. On Linux a worker also asks the kernel to end it when its parent
dies, so a killed run leaves no orphans. A worker that dies on its own (killed, out of
memory) ends the run with a ``NewslintError`` instead of a hang.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from typing import Any, Callable, Iterator, Sequence, TypeVar

from newslint.errors import NewslintError

T = TypeVar("T")
R = TypeVar("R")

_STATE: tuple[Callable[[Any, Any], Any], Any] | None = None  # in a worker: (function, state)
_POLL_SECONDS = 0.25


def available_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _start_method() -> str | None:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "spawn" if "spawn" in methods else None


def can_run_parallel(state: Any) -> bool:
    """False when no worker could receive ``state`` (spawn needs it picklable)."""
    method = _start_method()
    if method is None:
        return False
    if method == "fork":
        return True
    import pickle

    try:
        pickle.dumps(state)
    except Exception:
        return False
    return True


def _init_worker(function: Callable[[Any, Any], Any], state: Any) -> None:
    global _STATE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _STATE = (function, state)
    # What the worker was given (forked or unpickled) lives as long as it does: out of
    # the collector's sight, full collections skip it (see _frozen_for_fork).
    gc.freeze()


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before we got here
            os._exit(1)
    except Exception:
        pass


def _run_chunk(tasks: list[Any]) -> list[Any]:
    assert _STATE is not None, "worker was not initialised"
    function, state = _STATE
    return [function(state, task) for task in tasks]


def _chunks(tasks: Sequence[T], size: int) -> list[list[T]]:
    return [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]


def _tapering_chunks(tasks: Sequence[T], jobs: int, largest: int = 64) -> list[list[T]]:
    """Chunks that shrink as the work runs out (a share of what is left, at most
    ``largest``): few messages while there is plenty, and at the end no worker is left
    with a big chunk while the others wait (with 64-file chunks that tail was a tenth
    of a second on the dev corpus)."""
    out = []
    i, n = 0, len(tasks)
    while i < n:
        size = max(1, min(largest, (n - i) // (jobs * 4)))
        out.append(list(tasks[i : i + size]))
        i += size
    return out


def run_ordered(
    function: Callable[[Any, T], R],
    tasks: Sequence[T],
    *,
    state: Any,
    jobs: int,
    chunksize: int | None = None,
    alone: int = 0,
) -> Iterator[R]:
    """``function(state, task)`` for every task, in ``jobs`` worker processes, yielded in
    task order. ``function`` must be a module-level function (it is sent by name).
    The first ``alone`` tasks (long ones) go one to a chunk, so no two share a worker."""
    import multiprocessing

    method = _start_method()
    if method is None:
        raise NewslintError("this platform cannot start worker processes; use --jobs 1")
    ctx = multiprocessing.get_context(method)
    jobs = max(1, min(jobs, len(tasks)))
    pool = None
    try:
        with _sigint_blocked(), _frozen_for_fork(method):  # the workers inherit both
            pool = ctx.Pool(processes=jobs, initializer=_init_worker, initargs=(function, state))
        workers = _worker_pids(pool)
        rest = tasks[alone:]
        chunks = [[t] for t in tasks[:alone]] + (
            _chunks(rest, chunksize) if chunksize else _tapering_chunks(rest, jobs))
        results = pool.imap(_run_chunk, chunks)
        while True:
            try:
                chunk = results.next(timeout=_POLL_SECONDS)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:
                raise_if_interrupted()
                _check_workers(pool, workers)
                continue
            raise_if_interrupted()
            yield from chunk
        pool.close()
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        if pool is not None:
            pool.join()


@contextlib.contextmanager
def _frozen_for_fork(method: str) -> Iterator[None]:
    """The parent's objects frozen (``gc.freeze``) while the workers are forked.

    A forked worker inherits every object of the parent (the registry, the rules, the
    run's file list): frozen, its full collections do not walk them again and again,
    nor write to their pages (which would copy them). On 16 copies of the dev corpus
    that cut each worker's collection time from 1.6-1.8 s to 0.6 s (of ~22 s CPU).
    The parent unfreezes them once its workers are started. Left alone when someone
    else has frozen objects already."""
    if method != "fork" or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Block SIGINT while the pool starts its threads and workers, so they inherit a
    mask without it: Ctrl-C then always lands on the main thread, which is waiting
    (interruptibly) for results. Otherwise CPython (before 3.12) may see the signal in
    a helper thread and act on it late or never."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = mask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


_INTERRUPTED = [False]


def _on_sigint(signum: int, frame: Any) -> None:
    _INTERRUPTED[0] = True
    raise KeyboardInterrupt


@contextlib.contextmanager
def catch_interrupts() -> Iterator[None]:
    """Remember a Ctrl-C even when its ``KeyboardInterrupt`` is swallowed.

    Python raises ``KeyboardInterrupt`` wherever the main thread happens to be, and
    when that is a ``__del__`` (the ``regex`` module has one that runs during garbage
    collection) the exception is printed as "ignored" and lost: the run goes on as if
    nothing happened. Inside this block a flag records it too, and the runner checks
    the flag (``raise_if_interrupted``) between files and while waiting for workers.
    Another handler someone installed (an editor host, a test runner) is left alone."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield  # already guarded (by the CLI), or someone else's handler
        return
    _INTERRUPTED[0] = False
    signal.signal(signal.SIGINT, _on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def raise_if_interrupted() -> None:
    if _INTERRUPTED[0]:
        raise KeyboardInterrupt


def _worker_pids(pool: Any) -> set[int]:
    return {p.pid for p in getattr(pool, "_pool", ())}


def _check_workers(pool: Any, started: set[int]) -> None:
    """A worker that died took its chunk with it: fail the run rather than wait.

    Workers never exit during a run, so a dead one, or a replacement the pool started
    for it, means a chunk was lost."""
    dead = [p for p in getattr(pool, "_pool", ()) if p.exitcode not in (None, 0)]
    if dead or (started and _worker_pids(pool) != started):
        code = dead[0].exitcode if dead else None
        how = (f" (signal {-code})" if code < 0 else f" (exit status {code})") if code else ""
        raise NewslintError(
            f"a worker process died{how} while linting, so not every file was checked; "
            f"rerun with --jobs 1 to find the file that causes it")


__all__ = ["available_cpus", "can_run_parallel", "catch_interrupts", "raise_if_interrupted",
           "run_ordered"]
