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

"""The unauthenticated versions document."""

import webob

from glare.api import microversion as mv
from glare.api import versions
from glare.tests import base


def call(path='/', method='GET'):
    req = webob.Request.blank(path, method=method,
                              base_url='http://glare.example:9494')
    return req.get_response(versions.show(req))


class TestVersions(base.TestCase):
    def test_document_lists_every_microversion(self):
        resp = call()
        self.assertEqual(300, resp.status_int)
        self.assertEqual('application/json', resp.content_type)
        docs = resp.json_body['versions']
        self.assertEqual(mv.VERSIONS, [d['version'] for d in docs])
        self.assertEqual(['v%s' % v for v in mv.VERSIONS],
                         [d['id'] for d in docs])
        for doc in docs:
            self.assertEqual(mv.MIN_VERSION, doc['min_version'])
            self.assertEqual([{'rel': 'self',
                               'href': 'http://glare.example:9494/'}],
                             doc['links'])

    def test_only_the_newest_is_current(self):
        docs = call().json_body['versions']
        self.assertEqual(['STABLE'] * (len(docs) - 1) + ['CURRENT'],
                         [d['status'] for d in docs])

    def test_head_has_no_body(self):
        resp = call(method='HEAD')
        self.assertEqual(300, resp.status_int)
        self.assertEqual(b'', resp.body)
