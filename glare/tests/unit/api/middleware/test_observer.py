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

"""One access log line and one set of metrics per request."""

import io

import fixtures
import webob

from glare.api.middleware import auth
from glare.api.middleware import observer
from glare.api import router
from glare import context
from glare import metrics
from glare.tests import base

ROUTE = router.Route('/things/{id}', {})


def app(environ, start_response):
    """Reads the body, answers 201 with eight bytes in two chunks."""
    environ['wsgi.input'].read()
    environ[router.ENVIRON_KEY] = router.Match(ROUTE, {'id': 'x'})
    environ['openstack.request_id'] = 'req-42'
    environ[auth.CONTEXT_KEY] = context.RequestContext(
        user_id='u1', project_id='p1')
    start_response('201 Created', [('Content-Length', '8')])
    return [b'abcd', b'efgh']


class TestObserver(base.TestCase):
    def setUp(self):
        super().setUp()
        self.logger = self.useFixture(fixtures.FakeLogger(
            name='glare.access', format='%(message)s'))

    def value(self, family, *labels):
        return getattr(metrics.families(), family).labels(
            *labels)._value.get()

    def call(self, application, path='/things/x?a=1', body=b'12345'):
        environ = webob.Request.blank(path, method='PUT', body=body,
                                      remote_addr='192.0.2.5').environ
        statuses = []
        result = observer.Observer(application)(
            environ, lambda status, headers, exc_info=None:
            statuses.append(status))
        chunks = list(result)
        result.close()
        return statuses, chunks

    def test_one_line_with_who_what_and_how_much(self):
        before = self.value('requests', '/things/{id}', 'PUT', '201')
        sent = self.value('sent', '/things/{id}')
        received = self.value('received', '/things/{id}')
        self.assertEqual((['201 Created'], [b'abcd', b'efgh']),
                         self.call(app))
        [line] = self.logger.output.splitlines()
        self.assertTrue(line.startswith(
            '192.0.2.5 "PUT /things/x?a=1 HTTP/1.0" 201 8 '), line)
        for fragment in ('in=5 ', 'request_id=req-42', 'user=u1',
                         'project=p1', 'route=/things/{id}'):
            self.assertIn(fragment, line)
        self.assertEqual(before + 1, self.value(
            'requests', '/things/{id}', 'PUT', '201'))
        self.assertEqual(sent + 8, self.value('sent', '/things/{id}'))
        self.assertEqual(received + 5, self.value('received',
                                                  '/things/{id}'))

    def test_a_failing_application_is_logged_as_500(self):
        def broken(environ, start_response):
            raise RuntimeError('boom')
        self.assertRaises(RuntimeError, self.call, broken)
        self.assertIn('" 500 0 ', self.logger.output)
        self.assertIn('route=unmatched', self.logger.output)

    def test_file_wrappers_stay_file_wrappers(self):
        class FileWrapper:
            def __init__(self, filelike):
                self.filelike = filelike

            def __iter__(self):
                return iter([self.filelike.read()])

            def close(self):
                self.filelike.close()

        wrapper = FileWrapper(io.BytesIO(b'0123456789'))

        def download(environ, start_response):
            start_response('200 OK', [('Content-Length', '10')])
            return wrapper

        environ = webob.Request.blank('/d').environ
        result = observer.Observer(download)(
            environ, lambda *args: None)
        self.assertIs(wrapper, result)
        self.assertEqual('', self.logger.output)
        result.close()
        self.assertIn('" 200 10 ', self.logger.output)
