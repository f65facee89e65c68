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

"""Importing a Glare 5.0.1 database (glare.engine.glare_import).

The source is a Glare 5.0.1 schema in a SQLite file, the target glare's
migrated SQLite database; the whole import against a real Glare 5.0.1
is glare/tests/functional/test_glare_import.py.
"""

import datetime
from unittest import mock
import uuid

import sqlalchemy as sa

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare.artifact_types import secrets
from glare import context
from glare.db import api as db_api
from glare.db import glare501
from glare.db import quotas as db_quotas
from glare.engine import glare_import
from glare import exception
from glare.tests import base
from glare.tests.unit.db import test_glare501

IMAGE = '11111111-0000-0000-0000-000000000000'
SECRET = '22222222-0000-0000-0000-000000000000'
THIRD = '33333333-0000-0000-0000-000000000000'
GONE = '44444444-0000-0000-0000-000000000000'
NOW = test_glare501.NOW


class _SourceTestCase(base.TestCase):
    """A Glare database with an image, types glare lacks, quotas."""

    def setUp(self):
        super().setUp()
        self.useFixture(base.SQLiteDatabase())
        self.useFixture(base.Types({'images': images.Image,
                                    'all': all_type.All}))
        self.context = context.get_admin_context()
        self.url, self.engine = test_glare501.source_database(self)
        add = test_glare501.add_artifact
        add(self.engine, IMAGE, name='cirros', version=(0, 6, 2),
            status='active', visibility='public', activated_at=NOW,
            description='tiny')
        add(self.engine, SECRET, type_name='secrets')
        add(self.engine, THIRD, type_name='sample_artifact')
        add(self.engine, GONE, status='deleted')
        self.insert(glare501.tags, artifact_id=IMAGE, value='b')
        self.insert(glare501.tags, artifact_id=IMAGE, value='a')
        for name, values in (
                ('min_ram', {'int_value': 64}),
                ('min_disk', {'int_value': -1}),
                ('no_such_field', {'string_value': 'x'}),
                ('disk_format', {'string_value': 'qcow2'})):
            self.insert(glare501.properties, artifact_id=IMAGE, name=name,
                        **values)
        self.insert(glare501.properties, artifact_id=IMAGE,
                    name='metadata', key_name='k', string_value='v')
        self.insert(glare501.blobs, artifact_id=IMAGE, name='image',
                    status='active', external=True, size=None,
                    url='http://example.com/cirros.img', md5='0' * 32)
        self.insert(glare501.quotas, project_id='project-a',
                    quota_name='max_artifact_number', quota_value=7)
        self.insert(glare501.quotas, project_id='project-a',
                    quota_name='max_artifact_number:secrets', quota_value=1)

    def insert(self, table, **values):
        if 'id' in table.c and 'id' not in values:
            values['id'] = str(uuid.uuid4())
        with self.engine.begin() as connection:
            connection.execute(table.insert().values(**values))

    def run_import(self, **kwargs):
        return glare_import.run(self.context, self.url, **kwargs).to_dict()

    def reasons(self, report):
        return {(row['kind'], row['id']): row['reason']
                for row in report['not_carried']}


class TestImport(_SourceTestCase):
    def test_artifact_keeps_what_it_was(self):
        report = self.run_import()
        record = db_api.get(self.context, IMAGE)
        self.assertEqual(('cirros', '0.6.2', 'project-a', 'active',
                          'public', NOW, NOW, NOW, 'tiny'),
                         tuple(record[name] for name in (
                             'name', 'version', 'owner', 'status',
                             'visibility', 'created_at', 'updated_at',
                             'activated_at', 'description')))
        self.assertEqual(['a', 'b'], record['tags'])
        props = {p['name']: p for p in record['properties']}
        self.assertEqual(64, props['min_ram']['int_value'])
        self.assertEqual('v', props['metadata']['string_value'])
        [blob] = record['blobs']
        self.assertEqual(('image', '', True, 'http://example.com/cirros.img',
                          '0' * 32), (blob['field_name'], blob['key_name'],
                                      blob['external'], blob['url'],
                                      blob['md5']))
        self.assertEqual({'imported': 1, 'not_carried': 3},
                         report['counts']['artifact'])
        self.assertEqual({'external': 1}, report['counts']['blob'])

    def test_what_is_left_out_is_reported_with_the_reason(self):
        report = self.run_import()
        reasons = self.reasons(report)
        self.assertIn('not enabled in glare', reasons['artifact', SECRET])
        self.assertIn('third-party', reasons['artifact', THIRD])
        self.assertIn('deleted in Glare', reasons['artifact', GONE])
        self.assertIn('min_disk', reasons['property', IMAGE + '/min_disk'])
        self.assertIn('no such field',
                      reasons['property', IMAGE + '/no_such_field'])
        self.assertIn('secrets', reasons['quota', 'project-a/'
                                                  'max_artifact_number:'
                                                  'secrets'])
        self.assertEqual({'sample_artifact', 'secrets'},
                         set(report['types_not_imported']))
        self.assertEqual({'project-a'}, {p for p, _ in
                                         db_quotas.list_overrides(
                                             self.context)[0]})

    def test_dry_run_writes_nothing_and_counts_the_same(self):
        dry = self.run_import(dry_run=True)
        self.assertEqual([], db_quotas.list_overrides(self.context)[0])
        self.assertRaises(exception.ArtifactNotFound, db_api.get,
                          self.context, IMAGE)
        real = self.run_import()
        self.assertTrue(dry['dry_run'])
        self.assertEqual(real['counts'], dry['counts'])
        self.assertEqual(real['not_carried'], dry['not_carried'])

    def test_again_changes_nothing(self):
        self.run_import()
        before = db_api.get(self.context, IMAGE)
        again = self.run_import()
        self.assertEqual({'unchanged': 1, 'not_carried': 3},
                         again['counts']['artifact'])
        self.assertEqual({'unchanged': 1, 'not_carried': 1},
                         again['counts']['quota'])
        self.assertEqual(before, db_api.get(self.context, IMAGE))

    def test_changed_in_glare_since_is_imported_again(self):
        self.run_import()
        later = NOW + datetime.timedelta(minutes=1)
        with self.engine.begin() as connection:
            connection.execute(sa.update(glare501.artifacts).where(
                glare501.artifacts.c.id == IMAGE).values(
                    updated_at=later, description='changed'))
        report = self.run_import()
        self.assertEqual(1, report['counts']['artifact']['updated'])
        record = db_api.get(self.context, IMAGE)
        self.assertEqual(('changed', later), (record['description'],
                                              record['updated_at']))
        self.assertEqual(['a', 'b'], record['tags'])

    def test_changed_in_both_keeps_glare_version(self):
        self.run_import()
        record = db_api.get(self.context, IMAGE)
        db_api.update(self.context, IMAGE, record['row_version'],
                      {'description': 'edited in glare'}, {})
        with self.engine.begin() as connection:
            connection.execute(sa.update(glare501.artifacts).where(
                glare501.artifacts.c.id == IMAGE).values(
                    updated_at=NOW + datetime.timedelta(minutes=1)))
        report = self.run_import()
        self.assertIn('changed in Glare since the last import',
                      self.reasons(report)['artifact', IMAGE])
        self.assertEqual('edited in glare',
                         db_api.get(self.context, IMAGE)['description'])

    def test_rows_glare_cannot_hold_are_left_out(self):
        ownerless = '77777777-0000-0000-0000-000000000000'
        test_glare501.add_artifact(self.engine, ownerless, owner='p' * 129,
                                   description='d' * 200)
        self.insert(glare501.blobs, artifact_id=IMAGE, name='image',
                    key_name='../escape', status='active', external=True,
                    url='http://example.com/x')
        reasons = self.reasons(self.run_import())
        self.assertIn('owner', reasons['artifact', ownerless])
        self.assertIn('plain blob',
                      reasons['blob', IMAGE + '/image/../escape'])

    def test_taken_identity_is_reported_by_the_dry_run_too(self):
        self.run_import()
        twin = '66666666-0000-0000-0000-000000000000'
        test_glare501.add_artifact(self.engine, twin, name='cirros',
                                   version=(0, 6, 2), visibility='public',
                                   status='active')
        self.insert(glare501.properties, artifact_id=twin,
                    name='disk_format', string_value='qcow2')
        dry = self.run_import(dry_run=True)
        real = self.run_import()
        self.assertIn('already exists', self.reasons(dry)['artifact', twin])
        self.assertEqual(dry['not_carried'], real['not_carried'])
        self.assertEqual(dry['counts'], real['counts'])
        self.assertRaises(exception.ArtifactNotFound, db_api.get,
                          self.context, twin)

    def test_unfinished_and_unreachable_blobs_are_left_out(self):
        other = '55555555-0000-0000-0000-000000000000'
        test_glare501.add_artifact(self.engine, other)
        self.insert(glare501.blobs, artifact_id=other, name='image',
                    status='saving', external=False, url=None)
        report = self.run_import()
        reason = self.reasons(report)['blob', other + '/image']
        self.assertIn('saving', reason)
        with self.engine.begin() as connection:
            connection.execute(sa.update(glare501.blobs).where(
                glare501.blobs.c.artifact_id == other).values(
                    status='active', url='file:///nowhere/x', size=3))
            connection.execute(sa.update(glare501.artifacts).where(
                glare501.artifacts.c.id == other).values(
                    updated_at=NOW + datetime.timedelta(minutes=1)))
        report = self.run_import()
        reason = self.reasons(report)['blob', other + '/image']
        self.assertIn('--copy-blobs', reason)
        self.assertEqual([], db_api.get(self.context, other)['blobs'])


class TestOneOwner(_SourceTestCase):
    """Data used in place belongs to one blob.

    Glare let admins point two blobs at the same file; deleting either
    artifact would then delete the other's data.
    """

    def setUp(self):
        super().setUp()
        self.twin = '66666666-0000-0000-0000-000000000000'
        test_glare501.add_artifact(self.engine, self.twin, name='twin')
        for art_id in (IMAGE, self.twin):
            with self.engine.begin() as connection:
                connection.execute(sa.delete(glare501.blobs).where(
                    glare501.blobs.c.artifact_id == art_id))
            self.insert(glare501.blobs, artifact_id=art_id, name='image',
                        status='active', external=False, size=3,
                        url='file:///glare/blobs/x')
        # A filesystem backend over Glare's directory holds the file.
        for name, result in (('find_backend', 'fs'), ('size_of', 3)):
            patcher = mock.patch.object(glare_import.store, name,
                                        return_value=result)
            patcher.start()
            self.addCleanup(patcher.stop)
        patcher = mock.patch.object(
            glare_import.store, 'spellings', create=True,
            side_effect=lambda conf, location, backend: [location])
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_the_second_blob_on_the_same_data_is_left_out(self):
        dry = self.run_import(dry_run=True)
        real = self.run_import()
        reason = self.reasons(real)['blob', self.twin + '/image']
        self.assertIn('one owner', reason)
        self.assertEqual(dry['not_carried'], real['not_carried'])
        self.assertEqual(1, real['counts']['blob']['in_place'])
        self.assertEqual([], db_api.get(self.context, self.twin)['blobs'])
        # Again: the first holds it in glare now.
        later = NOW + datetime.timedelta(minutes=1)
        with self.engine.begin() as connection:
            connection.execute(sa.update(glare501.artifacts).where(
                glare501.artifacts.c.id == self.twin).values(
                    updated_at=later))
        again = self.run_import()
        self.assertIn(IMAGE + '/image',
                      self.reasons(again)['blob', self.twin + '/image'])


class TestTypes(base.TestCase):
    def test_disabled_glare_type_and_third_party_are_told_apart(self):
        self.useFixture(base.Types({'secrets': secrets.Secret,
                                    'all': all_type.All}))
        self.assertIsNone(glare_import._type_problem('secrets'))
        self.assertIn('enabled_artifact_types',
                      glare_import._type_problem('images'))
        self.assertIn('third-party',
                      glare_import._type_problem('my_type'))
