"""Run make targets in order, stop at the first that fails, and print each one's time at the end.

make test runs its stages through this so every run ends with where its time went.
"""
import subprocess
import sys
import time


def main(stages):
    times = []
    failed = None
    for stage in stages:
        start = time.monotonic()
        rc = subprocess.run(['make', '--no-print-directory', stage], check=False).returncode
        times.append((stage, time.monotonic() - start, 'ok' if rc == 0 else 'FAILED (%d)' % rc))
        if rc != 0:
            failed = rc
            break
    print('\n== time per stage')
    for stage, seconds, result in times:
        print('%-20s %6d s  %s' % (stage, seconds, result))
    print('%-20s %6d s' % ('total', sum(t[1] for t in times)))
    for stage in stages[len(times):]:
        print('%-20s not run' % stage)
    return failed or 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
