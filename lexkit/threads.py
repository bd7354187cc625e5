"""Threads that never take the process's interrupts, and a way to hold those interrupts for a while.

The compile and the search use ``in_thread``; the compile's parallel parse and ranking use
``interrupts_held`` and ``start``.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    import threading

T = TypeVar("T")

# lexkit turns each of these into KeyboardInterrupt (lexkit/cli/main.py); SIGHUP is POSIX's only.
INTERRUPTS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends; one that came meanwhile is raised then.

    Python raises KeyboardInterrupt wherever the main thread is; inside subprocess.Popen that can
    be after the child exists but before its Popen is returned, and such a child would be left out
    of the pool. A held signal is delivered when the block ends, as the interrupt it always was.

    A signal mask belongs to one thread: while this thread holds them, the system delivers the
    process's signals to any other thread that does not, and Python then raises the interrupt in
    the main thread, inside the block. So every thread lexkit starts is started with ``start``,
    and holds them for its whole life.
    """
    if not hasattr(signal, "pthread_sigmask"):  # no signal masks here (Windows)
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def start(thread: threading.Thread) -> None:
    """Start ``thread`` holding the interrupts for life (a new thread inherits its starter's mask): they go to the main thread."""
    with interrupts_held():
        thread.start()


class Running(Generic[T]):
    """Work running in a thread (``in_thread``): call it to wait for its result, or for its exception raised again."""

    def __init__(self, work: Callable[[], T], name: str | None) -> None:
        import threading

        self._work = work
        self._done: list[T] = []
        self._failed: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        start(self._thread)

    def _run(self) -> None:
        try:
            self._done.append(self._work())
        except BaseException as exc:  # raised again by the caller of the result
            self._failed.append(exc)

    def __call__(self) -> T:
        self._thread.join()
        if self._failed:
            raise self._failed[0]
        return self._done[0]

    def wait(self, seconds: float) -> bool:
        """Wait at most ``seconds``; whether the work is over."""
        self._thread.join(seconds)
        return not self._thread.is_alive()


def in_thread(work: Callable[[], T], name: str | None = None) -> Running[T]:
    """Start ``work`` in a thread that holds the interrupts (``start``); the object returned waits for its result."""
    return Running(work, name)
