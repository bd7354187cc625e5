"""lexkit: Indian anti-trafficking law at hand, offline."""

__version__ = "0.1.0"


def _interrupt_early_as_a_command() -> None:
    """When lexkit runs as a command, a Ctrl-C from its first moment is one line and exit 130.

    Python turns SIGINT into KeyboardInterrupt, which before lexkit.cli.main's handler is in place
    (while the command modules load) would end in a traceback. Until then nothing is half-done
    (no file is opened for writing), so the process simply ends; lexkit.cli.main puts Python's
    own handler back once it can turn the interrupt into exit 130 and clean up. A program that
    imports lexkit as a library keeps its own handler: nothing changes for it.
    """
    import os
    import sys

    argv0 = sys.argv[0] if sys.argv else ""
    if os.path.basename(argv0) != "lexkit" and argv0 != "-m":  # the console script, or 'python -m lexkit'
        return
    import signal

    def interrupted(signum: int, frame: object) -> None:
        try:
            os.write(2, b"lexkit: interrupted\n")
        finally:
            os._exit(130)

    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, interrupted)
    except (ValueError, OSError):  # not the main thread: not a command's start
        pass


_interrupt_early_as_a_command()
