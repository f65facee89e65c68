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
and raises ``ChecksumMismatch`` at the end when the bytes do not match
the digests the server announced. ``write_atomically`` puts a file in
place only once all of it is written and checked.
"""

import contextlib
import hashlib
import os
import stat
import tempfile

from glare_client import exceptions

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


class Download:
    """An open blob download.

    Iterate over it for the bytes (chunks of at most ``chunk_size``); once
    the last chunk is read, the size and every announced digest are
    checked and ``ChecksumMismatch`` is raised on a difference. ``size``,
    ``content_type`` and ``expected`` describe what was announced.
    """

    def __init__(self, response, expected=None, size=None,
                 content_type=None, progress=None, chunk_size=CHUNK_SIZE):
        self.response = response
        self.expected = dict(expected or {})
        self.size = size
        self.content_type = content_type
        self.progress = progress
        self.chunk_size = chunk_size
        self.digests = Digests()
        self.verified = False

    def __iter__(self):
        try:
            for chunk in self.response.iter_content(self.chunk_size):
                if not chunk:
                    continue
                self.digests.update(chunk)
                if self.progress is not None:
                    self.progress(self.digests.size, self.size)
                yield chunk
            self.verify()
        finally:
            self.close()

    def verify(self):
        if self.size is not None and self.digests.size != self.size:
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


def write_atomically(path, chunks):
    """Write ``chunks`` to ``path``, or leave nothing at all.

    The bytes go to a temporary file beside ``path`` that replaces it only
    after the last chunk (and whatever checks the iterator makes at its
    end) succeeded; on any failure the temporary file is removed and an
    existing ``path`` is left as it was.
    """
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, temp_path = tempfile.mkstemp(
        prefix='.%s.' % os.path.basename(path), suffix='.part',
        dir=directory)
    try:
        with os.fdopen(fd, 'wb') as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_path, 0o666 & ~_umask())
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_path)
        raise


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
