"""Helper processes (the load's extraction pool, query workers, a bounded query) that end with their parent.

A parent killed with SIGKILL runs no clean-up, and a child waiting on a pipe that other
children also hold open never sees it close: `kg load --workers 2` killed that way left its
two workers and multiprocessing's resource tracker running for good, and a query worker in
the middle of a query runs it to the end with nobody left to stop it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
WATCH_INTERVAL = 0.25  # seconds between two looks at the parent


def die_with_parent(parent_pid: int, kernel: bool = False) -> None:
    """End this process soon after ``parent_pid``, its parent, ends (at once if it already has), and let
    SIGTERM end it as it would any program, even when whoever started kg ignored SIGTERM (an ignored
    signal stays ignored across exec).

    A daemon thread watches the parent. With ``kernel``, Linux also sends SIGKILL the moment the
    parent ends (``PR_SET_PDEATHSIG``); only for a child started from its parent's main thread, since
    the kernel sends it when the starting *thread* ends (the server starts workers from threads that
    come and go). The child holds nothing that needs cleaning up: SIGKILL is right."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if kernel and sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), ctypes.c_ulong(0), ctypes.c_ulong(0),
                   ctypes.c_ulong(0))
    if os.getppid() != parent_pid:  # the parent ended before we looked
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()
