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

"""Reading JSON bodies and the small response helpers."""

import io
from unittest import mock

import webob

from glare.api import http
from glare import exception
from glare.tests import base

JSON = ('application/json',)


def request(body, content_type='application/json', method='POST'):
    req = webob.Request.blank('/artifacts/images', method=method)
    if content_type:
        req.content_type = content_type
    req.body = body
    return req


class TestReadJson(base.TestCase):
    def test_reads_the_body(self):
        self.assertEqual({'name': 'é'}, http.read_json(
            request('{"name": "é"}'.encode('utf-8')), JSON))

    def test_other_content_type_is_415_naming_both(self):
        exc = self.assertRaises(exception.UnsupportedMediaType,
                                http.read_json,
                                request(b'{}', 'text/plain'),
                                ('application/json-patch+json',))
        self.assertEqual(415, exc.code)
        self.assertIn('text/plain', exc.msg)
        self.assertIn('application/json-patch+json', exc.msg)
        exc = self.assertRaises(exception.UnsupportedMediaType,
                                http.read_json, request(b'{}', None), JSON)
        self.assertIn('(none)', exc.msg)

    def test_malformed_json_is_400(self):
        for body in (b'{', b'\xff\xfe', b''):
            exc = self.assertRaises(exception.MalformedJson,
                                    http.read_json, request(body), JSON)
            self.assertEqual(400, exc.code)
            self.assertIn('The request body is not valid JSON', exc.msg)

    def test_deeply_nested_json_is_400_not_500(self):
        exc = self.assertRaises(exception.MalformedJson, http.read_json,
                                request(b'[' * 100000 + b']' * 100000),
                                JSON)
        self.assertIn('nested too deeply', exc.msg)


class BrokenStream:
    """A WSGI input whose server reports broken framing when read."""

    def read(self, size=-1):
        raise ValueError('Invalid chunk size: 7a7a')

    readline = read


class TestReadBody(base.TestCase):
    def test_broken_framing_is_400_naming_the_server_error(self):
        req = request(b'{}')
        req.body_file_raw = BrokenStream()
        req.is_body_seekable = False
        del req.environ['CONTENT_LENGTH']
        # What a server that de-chunks the body says (gunicorn).
        req.environ['wsgi.input_terminated'] = True
        for size in (None, 10):
            exc = self.assertRaises(exception.UnreadableBody,
                                    http.read_body, req, size)
            self.assertEqual(400, exc.code)
            self.assertIn('Invalid chunk size', exc.msg)

    def test_a_client_gone_before_content_length_is_400(self):
        req = request(b'')
        req.body_file_raw = io.BytesIO(b'{"name": ')
        req.is_body_seekable = False
        req.environ['CONTENT_LENGTH'] = '100'
        exc = self.assertRaises(exception.UnreadableBody, http.read_json,
                                req, JSON)
        self.assertIn('could not be read', exc.msg)

    def test_size_limits_keep_their_own_error(self):
        req = request(b'{}')
        req.body_file_raw = mock.Mock(read=mock.Mock(
            side_effect=exception.RequestEntityTooLarge()))
        self.assertRaises(exception.RequestEntityTooLarge, http.read_body,
                          req, 10)

    def test_form_bodies_are_never_parsed(self):
        req = http.Request.blank('/artifacts/images', method='POST',
                                 content_type='multipart/form-data',
                                 body=b'--x\r\nno boundary')
        self.assertEqual({}, dict(req.POST))
        self.assertEqual({}, dict(req.params))


class TestResponses(base.TestCase):
    def test_json_response(self):
        resp = http.json_response({'a': 1}, status=201,
                                  headers={'Location': '/x'})
        self.assertEqual(201, resp.status_int)
        self.assertEqual({'a': 1}, resp.json_body)
        self.assertEqual('/x', resp.headers['Location'])

    def test_empty_response_has_no_content_type(self):
        resp = http.empty_response()
        self.assertEqual(204, resp.status_int)
        self.assertNotIn('Content-Type', resp.headers)
        self.assertEqual(b'', resp.body)

    def test_method_not_allowed_lists_the_methods(self):
        req = webob.Request.blank('/schemas', method='DELETE')
        exc = http.method_not_allowed(req, ['GET', 'HEAD'])
        self.assertEqual(405, exc.code)
        self.assertEqual({'Allow': 'GET, HEAD'}, exc.headers)
        self.assertEqual('Method DELETE is not allowed for /schemas; '
                         'allowed: GET, HEAD.', exc.msg)


class TestRequest(base.TestCase):
    def test_form_bodies_are_never_read_behind_a_handlers_back(self):
        # Blob data may come with any content type, form ones included.
        req = http.Request.blank('/artifacts/images/a/image?x=1',
                                 method='PUT', POST={'k': 'v'})
        req.content_type = 'application/x-www-form-urlencoded'
        self.assertEqual({}, dict(req.POST))
        self.assertEqual({'x': '1'}, dict(req.params))
        self.assertEqual(b'k=v', req.body_file_raw.read())

    def test_context_is_the_callers(self):
        req = http.Request.blank('/')
        req.environ['glare.context'] = marker = object()
        self.assertIs(marker, req.context)
