"""Prove that no secret reaches a command line, an environment or a log while a deploy runs.

start: detach a sampler that records every distinct process command line and environment it sees
       (every second, as root) into RECORDS (0600), until it is stopped.
check: stop that sampler by its pid file, read the secrets as JSON {name: value} on stdin (never
       argv), and report as JSON {name: [places]} where each one was seen: the sampled command
       lines and environments, the journal since the sampler started, /var/log/auth.log and the
       processes running now.
       RECORDS is deleted afterwards; only the secrets' names are printed.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time


def command_lines():
    """(pid, command line) of every process that has one (kernel threads have none)."""
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as f:
                cmdline = f.read().replace(b'\0', b' ').strip()
        except OSError:  # gone
            continue
        if cmdline:
            yield pid, cmdline


def environment(pid):
    """A process's environment as lines, or None once it is gone."""
    try:
        with open('/proc/%s/environ' % pid, 'rb') as f:
            return f.read().replace(b'\0', b'\n')
    except OSError:
        return None


def sample(records, interval):
    seen = set()
    # pid -> command line at the last sample. A process whose command line is unchanged has the
    # environment it was read with: /proc shows the one exec gave it. Reading only new or
    # re-exec'd processes keeps the sampler off the CPU the deploy needs (it was the busiest
    # process on a single-vCPU compute when it read every environment every second).
    known = {}
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    fd = os.open(records, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, 'wb') as out:
        while running[0]:
            current = dict(command_lines())
            for pid, cmdline in current.items():
                if known.get(pid) == cmdline:
                    continue
                environ = environment(pid)
                program = cmdline.split(b' ', 1)[0]
                for kind, text in ((b'cmdline', cmdline), (b'environ', environ)):
                    key = hash((program, text))
                    if text is not None and key not in seen:
                        seen.add(key)
                        out.write(kind + b'\0' + program + b'\0' + text + b'\0\n')
            known = current
            out.flush()
            time.sleep(interval)


def start(args):
    if os.fork():
        return 0
    os.setsid()
    if os.fork():
        os._exit(0)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    with open(args.pidfile, 'w') as f:
        f.write(str(os.getpid()))
    sample(args.records, args.interval)
    os._exit(0)


def stop(pidfile):
    """Stop the sampler; return when it started (its pid file's time), or None without one."""
    try:
        started = os.stat(pidfile).st_mtime
        with open(pidfile) as f:
            pid = int(f.read())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, signal.SIGTERM)
        for dummy in range(100):
            os.kill(pid, 0)
            time.sleep(0.1)
    except ProcessLookupError:
        pass
    os.unlink(pidfile)
    return started


def sampled(records):
    """(place, bytes) of each sampled record: a program's command line, or one variable of its
    environment, so that a report names where a secret was without showing it."""
    with open(records, 'rb') as f:
        for record in f.read().split(b'\0\n'):
            parts = record.split(b'\0', 2)
            if len(parts) != 3:
                continue
            kind, program, text = parts
            if kind == b'cmdline':
                yield 'command line of %s' % program.decode(errors='replace'), text
            else:
                for line in text.split(b'\n'):
                    name = line.split(b'=', 1)[0].decode(errors='replace')
                    yield 'environment variable %s of %s' % (name, program.decode(errors='replace')), line


def sources(records, since):
    """(place, bytes) pairs to search; the journal from the sampler's start (epoch seconds) on."""
    if os.path.exists(records):
        for place, text in sampled(records):
            yield 'sampled ' + place, text
    journal = subprocess.run(['journalctl', '-o', 'cat', '--no-pager'] + (['--since', '@%d' % since] if since else []),
                             capture_output=True, check=False)
    if journal.returncode == 0:
        yield 'journal', journal.stdout
    if os.path.exists('/var/log/auth.log'):
        with open('/var/log/auth.log', 'rb') as f:
            yield '/var/log/auth.log', f.read()
    for pid, cmdline in command_lines():
        if pid != str(os.getpid()):
            yield 'process %s' % pid, cmdline + b'\n' + (environment(pid) or b'')


def check(args):
    secrets = {name: value.encode() for name, value in json.load(sys.stdin).items() if value}
    started = stop(args.pidfile)
    found = {}
    for place, text in sources(args.records, started):
        for name, value in secrets.items():
            if value in text and place not in found.get(name, []):
                found.setdefault(name, []).append(place)
    if os.path.exists(args.records):
        os.unlink(args.records)
    json.dump({'sampled': started is not None, 'found': found}, sys.stdout)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('action', choices=['start', 'check'])
    parser.add_argument('--records', required=True)
    parser.add_argument('--pidfile', required=True)
    parser.add_argument('--interval', type=float, default=1.0)
    args = parser.parse_args()
    return start(args) if args.action == 'start' else check(args)


if __name__ == '__main__':
    sys.exit(main())
