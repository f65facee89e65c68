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

"""Notifications waiting to be sent (glare.db.outbox)."""

from oslo_utils import fixture as utils_fixture

from glare.db import outbox
from glare.db import transaction
from glare.tests.unit.db import rows


class TestOutbox(rows.DbTestCase):
    def add(self, message_id, ctx=None, **kwargs):
        outbox.add(ctx or self.ctx, message_id, 'artifact.create',
                   {'id': message_id, 'size': 3}, {'project_id': 'p1'},
                   **kwargs)

    def test_pending_notifications_come_back_as_written(self):
        self.useFixture(utils_fixture.TimeFixture(rows.T0))
        self.add('m1')
        note, = outbox.pending(self.ctx, 10)
        self.assertEqual(
            {'message_id': 'm1', 'event_type': 'artifact.create',
             'payload': {'id': 'm1', 'size': 3},
             'context': {'project_id': 'p1'}, 'created_at': rows.T0},
            {k: v for k, v in note.items() if k != 'id'})

    def test_pending_is_oldest_first_and_limited(self):
        for n in range(3):
            self.add('m%d' % n)
        self.assertEqual(['m0', 'm1'], [
            n['message_id'] for n in outbox.pending(self.ctx, 2)])

    def test_after_commit_runs_once_the_change_is_committed(self):
        ran = []
        ctx = rows.context()
        with transaction.CONTEXT.writer.using(ctx):
            self.add('m1', ctx=ctx, after_commit=lambda: ran.append(1))
            self.assertEqual([], ran)
        self.assertEqual([1], ran)

    def test_a_rolled_back_change_leaves_no_notification(self):
        ran = []
        ctx = rows.context()
        try:
            with transaction.CONTEXT.writer.using(ctx):
                self.add('m1', ctx=ctx, after_commit=lambda: ran.append(1))
                raise RuntimeError('the change failed')
        except RuntimeError:
            pass
        self.assertEqual([], outbox.pending(self.ctx, 10))
        self.assertEqual([], ran)

    def test_remove_forgets_sent_notifications(self):
        for n in range(3):
            self.add('m%d' % n)
        sent = [n['id'] for n in outbox.pending(self.ctx, 2)]
        outbox.remove(self.ctx, sent)
        outbox.remove(self.ctx, [])
        self.assertEqual(['m2'], [
            n['message_id'] for n in outbox.pending(self.ctx, 10)])

    def test_trim_drops_the_oldest_beyond_keep(self):
        for n in range(5):
            self.add('m%d' % n)
        self.assertEqual(3, outbox.trim(self.ctx, 2))
        self.assertEqual(['m3', 'm4'], [
            n['message_id'] for n in outbox.pending(self.ctx, 10)])
        self.assertEqual(0, outbox.trim(self.ctx, 2))

    def test_backlog_counts_and_dates_the_oldest(self):
        self.assertEqual((0, None), outbox.backlog(self.db.engine))
        clock = self.useFixture(utils_fixture.TimeFixture(rows.T0))
        self.add('m1')
        clock.advance_time_seconds(5)
        self.add('m2')
        self.assertEqual((2, rows.T0), outbox.backlog(self.db.engine))
