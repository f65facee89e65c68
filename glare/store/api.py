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

"""Blob data in glance_store's multi-store mode.

glance_store reads its options from the global ``cfg.CONF`` only, so the
store is configured from it. Callers get glare exceptions, never
glance_store's.
"""

import contextlib
import errno
import logging
import os
import urllib.parse

from glance_store import exceptions as gs_exc
from glance_store import location as gs_location
from glance_store import multi_backend
from oslo_config import cfg
from oslo_log import log

from glare.conf import store as store_conf
from glare import exception

LOG = log.getLogger(__name__)
CONF = cfg.CONF

# glance_store's own multihash: md5 and this one are computed inside add().
MULTIHASH = 'sha256'


class _UnusedDrivers(logging.Filter):
    """Silence the drivers glance_store cannot import, while it lists them.

    To learn the options of the configured backends glance_store imports
    every driver it has, so each command printed "Could not load 'cinder':
    No module named 'os_brick'" although nobody configured cinder. A
    configured backend whose driver cannot load still fails loudly, in
    ``setup``.
    """

    def filter(self, record):
        return not str(record.msg).startswith('Could not load')


def register_opts(conf):
    """Register glance_store's options for the configured backends.

    Must run after the configuration files are parsed: which option
    groups exist depends on ``enabled_backends``.
    """
    quiet = _UnusedDrivers()
    loader_log = logging.getLogger('stevedore.extension')
    loader_log.addFilter(quiet)
    try:
        multi_backend.register_store_opts(conf)
    finally:
        loader_log.removeFilter(quiet)
    conf.set_default('default_backend', store_conf.DEFAULT_BACKEND,
                     group='glance_store')


# Bytes per read and write of the filesystem backend. glance_store's 64 KiB
# makes the WSGI server copy its read-ahead buffer for every chunk; 1 MiB
# measured 1.45x the upload speed (doc/source/benchmark.rst) for 2 MiB more
# memory per transfer.
FILE_CHUNK_SIZE = 1024 * 1024


def setup(conf):
    """Load the backends; fails with a message naming a bad one.

    A filesystem backend without a directory keeps its data under
    ``state_dir``, and reads and writes 1 MiB chunks unless configured.
    """
    for backend, kind in conf.enabled_backends.items():
        if kind != 'file':
            continue
        # Overrides, not defaults: glance_store resets the defaults of its
        # options whenever it loads a driver.
        for name, value in (
                ('filesystem_store_datadir',
                 os.path.join(conf.state_dir, 'blobs', backend)),
                ('filesystem_store_chunk_size', FILE_CHUNK_SIZE)):
            if _not_configured(conf, name, backend):
                conf.set_override(name, value, group=backend)
    for backend, kind in conf.enabled_backends.items():
        if kind == 'file':
            datadir = conf[backend].filesystem_store_datadir
            if datadir:
                os.makedirs(datadir, exist_ok=True)
    try:
        multi_backend.create_multi_stores(conf)
        multi_backend.verify_store()
    except (gs_exc.GlanceStoreException, RuntimeError) as exc:
        raise exception.StoreConfigError(reason=exc)


def _not_configured(conf, name, group):
    location = conf.get_location(name, group).location
    return location in (cfg.Locations.opt_default, cfg.Locations.set_default,
                        cfg.Locations.set_override)


def backend_for(conf, type_name):
    return conf.artifact_type_stores.get(
        type_name, conf.glance_store.default_backend)


@contextlib.contextmanager
def _errors(action):
    """glance_store's failures as glare's, every one of them a 503.

    Drivers let the errors of what is under them through: OSError of a
    filesystem that is read-only, full or whose files are immutable,
    botocore's of an S3 endpoint that is gone. Errors of glare's own (the
    upload reader's 400 and 413) pass unchanged.
    """
    try:
        yield
    except exception.GlareException:
        raise
    except gs_exc.NotFound:
        raise exception.BlobDataNotFound()
    except gs_exc.StorageFull:
        raise exception.StorageFull()
    except gs_exc.Duplicate as exc:
        raise exception.Conflict('Blob data already exists: %s' % exc)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise exception.StorageFull()
        raise exception.StoreError(action=action,
                                   reason=exc.strerror or exc)
    except gs_exc.GlanceStoreException as exc:
        raise exception.StoreError(action=action, reason=exc)
    except Exception as exc:
        # Not an error glance_store knows: keep the traceback for the
        # operator, tell the client the store failed.
        LOG.exception('The blob store failed to %s data', action)
        raise exception.StoreError(action=action,
                                   reason=type(exc).__name__)


def add(conf, blob_id, reader, size, backend):
    """Write ``reader``'s bytes; ``size`` 0 means unknown.

    Returns ``(location, size, md5, sha256)``.
    """
    with _errors('store'):
        location, written, md5, sha256, _ = \
            multi_backend.add_with_multihash(
                conf, blob_id, reader, size, backend, MULTIHASH)
    return location, written, md5, sha256


# Backend types whose get() honours offset and length; the others (s3,
# swift, rbd, http) return the whole object whatever they are asked.
_RANGED_GET = ('file', 'cinder')


def get(conf, location, backend, offset=0, length=None):
    """``(iterator of chunks, length)`` of stored data, or a range of it."""
    ranged = offset or length is not None
    with _errors('read'):
        if not ranged or conf.enabled_backends.get(backend) in _RANGED_GET:
            return multi_backend.get(location, backend, offset=offset,
                                     chunk_size=length)
        chunks, size = multi_backend.get(location, backend)
    if length is None:
        length = max(size - offset, 0)
    return _byte_range(chunks, offset, length), length


def _byte_range(chunks, offset, length):
    """The bytes ``offset`` to ``offset + length`` of an iterator."""
    try:
        for chunk in chunks:
            if offset >= len(chunk):
                offset -= len(chunk)
                continue
            piece = chunk[offset:offset + length]
            offset = 0
            length -= len(piece)
            yield piece
            if length <= 0:
                return
    finally:
        close = getattr(chunks, 'close', None)
        if close is not None:
            close()


def open_file(conf, location, backend, offset=0, length=None):
    """The stored data as an open binary file, or None.

    Only a filesystem backend's data is a file; a WSGI server can send it
    with ``sendfile`` (``wsgi.file_wrapper``). Other backends return None:
    read them with ``get``. With ``offset`` or ``length``, a ``FilePart``
    of ``length`` bytes (to the end when None) from ``offset``.
    """
    if conf.enabled_backends.get(backend) != 'file':
        return None
    path = _file_path(location)
    try:
        stream = open(path, 'rb')
    except FileNotFoundError:
        raise exception.BlobDataNotFound()
    except OSError as exc:
        raise exception.StoreError(action='read', reason=exc)
    if not offset and length is None:
        return stream
    try:
        if length is None:
            length = max(os.fstat(stream.fileno()).st_size - offset, 0)
        return FilePart(stream, offset, length)
    except BaseException:
        stream.close()
        raise


class FilePart:
    """``length`` bytes of an open file from ``offset``, file-like.

    The file is positioned at ``offset``: a server that hands the file to
    ``sendfile`` sends Content-Length bytes from its current position
    (PEP 3333); one that reads it instead gets no more than the part.
    """

    def __init__(self, stream, offset, length):
        stream.seek(offset)
        self._stream = stream
        self._left = length

    def fileno(self):
        return self._stream.fileno()

    def read(self, size=-1):
        if size is None or size < 0 or size > self._left:
            size = self._left
        data = self._stream.read(size) if size else b''
        self._left -= len(data)
        return data

    def close(self):
        self._stream.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def _file_path(location):
    pieces = urllib.parse.urlparse(location)
    return urllib.parse.unquote(pieces.netloc + pieces.path)


def find_backend(conf, location, backend=None):
    """The configured backend holding the glance_store URI ``location``.

    An administrator's way to hand existing data to glare. Raises
    BadRequest naming the problem when no enabled backend (or not the
    given one) takes the URI, several could and none is named, or, for a
    filesystem backend, the path lies outside its data directories
    (glare deletes such data with the artifact).
    """
    scheme = urllib.parse.urlparse(location).scheme
    taking = sorted(
        backend for backend in gs_location.SCHEME_TO_CLS_BACKEND_MAP.get(
            scheme, {}) if backend in conf.enabled_backends)
    if not taking:
        raise exception.BadRequest(
            'No enabled blob store backend takes %s URIs; enabled: %s.' % (
                scheme or 'scheme-less', ', '.join(
                    '%s (%s)' % item for item in sorted(
                        conf.enabled_backends.items()))))
    if backend is not None:
        if backend not in taking:
            raise exception.BadRequest(
                'Backend %s does not take %s URIs; these do: %s.' % (
                    backend, scheme, ', '.join(taking)))
        taking = [backend]
    if len(taking) > 1:
        raise exception.BadRequest(
            'Several backends take %s URIs (%s); name one with "backend".'
            % (scheme, ', '.join(taking)))
    backend = taking[0]
    if conf.enabled_backends[backend] == 'file':
        path = os.path.realpath(_file_path(location))
        if not any(path.startswith(os.path.join(directory, ''))
                   for directory in _file_directories(conf, backend)):
            raise exception.BadRequest(
                'File location %s is outside the data directories of '
                'backend %s.' % (location, backend))
    return backend


def spellings(conf, location, backend):
    """The URIs that name the same data as ``location`` in ``backend``.

    For a filesystem backend, the given URI and its resolved path (no
    ``..``, no symbolic links); the URI alone for the others.
    """
    found = {location}
    if conf.enabled_backends.get(backend) == 'file':
        path = _file_path(location)
        found.add('file://' + os.path.normpath(path))
        found.add('file://' + os.path.realpath(path))
    return sorted(found)


def _file_directories(conf, backend):
    group = conf[backend]
    directories = [group.filesystem_store_datadir] + [
        entry.rsplit(':', 1)[0] if entry.rsplit(':', 1)[-1].isdigit()
        else entry for entry in group.filesystem_store_datadirs or ()]
    return [os.path.realpath(d) for d in directories if d]


def size_of(location, backend):
    """Size of stored data, asking the store without reading the data."""
    with _errors('inspect'):
        try:
            return multi_backend.get_size_from_uri_and_backend(location,
                                                               backend)
        except gs_exc.NotFound:
            raise exception.BadRequest('There is no data at %s in backend '
                                       '%s.' % (location, backend))


def discard_partial(conf, blob_id, backend):
    """Remove what an upload that died mid-way left in ``backend``.

    glance_store removes partial data itself when an upload fails inside
    its process, but not when the process dies. Only a filesystem
    backend's location follows from the blob id alone (a file named after
    it in one of the data directories); for the other backends this does
    nothing and returns False (see doc/source/operations.rst). Returns
    whether a partial file was removed.
    """
    if conf.enabled_backends.get(backend) != 'file':
        LOG.info('Partial data of upload %s in backend %s cannot be found '
                 'from its id; it is left to the store.', blob_id, backend)
        return False
    if os.path.basename(blob_id) != blob_id or blob_id in ('', '.', '..'):
        raise exception.GlareException('Invalid blob id %r.' % blob_id)
    removed = False
    for directory in _file_directories(conf, backend):
        try:
            os.unlink(os.path.join(directory, blob_id))
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise exception.StoreError(action='delete', reason=exc)
        removed = True
        LOG.info('Removed the partial data of abandoned upload %s from %s',
                 blob_id, directory)
    return removed


def delete(location, backend):
    """Remove stored data; data already gone counts as removed."""
    try:
        with _errors('delete'):
            multi_backend.delete(location, backend)
    except exception.BlobDataNotFound:
        LOG.debug('Blob data at %s was already gone', location)


def check(conf, backend):
    """Raise unless ``backend`` can take data now; what was checked.

    Cheap enough for every health check: a filesystem backend's data
    directories exist and are writable (a read-only mount fails); an S3
    backend's bucket answers a HEAD. glance_store has no probe for its
    other drivers; their configuration was checked at start-up.
    """
    kind = conf.enabled_backends.get(backend)
    if kind == 'file':
        for directory in _file_directories(conf, backend):
            if not os.path.isdir(directory):
                raise exception.StoreError(
                    action='write', reason='%s is not a directory' %
                    directory)
            if not os.access(directory, os.W_OK | os.X_OK):
                raise exception.StoreError(
                    action='write', reason='%s is not writable' %
                    directory)
        return 'data directories writable'
    if kind == 's3':
        driver = multi_backend.get_store_from_store_identifier(backend)
        try:
            # glance_store's own client, with the backend's credentials.
            driver._create_s3_client().head_bucket(Bucket=driver.bucket)
        except Exception as exc:
            # 404: a bucket glance_store creates on its first write.
            response = getattr(exc, 'response', None) or {}
            if response.get('Error', {}).get('Code') != '404':
                # Not logged: the health check reports it, every time.
                raise exception.StoreError(action='reach', reason=exc)
        return 'bucket reachable'
    return 'configured (%s backends are not probed)' % kind
