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

"""The queue of stored data to delete (glare.db.deletions)."""

from glare.db import deletions
from glare.db import models
from glare.tests.unit.db import rows

D = models.BlobDataDeletion


class TestDeletions(rows.DbTestCase):
    def test_queued_data_is_pending_in_queue_order(self):
        with self.session() as session:
            first = deletions.queue(session, 'file:///a', 'fast')
            second = deletions.queue(session, 'file:///b', 'slow')
        self.assertEqual([first, second], deletions.pending(self.ctx))
        self.assertEqual(('file:///a', 'fast', None),
                         first[1:])

    def test_pending_gives_at_most_limit_entries_oldest_first(self):
        with self.session() as session:
            for n in range(3):
                deletions.queue(session, 'file:///%d' % n, 'fast')
        self.assertEqual(['file:///0', 'file:///1'],
                         [e.location for e in deletions.pending(self.ctx, 2)])

    def test_queue_joins_the_transaction_that_stops_referencing_data(self):
        # Rolled back with it: nothing is deleted that is still used.
        try:
            with self.session() as session:
                deletions.queue(session, 'file:///a', 'fast')
                raise RuntimeError('the change failed')
        except RuntimeError:
            pass
        self.assertEqual([], deletions.pending(self.ctx))

    def test_partial_data_is_found_by_upload_id(self):
        with self.session() as session:
            entry = deletions.queue_partial(session, 'upload-1', 'fast')
        self.assertEqual(('', 'fast', 'upload-1'), entry[1:])
        self.assertEqual([entry], deletions.pending(self.ctx))

    def test_partial_uploads_of_an_artifact_are_queued(self):
        art = self.add_artifact()
        other = self.add_artifact(name='other')
        self.add_blob(art, 'image', status='saving', upload_id='u1',
                      upload_backend='fast')
        self.add_blob(art, 'files', key_name='a', status='saving',
                      upload_id='u2', upload_backend='slow')
        self.add_blob(art, 'files', key_name='done', location='file:///d')
        self.add_blob(other, 'image', status='saving', upload_id='u3',
                      upload_backend='fast')
        with self.session() as session:
            queued = deletions.queue_partial_uploads(session, art)
        self.assertEqual({('u1', 'fast'), ('u2', 'slow')},
                         {(e.upload_id, e.backend) for e in queued})
        self.assertEqual(2, len(deletions.pending(self.ctx)))

    def test_done_removes_the_entry(self):
        with self.session() as session:
            entry = deletions.queue(session, 'file:///a', 'fast')
            kept = deletions.queue(session, 'file:///b', 'fast')
        deletions.done(self.ctx, entry.id)
        self.assertEqual([kept], deletions.pending(self.ctx))

    def test_failed_keeps_the_entry_counting_attempts_and_the_error(self):
        with self.session() as session:
            entry = deletions.queue(session, 'file:///a', 'fast')
        deletions.failed(self.ctx, entry.id, IOError('store is down'))
        deletions.failed(self.ctx, entry.id, 'x' * 5000)
        self.assertEqual([entry], deletions.pending(self.ctx))
        with self.session() as session:
            row = session.get(D, entry.id)
            self.assertEqual(2, row.attempts)
            # The last error, cut to what the column is meant to hold.
            self.assertEqual('x' * 1000, row.last_error)
