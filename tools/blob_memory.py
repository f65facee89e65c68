#!/usr/bin/env python3
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

"""How much memory glare-api needs to move a big blob.

Starts ``glare-api`` (the one beside this interpreter) on a free loopback
port with a throw-away state directory, uploads a blob of ``--size`` bytes
with ``curl -T`` and downloads it with ``curl -o``, while sampling the
resident memory (RSS) of the server's processes (master and workers)
from /proc. Prints the RSS before, the peak during each transfer, and the
growth; exits 1 when the growth reaches ``--limit-mib``.

Not a test: it takes a while and writes ``--size`` bytes twice to
``--work-dir``. Usage::

    python tools/blob_memory.py --size 1GiB
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from glare.tests.functional import server  # noqa: E402

TOKEN = 'admin:admin:admin'
MiB = 1024 * 1024
_UNITS = {'': 1, 'k': 1024, 'kib': 1024, 'm': MiB, 'mib': MiB,
          'g': 1024 * MiB, 'gib': 1024 * MiB}


def parse_size(text):
    match = re.fullmatch(r'\s*(\d+)\s*([a-zA-Z]*)\s*', text)
    if not match or match.group(2).lower() not in _UNITS:
        raise argparse.ArgumentTypeError('not a size: %r (e.g. 1GiB, '
                                         '512MiB)' % text)
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def process_tree(pid):
    """``pid`` and its descendants (Linux /proc)."""
    children = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % entry) as stat:
                ppid = int(stat.read().rsplit(')', 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, ()))
    return found


def rss(pid):
    """Resident bytes of one process, 0 when it is gone."""
    try:
        with open('/proc/%d/status' % pid) as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Samples the RSS of every process of the server, per process."""

    def __init__(self, pid, interval=0.05):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = {}
        self.running = True

    def sample(self):
        return {p: rss(p) for p in process_tree(self.pid)}

    def run(self):
        while self.running:
            for p, value in self.sample().items():
                self.peak[p] = max(self.peak.get(p, 0), value)
            time.sleep(self.interval)

    def stop(self):
        self.running = False
        self.join()
        return self.peak


def write_file(path, size):
    """``size`` pseudo-random bytes; returns their sha256."""
    digest = hashlib.sha256()
    block = os.urandom(MiB)
    with open(path, 'wb') as stream:
        written = 0
        while written < size:
            piece = block[:min(MiB, size - written)]
            # Vary the blocks so no layer can get away with deduplicating.
            piece = written.to_bytes(8, 'big') + piece[8:] \
                if len(piece) > 8 else piece
            stream.write(piece)
            digest.update(piece)
            written += len(piece)
    return digest.hexdigest()


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as stream:
        for block in iter(lambda: stream.read(MiB), b''):
            digest.update(block)
    return digest.hexdigest()


def curl(*args):
    started = time.monotonic()
    subprocess.run(['curl', '-sS', '-f', '-H', 'X-Auth-Token: ' + TOKEN] +
                   list(args), check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def measure(pid, *args):
    """Run curl while sampling; returns (seconds, peak RSS per process)."""
    sampler = Sampler(pid)
    sampler.start()
    try:
        seconds = curl(*args)
    finally:
        peak = sampler.stop()
    return seconds, peak


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('--size', type=parse_size, default=parse_size(
        '1GiB'), help='blob size, e.g. 1GiB (default), 256MiB')
    parser.add_argument('--limit-mib', type=float, default=50,
                        help='largest acceptable RSS growth (default 50)')
    parser.add_argument('--work-dir', default=None,
                        help='where the blob files go (default: a '
                             'temporary directory)')
    parser.add_argument('--json', action='store_true',
                        help='print the figures as JSON')
    args = parser.parse_args(argv)
    if shutil.which('curl') is None:
        parser.error('needs curl')

    work = tempfile.mkdtemp(prefix='glare-blob-memory-',
                            dir=args.work_dir)
    glare = server.GlareServer()
    glare.setUp()
    try:
        source = os.path.join(work, 'upload.bin')
        target = os.path.join(work, 'download.bin')
        expected = write_file(source, args.size)
        created = subprocess.run(
            ['curl', '-sS', '-f', '-H', 'X-Auth-Token: ' + TOKEN, '-H',
             'Content-Type: application/json', '-d',
             json.dumps({'name': 'blob-memory'}),
             glare.url + '/artifacts/images'],
            check=True, capture_output=True)
        blob_url = '%s/artifacts/images/%s/image' % (
            glare.url, json.loads(created.stdout)['id'])
        # Let the server settle after start-up before the baseline.
        time.sleep(1)
        baseline = Sampler(glare.process.pid).sample()
        up_seconds, up_peak = measure(
            glare.process.pid, '-T', source, '-H',
            'Content-Type: application/octet-stream', blob_url)
        down_seconds, down_peak = measure(
            glare.process.pid, '-o', target, blob_url)
        if sha256_of(target) != expected:
            raise SystemExit('the downloaded bytes differ from the '
                             'uploaded ones')
    finally:
        glare.cleanUp()
        shutil.rmtree(work, ignore_errors=True)

    def growth(peak):
        # Per process: a worker's growth is what a request costs it.
        return max((peak.get(p, 0) - baseline.get(p, 0)
                    for p in peak if p in baseline), default=0) / MiB

    figures = {
        'size_mib': args.size / MiB,
        'baseline_rss_mib': {str(p): v / MiB for p, v in baseline.items()},
        'upload_seconds': round(up_seconds, 2),
        'upload_mib_per_s': round(args.size / MiB / up_seconds, 1),
        'upload_rss_growth_mib': round(growth(up_peak), 1),
        'download_seconds': round(down_seconds, 2),
        'download_mib_per_s': round(args.size / MiB / down_seconds, 1),
        'download_rss_growth_mib': round(growth(down_peak), 1),
    }
    worst = max(figures['upload_rss_growth_mib'],
                figures['download_rss_growth_mib'])
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print('blob of %(size_mib).0f MiB through glare-api' % figures)
        print('  upload:   %(upload_seconds)6.2f s  %(upload_mib_per_s)7.1f '
              'MiB/s  RSS growth %(upload_rss_growth_mib)6.1f MiB' % figures)
        print('  download: %(download_seconds)6.2f s  '
              '%(download_mib_per_s)7.1f MiB/s  RSS growth '
              '%(download_rss_growth_mib)6.1f MiB' % figures)
    if worst >= args.limit_mib:
        print('RSS grew by %.1f MiB, over the %.0f MiB limit' % (
            worst, args.limit_mib), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
