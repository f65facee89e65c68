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

"""Upload session files that grow in place (glare.store.session_files).

Against real files in glance_store's filesystem backend, read back and
deleted through glare.store.api as downloads and the scrubber do.
"""

import os
import threading

import fixtures

from glare import exception
from glare.store import api as store
from glare.store import session_files
from glare.tests import base

CONF = base.CONF


class TestSessionFiles(base.TestCase):
    def setUp(self):
        super().setUp()
        self.flags(enabled_backends={'fs': 'file'})
        store.register_opts(CONF)
        store.setup(CONF)
        self.location = session_files.location(CONF, 'fs', 'f1')
        session_files.create(CONF, 'fs', self.location)

    def test_only_filesystem_backends_grow_in_place(self):
        self.flags(enabled_backends={'fs': 'file', 's3a': 's3'})
        self.assertTrue(session_files.supported(CONF, 'fs'))
        self.assertFalse(session_files.supported(CONF, 's3a'))

    def test_the_file_lives_in_the_backends_data_directory(self):
        self.assertEqual(
            'file://' + os.path.join(CONF.fs.filesystem_store_datadir,
                                     'f1'), self.location)
        self.assertRaises(exception.GlareException, session_files.location,
                          CONF, 'fs', '../escape')

    def test_the_highest_priority_directory_of_several(self):
        low, high = (os.path.join(CONF.state_dir, name)
                     for name in ('low', 'high'))
        self.flags(group='fs', filesystem_store_datadir=None,
                   filesystem_store_datadirs=[low + ':10', high + ':200'])
        self.assertEqual('file://' + os.path.join(high, 'f2'),
                         session_files.location(CONF, 'fs', 'f2'))

    def test_appended_data_is_read_and_deleted_by_the_store(self):
        with session_files.lock(self.location) as data:
            data.write_at(0, b'hello ')
            data.write_at(6, b'world, and more')
            data.truncate(11)
            self.assertEqual(11, data.size())
            self.assertEqual(b'lo wo', b''.join(data.read(3, 8)))
        chunks, size = store.get(CONF, self.location, 'fs')
        self.assertEqual((b'hello world', 11), (b''.join(chunks), size))
        store.delete(self.location, 'fs')
        self.assertRaises(exception.BlobDataNotFound,
                          session_files.lock, self.location)

    def test_one_writer_at_a_time(self):
        with session_files.lock(self.location):
            # Another thread of this process, then another process.
            self.assertRaises(exception.UploadSessionBusy,
                              session_files.lock, self.location, wait=0.1)
            pid = os.fork()
            if pid == 0:
                # What another process knows: nothing of this one's.
                session_files._HELD.clear()
                try:
                    session_files.lock(self.location)
                    code = 1
                except exception.UploadSessionBusy:
                    code = 0
                except BaseException:
                    code = 2
                os._exit(code)
            _, status = os.waitpid(pid, 0)
        self.assertEqual(0, os.waitstatus_to_exitcode(status))
        with session_files.lock(self.location) as data:
            self.assertEqual(0, data.size())

    def test_a_writer_waits_for_the_lock_a_while(self):
        first = session_files.lock(self.location)
        timer = threading.Timer(0.2, first.close)
        timer.start()
        self.addCleanup(timer.join)
        with session_files.lock(self.location, wait=10) as data:
            data.write_at(0, b'mine')

    def test_reading_past_the_end_is_missing_data(self):
        with session_files.lock(self.location) as data:
            data.write_at(0, b'abc')
            self.assertRaises(exception.BlobDataNotFound, list,
                              data.read(0, 10))

    def test_a_full_disk_is_storage_full(self):
        with session_files.lock(self.location) as data:
            def full(*args):
                raise OSError(28, 'No space left on device')
            self.useFixture(fixtures.MonkeyPatch('os.pwrite', full))
            self.assertRaises(exception.StorageFull, data.write_at, 0,
                              b'x')

    def test_creating_twice_fails(self):
        self.assertRaises(exception.StoreError, session_files.create,
                          CONF, 'fs', self.location)

    def test_files_get_the_permissions_the_store_gives_its_data(self):
        self.flags(group='fs', filesystem_store_file_perm=640)
        location = session_files.location(CONF, 'fs', 'f2')
        session_files.create(CONF, 'fs', location)
        self.assertEqual(0o640, os.stat(location[len('file://'):])
                         .st_mode & 0o777)
