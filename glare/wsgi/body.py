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

"""Request bodies of known length, received straight from the socket.

gunicorn hands every piece of a body through two ``BytesIO`` buffers
(its socket reader's and its body's), slicing and joining on the way:
four to six copies of each byte, and Python work per piece, in the
thread that also hashes and stores an upload. Measured on 512 MiB, that
is 4-8 times the CPU of receiving the bytes themselves
(doc/source/benchmark.rst, "Blob throughput"). A body with a
Content-Length whose bytes gunicorn does not hold yet is read here with
one ``recv`` per piece instead; what gunicorn already holds (the start
of the body that came with the head) is still read through gunicorn, and
gunicorn's count of what is left is kept in step, so that after the
response it finds the body read and the connection may serve the next
request. Chunked bodies, and bodies of other servers, are left alone.
"""

from gunicorn.http import body as gunicorn_body

# Largest single ``recv``: it allocates the whole size up front.
RECV_MAX = 4 * 1024 * 1024


def _buffered(stream):
    """How many bytes a gunicorn ``BytesIO`` buffer holds."""
    return stream.seek(0, 2)


class LengthBody:
    """``wsgi.input`` of a gunicorn request body with a Content-Length.

    ``read(size)`` returns ``size`` bytes, fewer only at the end of the
    body or when the client closed the connection before it (the
    application then sees the body end early, as from gunicorn).
    ``readline`` and iteration go through gunicorn.
    """

    def __init__(self, body):
        self._body = body
        self._reader = body.reader
        self._unreader = body.reader.unreader
        self._sock = body.reader.unreader.sock

    @classmethod
    def wrap(cls, stream):
        """``stream`` as a LengthBody when it is one, else unchanged."""
        reader = getattr(stream, 'reader', None)
        if isinstance(stream, gunicorn_body.Body) and isinstance(
                reader, gunicorn_body.LengthReader) and getattr(
                getattr(reader, 'unreader', None), 'sock', None) is not None:
            return cls(stream)
        return stream

    def _held(self):
        """Bytes of the body gunicorn received already."""
        return _buffered(self._body.buf) + min(
            _buffered(self._unreader.buf), self._reader.length)

    def read(self, size=None):
        if size is None or size < 0:
            size = _buffered(self._body.buf) + self._reader.length
        pieces = []
        held = self._held()
        while size and held:
            piece = self._body.read(min(size, held))
            if not piece:
                break
            pieces.append(piece)
            size -= len(piece)
            held = self._held()
        if size:
            self._receive(min(size, self._reader.length), pieces)
        if len(pieces) == 1:
            return pieces[0]
        return b''.join(pieces)

    def _receive(self, size, pieces):
        """Append up to ``size`` bytes from the socket to ``pieces``."""
        got = 0
        try:
            while got < size:
                piece = self._sock.recv(min(size - got, RECV_MAX))
                if not piece:
                    break
                pieces.append(piece)
                got += len(piece)
        except BaseException:
            # Where the next request would start is lost.
            self._body.failed = True
            self._reader.length -= got
            raise
        if got < size:
            # The client closed the connection: what came is the body.
            self._body.failed = True
            self._reader.length = 0
        else:
            self._reader.length -= got

    def readline(self, size=None):
        return self._body.readline(size)

    def readlines(self, hint=None):
        return self._body.readlines(hint)

    def __iter__(self):
        return iter(self.readline, b'')
