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
import os
import queue
import threading

# Chunks waiting for the digest thread: the memory it may hold back is
# this many reads of the store (1 MiB each for the filesystem backend).
DEPTH = 4
_END = object()


class _Threads:
    """Threads that hash one digest after another, kept between uploads.

    Starting a thread waits until it runs: 0.75-4 ms per upload on a
    busy machine, before the first byte is stored. A digest takes an
    idle thread, or starts one when every thread is busy; there are as
    many as uploads ever ran at once.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._idle = []  # the inboxes of idle threads

    def run(self, job):
        with self._lock:
            inbox = self._idle.pop() if self._idle else None
        if inbox is not None:
            inbox.put(job)
        else:
            threading.Thread(target=self._serve, args=(job,), daemon=True,
                             name='glare-digest').start()

    def _serve(self, job):
        inbox = queue.SimpleQueue()
        while True:
            job()
            with self._lock:
                self._idle.append(inbox)
            job = inbox.get()


_THREADS = _Threads()
# A forked worker has none of its parent's threads.
os.register_at_fork(after_in_child=_THREADS.__init__)


class Digest:
    """``hashlib.new(name)`` fed by ``update`` and hashed in a thread.

    ``hexdigest`` waits for every chunk given; ``close`` ends the work
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
        self._done = threading.Event()
        _THREADS.run(self._run)

    def _run(self):
        try:
            while True:
                chunk = self._chunks.get()
                if chunk is _END:
                    return
                self._hash.update(chunk)
        finally:
            self._done.set()

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
            self._done.wait()

    def hexdigest(self):
        self.close()
        return self._hash.hexdigest()

    def state(self):
        self.close()
        return self._hash.copy()
