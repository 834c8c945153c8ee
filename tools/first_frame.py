#!/usr/bin/env python3
"""Start to first screen, as a rep sees it: launches BIN --db DB on a pseudo-terminal RUNS times
and prints p50 / p99 / max milliseconds from launch (process start included) to the first byte
and to the end of the first frame (the last byte of the first burst of output); with --key, also
the time from pressing that key (2 the board, 3 customers, 4 reports) to the end of its frame;
then the process's peak RSS (VmHWM) of the last run.

    python3 tools/first_frame.py target/release/fieldbook copy-of-100k.db --runs 40 --key 2

Work on a copy of the database (the app writes its daily backup beside it). Quote `uptime`
with the figures: the machine's load moves them.
"""
import argparse, fcntl, os, pty, select, struct, termios, time

QUIET = 0.25  # seconds without output that end a burst


def burst(fd, first_timeout):
    """Reads until QUIET seconds pass without output; returns (first, last) byte times."""
    first = last = None
    timeout = first_timeout
    while True:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return first, last
        try:
            os.read(fd, 65536)
        except OSError:
            return first, last
        now = time.monotonic()
        first = first or now
        last = now
        timeout = QUIET


def one_run(binary, db, lang, key, cols, rows):
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = 'xterm-256color'
        args = [binary, '--db', db] + (['--lang', lang] if lang else [])
        os.execvp(binary, args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    first, last = burst(fd, 10)
    key_ms = None
    if key:
        pressed = time.monotonic()
        os.write(fd, key.encode())
        _, key_last = burst(fd, 5)
        key_ms = 1000 * (key_last - pressed) if key_last else None
    with open(f'/proc/{pid}/status') as status:
        hwm = next(int(l.split()[1]) for l in status if l.startswith('VmHWM'))
    os.write(fd, b'q')
    for _ in range(600):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        try:
            os.read(fd, 65536)
        except OSError:
            pass
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return 1000 * (first - started), 1000 * (last - started), key_ms, hwm / 1024


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
    a = p.parse_args()
    cols, rows = (int(n) for n in a.size.split('x'))
    runs = [one_run(a.binary, a.db, a.lang, a.key, cols, rows) for _ in range(a.runs)]
    print(f"{a.db} at {a.size}, {a.runs} runs, load {os.getloadavg()[0]:.2f}")
    print(f"  first byte      {quantiles([r[0] for r in runs])}")
    print(f"  first frame     {quantiles([r[1] for r in runs])}")
    if a.key:
        print(f"  key {a.key!r} frame   {quantiles([r[2] for r in runs if r[2] is not None])}")
    print(f"  peak RSS (VmHWM) {max(r[3] for r in runs):.1f} MB")


if __name__ == '__main__':
    main()
