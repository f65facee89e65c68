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

"""Data that grows in place: an upload session's file in a file backend.

glance_store writes whole objects only. A filesystem backend's object is
a file, though, and a file can be appended to: the chunks of an upload
session go, one after the other, into one file in the backend's data
directory, and that file becomes the blob's data when the session
finishes, without a copy. Its location is a ``file://`` URI like those
glance_store's ``add`` returns, so ``glare.store.api`` reads and deletes
it like any other stored data (downloads, the deletion queue, the
scrubber).

One writer at a time: a ``SessionFile`` holds an exclusive ``flock`` on
the file for as long as it is open, which the operating system drops
when the process dies, so a killed glare-api never blocks a session.
``flock`` locks belong to an open file, so they exclude the threads of
one process from each other too; on NFS, where Linux emulates them with
byte-range locks that belong to a process (and that closing any
descriptor of the file drops), the threads of a process are also kept
apart by a set of the files they hold, checked before opening.
"""

import errno
import fcntl
import os
import threading
import time
import urllib.parse

from glare import exception

# Bytes per read when the data is read back (digests resumed elsewhere).
READ_SIZE = 1024 * 1024
# How often a writer waiting for the lock tries again (seconds).
_POLL = 0.05
# Files held by this process's threads, and the lock guarding the set.
_HELD = set()
_HELD_LOCK = threading.Lock()


def supported(conf, backend):
    """Whether ``backend`` keeps data in files that can grow in place."""
    return conf.enabled_backends.get(backend) == 'file'


def _datadir(conf, backend):
    """The directory glance_store would write to first."""
    group = conf[backend]
    if group.filesystem_store_datadir:
        return group.filesystem_store_datadir
    best = None
    for entry in group.filesystem_store_datadirs or ():
        path, _, priority = entry.rpartition(':')
        if not priority.isdigit():
            path, priority = entry, '0'
        if best is None or int(priority) > best[0]:
            best = (int(priority), path)
    if best is None:
        raise exception.StoreError(action='store',
                                   reason='backend %s has no data '
                                          'directory' % backend)
    return best[1]


def location(conf, backend, name):
    """The ``file://`` location of file ``name`` in ``backend``.

    ``name`` is an id glare generated: a plain file name.
    """
    if os.path.basename(name) != name or name in ('', '.', '..'):
        raise exception.GlareException('Invalid file name %r.' % name)
    return 'file://' + os.path.join(_datadir(conf, backend), name)


def _path(location):
    pieces = urllib.parse.urlparse(location)
    return urllib.parse.unquote(pieces.netloc + pieces.path)


def _store_error(exc, action):
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return exception.StorageFull()
    return exception.StoreError(action=action, reason=exc.strerror or exc)


def create(conf, backend, location):
    """Create the empty file at ``location`` in ``backend``.

    With the permissions glance_store gives the files it writes there
    (``filesystem_store_file_perm``, an octal number written in decimal
    digits), since the file becomes a blob's data.
    """
    path = _path(location)
    try:
        fd = os.open(path,
                     os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                     0o666)
    except OSError as exc:
        raise _store_error(exc, 'store')
    os.close(fd)
    perm = conf[backend].filesystem_store_file_perm
    if perm:
        try:
            os.chmod(path, int(str(perm), 8))
        except OSError as exc:
            os.unlink(path)
            raise _store_error(exc, 'store')


def lock(location, wait=0):
    """The file at ``location``, open and locked for this writer.

    A ``SessionFile``, to close (a context manager).
    ``UploadSessionBusy`` (409) when another writer still holds it after
    ``wait`` seconds; BlobDataNotFound (404) when the file is gone (its
    session ended).
    """
    path = _path(location)
    deadline = time.monotonic() + wait
    while True:
        if SessionFile._hold(path):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
            except FileNotFoundError:
                SessionFile._let_go(path)
                raise exception.BlobDataNotFound()
            except OSError as exc:
                SessionFile._let_go(path)
                raise _store_error(exc, 'store')
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return SessionFile(path, fd)
            except OSError as exc:
                os.close(fd)
                SessionFile._let_go(path)
                if exc.errno not in (errno.EWOULDBLOCK, errno.EACCES):
                    raise _store_error(exc, 'store')
        if time.monotonic() >= deadline:
            raise exception.UploadSessionBusy()
        time.sleep(_POLL)


class SessionFile:
    """A session's file, locked by this writer until ``close``."""

    def __init__(self, path, fd):
        self._path = path
        self._fd = fd

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        if self._fd is not None:
            # Closing the descriptor drops the lock.
            os.close(self._fd)
            self._fd = None
            self._let_go(self._path)

    @staticmethod
    def _hold(path):
        with _HELD_LOCK:
            if path in _HELD:
                return False
            _HELD.add(path)
            return True

    @staticmethod
    def _let_go(path):
        with _HELD_LOCK:
            _HELD.discard(path)

    def size(self):
        return os.fstat(self._fd).st_size

    def truncate(self, length):
        """Cut what follows byte ``length`` (a writer's unfinished chunk)."""
        try:
            os.ftruncate(self._fd, length)
        except OSError as exc:
            raise _store_error(exc, 'store')

    def write_at(self, offset, data):
        """Write ``data`` at byte ``offset``."""
        view = memoryview(data)
        try:
            while view:
                written = os.pwrite(self._fd, view, offset)
                view = view[written:]
                offset += written
        except OSError as exc:
            raise _store_error(exc, 'store')

    def read(self, start, end):
        """Iterator of the bytes ``start`` to ``end`` (exclusive)."""
        while start < end:
            try:
                data = os.pread(self._fd, min(READ_SIZE, end - start), start)
            except OSError as exc:
                raise _store_error(exc, 'read')
            if not data:
                raise exception.BlobDataNotFound()
            start += len(data)
            yield data
