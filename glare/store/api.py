"""Blob data in glance_store's multi-store mode.

glance_store reads its options from the global ``cfg.CONF`` only, so the
store is configured from it. Callers get glare exceptions, never
glance_store's.
"""

import contextlib
import os

from glance_store import exceptions as gs_exc
from glance_store import multi_backend
from oslo_config import cfg
from oslo_log import log

from glare.conf import store as store_conf
from glare import exception

LOG = log.getLogger(__name__)
CONF = cfg.CONF

# glance_store's own multihash: md5 and this one are computed inside add().
MULTIHASH = 'sha256'


def register_opts(conf):
    """Register glance_store's options for the configured backends.

    Must run after the configuration files are parsed: which option
    groups exist depends on ``enabled_backends``.
    """
    multi_backend.register_store_opts(conf)
    conf.set_default('default_backend', store_conf.DEFAULT_BACKEND,
                     group='glance_store')


def setup(conf):
    """Load the backends; fails with a message naming a bad one.

    A filesystem backend without a directory keeps its data under
    ``state_dir``.
    """
    for backend, kind in conf.enabled_backends.items():
        if kind == 'file' and _not_configured(
                conf, 'filesystem_store_datadir', backend):
            # An override, not a default: glance_store resets the defaults
            # of its options whenever it loads a driver.
            conf.set_override('filesystem_store_datadir',
                              os.path.join(conf.state_dir, 'blobs', backend),
                              group=backend)
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
    try:
        yield
    except gs_exc.NotFound:
        raise exception.BlobDataNotFound()
    except gs_exc.StorageFull:
        raise exception.StorageFull()
    except gs_exc.Duplicate as exc:
        raise exception.Conflict('Blob data already exists: %s' % exc)
    except (gs_exc.UnknownScheme, gs_exc.BadStoreUri) as exc:
        raise exception.StoreError(action=action, reason=exc)
    except gs_exc.GlanceStoreException as exc:
        raise exception.StoreError(action=action, reason=exc)


def add(conf, blob_id, reader, size, backend):
    """Write ``reader``'s bytes; ``size`` 0 means unknown.

    Returns ``(location, size, md5, sha256)``.
    """
    with _errors('store'):
        location, written, md5, sha256, _ = \
            multi_backend.add_with_multihash(
                conf, blob_id, reader, size, backend, MULTIHASH)
    return location, written, md5, sha256


def get(location, backend, offset=0, length=None):
    """``(iterator of chunks, length)`` of stored data."""
    with _errors('read'):
        return multi_backend.get(location, backend, offset=offset,
                                 chunk_size=length)


def delete(location, backend):
    """Remove stored data; data already gone counts as removed."""
    try:
        with _errors('delete'):
            multi_backend.delete(location, backend)
    except exception.BlobDataNotFound:
        LOG.debug('Blob data at %s was already gone', location)
