"""The worker pool: results in task order, failures and dead workers reported."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from newslint.errors import NewslintError
from newslint.parallel import run_ordered

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="forks workers")


def _square(state: int, task: int) -> tuple[int, int]:
    return task, task * task + state


def _fail_on_seven(state: object, task: int) -> int:
    if task == 7:
        raise ValueError("seven is not allowed")
    return task


def _die_on_five(state: object, task: int) -> int:
    if task == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return task


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _fail_unpicklably(state: object, task: int) -> int:
    raise _Unpicklable("odd")


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_in_task_order_whatever_the_chunks(jobs: int) -> None:
    tasks = list(range(200))
    out = list(run_ordered(_square, tasks, state=1, jobs=jobs))
    assert out == [(t, t * t + 1) for t in tasks]
    assert list(run_ordered(_square, tasks, state=0, jobs=2, chunksize=7))[:3] == [(0, 0), (1, 1), (2, 4)]
    assert list(run_ordered(_square, tasks[:5], state=0, jobs=2, alone=2)) == [(t, t * t) for t in range(5)]


def test_a_failing_task_raises_its_error_in_the_parent() -> None:
    with pytest.raises(ValueError, match="seven is not allowed"):
        list(run_ordered(_fail_on_seven, list(range(20)), state=None, jobs=2))


def test_an_error_that_cannot_be_pickled_still_ends_the_run_clearly() -> None:
    with pytest.raises(NewslintError, match="a worker failed: .*odd"):
        list(run_ordered(_fail_unpicklably, [1, 2, 3], state=None, jobs=2))


def test_a_worker_killed_mid_run_ends_the_run_with_a_clear_error() -> None:
    with pytest.raises(NewslintError, match=r"a worker process died \(signal 9\).*--jobs 1"):
        list(run_ordered(_die_on_five, list(range(40)), state=None, jobs=2, chunksize=1))


def test_no_worker_is_left_behind() -> None:
    import multiprocessing

    list(run_ordered(_square, list(range(50)), state=0, jobs=2))
    with pytest.raises(ValueError):
        list(run_ordered(_fail_on_seven, list(range(50)), state=None, jobs=2))
    assert multiprocessing.active_children() == []


def test_workers_started_by_spawn_give_the_same_results(monkeypatch) -> None:
    """macOS and Windows start workers with spawn: the pipe and the state are pickled."""
    from newslint import parallel

    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    tasks = list(range(30))
    assert list(run_ordered(_square, tasks, state=2, jobs=2)) == [(t, t * t + 2) for t in tasks]
    with pytest.raises(ValueError, match="seven is not allowed"):
        list(run_ordered(_fail_on_seven, tasks, state=None, jobs=2))
