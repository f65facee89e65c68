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

"""Loading the enabled artifact types from their stevedore plugins."""

from oslo_log import log
import stevedore

from glare import exception
from glare.objects import base

LOG = log.getLogger(__name__)

NAMESPACE = 'glare.artifact_types'
# Always loaded: the read-only view over every type.
ALL_VIEW = 'all'
# Keys of the list response body: no type may be named like them.
RESERVED_NAMES = ('artifacts', 'first', 'next', 'schema', 'total_count',
                  'type_name')


def load_types(enabled):
    """Return ``{type_name: class}`` for the enabled types plus ``all``.

    Raises ``TypeLoadError`` naming the first type that is missing,
    broken, or not an artifact type.
    """
    wanted = [name for name in dict.fromkeys(enabled) if name != ALL_VIEW]
    wanted.append(ALL_VIEW)
    errors = {}

    def on_failure(manager, entrypoint, exc):
        errors[entrypoint.name] = exc

    manager = stevedore.NamedExtensionManager(
        NAMESPACE, names=wanted, name_order=True,
        on_load_failure_callback=on_failure, propagate_map_exceptions=True)
    loaded = {ext.name: ext.plugin for ext in manager.extensions}
    types = {}
    for name in wanted:
        if name in errors:
            raise exception.TypeLoadError(
                'Artifact type %r failed to load: %s' % (name, errors[name]))
        cls = loaded.get(name)
        if cls is None:
            raise exception.TypeLoadError(
                'Artifact type %r is enabled but no plugin named %r is '
                'installed in the %r entry-point namespace.' %
                (name, name, NAMESPACE))
        if not (isinstance(cls, type) and issubclass(cls, base.BaseArtifact)):
            raise exception.TypeLoadError(
                'Plugin %r is not an artifact type (a BaseArtifact '
                'subclass).' % name)
        if cls.get_type_name() != name:
            raise exception.TypeLoadError(
                'Plugin %r declares type name %r; they must match.' %
                (name, cls.get_type_name()))
        if name in RESERVED_NAMES:
            raise exception.TypeLoadError(
                'Artifact type name %r is reserved.' % name)
        types[name] = cls
    LOG.info('Loaded artifact types: %s', ', '.join(sorted(types)))
    use_types(types)
    return types


_TYPES = {}


def use_types(types):
    """Make ``types`` the process's enabled artifact types."""
    _TYPES.clear()
    _TYPES.update(types)


def get(type_name):
    """The class of an enabled type; 404 for any other name."""
    try:
        return _TYPES[type_name]
    except KeyError:
        raise exception.TypeNotFound(name=type_name)


def all_types():
    return dict(_TYPES)
