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

"""Resumable uploads (API 1.2) through the whole WSGI application."""

import datetime
import hashlib
import os
import signal
import socket
import urllib.parse

import requests
import testtools
from testtools import content

from glare.artifact_types import heat_templates
from glare import context as glare_context
from glare.engine import scrubber
from glare.tests import base as test_base
from glare.tests import databases
from glare.tests.functional import base
from glare.tests.functional import server
from glare.tests.functional import test_blobs
from glare.tests.functional import test_scale_out

V12 = {'OpenStack-API-Version': 'artifact 1.2'}
HEADERS = dict(test_scale_out.ADMIN, **V12)


def sha256(data):
    return 'sha256:' + hashlib.sha256(data).hexdigest()


class SessionTestCase(test_blobs.BlobTestCase):
    def request(self, method, url, body=b'', headers=None, token=base.MEMBER,
                version=V12):
        return self.app.request(
            url, method=method, body=body,
            headers=dict(self._headers(token, headers), **version),
            status='*')

    def start(self, art, blob='image', **kwargs):
        resp = self.request('POST', self.blob_url(art, blob) + '/uploads',
                            **kwargs)
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertEqual(('0-0', '0'), (
            resp.headers['Range'],
            resp.headers['OpenStack-Glare-Upload-Offset']))
        return urllib.parse.urlparse(resp.headers['Location']).path

    def chunk(self, session, data, start, **kwargs):
        return self.request('PATCH', session, data, headers={
            'Content-Range': '%d-%d' % (start, start + len(data) - 1),
            'Content-Type': 'application/octet-stream'}, **kwargs)

    def finish(self, session, data, **kwargs):
        return self.request('PUT', '%s?digest=%s' % (session, sha256(data)),
                            **kwargs)


class TestUploadSessions(SessionTestCase):
    def test_chunks_make_the_blob(self):
        data = os.urandom(300 * 1024)
        art = self.create(name='img')
        session = self.start(art)
        self.assertTrue(session.startswith('/upload-sessions/'))
        for start in range(0, len(data), 100 * 1024):
            resp = self.chunk(session, data[start:start + 100 * 1024], start)
            self.assertEqual(202, resp.status_int, resp.text)
            self.assertEqual('0-%d' % (min(start + 100 * 1024, len(data)) -
                                       1), resp.headers['Range'])
        resp = self.request('GET', session)
        self.assertEqual(204, resp.status_int, resp.text)
        self.assertEqual('0-%d' % (len(data) - 1), resp.headers['Range'])
        resp = self.finish(session, data)
        self.assertEqual(201, resp.status_int, resp.text)
        self.assertEqual(self.blob_url(art, 'image'),
                         resp.headers['Location'].replace(
                             'http://localhost', ''))
        self.assertEqual(dict(test_blobs.digests(data), size=len(data),
                              status='active', external=False,
                              content_type='application/octet-stream',
                              url=self.blob_url(art, 'image')),
                         resp.json['image'])
        self.assertEqual(data, self.get(self.blob_url(art, 'image')).body)
        # Only the blob's data is left; the session is gone.
        self.assertEqual(1, len(self.stored_files()))
        self.assertEqual(404, self.request('GET', session).status_int)

    def test_the_sessions_file_becomes_the_blobs_data(self):
        # Nothing is copied: the file the chunks went into is the blob's.
        art = self.create(name='img')
        session = self.start(art)
        self.chunk(session, b'first ', 0)
        [name] = self.stored_files()
        self.chunk(session, b'second', 6)
        self.assertEqual(201, self.finish(session, b'first second')
                         .status_int)
        self.assertEqual([name], self.stored_files())
        self.assertEqual(b'first second',
                         self.get(self.blob_url(art, 'image')).body)

    def test_a_session_of_stored_content_shares_it(self):
        data = os.urandom(4096)
        first = self.create(name='first')
        self.assertEqual(200, self.put(self.blob_url(first, 'image'),
                                       data).status_int)
        stored = self.stored_files()
        art = self.create(name='img')
        session = self.start(art)
        self.chunk(session, data, 0)
        resp = self.finish(session, data)
        self.assertEqual(201, resp.status_int, resp.text)
        self.assertEqual(stored, self.stored_files())
        self.assertEqual(data, self.get(self.blob_url(art, 'image')).body)

    def test_a_session_from_before_the_upgrade_finishes_as_it_began(self):
        # Started when every chunk was a store object of its own: no file.
        art = self.create(name='img')
        session = self.start(art)
        [name] = self.stored_files()
        with self.db.engine.begin() as connection:
            connection.exec_driver_sql(
                'DELETE FROM upload_session_chunks')
        os.unlink(os.path.join(self.store_dir, name))
        data = os.urandom(3000)
        for start in (0, 1000, 2000):
            self.assertEqual(202, self.chunk(
                session, data[start:start + 1000], start).status_int)
        self.assertEqual(3, len(self.stored_files()))
        resp = self.finish(session, data)
        self.assertEqual(201, resp.status_int, resp.text)
        image = resp.json['image']
        self.assertEqual(dict(test_blobs.digests(data), size=len(data)),
                         {k: image[k] for k in ('md5', 'sha1', 'sha256',
                                                'size')})
        self.assertEqual(data, self.get(self.blob_url(art, 'image')).body)
        self.assertEqual(1, len(self.stored_files()))

    def test_gaps_and_overlaps_are_416_with_the_offset(self):
        art = self.create(name='img')
        session = self.start(art)
        self.assertEqual(202, self.chunk(session, b'a' * 10, 0).status_int)
        for start in (5, 11, 0):
            resp = self.chunk(session, b'b' * 10, start)
            self.assertError(resp, 416, 'starts at 10')
            self.assertEqual('0-9', resp.headers['Range'])
        self.assertEqual(1, len(self.stored_files()))

    def test_a_digest_mismatch_keeps_nothing(self):
        art = self.create(name='img')
        session = self.start(art)
        self.chunk(session, b'data', 0)
        resp = self.finish(session, b'other')
        self.assertError(resp, 400, 'does not match its digest')
        self.assertIsNone(self.get('/artifacts/images/%s' % art['id'])
                          .json['image'])
        self.assertEqual([], self.stored_files())
        self.assertEqual(404, self.request('GET', session).status_int)

    def test_cancel_removes_the_chunks(self):
        art = self.create(name='img')
        session = self.start(art)
        self.chunk(session, b'data', 0)
        self.assertEqual(204, self.request('DELETE', session).status_int)
        self.assertEqual([], self.stored_files())
        self.assertEqual(404, self.request('GET', session).status_int)

    def test_expired_sessions_are_freed_by_the_scrubber(self):
        art = self.create(name='img')
        session = self.start(art)
        self.chunk(session, b'data', 0)
        with self.db.engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE upload_sessions SET expires_at = '%s'" % (
                    datetime.datetime(2000, 1, 1)))
        self.assertEqual(404, self.request('GET', session).status_int)
        self.assertEqual(1, len(self.stored_files()))
        scrubber.scrub(glare_context.get_admin_context())
        self.assertEqual([], self.stored_files())

    def test_others_cannot_see_a_session(self):
        art = self.create(name='img')
        session = self.start(art)
        resp = self.chunk(session, b'data', 0, token=base.OTHER)
        self.assertError(resp, 404, 'Upload session')
        self.assertEqual(404, self.request('GET', session,
                                           token=base.OTHER).status_int)

    def test_the_quota_counts_a_sessions_bytes(self):
        resp = self.app.put_json('/quotas', [{
            'project_id': 'project1', 'project_quotas': [
                {'quota_name': 'max_uploaded_data', 'quota_value': 100}]}],
            headers={'X-Auth-Token': base.ADMIN,
                     'OpenStack-API-Version': 'artifact 1.1'}, status='*')
        self.assertEqual(200, resp.status_int, resp.text)
        art = self.create(name='img')
        session = self.start(art)
        self.assertEqual(202, self.chunk(session, b'a' * 80, 0).status_int)
        other = self.create(name='other')
        resp = self.put(self.blob_url(other, 'image'), b'b' * 30)
        self.assertEqual(413, resp.status_int, resp.text)
        # The session's own bytes become the blob's, counted once.
        resp = self.finish(session, b'a' * 80)
        self.assertEqual(201, resp.status_int, resp.text)
        resp = self.put(self.blob_url(other, 'image'), b'b' * 20)
        self.assertEqual(200, resp.status_int, resp.text)

    def test_before_1_2_there_are_no_sessions(self):
        art = self.create(name='img')
        resp = self.request('POST', self.blob_url(art, 'image') + '/uploads',
                            version={})
        self.assertEqual(405, resp.status_int, resp.text)
        session = self.start(art)
        resp = self.request('GET', session, version={})
        self.assertEqual(404, resp.status_int, resp.text)


class TestResumeAcrossServers(testtools.TestCase):
    """A 200 MiB upload survives a killed client and a killed glare-api.

    Two glare-api processes on one PostgreSQL database and one store take
    the chunks in turn.
    """

    SIZE = 200 * 1024 * 1024
    CHUNK = 16 * 1024 * 1024

    def setUp(self):
        super().setUp()
        self.deployment = self.useFixture(test_scale_out.Deployment())
        self.addOnException(self._attach_logs)

    def _attach_logs(self, exc_info):
        for n, glare in enumerate(self.deployment.servers):
            self.addDetail('glare-api-%d.log' % n,
                           content.text_content(glare.log_text()))

    def start_session(self, glare, name):
        """A new image and an upload session of its blob: the session path."""
        art = requests.post(glare.url + '/artifacts/images',
                            json={'name': name}, headers=HEADERS,
                            timeout=test_scale_out.TIMEOUT).json()
        resp = requests.post(
            glare.url + '/artifacts/images/%s/image/uploads' % art['id'],
            headers=HEADERS, timeout=test_scale_out.TIMEOUT)
        self.assertEqual(202, resp.status_code, resp.text)
        return urllib.parse.urlparse(resp.headers['Location']).path

    def offset(self, glare, session):
        resp = requests.get(glare.url + session, headers=HEADERS,
                            timeout=test_scale_out.TIMEOUT)
        self.assertEqual(204, resp.status_code, resp.text)
        return int(resp.headers['OpenStack-Glare-Upload-Offset'])

    def send(self, glare, session, data, start):
        resp = requests.patch(
            glare.url + session, data=data[start:start + self.CHUNK],
            headers=dict(HEADERS, **{'Content-Range': '%d-%d' % (
                start, min(start + self.CHUNK, len(data)) - 1)}),
            timeout=test_scale_out.TIMEOUT)
        self.assertEqual(202, resp.status_code, resp.text)
        return int(resp.headers['OpenStack-Glare-Upload-Offset'])

    def broken_chunk(self, glare, session, start, close=True):
        """A client that dies half-way through a chunk."""
        host, port = glare.url[len('http://'):].rsplit(':', 1)
        sock = socket.create_connection((host, int(port)),
                                        timeout=test_scale_out.TIMEOUT)
        sock.sendall((
            'PATCH %s HTTP/1.1\r\nHost: %s:%s\r\n'
            'X-Auth-Token: admin:admin:admin\r\n'
            'OpenStack-API-Version: artifact 1.2\r\n'
            'Content-Range: %d-%d\r\n'
            'Content-Length: %d\r\n\r\n' % (
                session, host, port, start, start + self.CHUNK - 1,
                self.CHUNK)).encode())
        sock.sendall(os.urandom(self.CHUNK // 2))
        if not close:
            return sock
        sock.close()

    def test_an_interrupted_upload_resumes_from_the_servers_offset(self):
        first, second = (self.deployment.start_server(),
                         self.deployment.start_server())
        data = os.urandom(self.SIZE)
        session = self.start_session(first, 'big')
        offset = 0
        servers = [first, second]
        for n in range(4):  # chunks to both processes in turn
            offset = self.send(servers[n % 2], session, data, offset)
        self.assertEqual(4 * self.CHUNK, offset)

        # The client is killed mid-chunk; it resumes where the server is.
        self.broken_chunk(first, session, offset)
        server.wait_until(
            lambda: self.offset(second, session) == offset and
            'PATCH' in first.log_text(), 'the broken chunk', 20)
        offset = self.offset(second, session)
        for n in range(3):
            offset = self.send(servers[n % 2], session, data, offset)

        # glare-api is killed between chunks and started again.
        os.killpg(first.process.pid, signal.SIGKILL)
        first.process.wait(test_scale_out.TIMEOUT)
        restarted = self.deployment.start_server()
        offset = self.offset(restarted, session)
        self.assertEqual(7 * self.CHUNK, offset)
        servers = [restarted, second]
        n = 0
        while offset < len(data):
            offset = self.send(servers[n % 2], session, data, offset)
            n += 1

        resp = requests.put(
            restarted.url + session, params={'digest': 'sha256:' +
                                             hashlib.sha256(data).hexdigest()},
            headers=HEADERS, timeout=test_scale_out.TIMEOUT)
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertEqual(dict(test_blobs.digests(data), size=len(data),
                              status='active'),
                         {k: resp.json()['image'][k] for k in (
                             'md5', 'sha1', 'sha256', 'size', 'status')})
        # The finish names the blob it filled.
        blob = urllib.parse.urlparse(resp.headers['Location']).path
        got = requests.get(second.url + blob, headers=HEADERS,
                           timeout=test_scale_out.TIMEOUT)
        self.assertEqual(hashlib.sha256(data).hexdigest(),
                         hashlib.sha256(got.content).hexdigest())
        # The chunks are gone: only the blob's data is stored.
        self.assertEqual(1, len(self.deployment.stored_files()))

    def test_a_chunk_cut_by_a_killed_server_leaves_nothing(self):
        doomed = self.deployment.start_server()
        data = os.urandom(2 * self.CHUNK)
        session = self.start_session(doomed, 'cut')
        self.send(doomed, session, data, 0)
        before = self.stored_bytes()
        sock = self.broken_chunk(doomed, session, self.CHUNK, close=False)
        server.wait_until(lambda: self.stored_bytes() > before,
                          'the partial chunk', 20)
        os.killpg(doomed.process.pid, signal.SIGKILL)
        doomed.process.wait(test_scale_out.TIMEOUT)
        sock.close()
        survivor = self.deployment.start_server()
        offset = self.offset(survivor, session)
        self.assertEqual(self.CHUNK, offset)
        self.send(survivor, session, data, offset)
        resp = requests.put(
            survivor.url + session, params={
                'digest': 'sha256:' + hashlib.sha256(data).hexdigest()},
            headers=HEADERS, timeout=test_scale_out.TIMEOUT)
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertEqual(hashlib.md5(data).hexdigest(),
                         resp.json()['image']['md5'])
        # The blob's data alone: the partial chunk went with the session.
        self.assertEqual(1, len(self.deployment.stored_files()))
        self.assertEqual(len(data), self.stored_bytes())

    def test_a_chunk_being_written_holds_the_session(self):
        glare = self.deployment.start_server()
        data = os.urandom(2 * self.CHUNK)
        digest = {'digest': 'sha256:' + hashlib.sha256(data).hexdigest()}
        session = self.start_session(glare, 'held')
        self.send(glare, session, data, 0)
        sock = self.broken_chunk(glare, session, self.CHUNK, close=False)
        server.wait_until(lambda: self.stored_bytes() > self.CHUNK,
                          'the chunk being written', 20)
        # Finishing would take half a chunk: refused while it is written.
        resp = requests.put(glare.url + session, params=digest,
                            headers=HEADERS, timeout=test_scale_out.TIMEOUT)
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertEqual('UploadSessionBusy', resp.json()['errors'][0]['code'])
        # The same chunk again (a client that gave up on the first) is
        # told where the session ends once it has waited a while.
        resp = requests.patch(
            glare.url + session, data=data[self.CHUNK:],
            headers=dict(HEADERS, **{'Content-Range': '%d-%d' % (
                self.CHUNK, len(data) - 1)}),
            timeout=test_scale_out.TIMEOUT)
        self.assertEqual(416, resp.status_code, resp.text)
        self.assertEqual(str(self.CHUNK),
                         resp.headers['OpenStack-Glare-Upload-Offset'])
        sock.close()
        server.wait_until(
            lambda: requests.patch(
                glare.url + session, data=data[self.CHUNK:],
                headers=dict(HEADERS, **{'Content-Range': '%d-%d' % (
                    self.CHUNK, len(data) - 1)}),
                timeout=test_scale_out.TIMEOUT).status_code == 202,
            'the session to take the chunk again', 30)
        resp = requests.put(glare.url + session, params=digest,
                            headers=HEADERS, timeout=test_scale_out.TIMEOUT)
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertEqual(len(data), self.stored_bytes())

    def stored_bytes(self):
        return sum(os.path.getsize(os.path.join(
            self.deployment.store_dir, name))
            for name in self.deployment.stored_files())


class TestUploadSessionsPostgreSQL(TestUploadSessions):
    def database(self):
        return databases.MigratedDatabase(databases.POSTGRESQL)


class TestUploadSessionsMySQL(TestUploadSessions):
    def database(self):
        return databases.MigratedDatabase(databases.MYSQL)


class TestCheckedTypes(SessionTestCase):
    """Types whose upload hook checks the data take it in one request."""

    def setUp(self):
        super().setUp()
        self.types = dict(self.types,
                          heat_templates=heat_templates.HeatTemplate)
        self.useFixture(test_base.Types(dict(self.types)))
        self.app = self.build_app()

    def test_no_sessions_for_types_that_check_their_data(self):
        art = self.create(type_name='heat_templates', name='tpl')
        resp = self.request('POST', '/artifacts/heat_templates/%s/'
                            'template/uploads' % art['id'])
        self.assertError(resp, 400, 'heat_templates', 'one request')
