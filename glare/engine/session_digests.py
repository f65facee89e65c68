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

"""Digests of upload sessions, kept running from one chunk to the next.

A session's md5, sha1 and sha256 are computed while its chunks arrive,
so that finishing it needs no second pass over the data. hashlib cannot
export a digest's state, so the state lives in the memory of the
process that took the session's last chunk; a client on a keep-alive
connection sends every chunk to the same process. A chunk that reaches a
process without the state at its offset (another worker, a restarted
glare-api) continues from the latest state that process has for the
session, or from the start, by reading the missing bytes back from the
store once. The state is only ever a cache: nothing is lost with it.

A chunk catches up on the bytes it missed only when they are no more
than the chunk itself: a client whose chunks go to a different process
each time (no keep-alive, several workers) would otherwise have every
process hash nearly all the data. Such chunks are written without
hashing, and the finish hashes, once, whatever the finishing process
has no state for.
"""

import collections
import threading

from oslo_log import log

from glare.engine import digests

LOG = log.getLogger(__name__)

NAMES = ('md5', 'sha1', 'sha256')
# Sessions whose digests a process keeps (a few hundred bytes each): the
# least recently used beyond this are dropped.
CAPACITY = 256
# Chunks each digest thread may lag behind: the three share them, so a
# chunk's memory is at most this many reads (1 MiB) beyond the one read.
DEPTH = 2

_STATES = collections.OrderedDict()  # session id -> (offset, {name: hash})
_LOCK = threading.Lock()


class Feed:
    """md5, sha1 and sha256 of a session's bytes, each in its own thread.

    ``offset`` counts the bytes hashed, from the session's first.
    """

    def __init__(self, offset=0, states=None):
        self.offset = offset
        self._digests = {name: digests.Digest(
            name, depth=DEPTH, start=states[name] if states else None)
            for name in NAMES}

    def update(self, chunk):
        for digest in self._digests.values():
            digest.update(chunk)
        self.offset += len(chunk)

    def close(self):
        for digest in self._digests.values():
            digest.close()

    def hexdigests(self):
        return {name: digest.hexdigest()
                for name, digest in self._digests.items()}

    def states(self):
        return {name: digest.state()
                for name, digest in self._digests.items()}


def resume(session_id, offset, read, max_gap=None):
    """A ``Feed`` of the session's first ``offset`` bytes, or None.

    ``read(start, end)`` iterates over the session's bytes ``start`` to
    ``end``: those the process has no digest state for are read back,
    unless they are more than ``max_gap`` bytes (None: no limit); then
    there is no feed.
    """
    with _LOCK:
        known = _STATES.get(session_id)
        if known is not None:
            _STATES.move_to_end(session_id)
    start, states = known if known and known[0] <= offset else (0, None)
    if max_gap is not None and offset - start > max_gap:
        return None
    feed = Feed(start, states)
    if start < offset:
        LOG.info('Upload session %s: hashing bytes %d to %d again (the '
                 'previous chunk went to another process)', session_id,
                 start, offset)
        try:
            for data in read(start, offset):
                feed.update(data)
        except BaseException:
            feed.close()
            raise
    return feed


def remember(session_id, feed):
    """Keep ``feed``'s state for the session's next chunk."""
    state = (feed.offset, feed.states())
    with _LOCK:
        _STATES[session_id] = state
        _STATES.move_to_end(session_id)
        while len(_STATES) > CAPACITY:
            _STATES.popitem(last=False)


def forget(session_id):
    with _LOCK:
        _STATES.pop(session_id, None)
