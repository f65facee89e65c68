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

"""Imports of blob data from a URL (API 1.2), from a local HTTP server."""

import hashlib
import os
import threading

from oslo_serialization import jsonutils

from glare import context as glare_context
from glare.engine import scrubber
from glare.engine import url_imports as imports
from glare.tests.functional import test_blobs
from glare.tests.functional import web_source

V12 = {'OpenStack-API-Version': 'artifact 1.2'}
IMPORT = 'application/vnd+openstack.glare-blob-import+json'


class _Handler(web_source.DataHandler):
    def do_GET(self):
        server = self.server
        if self.path.startswith('/redirect'):
            self.send_response(302)
            self.send_header('Location', server.redirect_to)
            self.end_headers()
            return
        if self.path == '/slow':
            server.release.wait(30)
            self.send_response(200)
            self.send_header('Content-Length', '4')
            self.end_headers()
            self.wfile.write(b'slow')
            return
        if self.path != '/data':
            self.send_error(404)
            return
        self.send_data()


class TestImports(test_blobs.BlobTestCase):
    def setUp(self):
        super().setUp()
        self.data = os.urandom(200 * 1024)
        self.source = self.serve('127.0.0.1')
        self.flags(group='blob_import', allowed_networks=['127.0.0.1/32'],
                   allowed_ports=[str(self.source.server_port)])

    def serve(self, host):
        server = self.useFixture(
            web_source.DataServer(self.data, _Handler, host)).server
        server.release = threading.Event()
        # Before the server stops: a /slow request must not hold it.
        self.addCleanup(server.release.set)
        return server

    def url(self, server, path='/data'):
        return 'http://%s:%d%s' % (server.server_address[0],
                                   server.server_port, path)

    def start(self, art, url, headers=V12, **body):
        body['import_url'] = url
        return self.put(self.blob_url(art, 'image'), jsonutils.dumps(body),
                        headers=headers, content_type=IMPORT)

    def outcome(self, resp):
        self.assertEqual(202, resp.status_int, resp.text)
        imports.wait(60)
        got = self.get(resp.headers['Location'].replace(
            'http://localhost', ''), headers=V12)
        self.assertEqual(200, got.status_int, got.text)
        return got.json

    def image(self, art):
        return self.get('/artifacts/images/%s' % art['id']).json['image']

    def test_an_import_fetches_the_data(self):
        art = self.create(name='img')
        resp = self.start(art, self.url(self.source),
                          sha256=hashlib.sha256(self.data).hexdigest())
        self.assertEqual('running', resp.json['status'])
        result = self.outcome(resp)
        self.assertEqual(('succeeded', None),
                         (result['status'], result['reason']))
        blob = self.image(art)
        self.assertEqual(dict(test_blobs.digests(self.data), status='active',
                              size=len(self.data)),
                         {k: blob[k] for k in ('md5', 'sha1', 'sha256',
                                               'status', 'size')})
        self.assertEqual(self.data, self.get(self.blob_url(art, 'image'))
                         .body)

    def test_loopback_is_refused_unless_allowed(self):
        self.flags(group='blob_import', allowed_networks=[])
        art = self.create(name='img')
        resp = self.start(art, self.url(self.source))
        self.assertError(resp, 400, '127.0.0.1', 'loopback')
        self.assertIsNone(self.image(art))

    def test_a_redirect_to_a_refused_target_fails(self):
        # The first server is allowed; it sends the import to loopback,
        # which is not.
        self.flags(group='blob_import', allowed_networks=['127.0.0.2/32'])
        relay = self.serve('127.0.0.2')
        relay.redirect_to = self.url(self.source)
        self.flags(group='blob_import', allowed_ports=[
            str(self.source.server_port), str(relay.server_port)])
        art = self.create(name='img')
        result = self.outcome(self.start(art, self.url(relay, '/redirect')))
        self.assertEqual('failed', result['status'])
        self.assertIn('loopback', result['reason'])
        self.assertIsNone(self.image(art))
        self.assertEqual([], self.stored_files())

    def test_a_digest_mismatch_keeps_nothing(self):
        art = self.create(name='img')
        result = self.outcome(self.start(art, self.url(self.source),
                                         sha256='0' * 64))
        self.assertEqual('failed', result['status'])
        self.assertIn('does not match', result['reason'])
        self.assertIsNone(self.image(art))
        self.assertEqual([], self.stored_files())

    def test_the_size_limit_applies(self):
        self.flags(group='blob_import', max_size=1000)
        art = self.create(name='img')
        result = self.outcome(self.start(art, self.url(self.source)))
        self.assertEqual('failed', result['status'])
        self.assertIn('1000 bytes', result['reason'])
        self.assertIsNone(self.image(art))

    def test_a_missing_source_fails_with_its_answer(self):
        art = self.create(name='img')
        result = self.outcome(self.start(art, self.url(self.source,
                                                       '/nothing')))
        self.assertEqual('failed', result['status'])
        self.assertIn('404', result['reason'])

    def test_disallowed_ports_and_schemes_are_refused(self):
        art = self.create(name='img')
        self.assertError(self.start(art, 'http://127.0.0.1:1/data'), 400,
                         'port 1')
        self.assertError(self.start(art, 'file:///etc/passwd'), 400,
                         'scheme')

    def test_before_1_2_an_import_body_is_data(self):
        art = self.create(name='img')
        resp = self.start(art, self.url(self.source), headers={})
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(IMPORT, resp.json['image']['content_type'])

    def test_an_import_whose_process_died_is_failed_by_the_scrubber(self):
        art = self.create(name='img')
        resp = self.start(art, self.url(self.source, '/slow'))
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertEqual('saving', self.image(art)['status'])
        # As glare-scrubber does for the claim of a process that died.
        with self.db.engine.begin() as connection:
            connection.exec_driver_sql(
                "DELETE FROM artifact_blobs WHERE artifact_id = '%s'" %
                art['id'])
        scrubber.scrub(glare_context.get_admin_context())
        task = self.get(resp.headers['Location'].replace(
            'http://localhost', ''), headers=V12).json
        self.assertEqual('failed', task['status'])
        self.assertIn('API process', task['reason'])
        self.source.release.set()
        imports.wait(60)
        self.assertIsNone(self.image(art))
