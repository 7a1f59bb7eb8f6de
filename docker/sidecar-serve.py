"""The sidecar image's entry point: uvicorn, exiting 0 after a graceful stop.

uvicorn re-raises the signal that stopped it once it has shut down, so the process ends "by" that
signal. As a container's PID 1 the process gets no default action for it: harmless on real
hardware, but under qemu-user (an arm64 image emulated on amd64) the process then hangs until the
engine kills it. A handler of our own, which uvicorn restores before re-raising, ends it with exit
status 0 instead. Arguments are uvicorn's.
"""

import signal
import sys

import uvicorn


def _exit_cleanly(signum: int, _frame: object) -> None:
    sys.exit(0)


for stop_signal in (signal.SIGTERM, signal.SIGINT):
    signal.signal(stop_signal, _exit_cleanly)

uvicorn.main()
