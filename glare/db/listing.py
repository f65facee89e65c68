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

"""Listing: list parameters compiled to one SQL query per page.

``glare.engine.listing`` turns request parameters into a
``glare.db.query.Query``; this module turns that into SQL: filters as
index-backed ``IN`` subqueries over the property and tag tables, sort keys
with NULL as the smallest value, keyset paging from a marker row,
``version=latest`` as a window function.
"""

import sqlalchemy as sa
from sqlalchemy import orm

from glare.db import api as db_api
from glare.db import models
from glare.db import query as q
from glare.db import records
from glare.db import visibility
from glare import exception

A = models.Artifact
P = models.ArtifactProperty
T = models.ArtifactTag
AL = models.ArtifactAlias

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

    A correlated ``EXISTS``: a page walks the artifacts in its sort
    order and probes the (artifact, name, value) index for each until
    the page is full. An ``IN`` made SQLite read every matching property
    row into a temporary list first (48k rows, 80 ms, for two common
    values at 100k artifacts) however few the page needs; PostgreSQL
    and MySQL plan both forms as the same semi-join.
    """
    return sa.exists().where(P.artifact_id == A.id, P.name == flt.name,
                             condition)


def _with_tag(condition):
    return sa.exists().where(T.artifact_id == A.id, condition)


def _filter_clause(flt):
    """The condition of one filter.

    Every operator, "neq" included, is about a value the artifact has:
    ``os_distro=neq:ubuntu`` lists the artifacts with another os_distro,
    not those without one, as in Glare (and SQL).
    """
    if flt.storage == q.COLUMN:
        return _OPS[flt.op](getattr(A, flt.column), flt.value)
    if flt.storage == q.TAGS_ALL:
        return sa.and_(*[_with_tag(T.value == tag) for tag in flt.value])
    if flt.storage == q.TAGS_ANY:
        return _with_tag(T.value.in_(flt.value))
    if flt.storage == q.ALIAS:
        return A.id.in_(sa.select(AL.artifact_id).where(
            AL.alias.in_(flt.value)))
    if flt.storage == q.DICT_KEY:
        return _with_property(flt, _OPS[flt.op](P.key_name, flt.value))
    condition = _OPS[flt.op](getattr(P, flt.column), flt.value)
    if flt.storage == q.DICT_VALUE:
        condition = sa.and_(P.key_name == flt.key, condition)
    return _with_property(flt, condition)


def _scoped(query):
    clauses = [visibility.readable(query.project_id, query.include_deleted,
                                   member_statuses=query.member_statuses,
                                   community=query.community)]
    if query.type_name is not None:
        clauses.append(A.type_name == query.type_name)
    clauses.extend(_filter_clause(flt) for flt in query.filters
                   if flt.combiner != 'or')
    alternatives = [_filter_clause(flt) for flt in query.filters
                    if flt.combiner == 'or']
    if alternatives:
        clauses.append(sa.or_(*alternatives))
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
        if sort.storage == q.TYPE_DISPLAY:
            columns.append((sa.case(dict(sort.display_names),
                                    value=A.type_name, else_=A.type_name),
                            sort.direction, False))
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


@db_api.CONTEXT.reader
def list_artifacts(context, query):
    """One page of artifacts and the number of all matching ones."""
    session = context.session
    where = _scoped(query)
    if query.latest:
        where = A.id.in_(_latest_only(where))
    if not query.limit:
        # limit=0: only the count, exact.
        return [], session.scalar(sa.select(sa.func.count()).select_from(
            A).where(where)), False
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
            A.id == query.marker, visibility.readable(
                query.project_id, query.include_deleted))).first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=query.marker)
        stmt = stmt.where(_after(columns, list(marker_row)))
    stmt = stmt.order_by(*_order_by(columns)).limit(query.limit + 1)
    conn = session.connection()
    rows = conn.execute(stmt).all()
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    # A first page that holds every match has counted them already: the
    # count query, the costliest of a list at scale, is left out.
    total = len(rows) if query.marker is None and not more else \
        _count(session, where, query)
    return records.load(conn, rows), total, more


def _count(session, where, query):
    """The number of matches, up to ``query.count_limit`` (see api.rst).

    The database stops at the limit instead of visiting every match: a
    count then costs what finding that many rows costs, whatever the
    size of the catalogue. A page with more rows after it already shows
    ``limit + 1`` matches, so the count never says fewer.
    """
    if query.count_limit is None:
        return session.scalar(sa.select(sa.func.count()).select_from(
            A).where(where))
    bounded = sa.select(A.id).where(where).limit(
        max(query.count_limit, query.limit + 1)).subquery()
    return session.scalar(sa.select(sa.func.count()).select_from(bounded))
