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

"""The fault wrapper: every failure becomes the one JSON error body."""

import fixtures
from oslo_db import exception as db_exc
from oslo_serialization import jsonutils
import webob
import webob.dec
import webob.exc

from glare.api.middleware import fault
from glare import exception
from glare.tests import base

REQUEST_ID = 'req-0b4ef9a8-2f3c-4a57-9d5e-0c1f2a3b4c5d'


def call(app, method='GET', path='/artifacts/images'):
    req = webob.Request.blank(path, method=method)
    req.environ['openstack.request_id'] = REQUEST_ID
    return req.get_response(fault.FaultWrapper(app))


def raising(exc):
    # A bare WSGI app: the exception reaches the wrapper as raised.
    def app(environ, start_response):
        raise exc
    return app


def returning(resp):
    @webob.dec.wsgify
    def app(req):
        return resp
    return app


class TestFaultWrapper(base.TestCase):
    def assertErrorBody(self, resp, code, error_type, message,
                        error_code=None):
        self.assertEqual(code, resp.status_int)
        self.assertEqual('application/json', resp.content_type)
        body = resp.json_body
        self.assertEqual(code, body['code'])
        self.assertEqual(message, body['error']['message'])
        self.assertEqual(error_type, body['error']['type'])
        self.assertEqual(message, body['explanation'])
        self.assertEqual([{'status': code, 'code': error_code or error_type,
                           'title': body['title'], 'detail': message,
                           'request_id': REQUEST_ID}], body['errors'])
        return body

    def test_success_passes_through(self):
        resp = call(returning(webob.Response(json_body={'ok': 1})))
        self.assertEqual(200, resp.status_int)
        self.assertEqual({'ok': 1}, resp.json_body)

    def test_domain_exception(self):
        resp = call(raising(exception.ArtifactNotFound(id='abc')))
        body = self.assertErrorBody(resp, 404, 'ArtifactNotFound',
                                    'Artifact with id=abc not found.')
        self.assertEqual('Not Found', body['title'])

    def test_domain_exception_headers_are_kept(self):
        exc = exception.MethodNotAllowed(method='PUT',
                                         headers={'Allow': 'GET'})
        resp = call(raising(exc), method='PUT')
        self.assertErrorBody(resp, 405, 'MethodNotAllowed',
                             'Method PUT is not allowed here.')
        self.assertEqual('GET', resp.headers['Allow'])

    def test_subclass_has_glares_type_and_its_own_code(self):
        # error.type is what Glare 5.0.1 said; errors[].code says more.
        resp = call(raising(exception.InvalidSort(reason='bad key')))
        self.assertErrorBody(resp, 400, 'BadRequest',
                             'Invalid sort: bad key', 'InvalidSort')
        resp = call(raising(exception.Duplicate(
            type_name='images', name='a', version='1.0.0', scope='project')))
        self.assertEqual(409, resp.status_int)
        self.assertEqual('Conflict', resp.json_body['title'])
        self.assertEqual('Conflict', resp.json_body['error']['type'])
        self.assertEqual('Duplicate', resp.json_body['errors'][0]['code'])
        resp = call(raising(exception.PolicyNotAuthorized(
            action='artifact:publish')))
        self.assertErrorBody(resp, 403, 'PolicyException',
                             'Policy does not allow artifact:publish.',
                             'PolicyNotAuthorized')
        resp = call(raising(exception.MarkerNotFound(marker='m')))
        self.assertErrorBody(resp, 404, 'ArtifactNotFound',
                             'Marker m not found.', 'MarkerNotFound')

    def test_unexpected_exception_is_500_without_details(self):
        logger = self.useFixture(fixtures.FakeLogger())
        resp = call(raising(KeyError('secret-db-password')))
        body = self.assertErrorBody(
            resp, 500, 'InternalServerError',
            'The server failed to complete the request; the error is '
            'logged with request id %s.' % REQUEST_ID)
        self.assertNotIn(b'Traceback', resp.body)
        self.assertNotIn(b'secret-db-password', resp.body)
        self.assertEqual('Internal Server Error', body['title'])
        # The operator gets the details in the log.
        self.assertIn('secret-db-password', logger.output)

    def test_an_outage_is_503_with_retry_after_and_no_traceback(self):
        logger = self.useFixture(fixtures.FakeLogger())
        for exc, retry_after in (
                (db_exc.DBConnectionError('connection refused'), '5'),
                (exception.StoreError(action='store', reason='read-only'),
                 '60')):
            resp = call(raising(exc), method='POST')
            body = self.assertErrorBody(resp, 503, type(exception.outage(
                exc) or exc).__name__, resp.json_body['error']['message'])
            self.assertEqual(retry_after, resp.headers['Retry-After'])
            self.assertIn('nothing was changed', body['error']['message'])
        self.assertIn('POST /artifacts/images answered 503: connection '
                      'refused', logger.output)
        self.assertNotIn('Traceback', logger.output)

    def test_non_json_error_response_is_rewritten_keeping_allow(self):
        resp = call(raising(webob.exc.HTTPMethodNotAllowed(
            headers={'Allow': 'GET, POST'})), method='DELETE')
        self.assertErrorBody(resp, 405, 'MethodNotAllowed',
                             'Method DELETE is not allowed for '
                             '/artifacts/images.')
        self.assertEqual('GET, POST', resp.headers['Allow'])

    def test_returned_html_404_is_rewritten(self):
        resp = call(returning(webob.exc.HTTPNotFound()), path='/nowhere')
        self.assertErrorBody(resp, 404, 'NotFound',
                             'The resource could not be found.')

    def test_other_codes_use_the_explanation(self):
        resp = call(raising(webob.exc.HTTPUnauthorized(
            explanation='Token expired.',
            headers={'WWW-Authenticate': 'Keystone uri="http://ks"'})))
        self.assertErrorBody(resp, 401, 'Unauthorized', 'Token expired.')
        self.assertEqual('Keystone uri="http://ks"',
                         resp.headers['WWW-Authenticate'])

    def test_plain_text_error_gets_the_status_title(self):
        resp = call(returning(webob.Response(
            status=503, content_type='text/plain', body=b'down')))
        self.assertErrorBody(resp, 503, 'ServiceUnavailable',
                             'Service Unavailable')

    def test_json_error_responses_are_left_alone(self):
        resp = call(returning(webob.Response(status=409,
                                             json_body={'mine': 1})))
        self.assertEqual(409, resp.status_int)
        self.assertEqual({'mine': 1}, resp.json_body)


class TestKeystonemiddlewareErrors(base.TestCase):
    def test_its_401_gets_glares_body_and_keeps_www_authenticate(self):
        @webob.dec.wsgify
        def rejecting(req):
            # What keystonemiddleware's auth_token answers a bad token.
            raise webob.exc.HTTPUnauthorized(
                body=jsonutils.dumps({'error': {
                    'code': 401, 'title': 'Unauthorized',
                    'message': 'The request you have made requires '
                               'authentication.'}}),
                headers=[('WWW-Authenticate',
                          'Keystone uri="http://ks/v3"')],
                content_type='application/json', charset='UTF-8')

        req = webob.Request.blank('/artifacts/images')
        req.environ['openstack.request_id'] = 'req-1'
        resp = req.get_response(fault.FaultWrapper(rejecting))
        self.assertEqual(401, resp.status_int)
        self.assertEqual('Keystone uri="http://ks/v3"',
                         resp.headers['WWW-Authenticate'])
        body = resp.json_body
        self.assertEqual('The request you have made requires '
                         'authentication.', body['error']['message'])
        self.assertEqual('Unauthorized', body['error']['type'])
        self.assertEqual('req-1', body['errors'][0]['request_id'])
