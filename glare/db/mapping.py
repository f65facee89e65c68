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

"""Artifacts as rows of the database, and back: the one place that knows.

Objects describe and validate artifacts (glare.objects); here they are
stored: base fields in columns of ``artifacts``; every other field as
rows of ``artifact_properties``, one per scalar, list item or dict key,
in the typed column of its kind (so that any type's fields filter and
sort in SQL); tags in ``artifact_tags``; blobs in ``artifact_blobs``.
"""

import datetime

from glare.objects import fields as f
from glare.objects import semver

# Base fields stored in columns of the artifacts table.
COLUMN_FIELDS = ('id', 'name', 'version', 'owner', 'status', 'visibility',
                 'created_at', 'updated_at', 'activated_at', 'description',
                 'consumer_count', 'download_count', 'last_downloaded_at')
# Columns that may hold NULL (they sort as the smallest value).
NULLABLE_COLUMNS = ('activated_at', 'description', 'last_downloaded_at')
# Fields that are no column of their own: derived from the type, the
# ``all`` view's type of each artifact, or the aliases table.
_DERIVED = ('tags', 'display_type_name', 'type_name', 'aliases')

# The column of artifact_properties that stores each scalar kind.
_KIND_COLUMNS = {
    'String': 'string_value',
    'Link': 'string_value',
    'Version': 'string_value',
    'DateTime': 'string_value',
    'Integer': 'int_value',
    'Float': 'numeric_value',
    'Boolean': 'bool_value',
}
# Fixed-width ISO text sorts in time order.
_DATETIME_TEXT = '%Y-%m-%dT%H:%M:%S.%f'


def property_column(field):
    """The artifact_properties column storing ``field``'s values, or None.

    Strings longer than the indexed length go to an unindexed text
    column: they can be stored, not filtered or sorted on. Blobs are no
    properties.
    """
    if isinstance(field, f.Blob):
        return None
    if isinstance(field, f._Container):
        return property_column(field.item)
    if isinstance(field, f.String) and \
            field.max_length > f.INDEXED_STRING_LENGTH:
        return 'text_value'
    return _KIND_COLUMNS.get(field.kind)


def to_column(field, value):
    """A value of ``field`` (or of its items) as its column stores it."""
    if isinstance(field, f._Container):
        field = field.item
    if isinstance(field, f.DateTime):
        return value.strftime(_DATETIME_TEXT)
    return value


def from_column(field, value):
    if isinstance(field, f._Container):
        field = field.item
    if isinstance(field, f.DateTime):
        return datetime.datetime.strptime(value, _DATETIME_TEXT)
    return value


def to_artifact(artifact_type, record):
    """An artifact of ``artifact_type`` from a record of glare.db.records."""
    cls = artifact_type
    art = cls()
    for name in COLUMN_FIELDS:
        setattr(art, name, record[name])
    art.tags = sorted(record.get('tags', ()))
    art.aliases = sorted(record.get('aliases', ()))
    if 'type_name' in cls.attributes:
        art.type_name = record['type_name']
    art.display_type_name = cls.get_display_type_name()
    values = {}
    for prop in record.get('properties', ()):
        name = prop['name']
        field = cls.attributes.get(name)
        column = property_column(field) if field is not None else None
        if column is None:
            continue  # a field the type no longer has
        value = from_column(field, prop[column])
        if isinstance(field, f.List):
            values.setdefault(name, []).append((prop['position'], value))
        elif isinstance(field, f.Dict):
            values.setdefault(name, {})[prop['key_name']] = value
        else:
            values[name] = value
    blob_path = '/artifacts/%s/%s/' % (record.get('type_name') or
                                       cls.get_type_name(), record['id'])
    for blob in record.get('blobs', ()):
        name = blob['field_name']
        field = cls.attributes.get(name)
        if not isinstance(field, f.Blob):
            continue
        value = _blob_value(blob, blob_path)
        if isinstance(field, f.Folder):
            values.setdefault(name, {})[blob['key_name']] = value
        else:
            values[name] = value
    for name, field in cls.attributes.items():
        if name in COLUMN_FIELDS or name in _DERIVED:
            continue
        if name in values:
            value = values[name]
            if isinstance(field, f.List):
                value = [item for _, item in sorted(value)]
        elif isinstance(field, (f._Container, f.Folder)):
            value = field.empty() if isinstance(field, f._Container) else {}
        else:
            value = None
        setattr(art, name, value)
    # Optimistic locking: updates must find the row still at this version
    # (see glare.db.api.update).
    art.row_version = record['row_version']
    # What a deleted artifact (awaiting the scrubber) was before.
    art.deleted_status = record.get('deleted_status')
    art.obj_reset_changes()
    return art


def to_rows(artifact, names=None):
    """``(columns, properties)`` storing the fields in ``names`` (all)."""
    attributes = artifact.attributes
    names = attributes if names is None else names
    columns, properties = {}, {}
    if artifact.identity_fields and (
            names is attributes or
            set(artifact.identity_fields) & set(names)):
        columns['identity_key'] = artifact.identity_key()
    for name in names:
        field = attributes[name]
        value = getattr(artifact, name)
        if name in COLUMN_FIELDS:
            columns[name] = value
            if name == 'version':
                columns['version_key'] = semver.sort_key(value)
        elif name == 'tags':
            columns['tags'] = list(value or ())
        elif name in ('display_type_name', 'aliases'):
            continue  # derived, never stored with the artifact
        else:
            column = property_column(field)
            if column is not None:
                properties[name] = _property_rows(field, column, name,
                                                  value)
    return columns, properties


def _blob_value(blob, blob_path):
    """A blob's value (API.md "Blobs"); stored data's url is its path."""
    url = blob['url'] if blob['external'] else blob_path + blob[
        'field_name'] + ('/' + blob['key_name'] if blob['key_name'] else '')
    return {'url': url, 'status': blob['status'],
            'external': bool(blob['external']), 'size': blob['size'],
            'md5': blob['md5'], 'sha1': blob['sha1'],
            'sha256': blob['sha256'],
            'content_type': blob['content_type']}


def _property_rows(field, column, name, value):
    if value is None:
        return []
    if isinstance(field, f.List):
        return [{'name': name, 'position': i,
                 column: to_column(field, item)}
                for i, item in enumerate(value)]
    if isinstance(field, f.Dict):
        return [{'name': name, 'key_name': key,
                 column: to_column(field, item)}
                for key, item in sorted(value.items())]
    return [{'name': name, column: to_column(field, value)}]
