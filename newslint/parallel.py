"""Worker processes for linting many files at once, results in input order.

Why a process pool (not threads): the rules are pure Python and hold the GIL. Where
``fork`` is available (Linux, and only while the caller has a single thread), workers
inherit the parent's registry, rules and fact sheets as they are, so nothing is built
again; elsewhere (``spawn``) the worker state is pickled once per worker, never per
file. Either way each worker gets the state once, as it starts.

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
import pickle
import signal
import sys
import threading
from typing import Any, Callable, Iterator, NoReturn, Sequence, TypeVar

from newslint.errors import NewslintError

T = TypeVar("T")
R = TypeVar("R")

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


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
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


def _worker_main(conn: Any, function: Callable[[Any, Any], Any], state: Any,
                 inherited: Sequence[Any] = ()) -> None:
    """A worker: a chunk in, its results out, until the parent hangs up. A failure
    goes back as such, for the parent to raise (as ``Pool.imap`` would).

    ``inherited``: the parent's ends of the pipes, which a forked worker holds too;
    closed, so that each pipe ends when the parent closes it."""
    for other in inherited:
        other.close()
    _init_worker()
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return  # the run is over (or the parent is gone)
        try:
            reply = _dumps((True, [function(state, task) for task in pickle.loads(data)]))
        except BaseException as e:  # noqa: BLE001 - every failure goes to the parent
            try:
                reply = _dumps((False, e))
            except Exception:  # an exception that does not pickle
                reply = _dumps((False, NewslintError(f"a worker failed: {e!r}")))
        try:
            conn.send_bytes(reply)
        except OSError:
            return


def _dumps(obj: Any) -> bytes:
    return pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)


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
    The first ``alone`` tasks (long ones) go one to a chunk, so no two share a worker.

    Each worker has its own pipe and one chunk at a time; the next chunk goes to it
    the moment its results arrive, before they are unpickled. Not ``multiprocessing.Pool``:
    its three helper threads and its worker-handler loop (which spins while a result
    waits in the queue: ~2,300 wake-ups on the dev corpus) took a tenth of a second of
    CPU from the workers on two cores, and its ``terminate`` could hang on a queue lock.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    method = _start_method()
    if method is None:
        raise NewslintError("this platform cannot start worker processes; use --jobs 1")
    ctx = multiprocessing.get_context(method)
    rest = tasks[alone:]
    jobs = max(1, min(jobs, len(tasks)))
    chunks = [[t] for t in tasks[:alone]] + (
        _chunks(rest, chunksize) if chunksize else _tapering_chunks(rest, jobs))
    workers: list[tuple[Any, Any]] = []  # (process, the parent's end of its pipe)
    try:
        with _sigint_blocked(), _frozen_for_fork(method):  # the workers inherit both
            for _ in range(jobs):
                mine, theirs = ctx.Pipe()
                inherited = [c for _p, c in workers] + [mine] if method == "fork" else []
                process = ctx.Process(target=_worker_main,
                                      args=(theirs, function, state, inherited), daemon=True)
                process.start()
                theirs.close()
                workers.append((process, mine))
        owner = {conn: process for process, conn in workers}
        busy: dict[Any, int] = {}  # conn -> the chunk it works on
        done: dict[int, list[R]] = {}
        sent = out = 0

        def dispatch(conn: Any) -> None:
            """The next chunk, if any is left, to the worker at ``conn``."""
            nonlocal sent
            if sent < len(chunks):
                _send(conn, chunks[sent], owner[conn])
                busy[conn] = sent
                sent += 1

        def collect(timeout: float) -> None:
            """Take the results that are in (waiting up to ``timeout``)."""
            for conn in wait(list(busy), timeout=timeout):
                try:
                    data = conn.recv_bytes()
                except (EOFError, OSError):
                    _worker_died(owner[conn])
                index = busy.pop(conn)
                dispatch(conn)  # keep the worker busy before anything else
                ok, payload = pickle.loads(data)
                if not ok:
                    raise payload
                done[index] = payload

        for conn in owner:
            dispatch(conn)
        while out < len(chunks):
            raise_if_interrupted()
            collect(_POLL_SECONDS)
            while out in done:
                raise_if_interrupted()
                for k, result in enumerate(done.pop(out)):
                    # While the caller works through a chunk, a worker that has finished
                    # its own gets the next one (a look every few results).
                    if k and not k & 3 and busy:
                        collect(0)
                    yield result
                out += 1
    except BaseException:
        for process, _conn in workers:
            if process.is_alive():
                process.terminate()
        raise
    finally:
        for process, conn in workers:
            conn.close()  # the worker's next read ends it
        for process, _conn in workers:
            process.join()


def _send(conn: Any, chunk: list[Any], process: Any) -> None:
    try:
        conn.send_bytes(_dumps(chunk))
    except OSError:  # (a broken pipe: the worker is gone)
        _worker_died(process)


def _worker_died(process: Any) -> NoReturn:
    """A worker that died took its chunk with it: fail the run rather than wait."""
    process.join(1)
    code = process.exitcode
    how = (f" (signal {-code})" if code < 0 else f" (exit status {code})") if code else ""
    raise NewslintError(
        f"a worker process died{how} while linting, so not every file was checked; "
        f"rerun with --jobs 1 to find the file that causes it")


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
    """Block SIGINT while the workers start, so that none sees a Ctrl-C before it has
    set itself to ignore it (the parent alone handles it: it stops the workers)."""
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


__all__ = ["available_cpus", "can_run_parallel", "catch_interrupts", "raise_if_interrupted",
           "run_ordered"]
