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

"""The SDK's resumable uploads, uploads by digest and imports (1.2).

Against a real glare-api; the resumed upload is broken off by the
client itself, as when the user's process is killed between chunks.
"""

import hashlib
import os
import uuid

import fixtures

from glare.tests.functional import server
from glare.tests.functional import web_source
from glare_client import client
from glare_client import exceptions
from glare_client import transfer

ADMIN = 'admin:admin:admin'
CHUNK = 256 * 1024


class _Killed(Exception):
    """The client process "dies" between two chunks."""


class TestTransferClient(server.ServerTestCase):
    server_sections = {'blob_import': {'allowed_networks': '127.0.0.1/32',
                                       'allowed_ports': '1-65535'}}

    def setUp(self):
        super().setUp()
        self.glare = client.Client.with_token(self.url, ADMIN)
        self.work = self.useFixture(fixtures.TempDir()).path

    def image(self):
        return self.glare.create('images', {
            'name': 'transfer-%s' % uuid.uuid4().hex[:8]})

    def write(self, data):
        path = os.path.join(self.work, uuid.uuid4().hex)
        with open(path, 'wb') as stream:
            stream.write(data)
        return path

    def test_a_killed_upload_resumes_from_the_servers_offset(self):
        data = os.urandom(5 * CHUNK + 1000)
        path = self.write(data)
        art = self.image()
        seen = []

        def die_after_two_chunks(sent, total):
            seen.append(sent)
            if sent >= 2 * CHUNK:
                raise _Killed()

        self.assertRaises(_Killed, self.glare.upload_file, 'images',
                          art['id'], 'image', path, chunk_size=CHUNK,
                          progress=die_after_two_chunks, resume=True,
                          state_dir=self.work)
        resumed = []
        art = self.glare.upload_file(
            'images', art['id'], 'image', path, chunk_size=CHUNK,
            progress=lambda sent, total: resumed.append(sent), resume=True,
            state_dir=self.work)
        # Nothing sent twice: the second run starts at the third chunk.
        self.assertEqual(2 * CHUNK, resumed[0])
        self.assertEqual(hashlib.sha256(data).hexdigest(),
                         art['image']['sha256'])
        self.assertEqual(data, b''.join(self.glare.open_blob(
            'images', art['id'], 'image')))

    def test_a_changed_file_cancels_the_earlier_session(self):
        data = os.urandom(3 * CHUNK)
        path = self.write(data)
        art = self.image()

        def die_after_one_chunk(sent, total):
            if sent >= CHUNK:
                raise _Killed()

        self.assertRaises(_Killed, self.glare.upload_file, 'images',
                          art['id'], 'image', path, chunk_size=CHUNK,
                          progress=die_after_one_chunk, resume=True,
                          state_dir=self.work)
        earlier, _ = transfer.SessionState(art['id'], 'image', path,
                                           self.work).load()
        self.assertEqual(CHUNK, self.glare._session_offset(earlier))
        # The user fixes the file and runs the same command again.
        data += b'fixed'
        with open(path, 'ab') as stream:
            stream.write(b'fixed')
        art = self.glare.upload_file('images', art['id'], 'image', path,
                                     chunk_size=CHUNK, resume=True,
                                     state_dir=self.work)
        self.assertEqual(hashlib.sha256(data).hexdigest(),
                         art['image']['sha256'])
        # The half-sent session no longer holds its bytes (and quota).
        self.assertRaises(exceptions.NotFound, self.glare._session_offset,
                          earlier)

    def test_known_data_is_linked_not_sent(self):
        data = os.urandom(CHUNK)
        first = self.image()
        self.glare.upload('images', first['id'], 'image', data)

        def unreadable():
            raise AssertionError('the data was read')
            yield b''

        second = self.image()
        art = self.glare.upload('images', second['id'], 'image',
                                unreadable(),
                                sha256=hashlib.sha256(data).hexdigest())
        self.assertEqual(hashlib.sha256(data).hexdigest(),
                         art['image']['sha256'])
        # A file the server holds: no session, nothing sent.
        third = self.image()
        art = self.glare.upload_file('images', third['id'], 'image',
                                     self.write(data), state_dir=self.work)
        self.assertEqual(len(data), art['image']['size'])

    def test_an_import_from_a_url(self):
        source = self.useFixture(
            web_source.DataServer(os.urandom(CHUNK))).server
        art = self.image()
        task = self.glare.import_blob(
            'images', art['id'], 'image',
            'http://127.0.0.1:%d/disk' % source.server_port,
            sha256=hashlib.sha256(source.data).hexdigest())
        server.wait_until(lambda: self.glare.get_import(task['id'])[
            'status'] != 'running', 'the import', 30)
        self.assertEqual('succeeded', self.glare.get_import(task['id'])[
            'status'])
        self.assertEqual(len(source.data), self.glare.get(
            'images', art['id'])['image']['size'])
        # A loopback URL on a server that does not allow it is refused at
        # once; this one allows it, so a bad scheme stands in.
        self.assertRaises(exceptions.BadRequest, self.glare.import_blob,
                          'images', art['id'], 'image', 'ftp://x/y')
