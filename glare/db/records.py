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

"""Artifact rows as the records the rest of glare sees (plain dicts).

SQLAlchemy Core on the transaction's connection, with statements built
once: these reads run in every request, and the ORM's unit of work and
identity map only cost CPU here (records are plain dicts, never
written back).
"""

import sqlalchemy as sa

from glare.db import models

A = models.Artifact.__table__
B = models.ArtifactBlob.__table__
P = models.ArtifactProperty.__table__
T = models.ArtifactTag.__table__
AL = models.ArtifactAlias.__table__

# What an artifact record shows of its blobs (not where the data is).
BLOB_COLUMNS = ('field_name', 'key_name', 'status', 'size', 'md5', 'sha1',
                'sha256', 'content_type', 'external', 'url')
# Every column an inserted property row gets (the others NULL), so that
# the rows of one artifact go in one executemany.
PROPERTY_VALUES = ('name', 'position', 'key_name', 'string_value',
                   'text_value', 'int_value', 'numeric_value', 'bool_value')

ARTIFACT = sa.select(A)
_IDS = sa.bindparam('ids', expanding=True)
_PROPERTIES = sa.select(P).where(P.c.artifact_id.in_(_IDS)).order_by(
    P.c.id)
_TAGS = sa.select(T.c.artifact_id, T.c.value).where(
    T.c.artifact_id.in_(_IDS))
_BLOBS = sa.select(B.c.artifact_id, *[B.c[name] for name in BLOB_COLUMNS]
                   ).where(B.c.artifact_id.in_(_IDS))
_ALIASES = sa.select(AL.c.artifact_id, AL.c.alias).where(
    AL.c.artifact_id.in_(_IDS))
_INSERT_PROPERTY = sa.insert(P)
_INSERT_TAG = sa.insert(T)


def load(conn, rows):
    """Records for artifact rows (of ``ARTIFACT``), one query per part."""
    records = [dict(row._mapping) for row in rows]
    if not records:
        return records
    by_id = {}
    for record in records:
        record['properties'] = []
        record['tags'] = []
        record['blobs'] = []
        record['aliases'] = []
        by_id[record['id']] = record
    ids = {'ids': list(by_id)}
    for prop in conn.execute(_PROPERTIES, ids):
        by_id[prop.artifact_id]['properties'].append(dict(prop._mapping))
    for tag in conn.execute(_TAGS, ids):
        by_id[tag.artifact_id]['tags'].append(tag.value)
    for blob in conn.execute(_BLOBS, ids):
        values = dict(blob._mapping)
        del values['artifact_id']
        by_id[blob.artifact_id]['blobs'].append(values)
    for alias in conn.execute(_ALIASES, ids):
        by_id[alias.artifact_id]['aliases'].append(alias.alias)
    for record in records:
        record['tags'].sort()
        record['aliases'].sort()
    return records


def load_one(conn, artifact_id):
    """The record of ``artifact_id``, read again in this transaction."""
    row = conn.execute(ARTIFACT.where(A.c.id == artifact_id)).one()
    return load(conn, [row])[0]


def insert_parts(conn, artifact_id, properties, tags):
    rows = [dict(dict.fromkeys(PROPERTY_VALUES), artifact_id=artifact_id,
                 **row)
            for prop_rows in properties.values() for row in prop_rows]
    if rows:
        conn.execute(_INSERT_PROPERTY, rows)
    if tags:
        conn.execute(_INSERT_TAG, [{'artifact_id': artifact_id,
                                    'value': tag} for tag in tags])
