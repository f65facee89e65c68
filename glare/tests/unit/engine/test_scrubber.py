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

"""A scrub pass (glare.engine.scrubber).

On a real SQLite file; the blob store is a fake that records what it
deletes and refuses what it is told to.
"""

import datetime

import fixtures
from oslo_utils import fixture as utils_fixture

from glare import context as glare_context
from glare.db import api as db_api
from glare.db import deletions
from glare.db import models
from glare.engine import scrubber
from glare import exception
from glare.tests.unit.db import rows


class FakeStore:
    def __init__(self, test):
        self.deleted, self.discarded, self.refused = [], [], set()
        test.useFixture(fixtures.MockPatch('glare.store.api.delete',
                                           self.delete))
        test.useFixture(fixtures.MockPatch(
            'glare.store.api.discard_partial', self.discard_partial))

    def delete(self, location, backend):
        if location in self.refused:
            raise exception.StoreError(action='delete', reason='down')
        self.deleted.append(location)

    def discard_partial(self, conf, upload_id, backend):
        self.discarded.append(upload_id)


class TestScrub(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        self.flags(scrub_time=3600, scrub_pool_size=2,
                   blob_upload_stall_timeout=60)
        self.clock = self.useFixture(utils_fixture.TimeFixture(rows.T0))
        self.store = FakeStore(self)
        self.ctx = glare_context.get_admin_context()

    def deleted_artifact(self, name, location=None, ago=7200):
        art = self.add_artifact(name=name)
        if location:
            self.add_blob(art, 'image', location=location, backend='fs')
        with self.session() as session:
            row = session.get(models.Artifact, art)
            row.status, row.deleted_status = 'deleted', 'drafted'
            row.deleted_at = rows.T0 - datetime.timedelta(seconds=ago)
        return art

    def test_artifacts_deleted_long_enough_are_purged_with_their_data(self):
        old = self.deleted_artifact('old', 'file:///old')
        recent = self.deleted_artifact('recent', 'file:///recent', ago=60)
        live = self.add_artifact(name='live')
        self.assertEqual((1, 0), scrubber.scrub(self.ctx))
        self.assertEqual(['file:///old'], self.store.deleted)
        self.assertRaises(exception.ArtifactNotFound, db_api.get, self.ctx,
                          old, include_deleted=True)
        db_api.get(self.ctx, recent, include_deleted=True)
        db_api.get(self.ctx, live)
        self.assertEqual([], deletions.pending(self.ctx))

    def test_more_than_a_batch_is_purged_in_one_pass(self):
        self.useFixture(fixtures.MockPatchObject(scrubber, 'BATCH', 2))
        for n in range(5):
            self.deleted_artifact('a%d' % n)
        self.assertEqual((5, 0), scrubber.scrub(self.ctx))
        self.assertEqual(0, self.count(models.Artifact))

    def test_data_the_store_refused_is_retried_next_pass(self):
        self.store.refused.add('file:///stuck')
        self.deleted_artifact('old', 'file:///stuck')
        self.assertEqual((1, 0), scrubber.scrub(self.ctx))
        stuck, = deletions.pending(self.ctx)
        self.assertEqual('file:///stuck', stuck.location)
        # Each pass tries once, and stops: the store still refuses.
        self.assertEqual((0, 0), scrubber.scrub(self.ctx))
        self.store.refused.clear()
        self.assertEqual((0, 1), scrubber.scrub(self.ctx))
        self.assertEqual([], deletions.pending(self.ctx))

    def test_an_artifact_restored_meanwhile_is_not_purged(self):
        art = self.deleted_artifact('old', 'file:///kept')
        real_delete = db_api.delete

        def restored_first(ctx, artifact_id, row_version):
            db_api.restore(ctx, artifact_id, row_version)
            return real_delete(ctx, artifact_id, row_version)

        self.useFixture(fixtures.MockPatch('glare.db.api.delete',
                                           side_effect=restored_first))
        self.assertEqual((0, 0), scrubber.scrub(self.ctx))
        self.assertEqual('drafted', db_api.get(self.ctx, art)['status'])
        self.assertEqual([], self.store.deleted)

    def test_abandoned_uploads_are_released_and_their_data_discarded(self):
        art = self.add_artifact()
        self.add_blob(art, 'image', status='saving', upload_id='u1',
                      upload_backend='fs', upload_owner='elsewhere:1',
                      upload_started_at=rows.T0 - datetime.timedelta(
                          seconds=120))
        scrubber.scrub(self.ctx)
        self.assertEqual(['u1'], self.store.discarded)
        self.assertEqual(0, self.count(models.ArtifactBlob))
