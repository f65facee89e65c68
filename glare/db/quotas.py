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

"""Database side of quotas: overrides, usage, and the per-project lock."""

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite

from glare.db import models
from glare.db import transaction
from glare import exception

A = models.Artifact
B = models.ArtifactBlob
L = models.ProjectLock
Q = models.Quota

NUMBER = 'max_artifact_number'
DATA = 'max_uploaded_data'


def lock_project(session, project_id):
    """Serialize quota checks of one project until the transaction ends.

    One upsert of the project's lock row: it creates the row on first use
    and otherwise bumps it, taking the row lock on PostgreSQL and MySQL and
    the write lock on SQLite, with no window between "create" and "lock".
    """
    dialect = session.get_bind().dialect.name
    if dialect == 'mysql':
        stmt = mysql.insert(L).values(project_id=project_id, counter=1)
        stmt = stmt.on_duplicate_key_update(counter=L.counter + 1)
    else:
        insert = postgresql.insert if dialect == 'postgresql' \
            else sqlite.insert
        stmt = insert(L).values(project_id=project_id, counter=1)
        stmt = stmt.on_conflict_do_update(
            index_elements=[L.project_id],
            set_={'counter': L.counter + 1})
    session.execute(stmt)


def artifact_counts(session, project_id):
    """``{type_name: count}`` of a project's artifacts (not deleted).

    Counts what is committed now: on MySQL, whose repeatable reads would
    count from the transaction's first snapshot, with a locking read.
    Called under the project's lock (``lock_project``) it settles
    parallel creates one at a time.
    """
    stmt = sa.select(A.type_name, sa.func.count()).where(
        A.owner == project_id, A.status != 'deleted').group_by(A.type_name)
    if session.get_bind().dialect.name == 'mysql':
        stmt = stmt.with_for_update(read=True)
    return dict(session.execute(stmt).all())


def data_usage(session, project_id, exclude=None):
    """``{type_name: bytes}`` stored for a project's artifacts.

    ``exclude`` is an ``(artifact_id, field_name, key_name)`` blob whose
    current size does not count (it is being replaced).
    """
    stmt = sa.select(A.type_name, sa.func.coalesce(sa.func.sum(B.size), 0))\
        .select_from(B).join(A, A.id == B.artifact_id).where(
            A.owner == project_id, B.external.is_(False),
            B.size.is_not(None))
    if exclude is not None:
        artifact_id, field_name, key_name = exclude
        stmt = stmt.where(sa.not_(sa.and_(
            B.artifact_id == artifact_id, B.field_name == field_name,
            B.key_name == (key_name or ''))))
    return {t: int(v) for t, v in
            session.execute(stmt.group_by(A.type_name)).all()}


@transaction.CONTEXT.reader
def usage(context, project_id):
    session = context.session
    return artifact_counts(session, project_id), data_usage(session,
                                                            project_id)


def limits(session, project_id, kind, type_name, defaults):
    """``(all types, this type)`` limits of quota ``kind``; -1: none.

    ``defaults`` are the configured ones, overridden per project; read in
    the transaction that enforces them.
    """
    names = (kind, '%s:%s' % (kind, type_name))
    found = dict(session.execute(sa.select(Q.name, Q.value).where(
        Q.project_id == project_id, Q.name.in_(names))).all())
    return tuple(found.get(name, default)
                 for name, default in zip(names, defaults))


def locked_limits(session, project_id, kind, type_name, defaults):
    """``limits`` of quota ``kind``, with the project locked if any applies.

    A check that follows runs under the lock (``lock_project``). SQLite
    cannot turn a transaction's read lock into a write lock while another
    writer waits ("database is locked"), and serializes writers anyway, so
    there the project is locked before the limits are read.
    """
    first = session.get_bind().dialect.name == 'sqlite'
    if first:
        lock_project(session, project_id)
    found = limits(session, project_id, kind, type_name, defaults)
    if not first and max(found) >= 0:
        lock_project(session, project_id)
    return found


def data_room(session, project_id, type_name, defaults, exclude=None):
    """What a project may still store; None when no data quota applies.

    ``(bytes, limits, name of the binding quota)``; ``exclude`` is a blob
    ``(artifact_id, field_name, key_name)`` whose current data does not
    count (an upload replaces it).
    """
    data_limits = limits(session, project_id, DATA, type_name, defaults)
    if max(data_limits) < 0:
        return None
    used = data_usage(session, project_id, exclude=exclude)
    room = []
    if data_limits[0] >= 0:
        room.append((data_limits[0] - sum(used.values()), DATA))
    if data_limits[1] >= 0:
        room.append((data_limits[1] - used.get(type_name, 0),
                     '%s:%s' % (DATA, type_name)))
    left, name = min(room)
    return max(left, 0), data_limits, name


def check_data(session, project_id, type_name, limits):
    """Refuse (413) when the project stores more than ``limits`` now.

    Called after the writes it checks, in their transaction, which locked
    the project (``lock_project``) before it read anything: parallel
    uploads are settled one at a time and never overshoot together (and
    MySQL's repeatable reads see what the others committed).
    """
    usage = data_usage(session, project_id)
    total_max, type_max = limits
    if total_max >= 0 and sum(usage.values()) > total_max:
        raise exception.DataQuotaExceeded(
            'Project %s may store %d bytes of blob data (quota '
            'max_uploaded_data); this upload would take it to %d.' % (
                project_id, total_max, sum(usage.values())))
    if type_max >= 0 and usage.get(type_name, 0) > type_max:
        raise exception.DataQuotaExceeded(
            'Project %s may store %d bytes of %s data (quota '
            'max_uploaded_data:%s); this upload would take it to %d.' % (
                project_id, type_max, type_name, type_name,
                usage.get(type_name, 0)))


@transaction.CONTEXT.reader
def overrides(context, project_id):
    return {q.name: q.value for q in context.session.scalars(
        sa.select(Q).where(Q.project_id == project_id))}


@transaction.CONTEXT.reader
def list_overrides(context, limit=None, marker=None):
    """Projects with overrides, after ``marker``, by project id.

    Returns ``[(project_id, {name: value})]`` and whether more exist;
    every project when ``limit`` is None.
    """
    projects = sa.select(Q.project_id).distinct().order_by(Q.project_id)
    if marker is not None:
        projects = projects.where(Q.project_id > marker)
    if limit is not None:
        projects = projects.limit(limit + 1)
    ids = list(context.session.scalars(projects))
    more = limit is not None and len(ids) > limit
    ids = ids[:limit]
    result = {project_id: {} for project_id in ids}
    if ids:
        for q in context.session.scalars(sa.select(Q).where(
                Q.project_id.in_(ids))):
            result[q.project_id][q.name] = q.value
    return [(project_id, result[project_id]) for project_id in ids], more


@transaction.CONTEXT.writer
def set_overrides(context, project_id, values):
    """Make ``values`` a project's quota overrides, and only them.

    Quotas left out go back to their defaults, as a PUT of Glare's
    quota API did.
    """
    session = context.session
    session.execute(sa.delete(Q).where(Q.project_id == project_id))
    for name, value in values.items():
        session.add(Q(project_id=project_id, name=name, value=value))
