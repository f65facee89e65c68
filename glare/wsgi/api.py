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

    gunicorn --preload 'glare.wsgi.api:application'
    uwsgi --http-socket :9494 --module glare.wsgi.api:application

The configuration files come from ``GLARE_CONFIG_FILES`` (comma-separated)
or oslo.config's default locations (``/etc/glare/glare.conf``, ...).
doc/source/install.rst gives the server settings blob streaming needs.

The application is built when this module is imported: by the master
process before it forks its workers (uwsgi; gunicorn with ``--preload``)
or by each worker as it boots (gunicorn without ``--preload``), never on
a first request. A configuration that cannot work (no keystone section,
a type that does not load, a bad store) stops the server at start-up
with one message saying why.
"""

import fcntl
import os
import sys

from oslo_config import cfg

from glare.api import app as api_app
from glare.db import api as db_api
from glare.db import migration
from glare import exception
from glare import service
from glare import wsgi

# What a wrong configuration raises while the application is built.
_CONFIGURATION_ERRORS = (exception.GlareException, exception.TypeLoadError,
                         cfg.Error)


def _build():
    conf = service.prepare(argv=[], default_config_files=wsgi.config_files())
    if service.uses_embedded_database(conf):
        _upgrade_embedded_database(conf)
    return api_app.build(conf)


def _upgrade_embedded_database(conf):
    """Create or upgrade the embedded SQLite schema, one process at a time.

    The workers of a gunicorn without ``--preload`` each build the
    application as they boot; migrating the same SQLite file together
    fails with "database is locked".
    """
    with open(os.path.join(conf.state_dir, 'migrate.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        migration.upgrade()


def _startup_error(message):
    """The exception that stops the WSGI server with ``message`` alone.

    gunicorn halts the whole server when a worker's application fails to
    load with its ``AppImportError``, printing just the message (any
    other exception is logged with a traceback, and new workers keep
    failing the same way); uwsgi prints a ``SystemExit``'s message and
    stops. Elsewhere (mod_wsgi, a Python shell) the import fails with
    glare's exception.
    """
    if 'gunicorn' in sys.modules:
        from gunicorn import errors
        return errors.AppImportError(message)
    if 'uwsgi' in sys.modules:
        return SystemExit(message)
    return exception.GlareException(message)


def _load():
    try:
        built = _build()
    except _CONFIGURATION_ERRORS as exc:
        raise _startup_error('glare cannot start: %s' % exc) from None
    # Workers forked from here open database connections of their own.
    db_api.dispose()
    return built


_APPLICATION = _load()


def init_application():
    """The application (pbr's ``glare-wsgi-api`` script calls this)."""
    return application


def application(environ, start_response):
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
