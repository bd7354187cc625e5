"""One piece of work in a thread, its result (or its exception) taken back later: the compile and the search use it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_thread(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a thread; the function returned waits for its result (or raises its exception)."""
    import threading

    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(work())
        except BaseException as exc:  # raised again by the caller of the result
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        if failed:
            raise failed[0]
        return done[0]

    return result
