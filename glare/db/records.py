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

"""Artifact rows as the records the rest of glare sees (plain dicts)."""

import sqlalchemy as sa

from glare.db import models

A = models.Artifact
B = models.ArtifactBlob
P = models.ArtifactProperty
T = models.ArtifactTag
AL = models.ArtifactAlias

# What an artifact record shows of its blobs (not where the data is).
BLOB_COLUMNS = ('field_name', 'key_name', 'status', 'size', 'md5', 'sha1',
                'sha256', 'content_type', 'external', 'url')


def _record(row, properties, tags, blobs, aliases):
    record = {c.name: getattr(row, c.name) for c in A.__table__.columns}
    record['aliases'] = sorted(aliases)
    record['properties'] = [
        {c.name: getattr(p, c.name) for c in P.__table__.columns}
        for p in properties]
    record['tags'] = sorted(t.value for t in tags)
    record['blobs'] = [{name: getattr(b, name) for name in BLOB_COLUMNS}
                       for b in blobs]
    return record


def load(session, rows):
    """Records for artifact rows, with one query per kind of part."""
    ids = [row.id for row in rows]
    props, tags, blobs, aliases = {}, {}, {}, {}
    if ids:
        for prop in session.scalars(sa.select(P).where(
                P.artifact_id.in_(ids)).order_by(P.id)):
            props.setdefault(prop.artifact_id, []).append(prop)
        for tag in session.scalars(sa.select(T).where(T.artifact_id.in_(ids))):
            tags.setdefault(tag.artifact_id, []).append(tag)
        for blob in session.scalars(sa.select(B).where(
                B.artifact_id.in_(ids))):
            blobs.setdefault(blob.artifact_id, []).append(blob)
        for artifact_id, alias in session.execute(sa.select(
                AL.artifact_id, AL.alias).where(AL.artifact_id.in_(ids))):
            aliases.setdefault(artifact_id, []).append(alias)
    return [_record(row, props.get(row.id, ()), tags.get(row.id, ()),
                    blobs.get(row.id, ()), aliases.get(row.id, ()))
            for row in rows]


def insert_parts(session, artifact_id, properties, tags):
    for rows in properties.values():
        for row in rows:
            session.add(P(artifact_id=artifact_id, **row))
    if tags is not None:
        for tag in tags:
            session.add(T(artifact_id=artifact_id, value=tag))
