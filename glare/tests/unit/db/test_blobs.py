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

"""Upload claims and blob values in the database (glare.db.blobs)."""

from oslo_utils import fixture as utils_fixture

from glare.db import blobs
from glare.db import deletions
from glare.db import models
from glare import exception
from glare.tests.unit.db import rows

DRAFTED = ('drafted',)
STALL = 60
DATA = {'size': 3, 'md5': 'm', 'sha1': 's1', 'sha256': 's256',
        'content_type': 'application/octet-stream', 'external': False,
        'location': 'file:///new', 'backend': 'fast'}


def alive(owner):
    return True


def dead(owner):
    return False


class BlobTestCase(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        self.clock = self.useFixture(utils_fixture.TimeFixture(rows.T0))
        self.art = self.add_artifact()

    def claim(self, upload_id='u1', owner='host:1', key=None,
              statuses=DRAFTED, owner_alive=alive, data_quota=None,
              field='image'):
        return blobs.claim(self.ctx, self.art, field, key,
                           blobs.Claim(upload_id, owner, 'fast'), statuses,
                           STALL, owner_alive, data_quota=data_quota)

    def finish(self, upload_id='u1', values=DATA, field='image', **kwargs):
        return blobs.finish(self.ctx, self.art, kwargs.pop('statuses',
                                                           DRAFTED),
                            [(field, None, upload_id, values)], **kwargs)

    def blob(self, field='image', key=None):
        return blobs.get(self.ctx, self.art, field, key)

    def set_status(self, status):
        with self.session() as session:
            session.get(models.Artifact, self.art).status = status


class TestClaim(BlobTestCase):
    def test_a_claim_makes_the_blob_saving(self):
        self.assertEqual((None, None), self.claim())
        blob = self.blob()
        self.assertEqual(('saving', 'u1', 'host:1', 'fast'),
                         (blob['status'], blob['upload_id'],
                          blob['upload_owner'], blob['upload_backend']))

    def test_a_second_upload_waits_for_the_first(self):
        self.claim('u1')
        error = self.assertRaises(exception.Conflict, self.claim, 'u2')
        self.assertIn('Blob image is being uploaded', str(error))
        self.assertEqual('u1', self.blob()['upload_id'])

    def test_folder_keys_are_claimed_separately(self):
        self.claim('u1', key='a', field='files')
        self.claim('u2', key='b', field='files')
        self.assertEqual('u2', self.blob('files', 'b')['upload_id'])

    def test_a_stalled_upload_is_taken_over_and_its_data_queued(self):
        self.claim('u1')
        self.clock.advance_time_seconds(STALL + 1)
        queued, _ = self.claim('u2')
        self.assertEqual(('', 'fast', 'u1'), queued[1:])
        self.assertEqual([queued], deletions.pending(self.ctx))
        self.assertEqual('u2', self.blob()['upload_id'])

    def test_a_heartbeat_keeps_the_claim(self):
        self.claim('u1')
        self.clock.advance_time_seconds(STALL - 1)
        self.assertTrue(blobs.heartbeat(self.ctx, self.art, 'image', None,
                                        'u1'))
        self.clock.advance_time_seconds(STALL - 1)
        self.assertRaises(exception.Conflict, self.claim, 'u2')

    def test_the_upload_of_a_dead_process_is_taken_over(self):
        self.claim('u1', owner='host:1')
        queued, _ = self.claim('u2', owner='host:2', owner_alive=dead)
        self.assertEqual('u1', queued.upload_id)

    def test_a_blob_with_data_can_be_uploaded_again(self):
        self.add_blob(self.art, 'image', location='file:///old')
        self.assertEqual((None, None), self.claim())
        self.assertEqual('saving', self.blob()['status'])

    def test_the_artifact_status_must_allow_the_change(self):
        self.set_status('active')
        error = self.assertRaises(exception.Forbidden, self.claim)
        self.assertIn('Blob image cannot be changed once the artifact is '
                      'active', str(error))
        self.assertIsNone(self.blob())

    def test_a_missing_or_deleted_artifact_is_404(self):
        self.set_status('deleted')
        self.assertRaises(exception.ArtifactNotFound, self.claim)
        self.art = 'no-such-artifact'
        self.assertRaises(exception.ArtifactNotFound, self.claim)

    def test_the_room_left_is_read_with_the_claim(self):
        other = self.add_artifact(name='other')
        self.add_blob(other, 'image', size=30)
        # The data the upload replaces does not count.
        self.add_blob(self.art, 'image', size=50, location='file:///old')
        _, room = self.claim(data_quota=('p1', 'images', (100, -1)))
        self.assertEqual((70, (100, -1), 'max_uploaded_data'), room)

    def test_a_lost_claim_stops_heartbeats(self):
        self.claim('u1')
        self.clock.advance_time_seconds(STALL + 1)
        self.claim('u2')
        self.assertFalse(blobs.heartbeat(self.ctx, self.art, 'image', None,
                                         'u1'))


class TestFinish(BlobTestCase):
    def test_finishing_makes_the_upload_the_blob_value(self):
        self.claim()
        record, queued = self.finish()
        self.assertEqual([], queued)
        blob, = record['blobs']
        self.assertEqual(('active', 3, 'm', 's256'),
                         (blob['status'], blob['size'], blob['md5'],
                          blob['sha256']))
        stored = self.blob()
        self.assertEqual(('file:///new', None),
                         (stored['location'], stored['upload_id']))

    def test_replaced_data_is_queued_for_deletion(self):
        self.add_blob(self.art, 'image', location='file:///old',
                      backend='slow')
        self.claim()
        _, queued = self.finish()
        self.assertEqual([('file:///old', 'slow', None)],
                         [entry[1:] for entry in queued])
        self.assertEqual(queued, deletions.pending(self.ctx))

    def test_an_upload_that_lost_its_claim_cannot_finish(self):
        self.claim('u1')
        self.clock.advance_time_seconds(STALL + 1)
        self.claim('u2')
        error = self.assertRaises(exception.Conflict, self.finish, 'u1')
        self.assertIn('another upload took the blob over', str(error))
        self.assertEqual('u2', self.blob()['upload_id'])

    def test_the_artifact_status_is_checked_again(self):
        # An activation that raced the upload wins: the blob never
        # changes under an active artifact.
        self.claim()
        self.set_status('active')
        self.assertRaises(exception.Forbidden, self.finish)
        self.assertEqual('saving', self.blob()['status'])

    def test_over_the_data_quota_nothing_is_applied(self):
        self.claim()
        self.assertRaises(exception.DataQuotaExceeded, self.finish,
                          data_limits=('p1', 'images', (2, -1)),
                          changes=({'description': 'new'}, {}, None))
        self.assertEqual(('saving', None),
                         (self.blob()['status'], self.blob()['size']))
        self.assertEqual([], deletions.pending(self.ctx))

    def test_within_the_data_quota_the_changes_apply_too(self):
        self.claim()
        record, _ = self.finish(data_limits=('p1', 'images', (3, 3)),
                                changes=({'description': 'new'}, {},
                                         ['t']))
        self.assertEqual(('new', ['t'], 'active'),
                         (record['description'], record['tags'],
                          record['blobs'][0]['status']))

    def test_removals_forget_blobs_and_queue_their_data(self):
        self.add_blob(self.art, 'files', key_name='a',
                      location='file:///a', backend='fast')
        record, queued = blobs.finish(self.ctx, self.art, DRAFTED, [],
                                      removals=[('files', 'a')])
        self.assertEqual([], record['blobs'])
        self.assertEqual(['file:///a'], [e.location for e in queued])


class TestRelease(BlobTestCase):
    def test_a_released_new_blob_disappears(self):
        self.claim()
        blobs.release(self.ctx, self.art, [('image', None, 'u1')])
        self.assertIsNone(self.blob())

    def test_a_released_blob_keeps_the_data_it_had(self):
        self.add_blob(self.art, 'image', location='file:///old', size=9)
        self.claim()
        blobs.release(self.ctx, self.art, [('image', None, 'u1')])
        blob = self.blob()
        self.assertEqual(('active', 9, None),
                         (blob['status'], blob['size'], blob['upload_id']))

    def test_release_does_not_touch_another_upload_s_claim(self):
        self.claim('u2')
        blobs.release(self.ctx, self.art, [('image', None, 'u1')])
        self.assertEqual('u2', self.blob()['upload_id'])

    def test_release_abandoned_frees_dead_and_stalled_uploads(self):
        self.add_blob(self.art, 'kept', location='file:///k')
        self.claim('u1', field='image')
        self.claim('u2', field='kept')
        self.claim('u3', field='running', owner='host:live')
        self.clock.advance_time_seconds(STALL - 1)
        blobs.heartbeat(self.ctx, self.art, 'running', None, 'u3')
        self.clock.advance_time_seconds(2)
        queued = blobs.release_abandoned(self.ctx, STALL, alive)
        self.assertEqual(['u1', 'u2'], sorted(e.upload_id for e in queued))
        self.assertIsNone(self.blob('image'))
        self.assertEqual('active', self.blob('kept')['status'])
        self.assertEqual('u3', self.blob('running')['upload_id'])

    def test_release_abandoned_asks_whether_the_owner_lives(self):
        self.claim('u1', owner='host:1')
        queued = blobs.release_abandoned(
            self.ctx, STALL, lambda owner: owner != 'host:1')
        self.assertEqual(['u1'], [e.upload_id for e in queued])


class TestLocations(BlobTestCase):
    URL = {'url': 'https://example.com/x', 'external': True, 'size': 5}

    def test_a_location_is_set_on_a_blob_without_data(self):
        record = blobs.add_location(self.ctx, self.art, 'image', None,
                                    DRAFTED, self.URL)
        self.assertEqual(('https://example.com/x', True, 'active'),
                         (record['blobs'][0]['url'],
                          record['blobs'][0]['external'],
                          record['blobs'][0]['status']))

    def test_a_blob_with_data_or_an_upload_takes_no_location(self):
        self.claim()
        error = self.assertRaises(exception.Conflict, blobs.add_location,
                                  self.ctx, self.art, 'image', None,
                                  DRAFTED, self.URL)
        self.assertIn('already has data', str(error))

    def test_stored_data_has_one_owner(self):
        other = self.add_artifact(name='other')
        self.add_blob(other, 'image', location='file:///data/x',
                      backend='fs')
        internal = {'location': 'file:///data/./x', 'backend': 'fs',
                    'external': False}
        error = self.assertRaises(
            exception.Conflict, blobs.add_location, self.ctx, self.art,
            'image', None, DRAFTED, internal,
            same_data=('file:///data/./x', 'file:///data/x'))
        self.assertIn('held by blob image of artifact %s' % other,
                      str(error))
        self.assertIsNone(self.blob())

    def test_data_queued_for_deletion_cannot_be_taken(self):
        with self.session() as session:
            deletions.queue(session, 'file:///data/x', 'fs')
        error = self.assertRaises(
            exception.Conflict, blobs.add_location, self.ctx, self.art,
            'image', None, DRAFTED, {'location': 'file:///data/x',
                                     'backend': 'fs', 'external': False},
            same_data=('file:///data/x',))
        self.assertIn('queued for deletion', str(error))

    def test_an_external_location_is_removed(self):
        blobs.add_location(self.ctx, self.art, 'image', None, DRAFTED,
                           self.URL)
        record, entry = blobs.remove(self.ctx, self.art, 'image', None,
                                     DRAFTED, internal_data=False)
        self.assertEqual(([], None), (record['blobs'], entry))

    def test_internal_data_is_removed_only_when_allowed(self):
        self.add_blob(self.art, 'image', location='file:///d',
                      backend='fast')
        self.assertRaises(exception.Forbidden, blobs.remove, self.ctx,
                          self.art, 'image', None, DRAFTED,
                          internal_data=False)
        _, entry = blobs.remove(self.ctx, self.art, 'image', None, DRAFTED,
                                internal_data=True)
        self.assertEqual('file:///d', entry.location)
        self.assertIsNone(self.blob())

    def test_removing_a_blob_without_value_is_404(self):
        self.assertRaises(exception.NotFound, blobs.remove, self.ctx,
                          self.art, 'image', None, DRAFTED, True)

    def test_blob_names_show_the_folder_key(self):
        self.assertEqual('files/a/b', blobs.blob_name('files', 'a/b'))
        self.assertEqual('image', blobs.blob_name('image', ''))
