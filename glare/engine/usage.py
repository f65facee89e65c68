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

"""Usage facts: how often and when artifacts' data is downloaded.

A download only adds to this process's tally; the tally is written in
one transaction when ``usage_flush_interval`` seconds have passed since
the last write (by the download that finds it due, so no thread is
needed), and when the process exits. The hot path thus writes nothing
most of the time, and one batched update at most.
"""

import atexit
import threading
import time

from oslo_config import cfg
from oslo_log import log
from oslo_utils import timeutils

from glare import context as glare_context
from glare.db import usage as db_usage

LOG = log.getLogger(__name__)
CONF = cfg.CONF


class Tally:
    """Downloads counted in this process and not yet recorded."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._pending = {}
        self._last_flush = clock()

    def add(self, artifact_id, when):
        """Count one download; True when the tally is due for writing."""
        with self._lock:
            count, _ = self._pending.get(artifact_id, (0, None))
            self._pending[artifact_id] = (count + 1, when)
            return self._clock() - self._last_flush >= \
                CONF.usage_flush_interval

    def take(self):
        """What to write now; the tally starts again."""
        with self._lock:
            pending, self._pending = self._pending, {}
            self._last_flush = self._clock()
            return pending

    def give_back(self, pending):
        """Downloads a failed write did not record, for the next one."""
        with self._lock:
            for artifact_id, (count, when) in pending.items():
                known, last = self._pending.get(artifact_id, (0, when))
                self._pending[artifact_id] = (known + count,
                                              max(last, when))


_TALLY = Tally()


def downloaded(context, artifact_id, tally=None):
    """Count a download of ``artifact_id``'s data."""
    tally = tally or _TALLY
    if tally.add(artifact_id, timeutils.utcnow()):
        flush(context, tally)


def flush(context, tally=None):
    """Write the tally; on failure it is kept for the next attempt."""
    tally = tally or _TALLY
    pending = tally.take()
    if not pending:
        return 0
    try:
        db_usage.record(context, pending)
    except Exception:
        LOG.warning('Could not record the downloads of %d artifact(s); '
                    'trying again later', len(pending), exc_info=True)
        tally.give_back(pending)
        return 0
    return len(pending)


@atexit.register
def _flush_at_exit():
    try:
        flush(glare_context.get_admin_context())
    except Exception:  # the database may be gone at exit
        LOG.debug('Downloads not recorded at exit', exc_info=True)
