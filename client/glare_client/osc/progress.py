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

"""Progress of an upload or a download, drawn on stderr.

On a terminal one line is redrawn in place: a bar, the percentage, the
bytes so far and in all, the rate and the time left. Elsewhere (a log
file, when ``--progress`` asks for it) the same line is written now and
then, one per line. The last line always shows the final count, also
when the total was not known in advance (data from standard input).
"""

import sys
import time

from glare_client import sizes

WIDTH = 30
# Redraw at most this often; a transfer calls back for every chunk.
INTERVAL = 0.1
# When not drawing on a terminal, a line at most this often.
LOG_INTERVAL = 5.0


def wanted(forced, stream=None):
    """Draw when asked to, or when ``stream`` is a terminal."""
    stream = stream or sys.stderr
    return bool(forced) or _is_terminal(stream)


def _is_terminal(stream):
    return hasattr(stream, 'isatty') and stream.isatty()


def duration(seconds):
    """``0:07``, ``12:05``, ``1:02:03``."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return '%d:%02d:%02d' % (hours, minutes, seconds)
    return '%d:%02d' % (minutes, seconds)


class ProgressBar:
    """``callable(done, total)``; ``finish()`` draws the last line.

    ``done`` counts from the start of the data: a resumed download
    starts at the bytes it already had, and only what arrives now counts
    for the rate.
    """

    def __init__(self, stream=None, clock=time.monotonic, terminal=None):
        self.stream = stream or sys.stderr
        self.clock = clock
        self.terminal = _is_terminal(self.stream) if terminal is None \
            else terminal
        self.interval = INTERVAL if self.terminal else LOG_INTERVAL
        self._started = None
        self._last_draw = None
        self._last = (0, None)
        self._width = 0

    def __call__(self, done, total):
        now = self.clock()
        if self._started is None:
            self._started = (now, done)
        self._last = (done, total)
        # On a terminal the last bytes are shown at once (the server may
        # take a while to answer after them); in a log, finish() says it.
        end = self.terminal and done == total
        if self._last_draw is not None and \
                now - self._last_draw < self.interval and not end:
            return
        self._last_draw = now
        self._draw(self.line(done, total, now))

    def line(self, done, total, now, final=False):
        """The text shown for ``done`` of ``total`` bytes at ``now``."""
        started_at, started_with = self._started or (now, done)
        elapsed = now - started_at
        rate = (done - started_with) / elapsed if elapsed > 0 else None
        if final and total is None:
            total = done
        parts = []
        if total:
            fraction = min(1.0, done / total)
            filled = int(WIDTH * fraction)
            parts.append('[%s%s] %3d%%' % ('=' * filled,
                                           ' ' * (WIDTH - filled),
                                           fraction * 100))
            parts.append('%s / %s' % (sizes.human(done),
                                      sizes.human(total)))
        else:
            parts.append(sizes.human(done))
        if rate:
            parts.append('%s/s' % sizes.human(rate))
        if final:
            parts.append('in %s' % duration(elapsed))
        elif rate and total and done < total:
            parts.append('ETA %s' % duration((total - done) / rate))
        return '  '.join(parts)

    def _draw(self, text):
        if self.terminal:
            # Padding wipes what a longer previous line left behind.
            self.stream.write('\r' + text.ljust(self._width))
        else:
            self.stream.write(text + '\n')
        self._width = max(len(text), self._width)
        self.stream.flush()

    def finish(self):
        """Draw the final count (and end the line on a terminal)."""
        done, total = self._last
        self._draw(self.line(done, total, self.clock(), final=True))
        if self.terminal:
            self.stream.write('\n')
            self.stream.flush()
