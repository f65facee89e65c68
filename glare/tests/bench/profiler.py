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

"""py-spy profiles of the server's hot paths (``--profile``).

A profile is taken in an extra, unmeasured repetition, so that sampling
never slows a reported figure. ``py-spy record --subprocesses`` follows
every gunicorn worker; its collapsed stacks are summarised as the
functions that used most samples on their own (self) and with what they
called (inclusive).
"""

import collections
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time

_TOP = 15
# "function (package/file.py:123)" -> "function (package/file.py)"
_FRAME = re.compile(r'^(?P<func>.*?) \((?P<file>[^:()]*)(?::\d+)?\)$')
# Inclusive shares are shown for the code glare can change.
# The middleware is the trunk of every request: left out.
_OWN_CODE = ('glare/', 'glance_store/')
_TRUNK = ('glare/api/middleware/', 'glare/wsgi/', 'glare/api/app.py')


def find_py_spy():
    beside = os.path.join(os.path.dirname(sys.executable), 'py-spy')
    if os.access(beside, os.X_OK):
        return beside
    return shutil.which('py-spy')


class Profiler:
    """Records profiles into ``directory``; summaries in ``profiles``."""

    def __init__(self, directory, enabled):
        self.directory = directory
        self.py_spy = find_py_spy() if enabled else None
        if enabled and not self.py_spy:
            raise RuntimeError('--profile needs py-spy: pip install py-spy '
                               'into %s.' % sys.prefix)
        self.profiles = {}

    @property
    def enabled(self):
        return self.py_spy is not None

    @contextlib.contextmanager
    def record(self, label, pid):
        """Sample process ``pid`` and its children while the block runs."""
        if not self.enabled:
            yield
            return
        os.makedirs(self.directory, exist_ok=True)
        path = os.path.join(self.directory, re.sub(r'\W+', '-', label) +
                            '.txt')
        spy = subprocess.Popen(
            [self.py_spy, 'record', '--pid', str(pid), '--subprocesses',
             '--format', 'raw', '--output', path, '--nonblocking'],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(1.5)  # attaching takes a moment
        try:
            yield
        finally:
            spy.send_signal(signal.SIGINT)
            _, errors = spy.communicate(timeout=60)
        if os.path.exists(path):
            self.profiles[label] = summarise(path)
            self.profiles[label]['file'] = path
        else:
            self.profiles[label] = {'error': errors.decode()[-500:]}


def _frame(text):
    match = _FRAME.match(text.strip())
    if not match:
        return text.strip()
    return '%s (%s)' % (match['func'], match['file'])


def summarise(path):
    """Top functions by self and inclusive samples in collapsed stacks."""
    self_samples = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    with open(path) as stacks:
        for line in stacks:
            stack, _, count = line.rstrip('\n').rpartition(' ')
            if not stack or not count.isdigit():
                continue
            count = int(count)
            # Process and thread headers are not functions.
            frames = [_frame(f) for f in stack.split(';')
                      if not f.startswith(('process ', 'thread '))]
            if not frames:
                continue
            total += count
            self_samples[frames[-1]] += count
            for frame in set(frames):
                where = frame.rpartition(' (')[2]
                if where.startswith(_OWN_CODE) and \
                        not where.startswith(_TRUNK):
                    inclusive[frame] += count

    def top(counter):
        return [[name, round(100.0 * n / total, 1)]
                for name, n in counter.most_common(_TOP)]
    return {'samples': total, 'self': top(self_samples),
            'inclusive': top(inclusive)}
