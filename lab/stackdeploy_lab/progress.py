"""Step logging with elapsed time, and bounded waits that say what they waited for."""
import subprocess
import sys
import time

_START = time.monotonic()


def step(message):
    print(f"[lab +{time.monotonic() - _START:6.1f}s] {message}", file=sys.stderr, flush=True)


class LabError(Exception):
    """A lab operation failed; the message says what and where to look."""


def run(cmd, **kwargs):
    """Run a command, raising LabError with its output when it fails."""
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        raise LabError(f"{' '.join(map(str, cmd))} exited {result.returncode}:\n"
                       f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result.stdout


def wait_for(predicate, timeout, what, detail=lambda: "", interval=1.0):
    """Poll predicate until true; on timeout raise LabError naming what was awaited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise LabError(f"timed out after {timeout:.0f}s waiting for {what}\n{detail()}")
