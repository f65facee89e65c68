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

"""The notification outbox and leases on SQLite, PostgreSQL and MySQL.

A notification is in the outbox exactly when the change it reports was
committed; one holder at a time gets a lease, whatever the number of
processes racing for it.
"""

import threading
import time

from glare.artifact_types import images
from glare import context as glare_context
from glare.db import leases
from glare.db import outbox
from glare.engine import artifacts as engine
from glare import exception
from glare.tests import base
from glare.tests import databases

RACERS = 6


def _context():
    return glare_context.RequestContext(user_id='u', project_id='p',
                                        roles=['member'],
                                        auth_token='secret-token')


class _OutboxMixin:
    backend = None

    def setUp(self):
        super().setUp()
        self.database = self.useFixture(
            databases.MigratedDatabase(self.backend))
        self.useFixture(base.Types({'images': images.Image}))
        self.flags(group='oslo_messaging_notifications',
                   driver=['messagingv2'])
        self.ctx = _context()

    def events(self):
        return [(row['event_type'], row['payload']['name'])
                for row in outbox.pending(self.ctx, 1000)]

    def test_changes_and_their_notifications_commit_together(self):
        art = engine.create(self.ctx, images.Image, {'name': 'kept'})
        # A failing change records nothing: the duplicate is refused in
        # the transaction that would have recorded its notification.
        self.assertRaises(exception.Duplicate, engine.create, self.ctx,
                          images.Image, {'name': 'kept'})
        engine.delete(self.ctx, images.Image, art.id,
                      lambda artifact, actions: None)
        self.assertEqual([('artifact.create', 'kept'),
                          ('artifact.delete', 'kept')], self.events())
        rows = outbox.pending(self.ctx, 10)
        self.assertEqual(2, len({row['message_id'] for row in rows}))
        self.assertEqual('u', rows[0]['context']['user'])
        self.assertNotIn('secret-token', str(rows[0]['context']))
        self.assertEqual((2, rows[0]['created_at']),
                         outbox.backlog(self.database.engine))

    def test_remove_and_trim(self):
        for n in range(5):
            engine.create(self.ctx, images.Image, {'name': 'n%d' % n})
        ids = [row['id'] for row in outbox.pending(self.ctx, 10)]
        outbox.remove(self.ctx, ids[:1])
        self.assertEqual(0, outbox.trim(self.ctx, 4))
        self.assertEqual(2, outbox.trim(self.ctx, 2))
        # The newest are kept.
        self.assertEqual([('artifact.create', 'n3'),
                          ('artifact.create', 'n4')], self.events())

    def test_one_holder_at_a_time(self):
        start = threading.Barrier(RACERS, timeout=30)
        won = []

        def race(n):
            start.wait()
            if leases.acquire(_context(), 'job', 'holder-%d' % n, 60):
                won.append(n)

        threads = [threading.Thread(target=race, args=(n,))
                   for n in range(RACERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(1, len(won), won)
        holder = 'holder-%d' % won[0]
        self.assertEqual(holder, leases.holder(self.ctx, 'job')[0])
        # The holder renews; the others keep waiting.
        self.assertTrue(leases.acquire(self.ctx, 'job', holder, 60))
        self.assertFalse(leases.acquire(self.ctx, 'job', 'other', 60))
        leases.release(self.ctx, 'job', holder)
        self.assertTrue(leases.acquire(self.ctx, 'job', 'other', 60))

    def test_an_expired_lease_is_taken_over(self):
        self.assertTrue(leases.acquire(self.ctx, 'job', 'dead', 0.2))
        self.assertFalse(leases.acquire(self.ctx, 'job', 'alive', 60))
        time.sleep(0.3)
        self.assertTrue(leases.acquire(self.ctx, 'job', 'alive', 60))
        self.assertEqual('alive', leases.holder(self.ctx, 'job')[0])


class TestOutboxSQLite(_OutboxMixin, base.TestCase):
    backend = databases.SQLITE


class TestOutboxPostgreSQL(_OutboxMixin, base.TestCase):
    backend = databases.POSTGRESQL


class TestOutboxMySQL(_OutboxMixin, base.TestCase):
    backend = databases.MYSQL
