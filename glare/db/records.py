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
from sqlalchemy.ext import compiler
from sqlalchemy import sql
from sqlalchemy.sql import visitors

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
_INSERT_PROPERTY = sa.insert(P)
_INSERT_TAG = sa.insert(T)

# The kinds of row of a record's statement, in the order they come.
ARTIFACT_ROW, PROPERTY_ROW, TAG_ROW, BLOB_ROW, ALIAS_ROW = range(5)
# The part columns of that statement, each filled by the tables that
# have it: ``part_name`` is a property's or blob field's name, a tag or
# an alias; ``part_key`` a dict or folder key.
_PART_COLUMNS = {
    'part_seq': (P.c.id, {PROPERTY_ROW: P.c.id}),
    'part_name': (P.c.name, {PROPERTY_ROW: P.c.name,
                             TAG_ROW: T.c.value,
                             BLOB_ROW: B.c.field_name,
                             ALIAS_ROW: AL.c.alias}),
    'part_key': (P.c.key_name, {PROPERTY_ROW: P.c.key_name,
                                BLOB_ROW: B.c.key_name}),
    'position': (P.c.position, {PROPERTY_ROW: P.c.position}),
    'string_value': (P.c.string_value, {PROPERTY_ROW: P.c.string_value}),
    'text_value': (P.c.text_value, {PROPERTY_ROW: P.c.text_value}),
    'int_value': (P.c.int_value, {PROPERTY_ROW: P.c.int_value}),
    'numeric_value': (P.c.numeric_value, {PROPERTY_ROW: P.c.numeric_value}),
    'bool_value': (P.c.bool_value, {PROPERTY_ROW: P.c.bool_value}),
}
for _name in BLOB_COLUMNS[2:]:
    _PART_COLUMNS['blob_' + _name] = (B.c[_name], {BLOB_ROW: B.c[_name]})
_PART_TABLES = {PROPERTY_ROW: P, TAG_ROW: T, BLOB_ROW: B, ALIAS_ROW: AL}


class _TypedNull(sql.expression.ColumnElement):
    """NULL of a column's type, in the first select of a ``UNION ALL``.

    The first select gives the result its types (how SQLite's datetimes
    and booleans are read back). PostgreSQL unites the selects pairwise
    from the left and types an untyped NULL met by another one as text,
    which it then refuses to unite with a number: a cast in the first
    select types the column for all of them. The others say NULL.
    """

    inherit_cache = True
    _traverse_internals = [('type', visitors.InternalTraversal.dp_type)]

    def __init__(self, type_):
        self.type = type_


@compiler.compiles(_TypedNull)
def _compile_null(element, sql_compiler, **kw):
    return 'NULL'


@compiler.compiles(_TypedNull, 'postgresql')
def _compile_postgresql_null(element, sql_compiler, **kw):
    return 'CAST(NULL AS %s)' % sql_compiler.dialect.type_compiler_instance \
        .process(element.type)


def _null(column, first):
    return _TypedNull(column.type) if first else sa.null()


def _kind(kind):
    return sa.literal_column(str(kind), sa.Integer).label('kind')


def _artifact_select(where):
    return sa.select(_kind(ARTIFACT_ROW), *A.c,
                     *[_null(model, True).label(label)
                       for label, (model, _) in _PART_COLUMNS.items()]
                     ).where(where)


def _part_select(kind, artifact_ids, first):
    """Rows of one part table, shaped like ``_artifact_select``'s.

    A part row carries its artifact's id in ``id``. ``artifact_ids`` is
    a bound parameter: one id, or an expanding list of them.
    """
    table = _PART_TABLES[kind]
    artifact_columns = [table.c.artifact_id.label('id') if column.name ==
                        'id' else _null(column, first).label(column.name)
                        for column in A.c]
    part_columns = [sources.get(kind, _null(model, first)).label(label)
                    for label, (model, sources) in _PART_COLUMNS.items()]
    matches = table.c.artifact_id.in_(artifact_ids) \
        if artifact_ids.expanding else table.c.artifact_id == artifact_ids
    return sa.select(_kind(kind), *artifact_columns,
                     *part_columns).where(matches)


def statement(where=None, artifact_id=None):
    """One statement reading artifacts with all their parts.

    With ``where``, the artifact row matching it and the parts of
    ``artifact_id`` (a bound parameter): a show in one round trip.
    Without, the parts of the artifacts whose ids are bound as ``ids``.
    Rows come in ``kind`` order, properties in the order they were
    written, blobs by field and key.
    """
    selects = [] if where is None else [_artifact_select(where)]
    for kind in _PART_TABLES:
        selects.append(_part_select(
            kind, _IDS if artifact_id is None else artifact_id,
            first=not selects))
    order = [sa.literal_column(name) for name in ('kind', 'part_seq',
                                                  'part_name', 'part_key')]
    return sa.union_all(*selects).order_by(*order)


_PARTS = statement()
_ARTIFACT_COLUMNS = tuple(column.name for column in A.c)
# What an insert leaves out: NULL, or the column's default.
_COLUMN_DEFAULTS = {column.name: column.default.arg
                    if column.default is not None and
                    column.default.is_scalar else None
                    for column in A.c}


def _new_record(values):
    record = dict(values)
    record['properties'] = []
    record['tags'] = []
    record['blobs'] = []
    record['aliases'] = []
    return record


def _add_parts(by_id, rows):
    """Fill records (by artifact id) with the part rows of ``statement``."""
    for row in rows:
        kind = row.kind
        record = by_id[row.id]
        if kind == PROPERTY_ROW:
            record['properties'].append({
                'name': row.part_name, 'key_name': row.part_key,
                'position': row.position,
                'string_value': row.string_value,
                'text_value': row.text_value, 'int_value': row.int_value,
                'numeric_value': row.numeric_value,
                'bool_value': row.bool_value})
        elif kind == TAG_ROW:
            record['tags'].append(row.part_name)
        elif kind == BLOB_ROW:
            blob = {'field_name': row.part_name, 'key_name': row.part_key}
            for name in BLOB_COLUMNS[2:]:
                blob[name] = row._mapping['blob_' + name]
            record['blobs'].append(blob)
        elif kind == ALIAS_ROW:
            record['aliases'].append(row.part_name)
    for record in by_id.values():
        record['tags'].sort()
        record['aliases'].sort()


def load(conn, rows):
    """Records for artifact rows (of ``ARTIFACT``): one query for parts."""
    records = [_new_record(row._mapping) for row in rows]
    if not records:
        return records
    by_id = {record['id']: record for record in records}
    _add_parts(by_id, conn.execute(_PARTS, {'ids': list(by_id)}))
    return records


def read(conn, stmt, params):
    """The record ``stmt`` (of :func:`statement`) reads, or None."""
    rows = conn.execute(stmt, params).all()
    if not rows or rows[0].kind != ARTIFACT_ROW:
        return None
    first = rows[0]._mapping
    record = _new_record((name, first[name]) for name in _ARTIFACT_COLUMNS)
    _add_parts({record['id']: record}, rows[1:])
    return record


_ID = sa.bindparam('id')
_ONE = statement(A.c.id == _ID, _ID)


def load_one(conn, artifact_id):
    """The record of ``artifact_id``, read again in this transaction."""
    return read(conn, _ONE, {'id': artifact_id})


def _property_values(properties):
    return [dict(dict.fromkeys(PROPERTY_VALUES), **row)
            for prop_rows in properties.values() for row in prop_rows]


def created(values, properties, tags):
    """The record of an artifact just inserted, as reading it would give.

    ``values`` are its artifacts row (the columns left out are NULL or
    their default); ``properties`` and ``tags`` what ``insert_parts``
    wrote.
    """
    record = dict(_COLUMN_DEFAULTS)
    record.update(values)
    record['properties'] = _property_values(properties)
    record['tags'] = sorted(tags or ())
    record['blobs'] = []
    record['aliases'] = []
    return record


def updated(record, values, properties, tags):
    """``record`` with an update's changes, as reading it again would give.

    ``values`` are the changed columns, ``properties`` replace the rows
    of the properties they name (new rows come last, as their ids do),
    ``tags``, unless None, all tags.
    """
    new = dict(record)
    new.update(values)
    if properties:
        new['properties'] = [prop for prop in record['properties']
                             if prop['name'] not in properties] + \
            _property_values(properties)
    if tags is not None:
        new['tags'] = sorted(tags)
    return new


def insert_parts(conn, artifact_id, properties, tags):
    rows = [dict(dict.fromkeys(PROPERTY_VALUES), artifact_id=artifact_id,
                 **row)
            for prop_rows in properties.values() for row in prop_rows]
    if rows:
        conn.execute(_INSERT_PROPERTY, rows)
    if tags:
        conn.execute(_INSERT_TAG, [{'artifact_id': artifact_id,
                                    'value': tag} for tag in tags])
