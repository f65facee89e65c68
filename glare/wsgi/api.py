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

"""WSGI entry point for uwsgi, gunicorn or mod_wsgi:

    gunicorn 'glare.wsgi.api:application'
    uwsgi --http-socket :9494 --module glare.wsgi.api:application

The configuration files come from ``GLARE_CONFIG_FILES`` (comma-separated)
or oslo.config's default locations (``/etc/glare/glare.conf``, ...).
doc/source/install.rst gives the server settings blob streaming needs.
"""

import fcntl
import os
import threading

from glare.api import app as api_app
from glare.db import migration
from glare import exception
from glare import service

_LOCK = threading.Lock()
_APPLICATION = None
# Why building the application failed, when it did.
_FAILURE = None


def config_files():
    """``GLARE_CONFIG_FILES``; None for oslo.config's default places."""
    files = os.environ.get('GLARE_CONFIG_FILES')
    return files.split(',') if files else None


def init_application():
    conf = service.prepare(argv=[], default_config_files=config_files())
    if service.uses_embedded_database(conf):
        _upgrade_embedded_database(conf)
    return api_app.build(conf)


def _upgrade_embedded_database(conf):
    """Create or upgrade the embedded SQLite schema, one process at a time.

    Every worker process of a WSGI server initialises on its first
    request; migrating the same SQLite file together fails with "database
    is locked".
    """
    with open(os.path.join(conf.state_dir, 'migrate.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        migration.upgrade()


def application(environ, start_response):
    global _APPLICATION, _FAILURE
    if _APPLICATION is None:
        with _LOCK:
            if _FAILURE is not None:
                # Configuration is parsed once per process: every request
                # gets the error that stopped the first one, not a
                # confusing one from parsing again.
                raise exception.GlareException(_FAILURE)
            if _APPLICATION is None:
                try:
                    _APPLICATION = init_application()
                except Exception as exc:
                    _FAILURE = str(exc)
                    raise
    if 'uwsgi.version' in environ:
        _read_chunked_body_under_uwsgi(environ)
    return _APPLICATION(environ, start_response)


def _read_chunked_body_under_uwsgi(environ):
    """Give a chunked request body to the application under uwsgi.

    uwsgi's ``wsgi.input`` reads nothing of a body sent without
    Content-Length (``Transfer-Encoding: chunked``): the upload would
    store zero bytes. Its ``chunked_read`` API returns the chunks.
    """
    if environ.get('CONTENT_LENGTH') or environ.get(
            'HTTP_TRANSFER_ENCODING', '').lower() != 'chunked':
        return
    import uwsgi  # only exists inside uwsgi
    environ['wsgi.input'] = ChunkedInput(uwsgi.chunked_read)
    # What gunicorn says of its own de-chunked input: read to the end.
    environ['wsgi.input_terminated'] = True


class ChunkedInput:
    """A file-like reader over ``read_chunk()``, which returns b'' at end."""

    def __init__(self, read_chunk):
        self._read_chunk = read_chunk
        self._buffer = bytearray()
        self._ended = False

    def _fill(self, size):
        while not self._ended and (size < 0 or len(self._buffer) < size):
            try:
                chunk = self._read_chunk()
            except OSError as exc:
                raise exception.BadRequest(
                    'The chunked request body could not be read: %s' % exc)
            if not chunk:
                self._ended = True
            self._buffer += chunk

    def read(self, size=-1):
        size = -1 if size is None else size
        self._fill(size)
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def readline(self, size=-1):
        while b'\n' not in self._buffer and not self._ended:
            self._fill(len(self._buffer) + 1)
        end = self._buffer.find(b'\n') + 1 or len(self._buffer)
        if size is not None and size >= 0:
            end = min(end, size)
        return self.read(end)

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line
