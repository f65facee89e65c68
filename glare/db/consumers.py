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

"""Consumers of artifacts: who outside glare uses which artifact.

Registering or removing a consumer changes the artifact's
``consumer_count`` and ``row_version`` in the same transaction, so a
deletion (or a retention run) that read the artifact unused and writes
at that row version loses the race to a consumer that arrived meanwhile.
"""

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa
from sqlalchemy import orm

from glare.db import models
from glare.db import records
from glare.db import transaction
from glare.db import visibility
from glare import exception

CONTEXT = transaction.CONTEXT
A = models.Artifact
C = models.ArtifactConsumer

COLUMNS = ('artifact_id', 'consumer_id', 'service', 'resource_type',
           'project_id', 'created_at')


def _as_dict(row):
    return {name: getattr(row, name) for name in COLUMNS}


def _count(session, artifact_id, delta):
    """Move the artifact's count (and row version); 404 when it is gone."""
    result = session.execute(sa.update(A).where(
        A.id == artifact_id, A.status != 'deleted').values(
            consumer_count=A.consumer_count + delta,
            row_version=A.row_version + 1)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise exception.ArtifactNotFound(id=artifact_id)


@CONTEXT.writer
def register(context, artifact_id, consumer_id, values):
    """``(consumer, created)``; an existing registration is kept as is."""
    session = context.session
    existing = session.get(C, (artifact_id, consumer_id))
    if existing is not None:
        return _as_dict(existing), False
    try:
        with session.begin_nested():
            _count(session, artifact_id, 1)
            row = C(artifact_id=artifact_id, consumer_id=consumer_id,
                    created_at=timeutils.utcnow(), **values)
            session.add(row)
            session.flush()
    except db_exc.DBDuplicateEntry:
        # Registered by a concurrent request: idempotent.
        return _as_dict(session.scalars(sa.select(C).where(
            C.artifact_id == artifact_id, C.consumer_id == consumer_id)
            .execution_options(populate_existing=True)).one()), False
    return _as_dict(row), True


@CONTEXT.writer
def unregister(context, artifact_id, consumer_id):
    """Forget a consumer; returns what it was (404 when unknown)."""
    session = context.session
    row = session.get(C, (artifact_id, consumer_id))
    if row is None:
        raise exception.ConsumerNotFound(id=artifact_id,
                                         consumer_id=consumer_id)
    gone = _as_dict(row)
    result = session.execute(sa.delete(C).where(
        C.artifact_id == artifact_id, C.consumer_id == consumer_id))
    if result.rowcount != 1:
        raise exception.ConsumerNotFound(id=artifact_id,
                                         consumer_id=consumer_id)
    _count(session, artifact_id, -1)
    return gone


@CONTEXT.writer
def remove_all(context, artifact_id):
    """Drop every consumer of an artifact being deleted by force."""
    session = context.session
    session.execute(sa.delete(C).where(C.artifact_id == artifact_id))
    session.execute(sa.update(A).where(A.id == artifact_id).values(
        consumer_count=0).execution_options(synchronize_session=False))


@CONTEXT.reader
def of_artifact(context, artifact_id):
    return [_as_dict(row) for row in context.session.scalars(
        sa.select(C).where(C.artifact_id == artifact_id)
        .order_by(C.created_at, C.consumer_id))]


@CONTEXT.reader
def uses(context, consumer_id, scope):
    """``[(consumer, artifact record)]`` of one consumer.

    Only the artifacts readable in ``scope`` (glare.db.visibility).
    """
    session = context.session
    pairs = session.execute(
        sa.select(C, A.id).join(A, A.id == C.artifact_id).where(
            C.consumer_id == consumer_id, visibility.readable(scope))
        .order_by(A.type_name, A.name, A.version_key)).all()
    ids = sorted({artifact_id for _, artifact_id in pairs})
    conn = session.connection()
    rows = conn.execute(records.ARTIFACT.where(
        records.A.c.id.in_(ids))).all() if ids else []
    loaded = {record['id']: record for record in records.load(conn, rows)}
    return [(_as_dict(consumer), loaded[artifact_id])
            for consumer, artifact_id in pairs]


def _after(marker):
    """Rows after ``marker`` in the rebuild list's order.

    ``marker``: ``(type_name, name, consumer_id, artifact_id)`` of the
    last row of the previous page.
    """
    columns = (A.type_name, A.name, C.consumer_id, C.artifact_id)
    # Spelt out rather than a row-value comparison, which not every
    # backend's planner turns into an index range.
    clauses = []
    for position, column in enumerate(columns):
        equal = [columns[i] == marker[i] for i in range(position)]
        clauses.append(sa.and_(*equal, column > marker[position]))
    return sa.or_(*clauses)


@CONTEXT.reader
def outdated_marker(context, artifact_id, consumer_id):
    """The ordering key of one rebuild list row, or None when unknown.

    The artifact's row is enough (rows of deleted artifacts stay until
    purged), so a page can follow one whose last consumer has gone.
    """
    row = context.session.execute(sa.select(A.type_name, A.name).where(
        A.id == artifact_id)).first()
    if row is None:
        return None
    return (row.type_name, row.name, consumer_id, artifact_id)


@CONTEXT.reader
def outdated(context, consumer_project=None, type_name=None, name=None,
             service=None, limit=None, marker=None):
    """Consumers of an artifact that has a newer active version.

    Newer: of the same type, name and identity, active, and readable by
    the consumer's project (its own or public). Returns dicts with the
    consumer, the artifact it uses and the newest version, ordered by
    type, name, consumer id and artifact id, and whether more rows
    follow: at most ``limit`` of them (None: all) after ``marker`` (see
    outdated_marker).
    """
    B = orm.aliased(A, name="newer")
    readable_by_consumer = sa.or_(B.owner == C.project_id,
                                  B.visibility == 'public')
    newer = sa.select(B.id).where(
        B.type_name == A.type_name, B.name == A.name,
        B.identity_key == A.identity_key, B.status == 'active',
        B.version_key > A.version_key, readable_by_consumer).order_by(
            B.version_key.desc(), B.created_at.desc(), B.id).limit(1)
    newest_id = newer.correlate(A, C).scalar_subquery().label('newest_id')
    stmt = sa.select(C, A.id, A.type_name, A.name, A.version,
                     newest_id).join(A, A.id == C.artifact_id).where(
        A.status != 'deleted',
        # In SQL, not after fetching: a page must hold ``limit`` rows.
        newer.with_only_columns(sa.literal(1)).correlate(A, C).exists())
    if consumer_project is not None:
        stmt = stmt.where(C.project_id == consumer_project)
    if type_name is not None:
        stmt = stmt.where(A.type_name == type_name)
    if name is not None:
        stmt = stmt.where(A.name == name)
    if service is not None:
        stmt = stmt.where(C.service == service)
    if marker is not None:
        stmt = stmt.where(_after(marker))
    stmt = stmt.order_by(A.type_name, A.name, C.consumer_id, C.artifact_id)
    if limit is not None:
        stmt = stmt.limit(limit + 1)
    rows = list(context.session.execute(stmt))
    more = limit is not None and len(rows) > limit
    rows = rows[:limit]
    versions = {newest.id: newest.version for newest in
                context.session.execute(sa.select(A.id, A.version).where(
                    A.id.in_({row.newest_id for row in rows})))}
    return [{'consumer': _as_dict(row[0]),
             'artifact': {'id': row.id, 'type_name': row.type_name,
                          'name': row.name, 'version': row.version},
             'newest': {'id': row.newest_id,
                        'version': versions.get(row.newest_id)}}
            for row in rows], more
