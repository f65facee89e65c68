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

"""Database access: small functions, each one transaction.

Functions take the request context, which carries the transaction
(oslo.db enginefacade). They take and return plain dicts; models stay in
this package. Visibility rules that must hold in SQL (who sees which rows)
arrive as a ``project_id`` argument: ``None`` means "every project".
"""

import functools
import json
import sqlite3

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.db import deletions
from glare.db import models
from glare.db import quotas as db_quotas
from glare.db import records
from glare.db import stored_data
from glare.db import transaction
from glare.db import upload_sessions
from glare.db import visibility
from glare import exception

CONTEXT = transaction.CONTEXT

A = models.Artifact
B = models.ArtifactBlob
P = models.ArtifactProperty
T = models.ArtifactTag

PUBLIC_SCOPE = 'public'
# The columns of the identity constraint an update may change.
_IDENTITY_COLUMNS = frozenset(['name', 'version', 'visibility',
                               'identity_key'])

_INSERT_ARTIFACT = sa.insert(A)


@sa.event.listens_for(sa.engine.Engine, 'connect')
def _sqlite_settings(dbapi_connection, connection_record):
    """SQLite connections behave as glare needs them.

    ``like`` filters match case, as on PostgreSQL and MySQL (it also lets
    SQLite use an index for a ``like`` with a fixed prefix).

    The write-ahead log: a commit appends to it and syncs it once, where
    the rollback journal creates, syncs and deletes a file each time
    (about 10 ms of every write request on this project's machines,
    against 0.5 ms); readers no longer wait for a writer. Commits stay
    as durable (``synchronous`` is still FULL). The mode is a property of
    the file: ``glare.sqlite-wal`` and ``-shm`` live beside it.
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute('PRAGMA case_sensitive_like = ON')
        dbapi_connection.execute('PRAGMA journal_mode = WAL')


def get_engine():
    return CONTEXT.writer.get_engine()


def patch_engine(engine):
    """Use ``engine`` for every transaction; returns the undo callable."""
    return CONTEXT.patch_engine(engine)


def dispose():
    """Close pooled connections (before forking worker processes)."""
    get_engine().dispose()


def transaction(context):
    """One writer transaction around several calls of glare.db functions.

    Those called inside join it and commit or roll back together: a
    change and the notification that reports it (glare.db.outbox).
    """
    return CONTEXT.writer.using(context)


def retry_on_deadlock(function):
    """Run ``function`` again when the database broke a deadlock.

    Only around the outermost transaction: a deadlock rolls back all of
    it, so retrying a part inside would run on a dead transaction.
    """
    return oslo_db_api.wrap_db_retry(max_retries=5,
                                     retry_on_deadlock=True)(function)


def _unique_scope(owner, visibility):
    return PUBLIC_SCOPE if visibility == 'public' else owner


@CONTEXT.writer
def create(context, type_name, values, properties, tags,
           default_limits=None):
    """Insert an artifact; 409 when its identity is taken.

    ``default_limits`` is the configured ``(max for the project, max of
    this type)`` (-1: no limit); the project's overrides are read and the
    limits checked in this transaction, under the project's lock, so
    parallel creates never overshoot; 403 when the artifact would exceed
    one. The lock may deadlock on MySQL: call it under
    ``retry_on_deadlock``.
    """
    if default_limits is not None:
        _check_count(context.session, values['owner'], type_name,
                     default_limits)
    values = dict(values, type_name=type_name, row_version=1,
                  unique_scope=_unique_scope(values['owner'],
                                             values['visibility']))
    conn = context.session.connection()
    try:
        conn.execute(_INSERT_ARTIFACT, values)
        records.insert_parts(conn, values['id'], properties, tags)
    except db_exc.DBDuplicateEntry:
        raise _duplicate(type_name, values)
    # What was just written is the record: reading it back would cost
    # a query and give the same values.
    return records.created(values, properties, tags)


def _check_count(session, project_id, type_name, default_limits):
    limits = db_quotas.locked_limits(session, project_id, db_quotas.NUMBER,
                                     type_name, default_limits)
    if max(limits) < 0:
        return
    counts = db_quotas.artifact_counts(session, project_id)
    total_max, type_max = limits
    if total_max >= 0 and sum(counts.values()) >= total_max:
        raise exception.QuotaExceeded(
            'Project %s has its maximum of %d artifacts '
            '(quota max_artifact_number).' % (project_id, total_max))
    if type_max >= 0 and counts.get(type_name, 0) >= type_max:
        raise exception.QuotaExceeded(
            'Project %s has its maximum of %d %s artifacts (quota '
            'max_artifact_number:%s).' % (project_id, type_max, type_name,
                                          type_name))


def _duplicate(type_name, values):
    return exception.Duplicate(
        type_name=type_name, name=values.get('name'),
        version='%s%s' % (values.get('version'),
                          _identity_text(values.get('identity_key'))),
        scope='project' if values.get('visibility') != 'public'
        else 'cloud (public artifacts)')


def _identity_text(identity_key):
    """`` and disk_format qcow2``: the identity fields' values, if any.

    ``identity_key`` is the JSON of those values (see
    ``glare.objects.base.BaseArtifact.identity_key``), or their hash
    when too long to show.
    """
    if not identity_key:
        return ''
    if not identity_key.startswith('{'):
        return ' and the same values of its identity fields'
    parts = []
    for name, value in sorted(json.loads(identity_key).items()):
        parts.append('no %s' % name if value is None else
                     '%s %s' % (name, value))
    return ''.join(' and ' + part for part in parts)


@functools.lru_cache(maxsize=None)
def _get_statement(by_type, scoped, include_deleted):
    """The show query for each kind of caller, built once.

    One statement reads the artifact and its parts (a round trip each
    cost more than the rows); values are bound at execution: ``id``,
    ``type_name``, ``project_id``.
    """
    project_id = sa.bindparam('project_id') if scoped else None
    artifact_id = sa.bindparam('id')
    where = sa.and_(A.id == artifact_id,
                    visibility.readable(project_id, include_deleted))
    if by_type:
        where = sa.and_(where, A.type_name == sa.bindparam('type_name'))
    return records.statement(where, artifact_id)


@CONTEXT.reader.connection
def get(context, artifact_id, type_name=None, project_id=None,
        include_deleted=False):
    """The artifact, or 404 when it does not exist or is not visible."""
    stmt = _get_statement(type_name is not None, project_id is not None,
                          include_deleted)
    record = records.read(context.connection, stmt, {
        'id': artifact_id, 'type_name': type_name,
        'project_id': project_id})
    if record is None:
        raise exception.ArtifactNotFound(id=artifact_id)
    return record


@CONTEXT.writer
def update(context, artifact_id, row_version, values, properties,
           tags=None, current=None):
    """Apply changes made to the state read at ``row_version``.

    Raises ``ConcurrentUpdate`` when another update got there first, and
    ``Duplicate`` when the new identity (name, version, visibility) is
    taken. Returns the updated record: ``current``, the record read at
    ``row_version``, with the changes applied when it is given (every
    other change to an artifact moves its row version, so nothing else
    can have changed), else read again.
    """
    values = dict(values)
    if 'visibility' in values:
        values['unique_scope'] = (PUBLIC_SCOPE
                                  if values['visibility'] == 'public'
                                  else A.owner)
    values['row_version'] = row_version + 1
    session = context.session
    change = sa.update(A).where(
        A.id == artifact_id, A.row_version == row_version,
        A.status != 'deleted').values(**values).execution_options(
            synchronize_session=False)
    try:
        if current is None and _IDENTITY_COLUMNS & set(values):
            # A savepoint, so that after a unique violation the
            # transaction can still read the row for the message:
            # PostgreSQL refuses any statement in a transaction that saw
            # an error. With ``current`` there is nothing to read.
            with session.begin_nested():
                result = session.execute(change)
        else:
            result = session.execute(change)
        if result.rowcount != 1:
            raise exception.ConcurrentUpdate(id=artifact_id)
        if properties:
            session.execute(sa.delete(P).where(
                P.artifact_id == artifact_id,
                P.name.in_(list(properties))))
        if tags is not None:
            session.execute(sa.delete(T).where(T.artifact_id == artifact_id))
        records.insert_parts(session.connection(), artifact_id, properties,
                             tags)
    except db_exc.DBDuplicateEntry:
        row = current or session.execute(
            records.ARTIFACT.where(A.id == artifact_id)).one()._mapping
        raise _duplicate(row['type_name'], {
            name: values.get(name, row[name])
            for name in ('name', 'version', 'visibility', 'identity_key')})
    if current is None:
        return records.load_one(session.connection(), artifact_id)
    if 'visibility' in values:
        values['unique_scope'] = _unique_scope(current['owner'],
                                               values['visibility'])
    return records.updated(current, values, properties, tags)


@CONTEXT.writer
def delete(context, artifact_id, row_version):
    """Remove an artifact with its properties, tags and blobs.

    Its stored blob data is queued for deletion in the same transaction;
    returns the queue entries (``glare.db.deletions.Deletion``).
    """
    session = context.session
    result = session.execute(sa.update(A).where(
        A.id == artifact_id, A.row_version == row_version).values(
            row_version=row_version + 1))
    if result.rowcount != 1:
        raise exception.ConcurrentUpdate(id=artifact_id)
    # An upload still running finds its blob gone when it finishes and
    # removes its own data; should its process have died, its partial
    # data is queued too.
    entries = deletions.queue_partial_uploads(session, artifact_id)
    entries += upload_sessions.drop_for_artifact(session, artifact_id)
    blobs = session.execute(sa.select(
        B.location, B.backend, B.data_id).where(
            B.artifact_id == artifact_id, B.location.is_not(None),
            B.external.is_(False)).order_by(B.data_id)).all()
    session.execute(sa.delete(A).where(A.id == artifact_id))
    # Shared data goes with its last reference (in data_id order, as
    # every transaction that drops several takes their locks).
    for blob in blobs:
        entry = stored_data.release(session, blob.data_id, blob.location,
                                    blob.backend)
        if entry is not None:
            entries.append(entry)
    return entries


@CONTEXT.writer
def soft_delete(context, artifact_id, row_version):
    """Mark an artifact deleted; it keeps its data until scrubbed.

    Its identity is released at once, so the same name and version can be
    created again.
    """
    result = context.session.execute(sa.update(A).where(
        A.id == artifact_id, A.row_version == row_version,
        A.status != 'deleted').values(
            row_version=row_version + 1, deleted_status=A.status,
            status='deleted', deleted_at=timeutils.utcnow(),
            unique_scope='deleted:' + artifact_id))
    if result.rowcount != 1:
        raise exception.ConcurrentUpdate(id=artifact_id)


@CONTEXT.writer
def restore(context, artifact_id, row_version):
    """Bring a deleted artifact back to the status it had.

    409 when its identity was taken meanwhile.
    """
    session = context.session
    try:
        with session.begin_nested():
            result = session.execute(sa.update(A).where(
                A.id == artifact_id, A.row_version == row_version,
                A.status == 'deleted').values(
                    row_version=row_version + 1, status=A.deleted_status,
                    deleted_status=None, deleted_at=None,
                    updated_at=timeutils.utcnow(),
                    unique_scope=sa.case(
                        (A.visibility == 'public', PUBLIC_SCOPE),
                        else_=A.owner)))
    except db_exc.DBDuplicateEntry:
        row = session.get(A, artifact_id)
        raise _duplicate(row.type_name, {'name': row.name,
                                         'version': row.version,
                                         'visibility': row.visibility,
                                         'identity_key': row.identity_key})
    if result.rowcount != 1:
        raise exception.ConcurrentUpdate(id=artifact_id)
    return records.load_one(session.connection(), artifact_id)


@CONTEXT.reader
def expired_deletions(context, deleted_before, limit):
    """``(id, row_version)`` of deleted artifacts due for purging."""
    return [(row.id, row.row_version) for row in context.session.execute(
        sa.select(A.id, A.row_version).where(
            A.status == 'deleted', A.deleted_at < deleted_before)
        .order_by(A.deleted_at).limit(limit))]
