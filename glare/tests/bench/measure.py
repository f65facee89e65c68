# Copyright 2026 The glare Authors.
#
#    Licensed under the Apache License, Version 2.0 (the "License"); you may
#    not use this file except in compliance with the License. You may obtain
#    a copy of the License at
#
#         http://www.apache.org/licenses/LICENSE-2.0
#
#    Unless required by applicable law or agreed to in writing, software
#    distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
#    WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
#    License for the specific language governing permissions and limitations
#    under the License.

"""Statistics, same-run baselines and server memory.

Baselines are what this machine does with the same bytes without glare,
measured in the same run so that a target stays a ratio whatever the
machine's load: writing a file with fsync, md5+sha1+sha256 on one core,
and reading a file back from the page cache.
"""

import contextlib
import hashlib
import http.server
import os
import statistics
import threading
import time

MIB = 1024 * 1024
_CHUNK = MIB


def percentile(values, fraction):
    """Linear interpolation between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(runs):
    """Median and spread of one figure measured once per repeat."""
    runs = [r for r in runs if r is not None]
    if not runs:
        return None
    return {'median': statistics.median(runs), 'min': min(runs),
            'max': max(runs), 'runs': runs}


def mbps(size, seconds):
    return size / MIB / seconds if seconds > 0 else None


def make_source(path, size, seed=b'glare-bench'):
    """A file of ``size`` incompressible bytes (a repeated random block)."""
    block = hashlib.shake_256(seed).digest(min(size, 16 * MIB))
    with open(path, 'wb') as out:
        left = size
        while left:
            piece = block[:left]
            out.write(piece)
            left -= len(piece)
    return path


def _chunks(path):
    with open(path, 'rb') as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                return
            yield chunk


def write_fsync(source, target):
    """MB/s writing ``source``'s bytes to a new file, fsync included."""
    size = os.path.getsize(source)
    start = time.perf_counter()
    with open(target, 'wb') as out:
        for chunk in _chunks(source):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    elapsed = time.perf_counter() - start
    os.unlink(target)
    return mbps(size, elapsed)


def hash3(path):
    """MB/s of md5, sha1 and sha256 over a file, one core, and the digests.

    The file is read once first so that the figure is hashing alone.
    """
    read_all(path)
    digests = (hashlib.md5(), hashlib.sha1(), hashlib.sha256())
    size = 0
    start = time.perf_counter()
    for chunk in _chunks(path):
        size += len(chunk)
        for digest in digests:
            digest.update(chunk)
    elapsed = time.perf_counter() - start
    return mbps(size, elapsed), tuple(d.hexdigest() for d in digests)


def read_all(path):
    """MB/s reading a file (from the page cache when it is warm)."""
    size = 0
    start = time.perf_counter()
    for chunk in _chunks(path):
        size += len(chunk)
    return mbps(size, time.perf_counter() - start)


class _FileHandler(http.server.BaseHTTPRequestHandler):
    """Answers every GET with one file, sent by the kernel (sendfile)."""

    def do_GET(self):
        path = self.server.path
        self.send_response(200)
        self.send_header('Content-Length', str(os.path.getsize(path)))
        self.end_headers()
        with open(path, 'rb') as data:
            self.connection.sendfile(data)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def sendfile_server(path):
    """URL of a minimal loopback server sending ``path`` with sendfile.

    A download through it is the ceiling of any HTTP server on this
    machine: the kernel copies the file to the socket, curl reads it.
    """
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _FileHandler)
    server.path = path
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield 'http://127.0.0.1:%d/' % server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def cpu_seconds(pids):
    """User plus system CPU the processes ``pids`` used so far."""
    ticks = 0
    for pid in pids:
        try:
            with open('/proc/%d/stat' % pid) as stat:
                # "pid (comm) state ppid ...": utime and stime are the
                # 14th and 15th fields.
                fields = stat.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf('SC_CLK_TCK')


def _status_kib(pid, field):
    try:
        with open('/proc/%d/status' % pid) as status:
            for line in status:
                if line.startswith(field + ':'):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class MemoryWatch:
    """Resident memory growth of server processes during a transfer.

    Each process's peak (VmHWM) is reset before and read after, so a
    spike between samples is not missed; a sampling thread also records
    the peak of the processes' summed VmRSS. The growth reported is the
    larger of the summed per-process peaks over their start and the
    sampled sum's peak over its start.
    """

    def __init__(self, pids, interval=0.02):
        self.pids = list(pids)
        self.interval = interval
        self._stop = threading.Event()
        self.hwm_reset = True

    def __enter__(self):
        for pid in self.pids:
            try:
                with open('/proc/%d/clear_refs' % pid, 'w') as refs:
                    refs.write('5')
            except OSError:
                self.hwm_reset = False
        self.start_rss = {pid: _status_kib(pid, 'VmRSS') or 0
                          for pid in self.pids}
        self.start_sum = sum(self.start_rss.values())
        self.peak_sum = self.start_sum
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(self.interval):
            total = sum(_status_kib(pid, 'VmRSS') or 0 for pid in self.pids)
            self.peak_sum = max(self.peak_sum, total)

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        sampled = self.peak_sum - self.start_sum
        by_hwm = 0
        if self.hwm_reset:
            for pid in self.pids:
                hwm = _status_kib(pid, 'VmHWM')
                if hwm is not None:
                    by_hwm += max(0, hwm - self.start_rss[pid])
        self.growth_mib = max(sampled, by_hwm) / 1024.0
        self.peak_rss_mib = max(
            [_status_kib(pid, 'VmHWM') or 0 for pid in self.pids]) / 1024.0
        return False
