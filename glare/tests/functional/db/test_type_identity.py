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

"""Type-declared identity and all-or-nothing hook uploads, per database.

Images are unique per (name, version, disk format, scope) on SQLite,
PostgreSQL and MySQL alike, racing creates included; several blobs and
fields an upload hook writes are committed in one transaction or not at
all.
"""

import threading

from glare.artifact_types import images
from glare import context as glare_context
from glare.db import api as db_api
from glare.db import blobs as db_blobs
from glare.db import deletions
from glare.db import mapping
from glare.engine import artifacts as engine
from glare import exception
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests import base
from glare.tests import databases

RACERS = 6
# What a blob of a drafted artifact may be written in.
DRAFTED = ('drafted',)


class Parts(objects_base.BaseArtifact):
    VERSION = '1.0'
    fields = {'parts': f.Folder(), 'count': f.Integer(system=True)}

    @classmethod
    def get_type_name(cls):
        return 'parts'


def _context():
    return glare_context.RequestContext(user_id='u', project_id='p',
                                        roles=['member'])


class _IdentityMixin:
    backend = None

    def setUp(self):
        super().setUp()
        self.useFixture(databases.MigratedDatabase(self.backend))
        self.useFixture(base.Types({'images': images.Image,
                                    'parts': Parts}))

    def create(self, **values):
        return engine.create(_context(), images.Image,
                             dict(name='ubuntu', version='1.0', **values))

    def test_one_version_once_per_format(self):
        ids = {self.create(disk_format=fmt).id
               for fmt in ('qcow2', 'raw', 'vmdk')}
        self.assertEqual(3, len(ids))
        exc = self.assertRaises(exception.Duplicate, self.create,
                                disk_format='raw')
        self.assertEqual(409, exc.code)
        # No format is a value of its own, once.
        self.create()
        self.assertRaises(exception.Duplicate, self.create)

    def test_racing_creates_of_one_format_have_one_winner(self):
        start = threading.Barrier(RACERS, timeout=30)
        outcomes = []

        def run():
            start.wait()
            try:
                self.create(disk_format='qcow2')
                outcomes.append('ok')
            except exception.Duplicate:
                outcomes.append('409')
            except Exception as exc:  # reported by the assertion below
                outcomes.append(repr(exc))

        threads = [threading.Thread(target=run) for _ in range(RACERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(['409'] * (RACERS - 1) + ['ok'], sorted(outcomes))

    def test_finish_is_all_or_nothing(self):
        ctx = _context()
        art = engine.create(ctx, Parts, {'name': 'p'})
        for key in ('a', 'b'):
            db_blobs.claim(ctx, art.id, 'parts', key, db_blobs.Claim(
                'up-' + key, 'tests:1:1', 'fs'), DRAFTED, 60,
                lambda owner: True)
        values = {'size': 1, 'location': 'file:///x', 'backend': 'fs',
                  'external': False}
        art.count = 2
        columns, properties = mapping.to_rows(art, ['count'])
        # The second claim is not ours: nothing of the first is kept.
        self.assertRaises(exception.Conflict, db_blobs.finish, ctx,
                          art.id, DRAFTED,
                          [('parts', 'a', 'up-a', values),
                           ('parts', 'b', 'stolen', values)],
                          changes=(columns, properties, None))
        stored = mapping.to_artifact(Parts, db_api.get(ctx, art.id))
        self.assertEqual({'saving'}, {blob['status'] for blob in
                                      stored.parts.values()})
        self.assertIsNone(stored.count)
        db_blobs.finish(ctx, art.id, DRAFTED,
                        [('parts', 'a', 'up-a', values),
                         ('parts', 'b', 'up-b', values)],
                        changes=(columns, properties, None))
        stored = mapping.to_artifact(Parts, db_api.get(ctx, art.id))
        self.assertEqual({'active'}, {blob['status'] for blob in
                                      stored.parts.values()})
        self.assertEqual(2, stored.count)

    def test_finish_removes_blobs_in_the_same_transaction(self):
        ctx = _context()
        art = engine.create(ctx, Parts, {'name': 'p'})
        for key in ('a', 'b', 'c'):
            db_blobs.claim(ctx, art.id, 'parts', key, db_blobs.Claim(
                'up-' + key, 'tests:1:1', 'fs'), DRAFTED, 60,
                lambda owner: True)
        db_blobs.finish(ctx, art.id, DRAFTED, [
            ('parts', key, 'up-' + key,
             {'size': 1, 'location': 'file:///' + key, 'backend': 'fs',
              'external': False}) for key in ('a', 'b')])
        new = {'size': 1, 'location': 'file:///c', 'backend': 'fs',
               'external': False}
        # A lost claim: the removal is undone with everything else.
        self.assertRaises(exception.Conflict, db_blobs.finish, ctx,
                          art.id, DRAFTED, [('parts', 'c', 'stolen', new)],
                          removals=[('parts', 'a')])
        stored = mapping.to_artifact(Parts, db_api.get(ctx, art.id))
        self.assertEqual(['a', 'b', 'c'], sorted(stored.parts))
        self.assertEqual([], deletions.pending(ctx))
        _, replaced = db_blobs.finish(
            ctx, art.id, DRAFTED, [('parts', 'c', 'up-c', new)],
            removals=[('parts', 'a'), ('parts', 'gone')])
        self.assertEqual(['file:///a'], [entry.location for entry in replaced])
        self.assertEqual(replaced, deletions.pending(ctx))
        stored = mapping.to_artifact(Parts, db_api.get(ctx, art.id))
        self.assertEqual(['b', 'c'], sorted(stored.parts))


class TestIdentitySQLite(_IdentityMixin, base.TestCase):
    backend = databases.SQLITE


class TestIdentityPostgreSQL(_IdentityMixin, base.TestCase):
    backend = databases.POSTGRESQL


class TestIdentityMySQL(_IdentityMixin, base.TestCase):
    backend = databases.MYSQL
