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

"""The microversion middleware: negotiation, stamping, 400 and 406."""

import webob
import webob.dec

from glare.api import microversion as mv
from glare.api.middleware import microversion
from glare.tests import base


@webob.dec.wsgify
def echo_version(req):
    resp = webob.Response(json_body={
        'version': mv.format_version(req.environ[mv.ENVIRON_KEY])})
    resp.headers['Vary'] = 'Accept'
    return resp


@webob.dec.wsgify
def not_found(req):
    return webob.Response(status=404, json_body={'missing': True})


def call(header=None, app=echo_version, accept=None):
    req = webob.Request.blank('/artifacts/images')
    if header is not None:
        req.headers[mv.HEADER] = header
    if accept is not None:
        req.headers['Accept'] = accept
    return req.get_response(microversion.MicroversionMiddleware(app))


class TestNegotiation(base.TestCase):
    def test_default_is_the_minimum(self):
        resp = call()
        self.assertEqual(200, resp.status_int)
        self.assertEqual({'version': '1.0'}, resp.json_body)
        self.assertEqual('artifact 1.0', resp.headers[mv.HEADER])

    def test_requested_version_is_served_and_stamped(self):
        resp = call('artifact 1.1')
        self.assertEqual({'version': '1.1'}, resp.json_body)
        self.assertEqual('artifact 1.1', resp.headers[mv.HEADER])

    def test_latest(self):
        resp = call('artifact latest')
        self.assertEqual({'version': mv.MAX_VERSION}, resp.json_body)

    def test_glares_media_type_in_accept_asks_for_a_version(self):
        accept = 'application/vnd.openstack.artifacts-1.1'
        resp = call(accept=accept)
        self.assertEqual({'version': '1.1'}, resp.json_body)
        self.assertEqual('artifact 1.1', resp.headers[mv.HEADER])
        # The header wins over Accept.
        self.assertEqual({'version': '1.0'},
                         call('artifact 1.0', accept=accept).json_body)
        self.assertEqual({'version': '1.0'},
                         call(accept='application/json').json_body)
        resp = call(accept='application/vnd.openstack.artifacts-one')
        self.assertEqual(400, resp.status_int)

    def test_other_services_versions_are_ignored(self):
        self.assertEqual({'version': '1.0'},
                         call('compute 2.90').json_body)

    def test_vary_is_added_to_the_apps_own(self):
        self.assertEqual('Accept, %s' % mv.HEADER, call().headers['Vary'])
        self.assertEqual(mv.HEADER, call(app=not_found).headers['Vary'])

    def test_error_responses_are_stamped_too(self):
        resp = call('artifact 1.1', app=not_found)
        self.assertEqual(404, resp.status_int)
        self.assertEqual('artifact 1.1', resp.headers[mv.HEADER])


class TestRejections(base.TestCase):
    def test_malformed_version_is_400(self):
        # Glare's grammar: a version 0.x or with leading zeros is not one.
        for header in ('artifact 1', 'artifact one.two', 'artifact 1.1.1',
                       'artifact -1.0', 'artifact 0.9', 'artifact 1.01'):
            resp = call(header)
            self.assertEqual(400, resp.status_int, header)
            self.assertEqual('application/json', resp.content_type)
            body = resp.json_body
            self.assertEqual('BadRequest', body['error']['type'])
            self.assertEqual('InvalidMicroversion',
                             body['errors'][0]['code'])
            self.assertIn('Invalid %s header' % mv.HEADER,
                          body['error']['message'])
            self.assertIn('"artifact X.Y"', body['error']['message'])
            self.assertEqual('artifact 1.0', resp.headers[mv.HEADER])

    def test_unsupported_version_is_406_with_the_range(self):
        for header in ('artifact 1.99', 'artifact 2.0'):
            resp = call(header)
            self.assertEqual(406, resp.status_int, header)
            body = resp.json_body
            self.assertEqual(mv.MIN_VERSION, body['min_version'])
            self.assertEqual(mv.MAX_VERSION, body['max_version'])
            # Glare's name; the API-WG code says it plainly.
            self.assertEqual('InvalidGlobalAPIVersion',
                             body['error']['type'])
            self.assertEqual('VersionNotSupported',
                             body['errors'][0]['code'])
            self.assertIn('this service supports %s to %s' % (
                mv.MIN_VERSION, mv.MAX_VERSION), body['error']['message'])
            self.assertIn(mv.HEADER, resp.headers['Vary'])
