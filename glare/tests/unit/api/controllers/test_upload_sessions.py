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

"""Resumable uploads' HTTP side (glare.api.controllers.upload_sessions).

The engine's use cases are mocked (how chunks are stored is theirs);
these tests are about routes, headers, input checks and status codes.
The policy rules are the real defaults.
"""

import collections
import datetime

import fixtures

from glare.api.controllers import upload_sessions as controller
from glare import exception
from glare.tests.unit.api.controllers import fakes

SHA256 = 'ab' * 32
Session = collections.namedtuple(
    'Session', 'id type_name artifact_id field_name key_name received '
               'expires_at')


class SessionsTestCase(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.art = fakes.artifact()
        self.useFixture(fixtures.MockPatch(
            'glare.engine.artifacts.get', return_value=self.art))
        self.session = Session('s1', 'samples', self.art.id, 'image', None,
                               10, datetime.datetime(2026, 12, 5, 12, 0, 0))
        self.engine = {}
        for name in ('start', 'get', 'append', 'finish', 'cancel'):
            self.engine[name] = self.useFixture(fixtures.MockPatch(
                'glare.engine.upload_sessions.' + name,
                return_value=self.session)).mock
        self.engine['finish'].return_value = self.art

    def chunk(self, content_range, body=b'0123456789', ctx=None,
              method='PATCH', query=''):
        headers = {'Content-Range': content_range} if content_range else {}
        return fakes.request('/upload-sessions/s1' + query, method,
                             body=body, content_type='application/'
                             'octet-stream', headers=headers, ctx=ctx)


class TestStart(SessionsTestCase):
    def start(self, blob_path, version=(1, 2), ctx=None):
        path = '/artifacts/samples/%s/%s' % (self.art.id, blob_path)
        return controller.start(fakes.request(
            path, 'POST', body=b'', content_type='image/x-raw',
            version=version, ctx=ctx), 'samples', self.art.id, blob_path)

    def test_a_session_is_accepted_with_where_it_lives(self):
        resp = self.start('image/uploads')
        self.assertEqual(202, resp.status_int)
        self.assertEqual('/upload-sessions/s1', resp.headers['Location'])
        self.assertEqual(('0-9', '10'), (
            resp.headers['Range'],
            resp.headers['OpenStack-Glare-Upload-Offset']))
        self.assertEqual({'id': 's1', 'offset': 10,
                          'location': '/upload-sessions/s1',
                          'expires_at': '2026-12-05T12:00:00Z'},
                         self.json(resp))
        self.assertEqual((self.art, 'image', None, 'image/x-raw'),
                         self.engine['start'].call_args[0][1:])

    def test_a_folder_key_may_hold_slashes(self):
        self.start('files/a/b.yaml/uploads')
        self.assertEqual(('files', 'a/b.yaml'),
                         self.engine['start'].call_args[0][2:4])

    def test_before_1_2_and_without_uploads_it_is_405(self):
        for path, version in (('image/uploads', (1, 1)), ('image', (1, 2)),
                              ('uploads', (1, 2))):
            exc = self.assertRaises(exception.MethodNotAllowed, self.start,
                                    path, version)
            self.assertEqual('DELETE, GET, HEAD, PUT', exc.headers['Allow'])
        self.engine['start'].assert_not_called()

    def test_readers_do_not_upload(self):
        self.assertRaises(exception.PolicyNotAuthorized, self.start,
                          'image/uploads',
                          ctx=fakes.context(roles=fakes.READER))
        self.engine['start'].assert_not_called()


class TestChunks(SessionsTestCase):
    def test_a_chunk_at_the_end_is_appended(self):
        for content_range in ('bytes 10-19/100', 'bytes 10-19/*', '10-19',
                              None):
            resp = controller.append(self.chunk(content_range), 's1')
            self.assertEqual(202, resp.status_int)
            self.assertEqual('/upload-sessions/s1',
                             resp.headers['Location'])
            self.assertEqual((self.art, self.session, 10, 10), (
                self.engine['append'].call_args[0][1:3] +
                self.engine['append'].call_args[0][4:]))

    def test_a_bad_range_is_named(self):
        for content_range, says in (
                ('bytes=10-19', 'is not "<start>-<end>"'),
                ('19-10', 'ends before it starts'),
                ('10-14', 'announces 5 bytes; Content-Length is 10')):
            exc = self.assertRaises(exception.BadRequest, controller.append,
                                    self.chunk(content_range), 's1')
            self.assertIn(says, exc.msg)
        self.engine['append'].assert_not_called()

    def test_a_chunk_elsewhere_says_where_to_resume(self):
        exc = self.assertRaises(exception.RangeNotSatisfiable,
                                controller.append, self.chunk('0-9'), 's1')
        self.assertEqual(416, exc.code)
        self.assertEqual('0-9', exc.headers['Range'])
        self.assertIn('the next chunk starts at 10', exc.msg)
        self.engine['append'].assert_not_called()

    def test_where_to_resume(self):
        resp = controller.show(fakes.request('/upload-sessions/s1'), 's1')
        self.assertEqual((204, '0-9', '10'), (
            resp.status_int, resp.headers['Range'],
            resp.headers['OpenStack-Glare-Upload-Offset']))

    def test_a_session_on_an_unseen_artifact_does_not_exist(self):
        # The engine finds no artifact the caller may read: the answer
        # names the session, not the artifact behind it.
        self.useFixture(fixtures.MockPatch(
            'glare.engine.artifacts.get',
            side_effect=exception.ArtifactNotFound(id=self.art.id)))
        for handler in (controller.show, controller.cancel):
            exc = self.assertRaises(exception.NotFound, handler,
                                    fakes.request('/upload-sessions/s1'),
                                    's1')
            self.assertEqual('Upload session s1 does not exist or has '
                             'expired.', exc.msg)
        self.engine['cancel'].assert_not_called()

    def test_cancel_is_204(self):
        resp = controller.cancel(fakes.request('/upload-sessions/s1',
                                               'DELETE'), 's1')
        self.assertEqual(204, resp.status_int)
        self.assertEqual(self.session,
                         self.engine['cancel'].call_args[0][1])


class TestFinish(SessionsTestCase):
    def finish(self, query, content_range=None, body=b''):
        return controller.finish(self.chunk(
            content_range, body=body, method='PUT', query=query), 's1')

    def test_finishing_answers_the_artifact_and_the_blob(self):
        resp = self.finish('?digest=sha256:' + SHA256.upper())
        self.assertEqual(201, resp.status_int)
        self.assertEqual('/artifacts/samples/%s/image' % self.art.id,
                         resp.headers['Location'])
        self.assertEqual(self.art.id, self.json(resp)['id'])
        self.assertEqual((self.art, self.session, SHA256),
                         self.engine['finish'].call_args[0][1:])
        self.engine['append'].assert_not_called()

    def test_the_last_chunk_may_come_with_it(self):
        self.finish('?digest=sha256:' + SHA256, '10-19', b'0123456789')
        self.assertEqual(10, self.engine['append'].call_args[0][5])
        self.engine['finish'].assert_called_once()

    def test_the_digest_is_required_and_checked(self):
        for query, says in (
                ('', 'needs ?digest=sha256:<hex>'),
                ('?digest=md5:' + SHA256, 'is not "sha256:"'),
                ('?digest=sha256:' + SHA256[:-1], 'is not "sha256:"'),
                ('?digest=sha256:' + 'zz' * 32, 'is not "sha256:"')):
            exc = self.assertRaises(exception.BadRequest, self.finish,
                                    query)
            self.assertIn(says, exc.msg)
        self.engine['finish'].assert_not_called()
