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

"""A one-line progress bar for uploads and downloads, drawn on stderr."""

import sys
import time

WIDTH = 30
# Redraw at most this often; a transfer calls back for every chunk.
INTERVAL = 0.1


def wanted(forced, stream=None):
    """Draw a bar when asked to, or when ``stream`` is a terminal."""
    stream = stream or sys.stderr
    return bool(forced) or (hasattr(stream, 'isatty') and stream.isatty())


def human_size(count):
    size = float(count)
    for unit in ('B', 'KiB', 'MiB', 'GiB', 'TiB'):
        if size < 1024 or unit == 'TiB':
            return ('%d %s' if unit == 'B' else '%.1f %s') % (size, unit)
        size /= 1024


class ProgressBar:
    """``callable(done, total)``; ``finish()`` ends the line."""

    def __init__(self, stream=None, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.clock = clock
        self._last_draw = None
        self._last = (0, None)
        self._drawn = False

    def __call__(self, done, total):
        self._last = (done, total)
        now = self.clock()
        if self._last_draw is not None and now - self._last_draw < INTERVAL \
                and done != total:
            return
        self._last_draw = now
        self._draw(done, total)

    def _draw(self, done, total):
        if total:
            fraction = min(1.0, done / total)
            filled = int(WIDTH * fraction)
            line = '[%s%s] %3d%% %s / %s' % (
                '=' * filled, ' ' * (WIDTH - filled), fraction * 100,
                human_size(done), human_size(total))
        else:
            line = '%s transferred' % human_size(done)
        self.stream.write('\r' + line)
        self.stream.flush()
        self._drawn = True

    def finish(self):
        if not self._drawn:
            self._draw(*self._last)
        self.stream.write('\n')
        self.stream.flush()
