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

import json
import sqlite3

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa
from sqlalchemy import orm

from glare.db import models
from glare.db import query as q
from glare.db import quotas as db_quotas
from glare.db import transaction
from glare import exception

CONTEXT = transaction.CONTEXT

A = models.Artifact
B = models.ArtifactBlob
D = models.BlobDataDeletion
P = models.ArtifactProperty
T = models.ArtifactTag

PUBLIC_SCOPE = 'public'


@sa.event.listens_for(sa.engine.Engine, 'connect')
def _sqlite_case_sensitive_like(dbapi_connection, connection_record):
    """``like`` filters match case on SQLite, as on PostgreSQL and MySQL.

    (It also lets SQLite use an index for a ``like`` with a fixed prefix.)
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute('PRAGMA case_sensitive_like = ON')


def get_engine():
    return CONTEXT.writer.get_engine()


def patch_engine(engine):
    """Use ``engine`` for every transaction; returns the undo callable."""
    return CONTEXT.patch_engine(engine)


def dispose():
    """Close pooled connections (before forking worker processes)."""
    get_engine().dispose()


def _unique_scope(owner, visibility):
    return PUBLIC_SCOPE if visibility == 'public' else owner


def _visible(project_id, include_deleted=False):
    """Rows a caller of ``project_id`` may see (None: all projects).

    Deleted rows awaiting the scrubber show only when asked for, and only
    to callers who see all projects.
    """
    clauses = []
    if not (include_deleted and project_id is None):
        clauses.append(A.status != 'deleted')
    if project_id is not None:
        clauses.append(sa.or_(A.owner == project_id,
                              A.visibility == 'public'))
    return sa.and_(*clauses)


# What an artifact record shows of its blobs (not where the data is).
BLOB_COLUMNS = ('field_name', 'key_name', 'status', 'size', 'md5', 'sha1',
                'sha256', 'content_type', 'external', 'url')


def _record(row, properties, tags, blobs):
    record = {c.name: getattr(row, c.name) for c in A.__table__.columns}
    record['properties'] = [
        {c.name: getattr(p, c.name) for c in P.__table__.columns}
        for p in properties]
    record['tags'] = sorted(t.value for t in tags)
    record['blobs'] = [{name: getattr(b, name) for name in BLOB_COLUMNS}
                       for b in blobs]
    return record


def _load(session, rows):
    """Records for artifact rows, with one query per kind of part."""
    ids = [row.id for row in rows]
    props, tags, blobs = {}, {}, {}
    if ids:
        for prop in session.scalars(sa.select(P).where(
                P.artifact_id.in_(ids)).order_by(P.id)):
            props.setdefault(prop.artifact_id, []).append(prop)
        for tag in session.scalars(sa.select(T).where(T.artifact_id.in_(ids))):
            tags.setdefault(tag.artifact_id, []).append(tag)
        for blob in session.scalars(sa.select(B).where(
                B.artifact_id.in_(ids))):
            blobs.setdefault(blob.artifact_id, []).append(blob)
    return [_record(row, props.get(row.id, ()), tags.get(row.id, ()),
                    blobs.get(row.id, ())) for row in rows]


def _insert_parts(session, artifact_id, properties, tags):
    for rows in properties.values():
        for row in rows:
            session.add(P(artifact_id=artifact_id, **row))
    if tags is not None:
        for tag in tags:
            session.add(T(artifact_id=artifact_id, value=tag))


@oslo_db_api.wrap_db_retry(max_retries=5, retry_on_deadlock=True)
@CONTEXT.writer
def create(context, type_name, values, properties, tags, limits=None):
    """Insert an artifact; 409 when its identity is taken.

    ``limits`` is ``(max for the project, max of this type)`` (-1: no
    limit), checked under the project's lock so parallel creates never
    overshoot; 403 when the artifact would exceed one.
    """
    if limits and max(limits) >= 0:
        _check_count(context.session, values['owner'], type_name, limits)
    row = A(type_name=type_name, row_version=1,
            unique_scope=_unique_scope(values['owner'],
                                       values['visibility']),
            **values)
    try:
        context.session.add(row)
        context.session.flush()
        _insert_parts(context.session, row.id, properties, tags)
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise _duplicate(type_name, values)
    return _load(context.session, [row])[0]


def _check_count(session, project_id, type_name, limits):
    db_quotas.lock_project(session, project_id)
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


@CONTEXT.reader
def get(context, artifact_id, type_name=None, project_id=None,
        include_deleted=False):
    """The artifact, or 404 when it does not exist or is not visible."""
    stmt = sa.select(A).where(A.id == artifact_id,
                              _visible(project_id, include_deleted))
    if type_name is not None:
        stmt = stmt.where(A.type_name == type_name)
    row = context.session.scalars(stmt).first()
    if row is None:
        raise exception.ArtifactNotFound(id=artifact_id)
    return _load(context.session, [row])[0]


@CONTEXT.writer
def update(context, artifact_id, row_version, values, properties,
           tags=None):
    """Apply changes made to the state read at ``row_version``.

    Raises ``ConcurrentUpdate`` when another update got there first, and
    ``Duplicate`` when the new identity (name, version, visibility) is
    taken.
    """
    values = dict(values)
    if 'visibility' in values:
        values['unique_scope'] = (PUBLIC_SCOPE
                                  if values['visibility'] == 'public'
                                  else A.owner)
    values['row_version'] = row_version + 1
    session = context.session
    try:
        # A savepoint, so that after a unique violation the transaction
        # can still read the row for the message: PostgreSQL refuses any
        # statement in a transaction that saw an error.
        with session.begin_nested():
            result = session.execute(
                sa.update(A).where(A.id == artifact_id,
                                   A.row_version == row_version,
                                   A.status != 'deleted').values(**values)
                .execution_options(synchronize_session=False))
        if result.rowcount != 1:
            raise exception.ConcurrentUpdate(id=artifact_id)
        if properties:
            session.execute(sa.delete(P).where(
                P.artifact_id == artifact_id,
                P.name.in_(list(properties))))
        if tags is not None:
            session.execute(sa.delete(T).where(T.artifact_id == artifact_id))
        _insert_parts(session, artifact_id, properties, tags)
        session.flush()
    except db_exc.DBDuplicateEntry:
        row = session.get(A, artifact_id)
        raise _duplicate(row.type_name, {
            'name': values.get('name', row.name),
            'version': values.get('version', row.version),
            'visibility': values.get('visibility', row.visibility),
            'identity_key': values.get('identity_key', row.identity_key)})
    row = session.scalars(sa.select(A).where(A.id == artifact_id)
                          .execution_options(populate_existing=True)).one()
    return _load(session, [row])[0]


@CONTEXT.writer
def delete(context, artifact_id, row_version):
    """Remove an artifact with its properties, tags and blobs.

    Its stored blob data is queued for deletion in the same transaction;
    returns the queue entries ``(id, location, backend)``.
    """
    session = context.session
    result = session.execute(sa.update(A).where(
        A.id == artifact_id, A.row_version == row_version).values(
            row_version=row_version + 1))
    if result.rowcount != 1:
        raise exception.ConcurrentUpdate(id=artifact_id)
    now = timeutils.utcnow()
    entries = []
    # An upload still running finds its blob gone when it finishes, and
    # removes its own data then.
    for blob in session.scalars(sa.select(B).where(
            B.artifact_id == artifact_id, B.location.is_not(None),
            B.external.is_(False))):
        entry = D(location=blob.location, backend=blob.backend,
                  created_at=now, attempts=0)
        session.add(entry)
        session.flush()
        entries.append((entry.id, blob.location, blob.backend))
    session.execute(sa.delete(A).where(A.id == artifact_id))
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
    row = session.scalars(sa.select(A).where(A.id == artifact_id)
                          .execution_options(populate_existing=True)).one()
    return _load(session, [row])[0]


@CONTEXT.reader
def expired_deletions(context, deleted_before, limit):
    """``(id, row_version)`` of deleted artifacts due for purging."""
    return [(row.id, row.row_version) for row in context.session.execute(
        sa.select(A.id, A.row_version).where(
            A.status == 'deleted', A.deleted_at < deleted_before)
        .order_by(A.deleted_at).limit(limit))]


# -- listing -----------------------------------------------------------------

_OPS = {
    'eq': lambda col, v: col == v,
    'neq': lambda col, v: col != v,
    'gt': lambda col, v: col > v,
    'gte': lambda col, v: col >= v,
    'lt': lambda col, v: col < v,
    'lte': lambda col, v: col <= v,
    'in': lambda col, v: col.in_(v),
    'like': lambda col, v: col.like(v),
}


def _with_property(flt, condition):
    """Artifacts having a property row that matches ``condition``.

    An ``IN`` over the property table lets the database start from the
    (name, value) index instead of probing every artifact, so filtered
    lists and their counts grow with the matches, not the catalogue.
    """
    return A.id.in_(sa.select(P.artifact_id).where(P.name == flt.name,
                                                   condition))


def _with_tag(condition):
    return A.id.in_(sa.select(T.artifact_id).where(condition))


def _filter_clause(flt):
    if flt.storage == q.COLUMN:
        column = getattr(A, flt.column)
        if flt.op == 'neq':
            return sa.or_(column != flt.value, column.is_(None))
        return _OPS[flt.op](column, flt.value)
    if flt.storage == q.TAGS_ALL:
        return sa.and_(*[_with_tag(T.value == tag) for tag in flt.value])
    if flt.storage == q.TAGS_ANY:
        return _with_tag(T.value.in_(flt.value))
    if flt.storage == q.DICT_KEY:
        column = P.key_name
    else:
        column = getattr(P, flt.column)
    condition = _OPS['eq' if flt.op == 'neq' else flt.op](column, flt.value)
    if flt.storage == q.DICT_VALUE:
        condition = sa.and_(P.key_name == flt.key, condition)
    matching = _with_property(flt, condition)
    # "neq": no value equal to the given one, including having no value.
    return sa.not_(matching) if flt.op == 'neq' else matching


def _scoped(query):
    clauses = [_visible(query.project_id, query.include_deleted)]
    if query.type_name is not None:
        clauses.append(A.type_name == query.type_name)
    clauses.extend(_filter_clause(flt) for flt in query.filters)
    return sa.and_(*clauses)


def _latest_only(where):
    """Ids of the highest version per (type, name) among matching rows.

    Rows of equal precedence (the same version in two projects, or
    versions differing only in build metadata) all rank first: picking
    one of them arbitrarily would let the count and every page disagree.
    """
    rank = sa.func.rank().over(
        partition_by=(A.type_name, A.name),
        order_by=A.version_key.desc()).label('rank')
    ranked = sa.select(A.id.label('id'), rank).where(where).subquery()
    return sa.select(ranked.c.id).where(ranked.c.rank == 1)


def _sort_columns(sorts):
    """(expression, direction, nullable) per sort key, plus the joins."""
    columns, joins = [], []
    for i, sort in enumerate(sorts):
        if sort.storage == q.COLUMN:
            columns.append((getattr(A, sort.column), sort.direction,
                            sort.nullable))
            continue
        alias = orm.aliased(P, name='sort_%d' % i)
        joins.append((alias, sa.and_(alias.artifact_id == A.id,
                                     alias.name == sort.name)))
        columns.append((getattr(alias, sort.column), sort.direction, True))
    # The id breaks ties, so paging visits every row exactly once.
    columns.append((A.id, sorts[-1].direction if sorts else 'desc', False))
    return columns, joins


def _order_by(columns):
    """NULL sorts as the smallest value on every database."""
    order = []
    for expr, direction, nullable in columns:
        if nullable:
            is_set = sa.case((expr.is_(None), 0), else_=1)
            order.append(is_set.asc() if direction == 'asc'
                         else is_set.desc())
        order.append(expr.asc() if direction == 'asc' else expr.desc())
    return order


def _after(columns, marker_values):
    """Rows strictly after the marker row in the sort order."""
    ors = []
    for i, (expr, direction, _) in enumerate(columns):
        value = marker_values[i]
        equal_before = [e.is_(None) if m is None else e == m
                        for (e, _, _), m in zip(columns[:i],
                                                marker_values[:i])]
        if value is None:
            # NULL is the smallest: in ascending order every non-NULL is
            # after it; in descending order nothing is.
            if direction == 'desc':
                continue
            beyond = expr.is_not(None)
        elif direction == 'asc':
            beyond = expr > value
        else:
            beyond = sa.or_(expr < value, expr.is_(None))
        ors.append(sa.and_(*equal_before, beyond))
    if not ors:
        return sa.false()
    return sa.and_(_from_marker(columns[0], marker_values[0]), sa.or_(*ors))


def _from_marker(column, value):
    """A plain range on the first sort key implied by :func:`_after`.

    Redundant for the result, but it lets an index scan start at the
    marker instead of at the first row (deep pages stay cheap).
    """
    expr, direction, nullable = column
    if value is None:
        return sa.true() if direction == 'asc' else expr.is_(None)
    if direction == 'asc':
        return expr >= value
    return sa.or_(expr <= value, expr.is_(None)) if nullable \
        else expr <= value


@CONTEXT.reader
def list_artifacts(context, query):
    """One page of artifacts and the number of all matching ones."""
    session = context.session
    where = _scoped(query)
    if query.latest:
        where = A.id.in_(_latest_only(where))
    total = session.scalar(sa.select(sa.func.count()).select_from(A)
                           .where(where))
    columns, joins = _sort_columns(query.sort)
    stmt = sa.select(A)
    for alias, on in joins:
        stmt = stmt.outerjoin(alias, on)
    stmt = stmt.where(where)
    if query.marker is not None:
        marker_stmt = sa.select(*[expr for expr, _, _ in columns])
        for alias, on in joins:
            marker_stmt = marker_stmt.outerjoin(alias, on)
        marker_row = session.execute(marker_stmt.where(
            A.id == query.marker,
            _visible(query.project_id, query.include_deleted))).first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=query.marker)
        stmt = stmt.where(_after(columns, list(marker_row)))
    stmt = stmt.order_by(*_order_by(columns)).limit(query.limit + 1)
    rows = list(session.scalars(stmt))
    more = len(rows) > query.limit
    return _load(session, rows[:query.limit]), total, more
