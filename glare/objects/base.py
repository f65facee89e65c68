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

"""The base artifact every artifact type derives from.

An artifact type is an oslo.versionedobjects class. Type authors declare
``fields`` with the kinds of ``glare.objects.fields``; this module turns
them into versioned-object fields, keeps the declarations in
``cls.attributes`` and registers the class. See ``doc/source/types.rst``.
"""

import hashlib
import json
import uuid

from oslo_utils import timeutils
from oslo_utils import versionutils
from oslo_versionedobjects import base as ovo_base

from glare import exception
from glare.objects import fields as f
from glare.objects import validators as v

STATUSES = ('drafted', 'active', 'deactivated', 'deleted')
# ``shared`` (with member projects) and ``community`` (readable by every
# project, listed when asked for) came with API microversion 1.2; see
# glare.db.visibility for who reads what.
VISIBILITIES = ('private', 'shared', 'community', 'public')
# What clients of microversions before 1.2 may set and see in schemas.
VISIBILITIES_BEFORE_SHARING = ('private', 'public')
SHARING_SINCE = (1, 2)

# Longest identity_key stored as it is (the column is this long).
IDENTITY_KEY_LENGTH = 128
# Set only through transitions (PATCH /status, /visibility), never at
# creation.
LIFECYCLE_FIELDS = ('status', 'visibility')
# The version of the built-in types that added the version lifecycle
# fields (consumer_count, aliases, download_count, last_downloaded_at).
LIFECYCLE_SINCE = '1.2'


class ArtifactRegistry(ovo_base.VersionedObjectRegistry):
    pass


def _tag_validators():
    return [v.ForbiddenChars(',/'), v.MinStrLen(1)]


class BaseArtifact(ovo_base.VersionedObject):
    """Fields and behaviour shared by every artifact type.

    ``VERSION`` is the version of the type: it changes with its fields
    (pinned by glare/tests/unit/objects/test_versions.py). A field
    declares the version that added it (``since``); clients of older API
    microversions get the artifact as that older version of the type,
    without the newer fields (``obj_make_compatible``).
    """

    OBJ_PROJECT_NAMESPACE = 'glare'
    VERSION = '1.0'
    # (API microversion, version of the type its clients see), oldest
    # first; a microversion before the first sees the first, one after
    # the last sees ``VERSION``. Empty: every client sees ``VERSION``.
    API_VERSIONS = ()

    fields = {
        'id': f.String(system=True, sortable=True, nullable=False,
                       filter_ops=f.EQUALITY_OPS, validators=[v.UUID()],
                       description='Artifact UUID.'),
        'name': f.String(nullable=False, sortable=True,
                         validators=[v.MinStrLen(1)],
                         description='Artifact name.'),
        'version': f.Version(nullable=False, sortable=True,
                             default='0.0.0',
                             description='Semantic version of the '
                                         'artifact.'),
        'owner': f.String(system=True, sortable=True, nullable=False,
                          filter_ops=f.EQUALITY_OPS,
                          description='ID of the project that owns the '
                                      'artifact.'),
        # Status and visibility change after activation, by their
        # transitions: mutable, as Glare's schema said.
        'status': f.String(nullable=False, sortable=True, mutable=True,
                           default='drafted',
                           validators=[v.AllowedValues(STATUSES)],
                           filter_ops=f.EQUALITY_OPS,
                           description='Lifecycle status.'),
        'visibility': f.String(nullable=False, sortable=True,
                               mutable=True, default='private',
                               validators=[v.AllowedValues(VISIBILITIES)],
                               filter_ops=f.EQUALITY_OPS,
                               description='Who may see the artifact.'),
        'created_at': f.DateTime(system=True, sortable=True,
                                 nullable=False,
                                 description='When it was created.'),
        'updated_at': f.DateTime(system=True, sortable=True,
                                 nullable=False, mutable=True,
                                 description='When it last changed.'),
        'activated_at': f.DateTime(system=True, sortable=True,
                                   description='When it was activated.'),
        'description': f.String(mutable=True, max_length=4096,
                                default='',
                                description='Description of the '
                                            'artifact.'),
        'tags': f.List(f.String(validators=_tag_validators()),
                       mutable=True, validators=[v.Unique(collapse=True)],
                       filter_ops=(),
                       description='Tags; a set of strings without '
                                   '"," or "/".'),
        'metadata': f.Dict(f.String(validators=[v.MinStrLen(1)]),
                           filter_ops=f.EQUALITY_OPS,
                           description='Key-value pairs of strings.'),
        'display_type_name': f.String(system=True, sortable=True,
                                      description='Human-readable name of '
                                                  'the artifact type.'),
        # The version lifecycle (API microversion 1.2; every built-in
        # type's version 1.2): who uses the artifact, its aliases, and
        # how it is downloaded (see doc/source/lifecycle.rst).
        'consumer_count': f.Integer(
            system=True, sortable=True, nullable=False, default=0,
            since=LIFECYCLE_SINCE,
            description='How many consumers (instances, stacks...) '
                        'registered that they use the artifact.'),
        'aliases': f.List(
            f.String(), system=True, filter_ops=(), since=LIFECYCLE_SINCE,
            description='Aliases (e.g. stable) that point at this '
                        'version of the name.'),
        'download_count': f.Integer(
            system=True, sortable=True, nullable=False, default=0,
            since=LIFECYCLE_SINCE,
            description='How many times blob data of the artifact was '
                        'downloaded (counted in batches).'),
        'last_downloaded_at': f.DateTime(
            system=True, sortable=True, since=LIFECYCLE_SINCE,
            description='When blob data of the artifact was last '
                        'downloaded.'),
    }

    # -- type identity -------------------------------------------------------

    @classmethod
    def get_type_name(cls):
        """The name of the type in URLs, e.g. ``images``."""
        raise NotImplementedError

    @classmethod
    def get_display_type_name(cls):
        return cls.get_type_name()

    # Types that cannot be written through the API (the ``all`` view).
    read_only = False

    # Fields that, with type, name and version, make an artifact's
    # identity: ``images`` declares ``('disk_format',)`` so that one
    # version of an image exists once per disk format. Scalar fields
    # only; see ``identity_key``.
    identity_fields = ()

    # -- building the class --------------------------------------------------

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _build_type(cls)

    @classmethod
    def field(cls, name):
        try:
            return cls.attributes[name]
        except KeyError:
            raise exception.InvalidInput(
                'Unknown field %r for artifact type %s.' %
                (name, cls.get_type_name()))

    @classmethod
    def blob_fields(cls):
        return [n for n, fld in cls.attributes.items()
                if isinstance(fld, f.Blob)]

    @classmethod
    def _class_cache(cls, name):
        """A dict kept on this very class (not inherited by subclasses).

        What a type answers per microversion never changes once the type
        is built; every request asks again.
        """
        cache = cls.__dict__.get(name)
        if cache is None:
            cache = {}
            setattr(cls, name, cache)
        return cache

    @classmethod
    def obj_version_for(cls, api_version):
        """The version of the type a client of ``api_version`` sees.

        ``api_version`` is ``(major, minor)``.
        """
        cache = cls._class_cache('_versions_for')
        found = cache.get(api_version)
        if found is None:
            found = cls.API_VERSIONS[0][1] if cls.API_VERSIONS \
                else cls.VERSION
            for api, version in cls.API_VERSIONS:
                if versionutils.convert_version_to_tuple(api) <= api_version:
                    found = version
            cache[api_version] = found
        return found

    @classmethod
    def version_seen_by(cls, context):
        """The version of the type the caller of ``context`` sees."""
        api_version = getattr(context, 'api_version', None)
        if api_version is None:
            return cls.VERSION
        return cls.obj_version_for(api_version)

    @classmethod
    def fields_of(cls, target_version=None):
        """Names of the fields of version ``target_version`` of the type."""
        if target_version is None:
            return list(cls.attributes)
        # Not shortened for ``VERSION``: a type whose version predates a
        # field of the base artifact (a third-party type of version 1.0
        # and the lifecycle fields of 1.2) does not show it.
        cache = cls._class_cache('_fields_of')
        names = cache.get(target_version)
        if names is None:
            target = versionutils.convert_version_to_tuple(target_version)
            names = cache[target_version] = tuple(
                name for name, field in cls.attributes.items()
                if versionutils.convert_version_to_tuple(field.since) <=
                target)
        return list(names)

    def obj_make_compatible(self, primitive, target_version):
        """Drop from ``primitive`` what ``target_version`` did not have."""
        kept = set(self.fields_of(target_version))
        for name in list(primitive):
            if name in self.attributes and name not in kept:
                del primitive[name]

    @classmethod
    def get_schema(cls, target_version=None):
        """The type's JSON Schema, as ``/schemas/{type}`` serves it.

        ``target_version`` is the version of the type the client sees
        (``obj_version_for``); the newest by default.
        """
        version = target_version or cls.VERSION
        cache = cls._class_cache('_schemas')
        schema = cache.get(version)
        if schema is None:
            schema = {
                'name': cls.get_type_name(),
                'display_name': cls.get_display_type_name(),
                'version': version,
                'title': 'Artifact type %s of version %s' % (
                    cls.get_type_name(), version),
                'type': 'object',
                'required': ['name'],
                # With type, name and version, what makes an artifact of
                # this type unique (see identity_fields above).
                'identity_fields': list(cls.identity_fields),
                'additionalProperties': False,
                'properties': {
                    name: cls.attributes[name].to_jsonschema(version)
                    for name in cls.fields_of(version)},
            }
            cache[version] = schema
        return schema

    # -- values --------------------------------------------------------------

    @classmethod
    def coerce_field(cls, name, value):
        """Check one JSON value for field ``name``; 400 naming it."""
        field = cls.field(name)
        try:
            return field.coerce(value)
        except ValueError as exc:
            raise exception.InvalidInput(
                'Invalid value for field %s: %s.' % (name, exc))

    @classmethod
    def new(cls, context, values):
        """A new drafted artifact owned by the caller's project."""
        now = timeutils.utcnow()
        art = cls()
        for name, field in cls.attributes.items():
            setattr(art, name, field.get_default())
        art.id = str(uuid.uuid4())
        art.owner = context.project_id
        art.created_at = art.updated_at = now
        art.activated_at = None
        art.display_type_name = cls.get_display_type_name()
        for name, value in values.items():
            setattr(art, name, value)
        if art.tags:
            art.tags = _unique(art.tags)
        return art

    def to_dict(self, target_version=None):
        """The artifact as the API shows it.

        ``target_version`` is the version of the type the client sees
        (``obj_version_for``); the newest by default.
        """
        result = {}
        for name, field in self.attributes.items():
            value = getattr(self, name) if self.obj_attr_is_set(name) \
                else field.get_default()
            result[name] = field.to_primitive(value) if value is not None \
                else None
        if target_version is not None:
            self.obj_make_compatible(result, target_version)
        return result

    def target(self):
        """What policy rules see of the artifact."""
        return {'owner': self.owner, 'project_id': self.owner,
                'visibility': self.visibility, 'status': self.status,
                'type_name': self.get_type_name()}

    # -- hooks ---------------------------------------------------------------
    #
    # The engine calls these class methods before it writes anything for a
    # use case (see glare.engine.hooks and doc/source/types.rst). A hook
    # checks the artifact and may change its non-blob fields; the changes
    # are validated and saved with the operation. Raising any exception
    # fails the request with 400 and the exception's message (a
    # glare.exception error keeps its own status), and nothing is written.
    # Hooks see objects only: no database, no store.

    @classmethod
    def pre_create_hook(cls, context, artifact):
        """Before a new artifact is stored."""

    @classmethod
    def pre_update_hook(cls, context, artifact, changed):
        """Before a PATCH is stored; ``changed`` names the fields it set."""

    @classmethod
    def pre_activate_hook(cls, context, artifact):
        """Before drafted -> active (after required_on_activate checks)."""

    @classmethod
    def pre_deactivate_hook(cls, context, artifact):
        """Before active -> deactivated."""

    @classmethod
    def pre_reactivate_hook(cls, context, artifact):
        """Before deactivated -> active."""

    @classmethod
    def pre_publish_hook(cls, context, artifact):
        """Before private -> public."""

    @classmethod
    def pre_upload_hook(cls, context, artifact, field_name, key, stream,
                        writer):
        """Before data is stored in blob ``field_name`` (folder ``key``).

        ``stream`` is the request body (a file-like object with
        ``read``), already limited to the blob's size limit. Return the
        stream to store in the blob: ``stream`` itself, or another one
        that checks or transforms the data as it is read. Return None
        when the hook stored what it wanted itself through ``writer``
        (see glare.engine.uploads.Upload), e.g. the members of an
        archive into a folder; then nothing is stored in ``field_name``.
        Every blob written and field changed is kept only if the whole
        upload succeeds.
        """
        return stream

    @classmethod
    def pre_add_location_hook(cls, context, artifact, field_name, key,
                              url):
        """Before blob ``field_name`` is pointed at data at ``url``.

        Glare never reads that data, so an upload hook never sees it:
        types that must check a blob's content refuse locations for it.
        """

    @classmethod
    def pre_download_hook(cls, context, artifact, field_name, key):
        """Before blob data is sent to a client."""

    @classmethod
    def pre_delete_hook(cls, context, artifact):
        """Before the artifact and its data are deleted."""

    @classmethod
    def has_upload_hook(cls):
        return cls.pre_upload_hook.__func__ is not \
            BaseArtifact.pre_upload_hook.__func__

    # -- identity -------------------------------------------------------------

    def identity_key(self):
        """The values of ``identity_fields`` as one string column.

        Empty for types without identity fields. Short keys stay
        readable (JSON); long ones are replaced by their SHA-256 so the
        database's unique index stays small.
        """
        if not self.identity_fields:
            return ''
        values = {}
        for name in self.identity_fields:
            value = getattr(self, name) if self.obj_attr_is_set(name) \
                else None
            values[name] = None if value is None else \
                self.attributes[name].to_primitive(value)
        key = json.dumps(values, sort_keys=True, separators=(',', ':'))
        if len(key) > IDENTITY_KEY_LENGTH:
            key = 'sha256:' + hashlib.sha256(key.encode()).hexdigest()
        return key


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _build_type(cls):
    """Merge inherited field declarations and register the class."""
    attributes = {}
    for klass in reversed(cls.__mro__[1:]):
        attributes.update(klass.__dict__.get('attributes', {}))
    declared = cls.__dict__.get('fields') or {}
    attributes.update((name, field) for name, field in declared.items()
                      if isinstance(field, f.Field))
    for name, field in attributes.items():
        field.name = name
    for name in cls.identity_fields:
        if not isinstance(attributes.get(name), f.Field) or isinstance(
                attributes[name], (f._Container, f.Blob)):
            raise TypeError('Identity field %r of %s must be one of its '
                            'scalar fields.' % (name, cls.__name__))
    cls.attributes = attributes
    cls.fields = {name: field.ovo_field()
                  for name, field in attributes.items()}
    ArtifactRegistry.register(cls)


_build_type(BaseArtifact)
