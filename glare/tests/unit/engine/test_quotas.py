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

"""Quota names, values and configured defaults."""

from unittest import mock

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare.engine import quotas
from glare import exception
from glare.tests import base


class TestQuotaNames(base.TestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(base.Types({'images': images.Image,
                                    'all': all_type.All}))

    def test_global_and_per_type_names(self):
        self.assertEqual(('max_artifact_number', None),
                         quotas.check_name('max_artifact_number'))
        self.assertEqual(('max_uploaded_data', 'images'),
                         quotas.check_name('max_uploaded_data:images'))

    def test_bad_names_are_400_naming_them(self):
        for name in ('max_things', 'max_artifact_number:nosuch',
                     'max_uploaded_data:all', ''):
            exc = self.assertRaises(exception.BadRequest,
                                    quotas.check_name, name)
            self.assertIn(repr(name), exc.msg)

    def test_values_and_project_ids_no_column_holds_are_400(self):
        ctx = mock.Mock()
        for changes, fragment in (
                ({'p': {'max_uploaded_data': 2 ** 63}}, 'max_uploaded_data'),
                ({'p': {'max_artifact_number': -2}}, 'max_artifact_number'),
                ({'p' * 129: {'max_uploaded_data': 1}}, 'project_id'),
                ({'': {'max_uploaded_data': 1}}, 'project_id')):
            with mock.patch.object(quotas.db_quotas,
                                   'set_overrides') as write:
                exc = self.assertRaises(exception.BadRequest,
                                        quotas.set_quotas, ctx, changes)
            self.assertIn(fragment, exc.msg)
            write.assert_not_called()

    def test_defaults_come_from_the_configuration(self):
        self.flags(max_artifact_number=7, type_quotas=[
            'max_uploaded_data:images:1024', 'max_artifact_number:images:3'])
        self.assertEqual({'max_artifact_number': 7,
                          'max_uploaded_data': -1,
                          'max_uploaded_data:images': 1024,
                          'max_artifact_number:images': 3},
                         quotas.defaults())

    def test_a_malformed_type_quota_is_reported(self):
        self.flags(type_quotas=['max_uploaded_data:images'])
        exc = self.assertRaises(exception.GlareException, quotas.defaults)
        self.assertIn('max_uploaded_data:images', exc.msg)
