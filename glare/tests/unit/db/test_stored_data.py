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

"""Stored data shared by blobs of the same content
(glare.db.stored_data), one process at a time.

Races between processes are glare/tests/functional/test_shared_data.py.
"""

import hashlib

from glare.db import models
from glare.db import stored_data
from glare.tests.unit.db import rows


def written(location, content=b'data'):
    """What an upload of ``content`` to ``location`` reports."""
    return {'location': location, 'size': len(content),
            'md5': hashlib.md5(content).hexdigest(),
            'sha1': hashlib.sha1(content).hexdigest(),
            'sha256': hashlib.sha256(content).hexdigest()}


class TestStoredData(rows.DbTestCase):
    def share(self, location, content=b'data', backend='fs'):
        with self.session() as session:
            data, queued = stored_data.share(session, backend,
                                             written(location, content))
            return data, queued

    def refs(self, data_id):
        with self.session() as session:
            row = session.get(models.StoredData, data_id)
            return None if row is None else row.refs

    def queued(self):
        with self.session() as session:
            return sorted(row.location for row in session.query(
                models.BlobDataDeletion))

    def test_the_same_content_is_stored_once(self):
        first, queued = self.share('file:///a')
        self.assertIsNone(queued)
        self.assertEqual(('file:///a', 1), (first.location,
                                            self.refs(first.id)))
        again, queued = self.share('file:///b')
        # The second copy is referenced no more and goes.
        self.assertEqual((first.id, 'file:///a'), (again.id, again.location))
        self.assertEqual('file:///b', queued.location)
        self.assertEqual(2, self.refs(first.id))
        self.assertEqual(['file:///b'], self.queued())

    def test_each_backend_and_content_has_its_own(self):
        fs, _ = self.share('file:///a')
        s3, _ = self.share('s3://a', backend='s3')
        other, _ = self.share('file:///c', content=b'other')
        self.assertEqual(3, len({fs.id, s3.id, other.id}))
        self.assertEqual(3, self.count(models.StoredData))
        self.assertEqual([], self.queued())

    def test_the_last_reference_dropped_queues_the_data(self):
        data, _ = self.share('file:///a')
        with self.session() as session:
            self.assertEqual(data.id, stored_data.link(session, data.id).id)
        with self.session() as session:
            self.assertIsNone(stored_data.release(session, data.id,
                                                  'file:///a', 'fs'))
        self.assertEqual(1, self.refs(data.id))
        self.assertEqual([], self.queued())
        with self.session() as session:
            entry = stored_data.release(session, data.id, 'file:///a', 'fs')
        self.assertEqual(('file:///a', 'fs'), (entry.location,
                                               entry.backend))
        self.assertIsNone(self.refs(data.id))
        self.assertEqual(['file:///a'], self.queued())

    def test_gone_data_takes_no_link(self):
        data, _ = self.share('file:///a')
        with self.session() as session:
            stored_data.release(session, data.id, 'file:///a', 'fs')
        with self.session() as session:
            self.assertIsNone(stored_data.link(session, data.id))
        self.assertEqual(0, self.count(models.StoredData))

    def test_data_nobody_counted_is_queued_at_once(self):
        with self.session() as session:
            entry = stored_data.release(session, None, 'file:///old', 'fs')
        self.assertEqual('file:///old', entry.location)
        self.assertEqual(['file:///old'], self.queued())


class TestFindReadable(rows.DbTestCase):
    def stored(self, backend, location):
        with self.session() as session:
            data, _ = stored_data.share(session, backend, written(location))
        return data.id

    def referenced_by(self, data_id, external=False, **artifact):
        art = self.add_artifact(**artifact)
        self.add_blob(art, data_id=data_id, external=external)
        return art

    def test_only_data_the_caller_can_read_is_found(self):
        sha256 = written('')['sha256']
        data_id = self.stored('fs', 'file:///a')
        self.referenced_by(data_id, owner='p2')
        self.assertIsNone(stored_data.find_readable(self.ctx, sha256, 'p1',
                                                    'fs'))
        self.referenced_by(data_id, owner='p2', visibility='public',
                           name='public')
        self.assertEqual('file:///a', stored_data.find_readable(
            self.ctx, sha256, 'p1', 'fs').location)
        self.assertIsNone(stored_data.find_readable(self.ctx, '0' * 64,
                                                    'p1', 'fs'))

    def test_data_in_the_wanted_backend_comes_first(self):
        sha256 = written('')['sha256']
        for backend in ('fs', 's3'):
            self.referenced_by(self.stored(backend, backend + ':///a'),
                               name=backend)
        for backend in ('fs', 's3'):
            self.assertEqual(backend, stored_data.find_readable(
                self.ctx, sha256, 'p1', backend).backend)
