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

"""The secrets type as a user storing a key sees it."""

from glare.artifact_types import secrets
from glare import exception
from glare.tests import base

S = secrets.Secret


class TestSecret(base.TestCase):
    def test_fields(self):
        self.assertEqual('secrets', S.get_type_name())
        self.assertEqual(10000, S.field('payload').max_blob_size)
        self.assertEqual('opaque', S.field('secret_type').default)
        self.assertEqual('base64',
                         S.field('payload_content_encoding').default)

    def test_values_are_checked(self):
        for name, value in (('secret_type', 'other'), ('bit_length', 0),
                            ('payload_content_encoding', 'hex'),
                            ('expiration', 'tomorrow')):
            exc = self.assertRaises(exception.InvalidInput, S.coerce_field,
                                    name, value)
            self.assertIn(name, exc.msg)
