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

"""Digests computed beside the request, in threads of their own.

hashlib releases the GIL while it hashes a buffer of more than 2 KiB,
so a digest fed from another thread runs while the request thread reads
the next chunk of the body and glance_store computes md5 and sha256 and
writes: an upload takes the time of its slowest path instead of the sum
of all of them (doc/source/benchmark.rst, "Blob throughput").
"""

import hashlib
import queue
import threading

# Chunks waiting for the digest thread: the memory it may hold back is
# this many reads of the store (1 MiB each for the filesystem backend).
DEPTH = 4
_END = object()


class Digest:
    """``hashlib.new(name)`` fed by ``update`` and hashed in a thread.

    ``hexdigest`` waits for every chunk given; ``close`` stops the thread
    without a result (an upload that failed). The chunks are kept until
    hashed: they must not change meanwhile (bytes; anything else is
    copied). ``start`` is a hashlib object to continue (it is not
    changed); ``state`` is the hashlib object once every chunk is in, to
    continue later.
    """

    def __init__(self, name, depth=DEPTH, start=None):
        self.name = name
        self._hash = hashlib.new(name) if start is None else start.copy()
        self._chunks = queue.Queue(depth)
        self._closed = False
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name='digest-%s' % name)
        self._thread.start()

    def _run(self):
        while True:
            chunk = self._chunks.get()
            if chunk is _END:
                return
            self._hash.update(chunk)

    def update(self, chunk):
        if self._closed:
            raise ValueError('The %s digest is closed.' % self.name)
        if not isinstance(chunk, bytes):
            chunk = bytes(chunk)
        if chunk:
            self._chunks.put(chunk)

    def close(self):
        if not self._closed:
            self._closed = True
            self._chunks.put(_END)
            self._thread.join()

    def hexdigest(self):
        self.close()
        return self._hash.hexdigest()

    def state(self):
        self.close()
        return self._hash.copy()
