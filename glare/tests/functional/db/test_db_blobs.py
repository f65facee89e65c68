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

"""Blob claims, locations and removal on SQLite, PostgreSQL and MySQL.

Each database settles concurrent writers its own way (SQLite locks the
whole file, the others lock rows): racing claimants must see exactly one
winner and no database error on all three.
"""

import threading
import time
import uuid

import sqlalchemy as sa

from glare.artifact_types import images
from glare import context as glare_context
from glare.db import api as db_api
from glare.db import blobs as db_blobs
from glare.db import deletions
from glare.db import upload_sessions as db_sessions
from glare.engine import artifacts as engine
from glare import exception
from glare.tests import base
from glare.tests import databases

RACERS = 6
DRAFTED = ('drafted',)
# The process that claims blobs in these tests, alive.
OWNER = 'tests:1:1'


def _context():
    # Glare's 1.0: an image is activated without data.
    return glare_context.RequestContext(user_id='u', project_id='p',
                                        roles=['member'], api_version=(1, 0))


class _DbBlobsMixin:
    backend = None

    def setUp(self):
        super().setUp()
        self.useFixture(databases.MigratedDatabase(self.backend))
        self.useFixture(base.Types({'images': images.Image}))
        self.art = engine.create(_context(), images.Image, {
            'name': 'blobs', 'disk_format': 'raw',
            'container_format': 'bare'})

    def race(self, action):
        """Run ``action(n)`` in RACERS threads at once; their outcomes."""
        start = threading.Barrier(RACERS, timeout=30)
        outcomes = [None] * RACERS

        def run(n):
            start.wait()
            try:
                outcomes[n] = ('ok', action(n))
            except exception.Conflict:
                outcomes[n] = ('409', None)
            except Exception as exc:  # reported by the assertion below
                outcomes[n] = ('error', repr(exc))

        threads = [threading.Thread(target=run, args=(n,))
                   for n in range(RACERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outcomes

    def claim(self, upload_id, key=None):
        return db_blobs.claim(_context(), self.art.id, 'image', key,
                              db_blobs.Claim(upload_id, OWNER, 'fs'),
                              DRAFTED, 60, lambda owner: owner == OWNER)

    def finish(self, upload_id, key=None, **values):
        values.setdefault('external', False)
        return db_blobs.finish(_context(), self.art.id, DRAFTED,
                               [('image', key, upload_id, values)])

    def test_racing_claims_on_a_new_blob_have_one_winner(self):
        outcomes = self.race(lambda n: self.claim('upload-%d' % n))
        self.assertEqual(['409'] * (RACERS - 1) + ['ok'],
                         sorted(kind for kind, _ in outcomes), outcomes)
        blob = db_blobs.get(_context(), self.art.id, 'image', None)
        self.assertEqual('saving', blob['status'])

    def test_racing_claims_on_an_existing_blob_have_one_winner(self):
        self.claim('first')
        self.finish('first', size=1, location='file:///x', backend='fs')
        outcomes = self.race(lambda n: self.claim('upload-%d' % n))
        self.assertEqual(['409'] * (RACERS - 1) + ['ok'],
                         sorted(kind for kind, _ in outcomes), outcomes)

    def test_racing_locations_have_one_winner(self):
        outcomes = self.race(lambda n: db_blobs.add_location(
            _context(), self.art.id, 'image', None, DRAFTED,
            {'url': 'https://h/%d' % n, 'md5': 'a' * 32,
             'external': True}))
        self.assertEqual(['409'] * (RACERS - 1) + ['ok'],
                         sorted(kind for kind, _ in outcomes), outcomes)

    def test_remove_queues_internal_data_in_the_same_transaction(self):
        self.claim('u', key='k')
        self.finish('u', key='k', size=1, location='file:///data/k',
                    backend='fs')
        self.assertRaises(exception.Forbidden, db_blobs.remove, _context(),
                          self.art.id, 'image', 'k', DRAFTED,
                          internal_data=False)
        _, entry = db_blobs.remove(_context(), self.art.id, 'image', 'k',
                                   DRAFTED, internal_data=True)
        self.assertEqual(('file:///data/k', 'fs', None), entry[1:])
        self.assertIn(entry, deletions.pending(_context()))
        self.assertIsNone(db_blobs.get(_context(), self.art.id, 'image',
                                       'k'))
        self.assertRaises(exception.NotFound, db_blobs.remove, _context(),
                          self.art.id, 'image', 'k', DRAFTED,
                          internal_data=True)

    def test_remove_waits_for_a_running_upload(self):
        self.claim(str(uuid.uuid4()))
        self.assertRaises(exception.Conflict, db_blobs.remove, _context(),
                          self.art.id, 'image', None, DRAFTED,
                          internal_data=True)

    def test_a_claim_needs_the_artifact_in_a_changeable_status(self):
        # What an activation racing an upload comes to: once the artifact
        # is active its immutable blob cannot be claimed...
        engine.update(_context(), images.Image, self.art.id,
                      engine.parse_patch([{'op': 'replace',
                                           'path': '/status',
                                           'value': 'active'}]),
                      lambda art, actions: None)
        exc = self.assertRaises(exception.Forbidden, self.claim, 'late')
        self.assertIn('cannot be changed once the artifact is active',
                      exc.msg)
        self.assertIsNone(db_blobs.get(_context(), self.art.id, 'image',
                                       None))

    def test_a_result_needs_the_artifact_still_changeable(self):
        # ... and an upload claimed before the activation cannot finish.
        self.claim('early')
        with db_api.get_engine().begin() as connection:
            connection.execute(sa.text(
                "UPDATE artifacts SET status = 'active' WHERE id = :id"),
                {'id': self.art.id})
        exc = self.assertRaises(exception.Forbidden, self.finish, 'early',
                                size=1, location='file:///x', backend='fs')
        self.assertIn('is active', exc.msg)
        self.assertEqual('saving', db_blobs.get(
            _context(), self.art.id, 'image', None)['status'])

    def test_claims_and_results_move_the_artifacts_row_version(self):
        # A PATCH that read before them (an activation) must read again.
        before = engine.get(_context(), images.Image, self.art.id)
        self.claim('u')
        old = before.to_dict()
        self.assertRaises(exception.ConcurrentUpdate, engine._update,
                          _context(), before, old,
                          dict(old, status='active'))

    def claim_as(self, upload_id, owner, owner_alive=lambda owner: True,
                 stall=60):
        return db_blobs.claim(_context(), self.art.id, 'image', None,
                              db_blobs.Claim(upload_id, owner, 'fs'),
                              DRAFTED, stall, owner_alive)

    def test_a_dead_owners_claim_is_taken_over_and_its_data_queued(self):
        self.claim_as('doomed', 'host:42:7')
        self.assertRaises(exception.Conflict, self.claim_as, 'eager',
                          OWNER)
        queued, _ = self.claim_as('next', OWNER,
                                  lambda owner: owner != 'host:42:7')
        self.assertEqual(('', 'fs', 'doomed'), queued[1:])
        self.assertEqual([queued], deletions.pending(_context()))
        self.assertEqual('next', db_blobs.get(
            _context(), self.art.id, 'image', None)['upload_id'])
        # The doomed upload, were it still running, learns it lost.
        self.assertFalse(db_blobs.heartbeat(_context(), self.art.id,
                                            'image', None, 'doomed'))
        self.assertTrue(db_blobs.heartbeat(_context(), self.art.id,
                                           'image', None, 'next'))

    def test_a_stalled_claim_is_taken_over(self):
        # Another host's upload: only its heartbeat tells.
        self.claim_as('stalled', 'elsewhere:1:1')
        self.assertRaises(exception.Conflict, self.claim_as, 'b', OWNER)
        # Its data has not moved for longer than a 0 s stall timeout.
        queued, _ = self.claim_as('b', OWNER, stall=0)
        self.assertEqual('stalled', queued.upload_id)

    def test_releasing_abandoned_claims_queues_their_data(self):
        self.claim_as('doomed', 'host:42:7')
        self.assertEqual([], db_blobs.release_abandoned(
            _context(), 60, lambda owner: True))
        released = db_blobs.release_abandoned(
            _context(), 60, lambda owner: owner != 'host:42:7')
        self.assertEqual(['doomed'], [e.upload_id for e in released])
        # The blob had no data before: it is gone with its claim.
        self.assertIsNone(db_blobs.get(_context(), self.art.id, 'image',
                                       None))

    def test_deleting_an_artifact_queues_its_running_uploads(self):
        self.claim_as('running', OWNER)
        entries = db_api.delete(_context(), self.art.id,
                                engine.get(_context(), images.Image,
                                           self.art.id).row_version)
        self.assertEqual([('', 'fs', 'running')],
                         [entry[1:] for entry in entries])

    def test_earlier_data_stays_while_new_data_uploads(self):
        self.claim('first')
        self.finish('first', size=1, location='file:///old', backend='fs')
        self.claim('second')
        blob = db_blobs.get(_context(), self.art.id, 'image', None)
        self.assertEqual(('saving', 'file:///old'),
                         (blob['status'], blob['location']))

    def test_a_finishing_session_and_its_artifacts_deletion_queue_up(self):
        # A session's finish drops the session and sets the blob; the
        # artifact's deletion drops it with its sessions. Both lock the
        # artifact first, so the deletion waits for the finish (and then
        # finds the artifact changed) instead of deadlocking with it.
        ctx = _context()
        session = db_sessions.create(ctx, {
            'id': str(uuid.uuid4()), 'artifact_id': self.art.id,
            'field_name': 'image', 'key_name': '', 'project_id': 'p',
            'type_name': 'images', 'backend': 'fs',
            'content_type': 'application/octet-stream'}, 3600)
        self.claim('finishing')
        row_version = engine.get(ctx, images.Image,
                                 self.art.id).row_version
        session_dropped = threading.Event()
        outcomes = {}

        def drop_session():
            queued = db_sessions.delete(ctx, session.id)
            session_dropped.set()
            # Time for the deletion to take whatever locks it can.
            time.sleep(1)
            return queued

        def finish():
            try:
                outcomes['finish'] = db_blobs.finish(
                    ctx, self.art.id, DRAFTED, [('image', None, 'finishing', {
                        'size': 1, 'location': 'file:///s', 'backend': 'fs',
                        'external': False})], before=drop_session)[0][
                            'row_version']
            except Exception as exc:  # reported by the assertion below
                outcomes['finish'] = repr(exc)

        def delete():
            session_dropped.wait(30)
            try:
                outcomes['delete'] = db_api.delete(_context(), self.art.id,
                                                   row_version)
            except exception.ConcurrentUpdate:
                outcomes['delete'] = 'changed meanwhile'
            except Exception as exc:  # reported by the assertion below
                outcomes['delete'] = repr(exc)

        threads = [threading.Thread(target=finish),
                   threading.Thread(target=delete)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual({'finish': row_version + 1,
                          'delete': 'changed meanwhile'}, outcomes)


class TestDbBlobsSQLite(_DbBlobsMixin, base.TestCase):
    backend = databases.SQLITE


class TestDbBlobsPostgreSQL(_DbBlobsMixin, base.TestCase):
    backend = databases.POSTGRESQL


class TestDbBlobsMySQL(_DbBlobsMixin, base.TestCase):
    backend = databases.MYSQL
