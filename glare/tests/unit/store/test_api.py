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

"""Blob data through glance_store (glare.store.api).

Against glance_store's real filesystem backend in a temporary state
directory; failures of the store are glance_store's exceptions raised
where it would raise them.
"""

import errno
import io
import os

import fixtures
from glance_store import exceptions as gs_exc

from glare import exception
from glare.store import api as store
from glare.tests import base

CONF = base.CONF


class StoreTestCase(base.TestCase):
    def setUp(self):
        super().setUp()
        self.flags(enabled_backends={'fs': 'file', 'cold': 'file'})
        store.register_opts(CONF)
        store.setup(CONF)
        self.datadir = CONF.fs.filesystem_store_datadir

    def add(self, blob_id='b1', data=b'0123456789', backend='fs'):
        return store.add(CONF, blob_id, io.BytesIO(data), len(data),
                         backend)

    def read(self, location, backend='fs', **kwargs):
        chunks, length = store.get(CONF, location, backend, **kwargs)
        data = b''.join(chunks)
        self.assertEqual(length, len(data))
        return data


class TestData(StoreTestCase):
    def test_files_live_under_the_state_dir_per_backend(self):
        self.assertEqual(os.path.join(CONF.state_dir, 'blobs', 'fs'),
                         self.datadir)
        self.assertTrue(os.path.isdir(CONF.cold.filesystem_store_datadir))
        self.assertEqual(store.FILE_CHUNK_SIZE,
                         CONF.fs.filesystem_store_chunk_size)

    def test_added_data_comes_back_with_its_digests(self):
        location, size, md5, sha256 = self.add(data=b'abc')
        self.assertEqual((3, '900150983cd24fb0d6963f7d28e17f72'),
                         (size, md5))
        self.assertEqual('ba7816bf8f01cfea414140de5dae2223b00361a396177a9c'
                         'b410ff61f20015ad', sha256)
        self.assertEqual(b'abc', self.read(location))
        self.assertEqual(3, store.size_of(location, 'fs'))

    def test_a_range_of_the_data(self):
        location = self.add()[0]
        self.assertEqual(b'234', self.read(location, offset=2, length=3))
        self.assertEqual(b'789', self.read(location, offset=7, length=3))

    def test_ranges_of_a_store_that_returns_whole_objects(self):
        # s3, swift, rbd and http ignore offset and length: glare cuts.
        self.assertEqual(
            [b'2345', b'6'],
            list(store._byte_range(iter([b'01', b'2345', b'6789']), 2, 5)))
        self.assertEqual([], list(store._byte_range(iter([b'01']), 5, 3)))

    def test_a_range_closes_the_store_s_iterator(self):
        closed = []

        class Chunks(list):
            def close(self):
                closed.append(True)

        self.assertEqual([b'0'], list(store._byte_range(
            Chunks([b'01', b'23']), 0, 1)))
        self.assertEqual([True], closed)

    def test_a_stored_file_opens_for_sendfile(self):
        location = self.add()[0]
        with store.open_file(CONF, location, 'fs') as stream:
            self.assertEqual(b'0123456789', stream.read())

    def test_a_range_of_a_stored_file_is_positioned_and_bounded(self):
        location = self.add()[0]
        with store.open_file(CONF, location, 'fs', offset=3,
                             length=4) as part:
            # sendfile starts where the file is and sends Content-Length.
            self.assertEqual(3, os.lseek(part.fileno(), 0, os.SEEK_CUR))
            self.assertEqual(b'34', part.read(2))
            self.assertEqual(b'56', part.read())
            self.assertEqual(b'', part.read(10))
        with store.open_file(CONF, location, 'fs', offset=8) as part:
            self.assertEqual(b'89', part.read(100))

    def test_delete_removes_data_and_tolerates_it_gone(self):
        location = self.add()[0]
        store.delete(location, 'fs')
        store.delete(location, 'fs')
        self.assertRaises(exception.BlobDataNotFound, store.get, CONF,
                          location, 'fs')
        self.assertRaises(exception.BlobDataNotFound, store.open_file,
                          CONF, location, 'fs')

    def test_the_same_blob_id_twice_is_409(self):
        self.add('b1')
        self.assertRaises(exception.Conflict, self.add, 'b1')

    def test_a_type_may_have_its_own_backend(self):
        self.flags(artifact_type_stores={'images': 'cold'})
        self.assertEqual('cold', store.backend_for(CONF, 'images'))
        self.assertEqual('fs', store.backend_for(CONF, 'heat_templates'))


class TestPartialData(StoreTestCase):
    def test_partial_data_is_found_by_upload_id(self):
        with open(os.path.join(self.datadir, 'u1'), 'wb') as stream:
            stream.write(b'partial')
        self.assertTrue(store.discard_partial(CONF, 'u1', 'fs'))
        self.assertFalse(os.path.exists(os.path.join(self.datadir, 'u1')))
        self.assertFalse(store.discard_partial(CONF, 'u1', 'fs'))

    def test_an_upload_id_never_escapes_the_data_directory(self):
        for bad in ('../x', '', '..', 'a/b'):
            self.assertRaises(exception.GlareException,
                              store.discard_partial, CONF, bad, 'fs')

    def test_other_stores_keep_partial_data(self):
        self.flags(enabled_backends={'fs': 'file', 'swift1': 'swift'})
        self.assertFalse(store.discard_partial(CONF, 'u1', 'swift1'))


class TestFindBackend(StoreTestCase):
    def test_a_file_under_a_data_directory(self):
        location = 'file://' + os.path.join(self.datadir, 'x')
        self.assertEqual('fs', store.find_backend(CONF, location, 'fs'))

    def test_a_file_elsewhere_is_refused(self):
        error = self.assertRaises(exception.BadRequest, store.find_backend,
                                  CONF, 'file:///etc/passwd', 'fs')
        self.assertIn('outside the data directories', str(error))
        # Not by a detour either.
        self.assertRaises(
            exception.BadRequest, store.find_backend, CONF,
            'file://' + os.path.join(self.datadir, '..', 'cold', 'x'), 'fs')

    def test_spellings_of_a_file_name_its_resolved_path(self):
        os.symlink(self.datadir, os.path.join(CONF.state_dir, 'link'))
        location = 'file://' + os.path.join(CONF.state_dir, 'link', 'x')
        self.assertEqual(
            {location,
             'file://' + os.path.join(os.path.realpath(self.datadir), 'x')},
            set(store.spellings(CONF, location, 'fs')))

    def test_several_backends_need_a_name(self):
        error = self.assertRaises(exception.BadRequest, store.find_backend,
                                  CONF, 'file://' + self.datadir + '/x')
        self.assertIn('name one with "backend"', str(error))

    def test_a_scheme_no_backend_takes(self):
        error = self.assertRaises(exception.BadRequest, store.find_backend,
                                  CONF, 'swift://c/o')
        self.assertIn('fs (file)', str(error))
        error = self.assertRaises(exception.BadRequest, store.find_backend,
                                  CONF, 'file:///x', 'nope')
        self.assertIn('these do: cold, fs', str(error))


class TestErrors(StoreTestCase):
    def failing(self, error):
        self.useFixture(fixtures.MockPatch(
            'glance_store.multi_backend.add_with_multihash',
            side_effect=error))

    def test_a_full_disk_is_storage_full(self):
        for code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            self.failing(OSError(code, os.strerror(code)))
            self.assertRaises(exception.StorageFull, self.add)
        self.failing(gs_exc.StorageFull())
        self.assertRaises(exception.StorageFull, self.add)

    def test_other_store_failures_are_503(self):
        for error in (OSError(errno.EROFS, 'Read-only file system'),
                      gs_exc.BackendException('down'),
                      KeyError('driver bug')):
            self.failing(error)
            raised = self.assertRaises(exception.StoreError, self.add)
            self.assertEqual(503, raised.code)
        self.assertIn('Read-only file system', str(self.assertRaises(
            exception.StoreError, self._add_readonly)))

    def _add_readonly(self):
        self.failing(OSError(errno.EROFS, 'Read-only file system'))
        return self.add()

    def test_glare_errors_pass_unchanged(self):
        self.failing(exception.RequestEntityTooLarge('too big'))
        self.assertRaises(exception.RequestEntityTooLarge, self.add)

    def test_a_broken_backend_stops_the_service(self):
        self.flags(enabled_backends={'fs': 'nosuchkind'})
        store.register_opts(CONF)
        self.assertRaises(exception.StoreConfigError, store.setup, CONF)
