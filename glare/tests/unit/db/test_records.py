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

"""Artifact rows as plain records (glare.db.records)."""

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite

from glare.db import models
from glare.db import records
from glare.tests import base
from glare.tests.unit.db import rows

A = models.Artifact


class TestRecords(rows.DbTestCase):
    def load(self, *ids):
        with self.session() as session:
            conn = session.connection()
            found = conn.execute(records.ARTIFACT.where(A.id.in_(ids)))
            by_id = {row.id: row for row in found}
            return records.load(conn, [by_id[i] for i in ids])

    def test_record_has_columns_properties_sorted_tags_and_blobs(self):
        art = self.add_artifact(
            name='cirros', version='0.6.2', tags=['zeta', 'alpha'],
            properties=[{'name': 'min_ram', 'int_value': 512},
                        {'name': 'os_distro', 'string_value': 'cirros'}])
        self.add_blob(art, 'image', size=12, md5='m', location='loc',
                      backend='fast', content_type='application/x-disk')
        record, = self.load(art)
        self.assertEqual('cirros', record['name'])
        self.assertEqual('0.6.2', record['version'])
        self.assertEqual(1, record['row_version'])
        self.assertEqual(['alpha', 'zeta'], record['tags'])
        self.assertEqual(
            [('min_ram', 512, None), ('os_distro', None, 'cirros')],
            [(p['name'], p['int_value'], p['string_value'])
             for p in record['properties']])
        blob, = record['blobs']
        self.assertEqual('image', blob['field_name'])
        self.assertEqual(12, blob['size'])
        self.assertEqual('application/x-disk', blob['content_type'])

    def test_record_does_not_reveal_where_blob_data_is_stored(self):
        art = self.add_artifact()
        self.add_blob(art, 'image', location='file:///secret/place',
                      backend='fast', upload_id='u1', upload_owner='h:1')
        blob, = self.load(art)[0]['blobs']
        for hidden in ('location', 'backend', 'upload_id', 'upload_owner'):
            self.assertNotIn(hidden, blob)

    def test_each_record_gets_only_its_own_parts(self):
        first = self.add_artifact(name='a', tags=['one'], properties=[
            {'name': 'n', 'int_value': 1}])
        second = self.add_artifact(name='b', tags=['two'])
        self.add_blob(second, 'image', size=3)
        a, b = self.load(first, second)
        self.assertEqual((['one'], 1, []),
                         (a['tags'], len(a['properties']), a['blobs']))
        self.assertEqual((['two'], [], 1),
                         (b['tags'], b['properties'], len(b['blobs'])))

    def test_no_rows_no_records(self):
        with self.session() as session:
            self.assertEqual([], records.load(session.connection(), []))

    def test_insert_parts_writes_properties_and_tags(self):
        art = self.add_artifact()
        with self.session() as session:
            records.insert_parts(
                session.connection(), art,
                {'ports': [{'name': 'ports', 'position': 0, 'int_value': 80},
                           {'name': 'ports', 'position': 1,
                            'int_value': 443}]},
                ['web'])
        record, = self.load(art)
        self.assertEqual([80, 443], [p['int_value']
                                     for p in record['properties']])
        self.assertEqual(['web'], record['tags'])

    def test_insert_parts_without_tags_leaves_tags_alone(self):
        art = self.add_artifact(tags=['kept'])
        with self.session() as session:
            records.insert_parts(session.connection(), art, {}, None)
        self.assertEqual(['kept'], self.load(art)[0]['tags'])


class TestOneStatement(rows.DbTestCase):
    """A show's artifact and its parts come from one statement."""

    def read(self, artifact_id, where=None):
        artifact_param = sa.bindparam('id')
        stmt = records.statement(
            sa.and_(A.id == artifact_param, where if where is not None
                    else sa.true()), artifact_param)
        with self.session() as session:
            return records.read(session.connection(), stmt,
                                {'id': artifact_id})

    def loaded(self, artifact_id):
        with self.session() as session:
            conn = session.connection()
            row = conn.execute(records.ARTIFACT.where(
                A.id == artifact_id)).one()
            return records.load(conn, [row])[0]

    def test_the_statement_reads_what_loading_the_row_reads(self):
        art = self.add_artifact(
            name='cirros', tags=['b', 'a'], properties=[
                {'name': 'ports', 'position': 1, 'int_value': 443},
                {'name': 'ports', 'position': 0, 'int_value': 80},
                {'name': 'ratio', 'numeric_value': 0.1},
                {'name': 'on', 'bool_value': True}])
        self.add_blob(art, 'files', key_name='b.txt', size=2,
                      external=True, url='http://x/b')
        self.add_blob(art, 'files', key_name='a.txt', size=1)
        record = self.read(art)
        self.assertEqual(self.loaded(art), record)
        self.assertEqual(rows.T0, record['created_at'])
        self.assertEqual(['a', 'b'], record['tags'])
        # Properties in the order they were written, blobs by key.
        self.assertEqual([443, 80, None, None],
                         [p['int_value'] for p in record['properties']])
        self.assertIs(True, record['properties'][3]['bool_value'])
        self.assertEqual([('a.txt', False), ('b.txt', True)],
                         [(b['key_name'], b['external'])
                          for b in record['blobs']])

    def test_no_artifact_row_no_record_even_with_parts(self):
        art = self.add_artifact(tags=['t'])
        self.assertIsNone(self.read(art, A.name == 'another'))
        self.assertIsNone(self.read('no-such-id'))


class TestWrittenRecords(rows.DbTestCase):
    """Records built from what was written equal those read back."""

    def read_back(self, artifact_id):
        with self.session() as session:
            return records.load_one(session.connection(), artifact_id)

    def test_created_record_is_the_stored_one(self):
        values = {'id': 'a1', 'type_name': 'images', 'name': 'n',
                  'version': '1.0.0', 'version_key': 'k',
                  'visibility': 'private', 'status': 'drafted',
                  'owner': 'p1', 'unique_scope': 'p1',
                  'created_at': rows.T0, 'updated_at': rows.T0,
                  'row_version': 1}
        properties = {'d': [{'name': 'd', 'key_name': 'k1',
                             'string_value': 'v'}],
                      'n': [{'name': 'n', 'int_value': 1}]}
        with self.session() as session:
            conn = session.connection()
            conn.execute(sa.insert(A), values)
            records.insert_parts(conn, 'a1', properties, ['z', 'y'])
        self.assertEqual(self.read_back('a1'),
                         records.created(values, properties, ['z', 'y']))

    def test_updated_record_is_the_stored_one(self):
        art = self.add_artifact(tags=['old'], properties=[
            {'name': 'a', 'int_value': 1}, {'name': 'b', 'int_value': 2},
            {'name': 'c', 'int_value': 3}])
        before = self.read_back(art)
        values = {'description': 'new', 'row_version': 2}
        properties = {'b': [{'name': 'b', 'int_value': 20}],
                      'c': []}
        with self.session() as session:
            conn = session.connection()
            conn.execute(sa.update(A).where(A.id == art).values(values))
            conn.execute(sa.delete(models.ArtifactProperty).where(
                models.ArtifactProperty.artifact_id == art,
                models.ArtifactProperty.name.in_(['b', 'c'])))
            conn.execute(sa.delete(models.ArtifactTag).where(
                models.ArtifactTag.artifact_id == art))
            records.insert_parts(conn, art, properties, ['n2', 'n1'])
        after = records.updated(before, values, properties, ['n2', 'n1'])
        self.assertEqual(self.read_back(art), after)
        self.assertEqual(['a', 'b'], [p['name']
                                      for p in after['properties']])

    def test_updated_without_tags_keeps_them(self):
        art = self.add_artifact(tags=['kept'])
        before = self.read_back(art)
        self.assertEqual(['kept'], records.updated(
            before, {'row_version': 2}, {}, None)['tags'])


class TestTypedNulls(base.TestCase):
    """The parts statement as each database is sent it."""

    def compiled(self, dialect):
        return str(records.statement().compile(dialect=dialect))

    def test_postgresql_gets_casts_in_the_first_select_only(self):
        selects = self.compiled(postgresql.dialect()).split('UNION ALL')
        self.assertEqual(4, len(selects))
        self.assertIn('CAST(NULL AS BIGINT) AS blob_size', selects[0])
        self.assertIn('CAST(NULL AS TIMESTAMP', selects[0])
        for select in selects[1:]:
            self.assertNotIn('CAST', select)

    def test_other_databases_get_plain_nulls(self):
        for dialect in (sqlite.dialect(), mysql.dialect()):
            text = self.compiled(dialect)
            self.assertNotIn('CAST', text)
            self.assertIn('NULL AS blob_size', text)
