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

"""Field kinds an artifact type declares its fields with.

A type lists its fields as ``{name: Kind(options)}``. Each kind knows how
to check a value that arrives as JSON, how to describe itself in JSON
Schema and which ``oslo.versionedobjects`` field holds it. How values are
stored is glare.db.mapping's business.

Options common to every kind:

``mutable``               may change after activation (default ``False``)
``required_on_activate``  must be set before activation (default ``False``)
``system``                set by glare only, read-only for users
``sortable``              may be used in ``sort=`` (scalar kinds only)
``nullable``              may be ``null`` (default ``True``)
``default``               value of a new artifact
``validators``            extra rules from ``glare.objects.validators``
``filter_ops``            list-filter operators allowed on the field
``description``           shown in the schema
``since``                 the version of the type that added the field
                          (``'1.0'``): older clients never see it (see
                          ``BaseArtifact.obj_make_compatible``)
``mutable_since``         the version of the type from which the field is
                          mutable, for clients that see it; older ones
                          keep ``mutable``
"""

import copy
import datetime
import math
import re
import urllib.parse

from oslo_utils import timeutils
from oslo_utils import versionutils
from oslo_versionedobjects import fields as ovo_fields

from glare.objects import semver
from glare.objects import validators as vals

EQUALITY_OPS = ('eq', 'neq', 'in')
RANGE_OPS = EQUALITY_OPS + ('gt', 'gte', 'lt', 'lte')
STRING_OPS = EQUALITY_OPS + ('like',)
ALL_OPS = RANGE_OPS + ('like',)

# Strings longer than this can be stored but not filtered or sorted on
# (the database indexes no longer ones).
INDEXED_STRING_LENGTH = 255


class Field:
    """Base of all field kinds."""

    kind = None
    json_type = None
    default_filter_ops = EQUALITY_OPS

    def __init__(self, mutable=False, required_on_activate=False,
                 system=False, sortable=False, nullable=True, default=None,
                 validators=(), filter_ops=None, description='',
                 since='1.0', mutable_since=None):
        self.mutable = mutable
        self.required_on_activate = required_on_activate
        self.system = system
        self.sortable = sortable
        self.nullable = nullable
        self.default = default
        self.validators = list(validators)
        self.filter_ops = tuple(filter_ops if filter_ops is not None
                                else self.default_filter_ops)
        self.description = description
        self.since = since
        self.mutable_since = mutable_since
        self.name = None  # set when the type class is built
        for validator in self.validators:
            if validator.kinds and self.kind not in validator.kinds:
                raise TypeError('%s cannot validate a %s field' % (
                    type(validator).__name__, self.kind))

    # -- values ------------------------------------------------------------

    def coerce(self, value):
        """Check a JSON value for this field and return the Python value.

        Raises ``ValueError`` with a message that does not name the field;
        callers add the name.
        """
        if value is None:
            if not self.nullable:
                raise ValueError('must not be null')
            return None
        value = self._coerce_value(value)
        for validator in self.validators:
            validator(value)
        return value

    def _coerce_value(self, value):
        raise NotImplementedError

    def to_primitive(self, value):
        """The JSON form of a Python value."""
        return value

    def get_default(self):
        return copy.deepcopy(self.default)

    # -- description ---------------------------------------------------------

    @property
    def glare_type(self):
        return self.kind

    def _base_schema(self):
        return {'type': self.json_type}

    def value_schema(self):
        """The JSON Schema of a value: its type and every validator."""
        schema = self._base_schema()
        if self.nullable:
            schema['type'] = [schema['type'], 'null']
        rules = [validator.to_jsonschema() for validator in self.validators]
        for rule in rules:
            clashing = set(rule) & set(schema)
            if clashing:
                # Two validators with the same keyword (e.g. two patterns)
                # must both hold.
                schema.setdefault('allOf', []).append(rule)
            else:
                schema.update(rule)
        return schema

    def is_mutable(self, version=None):
        """Whether the field may change after activation.

        ``version`` is the version of the type the client sees; None is
        the newest.
        """
        if self.mutable or self.mutable_since is None:
            return self.mutable
        return version is None or versionutils.convert_version_to_tuple(
            version) >= versionutils.convert_version_to_tuple(
                self.mutable_since)

    def to_jsonschema(self, version=None):
        """The field's schema in version ``version`` of its type."""
        schema = self.value_schema()
        schema.update({
            'glareType': self.glare_type,
            'description': self.description,
            'sortable': self.sortable,
            'filter_ops': list(self.filter_ops),
            'mutable': self.is_mutable(version),
            'required_on_activate': self.required_on_activate,
            'readOnly': self.system,
        })
        if self.default is not None:
            schema['default'] = self.to_primitive(self.default)
        return schema

    def ovo_type(self):
        """The oslo.versionedobjects type of this field's values."""
        raise NotImplementedError

    def ovo_field(self):
        """The oslo.versionedobjects field that holds this field's value.

        Always nullable for the object: ``nullable`` is checked where
        values come in (``coerce``), and a new artifact is filled in
        field by field.
        """
        return _NamingField(self.ovo_type(), nullable=True,
                            default=self.get_default())

    @property
    def filterable(self):
        return bool(self.filter_ops) and not isinstance(self, Blob)


class String(Field):
    kind = 'String'
    json_type = 'string'
    default_filter_ops = STRING_OPS

    def __init__(self, max_length=INDEXED_STRING_LENGTH, **kwargs):
        self.max_length = max_length
        validators = list(kwargs.pop('validators', ()))
        validators.insert(0, vals.MaxStrLen(max_length))
        super().__init__(validators=validators, **kwargs)
        if max_length > INDEXED_STRING_LENGTH:
            self.filter_ops = ()
            self.sortable = False

    def _coerce_value(self, value):
        if not isinstance(value, str):
            raise ValueError('must be a string, not %s' %
                             _json_name(value))
        check_text(value)
        return value

    def ovo_type(self):
        return Text()


class Link(String):
    """A link to another artifact or an external http(s) URL.

    Artifact links are ``/artifacts/<type>/<id>``; ``type_name`` restricts
    them to one type.
    """

    kind = 'Link'
    default_filter_ops = EQUALITY_OPS

    def __init__(self, type_name=None, **kwargs):
        self.type_name = type_name
        super().__init__(**kwargs)

    def _coerce_value(self, value):
        value = super()._coerce_value(value)
        parsed = parse_link(value)
        if parsed is None:
            raise ValueError('must be /artifacts/<type>/<id> or an '
                             'http(s) URL, not %r' % value)
        if self.type_name and parsed[0] not in (None, self.type_name):
            raise ValueError('must link to a %s artifact' % self.type_name)
        return value

    def _base_schema(self):
        # The pattern tells clients the two accepted shapes; the target
        # type, when restricted, is part of it.
        target = re.escape(self.type_name) if self.type_name else '[^/]+'
        return {'type': 'string', 'format': 'uri-reference',
                'pattern': r'^(/artifacts/%s/[^/]+|https?://\S+)$' % target}


def link_values(field, value):
    """The link strings held by a value of ``field``.

    Empty for fields that hold no links; the items of a List or Dict of
    links; the value itself for a Link.
    """
    item = field.item if isinstance(field, _Container) else field
    if not isinstance(item, Link) or value is None:
        return []
    if isinstance(field, List):
        return list(value)
    if isinstance(field, Dict):
        return [value[key] for key in sorted(value)]
    return [value]


def parse_link(value):
    """Split a link value.

    ``(type_name, id)`` for an artifact link, ``(None, url)`` for an
    external URL, ``None`` when it is neither.
    """
    if value.startswith(('http://', 'https://')):
        if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
            return None
        try:
            host = urllib.parse.urlsplit(value).hostname
        except ValueError:  # e.g. a malformed IPv6 address
            return None
        return (None, value) if host else None
    parts = value.split('/')
    if len(parts) == 4 and parts[0] == '' and parts[1] == 'artifacts' \
            and parts[2] and parts[3]:
        return parts[2], parts[3]
    return None


class Integer(Field):
    kind = 'Integer'
    json_type = 'integer'
    default_filter_ops = RANGE_OPS

    def ovo_type(self):
        return ovo_fields.Integer()

    def _coerce_value(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError('must be an integer, not %s' % _json_name(value))
        return check_int64(value)


class Float(Field):
    kind = 'Float'
    json_type = 'number'
    default_filter_ops = RANGE_OPS

    def ovo_type(self):
        return ovo_fields.Float()

    def _coerce_value(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError('must be a number, not %s' % _json_name(value))
        return check_finite(float(value))


class Boolean(Field):
    kind = 'Boolean'
    json_type = 'boolean'
    default_filter_ops = ('eq', 'neq')

    def ovo_type(self):
        return ovo_fields.Boolean()

    def _coerce_value(self, value):
        if not isinstance(value, bool):
            raise ValueError('must be true or false, not %s' %
                             _json_name(value))
        return value


class DateTime(Field):
    """A UTC timestamp, ``YYYY-MM-DDTHH:MM:SSZ`` on the wire."""

    kind = 'DateTime'
    json_type = 'string'
    default_filter_ops = RANGE_OPS

    def ovo_type(self):
        # UTC, kept naive as the database returns it.
        return ovo_fields.DateTime(tzinfo_aware=False)

    def _coerce_value(self, value):
        if isinstance(value, datetime.datetime):
            return _as_utc(value)
        if not isinstance(value, str):
            raise ValueError('must be an ISO 8601 date-time string')
        try:
            return _as_utc(timeutils.parse_isotime(value))
        except ValueError:
            raise ValueError('must be an ISO 8601 date-time, not %r' % value)

    def to_primitive(self, value):
        return format_datetime(value)

    def _base_schema(self):
        return {'type': 'string', 'format': 'date-time'}


class Version(Field):
    """A semantic version; ``1`` and ``1.0`` are stored as ``1.0.0``."""

    kind = 'Version'
    json_type = 'string'
    default_filter_ops = RANGE_OPS

    @property
    def glare_type(self):
        # A string to Glare clients.
        return 'String'

    def ovo_type(self):
        return Text()

    def _coerce_value(self, value):
        if isinstance(value, bool) or not isinstance(value, (str, int,
                                                             float)):
            raise ValueError('must be a semantic version string')
        try:
            return semver.normalize(value)
        except Exception as exc:
            raise ValueError(str(exc))


class _Container(Field):
    """Base of List and Dict: items are of one scalar kind."""

    def __init__(self, item=String, max_items=255, **kwargs):
        self.item = item() if isinstance(item, type) else item
        self.item.nullable = False
        # Items filter like fields of their kind, as in Glare.
        if kwargs.get('filter_ops') is None:
            kwargs['filter_ops'] = self.item.filter_ops
        validators = list(kwargs.pop('validators', ()))
        super().__init__(validators=validators, **kwargs)
        self.max_items = max_items
        if kwargs.get('default') is None:
            self.default = self.empty()
        if self.sortable:
            raise TypeError('list and dict fields cannot be sortable')

    @property
    def glare_type(self):
        return self.item.kind + self.kind

    def coerce_item(self, value):
        if value is None:
            raise ValueError('items must not be null')
        return self.item.coerce(value)


class List(_Container):
    kind = 'List'
    json_type = 'array'

    def ovo_type(self):
        return ovo_fields.List(self.item.ovo_type())

    @staticmethod
    def empty():
        return []

    def _coerce_value(self, value):
        if not isinstance(value, list):
            raise ValueError('must be a list, not %s' % _json_name(value))
        if len(value) > self.max_items:
            raise ValueError('must have at most %d items' % self.max_items)
        return [self.coerce_item(v) for v in value]

    def to_primitive(self, value):
        return [self.item.to_primitive(v) for v in value]

    def _base_schema(self):
        return {'type': 'array', 'maxItems': self.max_items,
                'items': self.item.value_schema()}


class Dict(_Container):
    kind = 'Dict'
    json_type = 'object'

    def ovo_type(self):
        return ovo_fields.Dict(self.item.ovo_type())

    @staticmethod
    def empty():
        return {}

    def _coerce_value(self, value):
        if not isinstance(value, dict):
            raise ValueError('must be an object, not %s' % _json_name(value))
        if len(value) > self.max_items:
            raise ValueError('must have at most %d keys' % self.max_items)
        result = {}
        for key, item in value.items():
            if not key or len(key) > INDEXED_STRING_LENGTH:
                raise ValueError('keys must be 1 to %d characters long' %
                                 INDEXED_STRING_LENGTH)
            check_text(key)
            result[key] = self.coerce_item(item)
        return result

    def to_primitive(self, value):
        return {k: self.item.to_primitive(v) for k, v in value.items()}

    def _base_schema(self):
        return {'type': 'object', 'maxProperties': self.max_items,
                'additionalProperties': self.item.value_schema()}


class Blob(Field):
    """Binary data kept in the blob store; set by upload, not by PATCH."""

    kind = 'Blob'
    json_type = 'object'
    default_filter_ops = ()
    DEFAULT_MAX_BLOB_SIZE = 10 * 1024 ** 3

    def __init__(self, max_blob_size=DEFAULT_MAX_BLOB_SIZE, **kwargs):
        self.max_blob_size = max_blob_size
        kwargs.setdefault('filter_ops', ())
        super().__init__(**kwargs)

    def _coerce_value(self, value):
        raise ValueError('is a blob; upload data to it instead')

    # What a blob value always has (url aside, as Glare's schema said).
    BLOB_KEYS = ('size', 'md5', 'sha1', 'sha256', 'external', 'status',
                 'content_type')

    def ovo_type(self):
        return BlobValue()

    def _base_schema(self):
        return {'type': 'object', 'maxSize': self.max_blob_size,
                'properties': {
                    'url': {'type': ['string', 'null']},
                    'status': {'type': 'string',
                               'enum': ['active', 'saving']},
                    'external': {'type': 'boolean'},
                    'size': {'type': ['number', 'null']},
                    'md5': {'type': ['string', 'null']},
                    'sha1': {'type': ['string', 'null']},
                    'sha256': {'type': ['string', 'null']},
                    'content_type': {'type': ['string', 'null']},
                },
                'required': list(self.BLOB_KEYS),
                'additionalProperties': False}


class Folder(Blob):
    """A dict of blobs; keys may contain ``/``."""

    kind = 'Folder'
    DEFAULT_MAX_FOLDER_SIZE = 10 * 1024 ** 3

    def __init__(self, max_folder_size=DEFAULT_MAX_FOLDER_SIZE,
                 max_blob_size=Blob.DEFAULT_MAX_BLOB_SIZE, max_keys=255,
                 **kwargs):
        self.max_folder_size = max_folder_size
        self.max_keys = max_keys
        super().__init__(max_blob_size=max_blob_size, **kwargs)
        if self.default is None:
            self.default = {}

    @property
    def glare_type(self):
        # Glare's name, which clients display and compare.
        return 'BlobDict'

    def ovo_type(self):
        return ovo_fields.Dict(BlobValue())

    def _base_schema(self):
        item = super()._base_schema()
        item['type'] = ['object', 'null']
        return {'type': 'object', 'maxFolderSize': self.max_folder_size,
                'maxProperties': self.max_keys,
                'additionalProperties': item}


class _NamingField(ovo_fields.Field):
    """An oslo.versionedobjects field whose errors name the field.

    A value of the wrong type is refused as it is set (by a type's hook,
    say), with a message a type author can act on.
    """

    def coerce(self, obj, attr, value):
        try:
            return super().coerce(obj, attr, value)
        except (TypeError, ValueError) as exc:
            raise ValueError('Invalid value for field %s: %s' % (attr, exc))


class Text(ovo_fields.String):
    """A string, and only a string.

    oslo.versionedobjects' String turns numbers into strings; a type's
    hook that sets a number where the type declared a string made a
    mistake to report, not to paper over.
    """

    def coerce(self, obj, attr, value):
        if not isinstance(value, str):
            raise ValueError('must be a string, not %s' % _json_name(value))
        return value


class BlobValue(ovo_fields.FieldType):
    """The value of a blob as the API shows it: a dict of its data."""

    KEYS = frozenset(('url', 'status', 'external', 'size', 'md5', 'sha1',
                      'sha256', 'content_type'))

    def coerce(self, obj, attr, value):
        if not isinstance(value, dict) or not set(value) <= self.KEYS:
            raise ValueError('a blob value has only the keys %s' %
                             ', '.join(sorted(self.KEYS)))
        return value


def check_text(value):
    """Refuse strings no database can store as text.

    JSON escapes can carry lone UTF-16 surrogates, which are not
    characters, and NUL, which PostgreSQL refuses in text columns.
    """
    if '\x00' in value:
        raise ValueError('must not contain NUL characters')
    try:
        value.encode('utf-8')
    except UnicodeEncodeError:
        raise ValueError('must be valid Unicode text (it contains a lone '
                         'surrogate)')


def check_int64(value):
    """``value`` when a 64-bit signed column can hold it."""
    if not -2 ** 63 <= value < 2 ** 63:
        raise ValueError('is too large for a 64-bit integer')
    return value


def check_finite(value):
    """``value`` unless it is infinite or NaN, which no database takes."""
    if not math.isfinite(value):
        raise ValueError('must be a finite number, not %r' % value)
    return value


def _as_utc(value):
    if value.tzinfo is not None:
        value = timeutils.normalize_time(value)
    return value.replace(tzinfo=None)


def format_datetime(value):
    if value is None:
        return None
    return _as_utc(value).strftime('%Y-%m-%dT%H:%M:%SZ')


def _json_name(value):
    for kind, name in ((bool, 'a boolean'), (int, 'an integer'),
                       (float, 'a number'), (str, 'a string'),
                       (list, 'a list'), (dict, 'an object')):
        if isinstance(value, kind):
            return '%s (%r)' % (name, value)
    return repr(value)
