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

"""Artifact rows written and read (glare.db.api)."""

import datetime
import uuid

import fixtures
from oslo_db import exception as db_exc
from oslo_utils import fixture as utils_fixture
import sqlalchemy as sa

from glare.db import api as db_api
from glare.db import deletions
from glare.db import models
from glare.db import quotas
from glare import exception
from glare.objects import semver
from glare.tests.unit.db import rows


def values(name='art', version='1.0.0', owner='p1', visibility='private',
           **extra):
    result = dict(id=str(uuid.uuid4()), name=name, version=version,
                  version_key=semver.sort_key(version), owner=owner,
                  visibility=visibility, status='drafted',
                  created_at=rows.T0, updated_at=rows.T0)
    result.update(extra)
    return result


RAM = {'min_ram': [{'name': 'min_ram', 'int_value': 512}]}


class TestCreate(rows.DbTestCase):
    def create(self, properties=None, tags=None, limits=None, **kwargs):
        return db_api.create(self.ctx, 'images', values(**kwargs),
                             properties or {}, tags, default_limits=limits)

    def test_create_returns_the_stored_record(self):
        record = self.create(properties=RAM, tags=['b', 'a'],
                             name='cirros')
        self.assertEqual(('cirros', 1, ['a', 'b'], 512),
                         (record['name'], record['row_version'],
                          record['tags'], record['properties'][0][
                              'int_value']))
        self.assertEqual(record, db_api.get(self.ctx, record['id']))

    def test_a_taken_identity_is_409_naming_it(self):
        self.create(name='cirros', version='1.0.0')
        error = self.assertRaises(exception.Duplicate, self.create,
                                  name='cirros', version='1.0.0')
        self.assertEqual(409, error.code)
        for part in ('images', 'cirros', '1.0.0', 'project'):
            self.assertIn(part, str(error))

    def test_a_taken_public_identity_names_the_cloud_scope(self):
        self.create(name='cirros', visibility='public')
        error = self.assertRaises(exception.Duplicate, self.create,
                                  name='cirros', visibility='public',
                                  owner='p2')
        self.assertIn('cloud (public artifacts)', str(error))

    def test_a_taken_identity_names_its_identity_fields(self):
        key = '{"disk_format": "qcow2", "hw": null}'
        self.create(name='cirros', identity_key=key)
        error = self.assertRaises(exception.Duplicate, self.create,
                                  name='cirros', identity_key=key)
        self.assertIn('1.0.0 and disk_format qcow2 and no hw', str(error))

    def test_a_failed_create_leaves_nothing(self):
        self.create(name='cirros')
        self.assertRaises(exception.Duplicate, self.create, name='cirros',
                          properties=RAM, tags=['t'])
        self.assertEqual((1, 0, 0), (self.count(models.Artifact),
                                     self.count(models.ArtifactProperty),
                                     self.count(models.ArtifactTag)))

    def test_the_project_artifact_quota_is_checked(self):
        self.create(name='a', limits=(2, -1))
        self.create(name='b', limits=(2, -1))
        error = self.assertRaises(exception.QuotaExceeded, self.create,
                                  name='c', limits=(2, -1))
        self.assertIn('maximum of 2 artifacts', str(error))
        # Another project has its own count.
        self.create(name='c', owner='p2', limits=(2, -1))

    def test_the_type_quota_is_checked(self):
        db_api.create(self.ctx, 'heat_templates', values(name='t'), {},
                      None)
        self.create(name='a', limits=(-1, 1))
        error = self.assertRaises(exception.QuotaExceeded, self.create,
                                  name='b', limits=(-1, 1))
        self.assertIn('max_artifact_number:images', str(error))

    def test_a_project_override_replaces_the_default_limit(self):
        quotas.set_overrides(self.ctx, 'p1', {quotas.NUMBER: 1})
        self.create(name='a', limits=(10, -1))
        self.assertRaises(exception.QuotaExceeded, self.create, name='b',
                          limits=(10, -1))

    def test_deleted_artifacts_do_not_count(self):
        self.add_artifact(status='deleted', name='gone')
        self.create(name='a', limits=(1, -1))


class TestGet(rows.DbTestCase):
    def test_get_sees_only_readable_artifacts(self):
        theirs = self.add_artifact(owner='p2')
        self.assertRaises(exception.ArtifactNotFound, db_api.get, self.ctx,
                          theirs, project_id='p1')
        self.assertEqual(theirs, db_api.get(self.ctx, theirs)['id'])

    def test_get_of_another_type_is_404(self):
        art = self.add_artifact()
        self.assertRaises(exception.ArtifactNotFound, db_api.get, self.ctx,
                          art, type_name='heat_templates')

    def test_deleted_artifacts_only_on_request(self):
        art = self.add_artifact(status='deleted')
        self.assertRaises(exception.ArtifactNotFound, db_api.get, self.ctx,
                          art)
        self.assertEqual('deleted', db_api.get(
            self.ctx, art, include_deleted=True)['status'])


class TestUpdate(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        self.art = self.add_artifact(name='cirros', tags=['old'],
                                     properties=[
                                         {'name': 'min_ram',
                                          'int_value': 128},
                                         {'name': 'os_distro',
                                          'string_value': 'cirros'}])

    def update(self, row_version=1, columns=None, properties=None,
               tags=None):
        return db_api.update(self.ctx, self.art, row_version,
                             columns or {}, properties or {}, tags)

    def test_update_applies_the_change_and_moves_the_row_version(self):
        record = self.update(columns={'description': 'd'}, properties=RAM)
        self.assertEqual(('d', 2, ['old']),
                         (record['description'], record['row_version'],
                          record['tags']))
        # Properties not named in the change are kept.
        self.assertEqual({('min_ram', 512), ('os_distro', None)},
                         {(p['name'], p['int_value'])
                          for p in record['properties']})

    def test_tags_given_replace_all_tags(self):
        self.assertEqual(['n1', 'n2'],
                         self.update(tags=['n2', 'n1'])['tags'])
        self.assertEqual([], self.update(2, tags=[])['tags'])

    def test_an_update_from_a_stale_read_is_409(self):
        self.update(columns={'description': 'first'})
        self.assertRaises(exception.ConcurrentUpdate, self.update,
                          columns={'description': 'second'})
        self.assertEqual('first', db_api.get(self.ctx,
                                             self.art)['description'])

    def test_a_deleted_artifact_is_not_updated(self):
        db_api.soft_delete(self.ctx, self.art, 1)
        self.assertRaises(exception.ConcurrentUpdate, self.update, 2,
                          columns={'description': 'late'})

    def test_renaming_onto_a_taken_identity_is_409(self):
        self.add_artifact(name='taken')
        error = self.assertRaises(exception.Duplicate, self.update,
                                  columns={'name': 'taken'})
        self.assertIn('taken', str(error))
        self.assertEqual('cirros', db_api.get(self.ctx, self.art)['name'])

    def test_publishing_moves_the_identity_to_the_cloud_scope(self):
        self.add_artifact(name='cirros', owner='p2', visibility='public')
        error = self.assertRaises(exception.Duplicate, self.update,
                                  columns={'visibility': 'public'})
        self.assertIn('cloud (public artifacts)', str(error))

    def test_given_the_record_read_the_answer_is_not_read_again(self):
        current = db_api.get(self.ctx, self.art)
        statements = []
        sa.event.listen(self.db.engine, 'before_cursor_execute',
                        lambda *args: statements.append(args[2]))
        record = db_api.update(
            self.ctx, self.art, 1, {'description': 'd',
                                    'visibility': 'public'},
            RAM, ['n2', 'n1'], current=current)
        self.assertEqual([], [s for s in statements
                              if s.startswith('SELECT')])
        self.assertEqual(db_api.get(self.ctx, self.art), record)
        self.assertEqual(('d', 'public', 2, ['n1', 'n2']),
                         (record['description'], record['unique_scope'],
                          record['row_version'], record['tags']))

    def test_given_the_record_read_a_taken_identity_is_409(self):
        self.add_artifact(name='taken')
        current = db_api.get(self.ctx, self.art)
        error = self.assertRaises(
            exception.Duplicate, db_api.update, self.ctx, self.art, 1,
            {'name': 'taken'}, {}, current=current)
        self.assertIn('taken', str(error))


class TestDelete(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        self.clock = self.useFixture(utils_fixture.TimeFixture(rows.T0))
        self.art = self.add_artifact(name='cirros', tags=['t'])

    def test_delete_removes_the_artifact_and_queues_its_data(self):
        self.add_blob(self.art, 'image', location='file:///d',
                      backend='fast')
        self.add_blob(self.art, 'url', url='https://x', external=True)
        self.add_blob(self.art, 'files', key_name='k', status='saving',
                      upload_id='u1', upload_backend='fast')
        entries = db_api.delete(self.ctx, self.art, 1)
        self.assertEqual({('file:///d', None), ('', 'u1')},
                         {(e.location, e.upload_id) for e in entries})
        self.assertEqual(sorted(entries),
                         sorted(deletions.pending(self.ctx)))
        self.assertRaises(exception.ArtifactNotFound, db_api.get, self.ctx,
                          self.art, include_deleted=True)
        self.assertEqual(0, self.count(models.ArtifactBlob))

    def test_delete_from_a_stale_read_is_409(self):
        db_api.update(self.ctx, self.art, 1, {'description': 'x'}, {})
        self.assertRaises(exception.ConcurrentUpdate, db_api.delete,
                          self.ctx, self.art, 1)
        self.assertEqual([], deletions.pending(self.ctx))

    def test_soft_delete_keeps_the_row_and_frees_the_identity(self):
        db_api.soft_delete(self.ctx, self.art, 1)
        record = db_api.get(self.ctx, self.art, include_deleted=True)
        self.assertEqual(('deleted', 'drafted', rows.T0),
                         (record['status'], record['deleted_status'],
                          record['deleted_at']))
        self.add_artifact(name='cirros')

    def test_soft_delete_twice_is_409(self):
        db_api.soft_delete(self.ctx, self.art, 1)
        self.assertRaises(exception.ConcurrentUpdate, db_api.soft_delete,
                          self.ctx, self.art, 2)

    def test_restore_brings_back_the_status_it_had(self):
        db_api.soft_delete(self.ctx, self.art, 1)
        record = db_api.restore(self.ctx, self.art, 2)
        self.assertEqual(('drafted', None, None, 3),
                         (record['status'], record['deleted_status'],
                          record['deleted_at'], record['row_version']))
        self.assertEqual(['t'], record['tags'])

    def test_restore_is_409_when_the_identity_was_taken(self):
        db_api.soft_delete(self.ctx, self.art, 1)
        self.add_artifact(name='cirros')
        self.assertRaises(exception.Duplicate, db_api.restore, self.ctx,
                          self.art, 2)
        self.assertEqual('deleted', db_api.get(
            self.ctx, self.art, include_deleted=True)['status'])

    def test_restore_of_an_artifact_not_deleted_is_409(self):
        self.assertRaises(exception.ConcurrentUpdate, db_api.restore,
                          self.ctx, self.art, 1)

    def test_expired_deletions_are_the_oldest_due_ones(self):
        newer = self.add_artifact(name='newer')
        kept = self.add_artifact(name='kept')
        db_api.soft_delete(self.ctx, self.art, 1)
        self.clock.advance_time_seconds(10)
        db_api.soft_delete(self.ctx, newer, 1)
        self.clock.advance_time_seconds(10)
        db_api.soft_delete(self.ctx, kept, 1)
        due = rows.T0 + datetime.timedelta(seconds=15)
        self.assertEqual([(self.art, 2), (newer, 2)],
                         db_api.expired_deletions(self.ctx, due, 10))
        self.assertEqual([(self.art, 2)],
                         db_api.expired_deletions(self.ctx, due, 1))


class TestTransactions(rows.DbTestCase):
    def test_calls_in_one_transaction_commit_or_roll_back_together(self):
        ctx = rows.context()
        try:
            with db_api.transaction(ctx):
                db_api.create(ctx, 'images', values(name='a'), {}, None)
                db_api.create(ctx, 'images', values(name='a'), {}, None)
        except exception.Duplicate:
            pass
        self.assertEqual(0, self.count(models.Artifact))

    def test_a_deadlock_is_retried(self):
        sleep = self.useFixture(fixtures.MockPatch('time.sleep')).mock
        calls = []

        @db_api.retry_on_deadlock
        def write():
            calls.append(1)
            if len(calls) < 3:
                raise db_exc.DBDeadlock()
            return 'done'

        self.assertEqual('done', write())
        self.assertEqual(3, len(calls))
        self.assertEqual(2, sleep.call_count)

    def test_retries_end(self):
        self.useFixture(fixtures.MockPatch('time.sleep'))

        @db_api.retry_on_deadlock
        def write():
            raise db_exc.DBDeadlock()

        self.assertRaises(db_exc.DBDeadlock, write)

    def test_like_matches_case_on_sqlite(self):
        with self.session() as session:
            self.assertEqual((1, 0), tuple(session.execute(sa.select(
                sa.literal('Abc').like('A%'),
                sa.literal('Abc').like('a%'))).one()))
