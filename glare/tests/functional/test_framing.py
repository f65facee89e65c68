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

"""Requests that break HTTP framing, sent to a real glare-api (gunicorn).

Invalid chunked encoding, and a body shorter than its Content-Length from
a client that then closes its side: each route that reads a body answers
400 in the JSON error shape, logs no traceback and changes nothing
(issue 19). Only a real server sees such bodies: test clients frame
every request correctly.
"""

import json
import socket

import requests

from glare.tests.functional import server

TOKEN = 'admin:admin:admin'
V11 = {'OpenStack-API-Version': 'artifact 1.1'}
LOCATION = 'application/vnd+openstack.glare-custom-location+json'


class TestBrokenFraming(server.ServerTestCase):
    server_options = {'auth_strategy': 'trusted'}

    def setUp(self):
        super().setUp()
        self.art = self.call('POST', '/artifacts/images',
                             json={'name': self.id()}).json()
        self.routes = {
            'create': ('POST', '/artifacts/images', 'application/json'),
            'patch': ('PATCH', '/artifacts/images/%s' % self.art['id'],
                      'application/json-patch+json'),
            'upload': ('PUT', '/artifacts/images/%s/image' % self.art['id'],
                       'application/octet-stream'),
            'location': ('PUT', '/artifacts/images/%s/image' %
                         self.art['id'], LOCATION),
            'quotas': ('PUT', '/quotas', 'application/json'),
        }
        self.log_start = self.server.log_length()

    def call(self, method, path, **kwargs):
        headers = dict(V11, **{'X-Auth-Token': TOKEN})
        headers.update(kwargs.pop('headers', {}))
        return requests.request(method, self.url + path, headers=headers,
                                timeout=30, **kwargs)

    def raw(self, method, path, headers, body):
        """Send bytes as they are, close our side, read the answer."""
        host, port = self.url.rsplit('/', 1)[1].rsplit(':', 1)
        lines = ['%s %s HTTP/1.1' % (method, path), 'Host: %s' % host,
                 'X-Auth-Token: %s' % TOKEN, 'Connection: close']
        lines += ['%s: %s' % item for item in dict(V11, **headers).items()]
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(('\r\n'.join(lines) + '\r\n\r\n').encode() + body)
            sock.shutdown(socket.SHUT_WR)
            answer = b''
            while True:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        head, _, payload = answer.partition(b'\r\n\r\n')
        status = int(head.split(b' ', 2)[1])
        return status, head.decode('latin-1'), payload

    def assertClientError(self, route, status, head, payload, *fragments):
        self.assertEqual(400, status, '%s: %s' % (route, payload))
        self.assertIn('Content-Type: application/json', head, route)
        message = json.loads(payload)['error']['message']
        for fragment in fragments:
            self.assertIn(fragment, message, route)

    def assertNothingChanged(self):
        listed = self.call('GET', '/artifacts/images').json()
        self.assertIn(self.art, listed['artifacts'])
        self.assertEqual(1, len([a for a in listed['artifacts']
                                 if a['name'] in (self.id(), 'x')]))
        quotas = self.call('GET', '/quotas').json()
        self.assertEqual([], quotas['quotas'])
        log = self.server.log_text().splitlines()[self.log_start:]
        self.assertEqual([], [line for line in log if 'Traceback' in line
                              or ' 500 ' in line or 'ERROR' in line])

    def test_invalid_chunked_encoding_is_400(self):
        for route, (method, path, content_type) in self.routes.items():
            status, head, payload = self.raw(
                method, path, {'Content-Type': content_type,
                               'Transfer-Encoding': 'chunked'},
                b'zz\r\n{"name": "x"}\r\n0\r\n\r\n')
            self.assertClientError(route, status, head, payload,
                                   'Invalid chunk size')
        self.assertNothingChanged()

    def test_body_shorter_than_its_length_is_400(self):
        for route, (method, path, content_type) in self.routes.items():
            status, head, payload = self.raw(
                method, path, {'Content-Type': content_type,
                               'Content-Length': '100'}, b'{"name": ')
            self.assertClientError(route, status, head, payload, 'body')
        self.assertNothingChanged()

    def test_form_bodies_on_create_are_415(self):
        for headers in ({'Content-Type': 'multipart/form-data'},
                        {'Content-Type': 'multipart/form-data; boundary=x'},
                        {'Content-Type': 'application/x-www-form-urlencoded'}):
            resp = self.call('POST', '/artifacts/images', headers=headers,
                             data=b'--x\r\nname=x')
            self.assertEqual(415, resp.status_code, resp.text)
            self.assertIn('application/json',
                          resp.json()['error']['message'])
        resp = self.call('POST', '/artifacts/images',
                         files={'name': ('name', b'x')})
        self.assertEqual(415, resp.status_code, resp.text)
        self.assertNothingChanged()
