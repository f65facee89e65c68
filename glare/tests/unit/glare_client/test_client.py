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

"""Helpers of the SDK client.

Its requests are tested against a real glare-api in
glare/tests/functional/test_sdk.py.
"""

import testtools

from glare_client import client


class TestHelpers(testtools.TestCase):
    def test_filter_params(self):
        self.assertEqual([], client.filter_params(None))
        self.assertEqual(
            [('name', 'x'), ('version', 'gte:1.0'), ('version', 'lt:2.0')],
            client.filter_params({'name': 'x',
                                  'version': ['gte:1.0', 'lt:2.0']}))
        self.assertEqual([('tags', 'a'), ('min_ram', '5')],
                         client.filter_params([('tags', 'a'),
                                               ('min_ram', 5)]))

    def test_next_marker(self):
        self.assertEqual('abc', client.next_marker(
            '/artifacts/images?name=a%26b&limit=2&marker=abc'))
        self.assertIsNone(client.next_marker('/artifacts/images?limit=2'))
        self.assertIsNone(client.next_marker(None))

    def test_blob_of(self):
        blob = {'size': 1}
        self.assertEqual(blob, client.blob_of({'image': blob}, 'image'))
        self.assertEqual(blob, client.blob_of(
            {'files': {'a/b.yaml': blob}}, 'files/a/b.yaml'))
        self.assertIsNone(client.blob_of({'image': None}, 'image'))
        self.assertIsNone(client.blob_of({}, 'files/x'))

    def test_quota_dict_reads_list_and_dict_shapes(self):
        listed = [{'project_id': 'p1', 'project_quotas': [
            {'quota_name': 'max_artifact_number', 'quota_value': 5}]}]
        expected = {'p1': {'max_artifact_number': 5}}
        self.assertEqual(expected, client.quota_dict(listed))
        self.assertEqual(expected, client.quota_dict({'quotas': listed}))
        self.assertEqual(expected, client.quota_dict(
            {'quotas': {'p1': {'max_artifact_number': 5}}}))
