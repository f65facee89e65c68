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

from glare.db import models
from glare.db import records
from glare.tests.unit.db import rows

A = models.Artifact


class TestRecords(rows.DbTestCase):
    def load(self, *ids):
        with self.session() as session:
            found = session.scalars(sa.select(A).where(A.id.in_(ids)))
            by_id = {row.id: row for row in found}
            return records.load(session, [by_id[i] for i in ids])

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
            self.assertEqual([], records.load(session, []))

    def test_insert_parts_writes_properties_and_tags(self):
        art = self.add_artifact()
        with self.session() as session:
            records.insert_parts(
                session, art,
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
            records.insert_parts(session, art, {}, None)
        self.assertEqual(['kept'], self.load(art)[0]['tags'])
