#!/usr/bin/env python3
"""Start to first screen, as a rep sees it: launches BIN --db DB on a pseudo-terminal RUNS times
and prints p50 / p99 / max milliseconds from launch (process start included) to the first byte
and to the end of the first frame (the last byte of the first burst of output); with --key, also
the time from pressing that key (2 the board, 3 customers, 4 reports) to the end of its frame;
then the process's peak RSS (VmHWM). Beside the wall times it prints the CPU time the process
had used when its first frame's last byte came and the time its threads had waited for a CPU (from
/proc/PID/task/*/schedstat): on a loaded machine the wait is the part the load added.

    python3 tools/first_frame.py target/release/fieldbook copy-of-100k.db --runs 40 --key 2
    python3 tools/first_frame.py BIN DB --runs 1 --walk 2 / Z h a n g      # peak RSS of a walk

With --walk the keys are pressed one at a time after the first frame (each answer awaited;
ENTER, ESC, TAB, PGDN, PGUP, F1 name those keys) and the peak RSS is of the whole walk.

Work on a copy of the database (the app writes its daily backup beside it). Quote `uptime`
with the figures: the machine's load moves them.
"""
import argparse, fcntl, os, pty, select, struct, termios, time

QUIET = 0.25  # seconds without output that end a burst
NAMED = {'ENTER': '\r', 'ESC': '\x1b', 'TAB': '\t', 'PGDN': '\x1b[6~', 'PGUP': '\x1b[5~', 'F1': '\x1bOP'}


def burst(fd, first_timeout, pid=None):
    """Reads until QUIET seconds pass without output; returns (first, last) byte times and,
    given the pid, its threads' CPU and CPU-wait milliseconds when the last byte came."""
    first = last = None
    used = (None, None)
    timeout = first_timeout
    while True:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return first, last, used
        try:
            os.read(fd, 65536)
        except OSError:
            return first, last, used
        now = time.monotonic()
        first = first or now
        last = now
        if pid:
            used = cpu_and_wait(pid)
        timeout = QUIET


def one_run(binary, db, lang, key, cols, rows, walk=()):
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = 'xterm-256color'
        args = [binary, '--db', db] + (['--lang', lang] if lang else [])
        os.execvp(binary, args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    first, last, (cpu_ms, wait_ms) = burst(fd, 10, pid)
    key_ms = None
    if key:
        pressed = time.monotonic()
        os.write(fd, key.encode())
        _, key_last, _ = burst(fd, 5)
        key_ms = 1000 * (key_last - pressed) if key_last else None
    for k in walk:
        os.write(fd, NAMED.get(k, k).encode())
        burst(fd, 5)
    with open(f'/proc/{pid}/status') as status:
        hwm = next(int(l.split()[1]) for l in status if l.startswith('VmHWM'))
    # Out of any text box or form first: there q would be typed, not quit.
    os.write(fd, b'\x1b\x1b\x1b')
    time.sleep(0.3)
    os.write(fd, b'q')
    for _ in range(600):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return 1000 * (first - started), 1000 * (last - started), key_ms, hwm / 1024, cpu_ms, wait_ms


def cpu_and_wait(pid):
    """Milliseconds the process's threads ran and waited for a CPU so far."""
    ran = waited = 0
    for task in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{task}/schedstat') as f:
                on_cpu, queued, _ = (int(n) for n in f.read().split())
        except (OSError, ValueError):
            continue
        ran += on_cpu
        waited += queued
    return ran / 1e6, waited / 1e6


def quantiles(values):
    v = sorted(values)
    at = lambda q: v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
    return f"p50 {at(0.5):6.1f}  p99 {at(0.99):6.1f}  max {v[-1]:6.1f} ms"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('binary')
    p.add_argument('db')
    p.add_argument('--runs', type=int, default=30)
    p.add_argument('--key', help='a screen key pressed after the first frame (2, 3, 4)')
    p.add_argument('--lang', help='en or zh-CN')
    p.add_argument('--size', default='120x40', help='COLSxROWS (default 120x40)')
    p.add_argument('--walk', nargs='*', default=[], help='keys pressed one by one before the peak RSS is read')
    a = p.parse_args()
    cols, rows = (int(n) for n in a.size.split('x'))
    runs = [one_run(a.binary, a.db, a.lang, a.key, cols, rows, a.walk) for _ in range(a.runs)]
    print(f"{a.db} at {a.size}, {a.runs} runs, load {os.getloadavg()[0]:.2f}")
    print(f"  first byte      {quantiles([r[0] for r in runs])}")
    print(f"  first frame     {quantiles([r[1] for r in runs])}")
    print(f"    CPU by then   {quantiles([r[4] for r in runs])}")
    print(f"    CPU wait      {quantiles([r[5] for r in runs])}")
    if a.key:
        print(f"  key {a.key!r} frame   {quantiles([r[2] for r in runs if r[2] is not None])}")
    walked = f" after {' '.join(a.walk)}" if a.walk else ""
    print(f"  peak RSS (VmHWM) {max(r[3] for r in runs):.1f} MB{walked}")


if __name__ == '__main__':
    main()
