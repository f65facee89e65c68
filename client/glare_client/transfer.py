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

"""Moving blob bytes in bounded memory, with digests checked.

``UploadBody`` hands a file, a stream or an iterable to ``requests`` a
chunk at a time (with ``Content-Length`` when the size is known, chunked
otherwise), hashing what it sends. ``Download`` iterates over a response
(the whole blob, or the rest of it from an offset) and raises
``ChecksumMismatch`` at the end when the bytes of the whole blob do not
match the digests the server announced, ``TransferInterrupted`` when the
connection broke first. ``PartialFile`` collects a download in
``FILE.part`` and puts ``FILE`` in place only once all of it arrived and
was checked; an interrupted download leaves ``FILE.part`` for a resumed
one to continue. ``SessionState`` remembers a resumable upload's
session between runs.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import re
import stat

import requests

from glare_client import exceptions
from glare_client import sizes

CHUNK_SIZE = 64 * 1024
MD5_HEADER = 'Content-MD5'
SHA256_HEADER = 'X-Openstack-Glare-Content-SHA256'


def source_size(source):
    """Bytes left in a regular file or bytes object; None if unknown."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return len(source)
    try:
        info = os.fstat(source.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    try:
        return max(0, info.st_size - source.tell())
    except (AttributeError, OSError, ValueError):
        return info.st_size


class Digests:
    """md5, sha1 and sha256 of the bytes fed to it."""

    def __init__(self):
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.sha1 = hashlib.sha1(usedforsecurity=False)
        self.sha256 = hashlib.sha256()
        self.size = 0

    def update(self, chunk):
        self.md5.update(chunk)
        self.sha1.update(chunk)
        self.sha256.update(chunk)
        self.size += len(chunk)

    def hexdigests(self):
        return {'md5': self.md5.hexdigest(), 'sha1': self.sha1.hexdigest(),
                'sha256': self.sha256.hexdigest()}


class UploadBody:
    """An upload's body: ``read`` and iteration in chunks, hashed.

    :param source: bytes, a binary file object (``read``) or an iterable
        of bytes.
    :param size: the number of bytes, when known; sent as Content-Length.
    :param progress: ``callable(sent, total)``, total None when unknown.
    """

    def __init__(self, source, size=None, progress=None):
        if isinstance(source, (bytes, bytearray, memoryview)):
            self._chunks = _chunks_of_bytes(bytes(source))
            self._read = None
        elif hasattr(source, 'read'):
            self._chunks = None
            self._read = source.read
        else:
            self._chunks = iter(source)
            self._read = None
        self.size = size
        self.progress = progress
        self.digests = Digests()
        self._pending = b''

    def _count(self, chunk):
        if isinstance(chunk, str):
            raise exceptions.ClientError(
                'Blob data must be bytes; open files in binary mode.')
        self.digests.update(chunk)
        if self.progress is not None:
            self.progress(self.digests.size, self.size)
        return chunk

    def _next_chunk(self, size=CHUNK_SIZE):
        if self._read is not None:
            return self._read(size) or b''
        for chunk in self._chunks:
            if chunk:
                return chunk
        return b''

    def read(self, size=-1):
        if size is None or size < 0:
            size = CHUNK_SIZE
        if self._pending:
            chunk, self._pending = self._pending[:size], self._pending[size:]
        else:
            chunk = self._next_chunk(size)
            if len(chunk) > size:
                chunk, self._pending = chunk[:size], chunk[size:]
        return self._count(chunk) if chunk else b''

    def __iter__(self):
        while True:
            chunk = self.read(CHUNK_SIZE)
            if not chunk:
                return
            yield chunk

    def request_data(self):
        """What to pass to ``requests`` as ``data``.

        With a known size the object itself (``requests`` sends its
        length as Content-Length and reads it); otherwise a generator,
        which ``requests`` sends chunked.
        """
        if self.size is None:
            return iter(self)
        return _SizedBody(self)


class _SizedBody:
    """``requests`` reads this, knowing its length from ``len``."""

    def __init__(self, body):
        self._body = body

    def read(self, size=-1):
        return self._body.read(size)

    def __len__(self):
        return self._body.size


def _chunks_of_bytes(data):
    for start in range(0, len(data), CHUNK_SIZE):
        yield data[start:start + CHUNK_SIZE]


def expected_digests(headers):
    """The digests announced in download response headers."""
    expected = {}
    if headers.get(SHA256_HEADER):
        expected['sha256'] = headers[SHA256_HEADER].strip().lower()
    md5 = (headers.get(MD5_HEADER) or '').strip()
    if len(md5) == 32:
        expected['md5'] = md5.lower()
    return expected


# What breaks a download after its headers arrived.
INTERRUPTIONS = (requests.exceptions.ConnectionError,
                 requests.exceptions.ChunkedEncodingError,
                 requests.exceptions.Timeout)
_CONTENT_RANGE = re.compile(r'^\s*bytes\s+(\d+)-(\d+)/(\d+)\s*$')


def range_header(start):
    """The request header asking for the bytes from ``start`` on."""
    return {'Range': 'bytes=%d-' % start} if start else {}


def body_start(status_code, headers):
    """``(start, total)`` of a download response's body in the blob.

    A 206 says where its part starts and how long the blob is; a 200 is
    the whole blob (total None: the caller knows it from Content-Length).
    """
    if status_code != 206:
        return 0, None
    match = _CONTENT_RANGE.match(headers.get('Content-Range') or '')
    if not match:
        raise exceptions.ClientError(
            'The server sent part of the blob without saying which '
            '(Content-Range %r).' % headers.get('Content-Range'))
    return int(match.group(1)), int(match.group(3))


class Download:
    """An open blob download.

    Iterate over it for the bytes (chunks of at most ``chunk_size``); once
    the last chunk is read, the size and every announced digest of the
    whole blob are checked and ``ChecksumMismatch`` is raised on a
    difference; a connection that breaks first raises
    ``TransferInterrupted``. ``size`` (of the whole blob),
    ``content_type`` and ``expected`` describe what was announced.

    :param start: where in the blob the response's body begins (a ranged
        request); the bytes before it are accounted for with
        ``continue_from``.
    """

    def __init__(self, response, expected=None, size=None,
                 content_type=None, progress=None, chunk_size=CHUNK_SIZE,
                 start=0):
        self.response = response
        self.expected = dict(expected or {})
        self.size = size
        self.content_type = content_type
        self.progress = progress
        self.chunk_size = chunk_size
        self.start = start
        self.digests = Digests()
        self.verified = False

    def continue_from(self, digests):
        """Go on from ``digests`` of the blob's first ``start`` bytes."""
        if digests.size != self.start:
            raise ValueError('%d bytes hashed before a body starting at '
                             '%d' % (digests.size, self.start))
        self.digests = digests

    def __iter__(self):
        try:
            try:
                for chunk in self.response.iter_content(self.chunk_size):
                    if not chunk:
                        continue
                    self.digests.update(chunk)
                    if self.progress is not None:
                        self.progress(self.digests.size, self.size)
                    yield chunk
            except INTERRUPTIONS as error:
                raise self.interrupted(error) from error
            self.verify()
        finally:
            self.close()

    def interrupted(self, reason):
        return exceptions.TransferInterrupted(
            'The download stopped after %s%s: %s' % (
                sizes.human(self.digests.size),
                ' of %s' % sizes.human(self.size)
                if self.size is not None else '', reason),
            received=self.digests.size, total=self.size)

    def verify(self):
        if self.size is not None and self.digests.size < self.size:
            raise self.interrupted('the connection closed early')
        if self.size is not None and self.digests.size > self.size:
            raise exceptions.ChecksumMismatch(
                'Received %d bytes of a %d byte blob.' % (
                    self.digests.size, self.size))
        actual = self.digests.hexdigests()
        for name in ('sha256', 'md5'):
            if name in self.expected and self.expected[name] != actual[name]:
                raise exceptions.ChecksumMismatch(
                    'Checksum mismatch: the data received has %s %s, the '
                    'server announced %s.' % (name, actual[name],
                                              self.expected[name]))
        self.verified = True

    def close(self):
        self.response.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class StreamSink:
    """Where a download to an open binary stream writes."""

    resumable = False

    def __init__(self, stream):
        self.stream = stream
        self.size = 0
        self.digests = Digests()

    def write(self, chunk):
        self.stream.write(chunk)
        self.size += len(chunk)

    def reset(self):
        """Start again from the first byte, if nothing was written."""
        if self.size:
            raise exceptions.TransferInterrupted(
                'The server sent the whole blob again after %d bytes were '
                'written to the stream; they cannot be taken back.' %
                self.size, received=self.size)
        self.digests = Digests()


class PartialFile:
    """A download to ``path``, collected in ``path.part``.

    ``path`` appears (replacing an older file atomically) only on
    ``commit``, once every byte arrived and was checked. Until then
    ``path.part`` holds what arrived, and stays when the download is
    interrupted: opened with ``resume``, its bytes are hashed and kept and
    the download continues after them; otherwise it starts empty.
    ``discard`` removes it (its data is known to be bad). Only one
    download at a time may write it.
    """

    resumable = True
    SUFFIX = '.part'

    def __init__(self, path, resume=False):
        self.path = os.fspath(path)
        self.part_path = self.path + self.SUFFIX
        self.resume = resume
        self.size = 0
        self.digests = Digests()
        self._file = None

    def open(self):
        fd = os.open(self.part_path, os.O_RDWR | os.O_CREAT, 0o666)
        self._file = os.fdopen(fd, 'r+b')
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._file.close()
            raise exceptions.ClientError(
                'Another download is writing %s.' % self.part_path)
        if self.resume:
            for chunk in iter(lambda: self._file.read(CHUNK_SIZE), b''):
                self.digests.update(chunk)
            self.size = self.digests.size
        else:
            self._file.truncate(0)
        return self

    def write(self, chunk):
        self._file.write(chunk)
        self.size += len(chunk)

    def reset(self):
        """Throw away what arrived and start from the first byte."""
        self._file.seek(0)
        self._file.truncate(0)
        self.size = 0
        self.digests = Digests()

    def commit(self):
        """Put the complete file in place."""
        self._file.flush()
        os.fsync(self._file.fileno())
        os.replace(self.part_path, self.path)
        self._close()

    def discard(self):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.part_path)
        self._close()

    def _close(self):
        if self._file is not None:
            self._file.close()
            self._file = None

    def close(self):
        """Stop writing; the part stays unless it holds nothing."""
        if self._file is None:
            return
        self._file.flush()
        if self.size == 0:
            self.discard()
        self._close()

    def __enter__(self):
        return self.open()

    def __exit__(self, *exc_info):
        self.close()


def file_sha256(path, progress=None):
    """sha256 (hex) of a file's bytes, read a chunk at a time."""
    digest = hashlib.sha256()
    done = 0
    with open(path, 'rb') as source:
        while True:
            chunk = source.read(CHUNK_SIZE)
            if not chunk:
                return digest.hexdigest()
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, None)


class SessionState:
    """Where a resumable upload of a file stands, kept between runs.

    A small JSON file under ``directory`` (by default
    ``$XDG_CACHE_HOME/glare-client/uploads``) named after the artifact,
    blob and file; it remembers the session and what the file was
    (size, modification time, sha256) so that a changed file starts
    over.
    """

    def __init__(self, artifact_id, blob, path, directory=None):
        if directory is None:
            cache = os.environ.get('XDG_CACHE_HOME') or os.path.join(
                os.path.expanduser('~'), '.cache')
            directory = os.path.join(cache, 'glare-client', 'uploads')
        self.directory = directory
        self.path = os.path.realpath(path)
        key = hashlib.sha256(('%s\n%s\n%s' % (
            artifact_id, blob, self.path)).encode('utf-8')).hexdigest()
        self.file = os.path.join(directory, key + '.json')

    def _identity(self):
        stat = os.stat(self.path)
        return {'size': stat.st_size, 'mtime': stat.st_mtime}

    def _values(self):
        try:
            with open(self.file) as state:
                values = json.load(state)
        except (OSError, ValueError):
            return {}
        return values if isinstance(values, dict) else {}

    def load(self):
        """``(session, sha256)`` of an earlier run on the same file."""
        values = self._values()
        if values.get('file') != self._identity():
            return None, None
        return values.get('session'), values.get('sha256')

    def recorded_session(self):
        """The session of an earlier run, whatever the file was then."""
        return self._values().get('session')

    def save(self, session, sha256):
        os.makedirs(self.directory, exist_ok=True)
        with open(self.file + '.tmp', 'w') as state:
            json.dump({'session': session, 'sha256': sha256,
                       'file': self._identity()}, state)
        os.replace(self.file + '.tmp', self.file)

    def clear(self):
        try:
            os.unlink(self.file)
        except FileNotFoundError:
            pass
